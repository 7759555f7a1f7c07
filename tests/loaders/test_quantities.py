"""Numbers as written → value, unit, comparator and a normalised value."""

from __future__ import annotations

import pytest

from loaders.quantities import Quantity, normalised, parse_cell, quantities
from loaders.vocabulary import Vocabulary


def first_quantity(text: str) -> Quantity | None:
    return next((q for _, _, q in quantities(text)), None)


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("城镇新增就业100万人以上", 100, "万人", ">="),
        ("控制在5.5%以内", 5.5, "%", "<="),
        ("6%左右", 6, "%", "~"),
        ("不低于90%", 90, "%", ">="),
        ("达到153.7万人", 153.7, "万人", "="),
        ("375万人次以上", 375, "万人次", ">="),
        ("提高5个百分点", 5, "个百分点", "="),
        # the corpus's comparators, Chinese numerals and spaced units
        ("城镇登记失业率低于4%", 4, "%", "<"),
        ("人才资源总量突破300万人", 300, "万人", "="),
        ("仲裁结案率≧95%", 95, "%", ">="),
        ("调查失业率＜5.5%", 5.5, "%", "<"),
        ("不超过4.5%", 4.5, "%", "<="),
        ("高于90%", 90, "%", ">"),
        ("力争劳务品牌带动就业达到三十万人", 30, "万人", "="),
        ("新增取得职业技能等级证书人员五万人", 5, "万人", "="),
        ("比重提高两个百分点", 2, "个百分点", "="),
        ("城镇新增就业 35 万人", 35, "万人", "="),
        ("年均增长 6.5 % 左右", 6.5, "%", "~"),
    ],
)
def test_prose_quantities(text: str, value: float, unit: str, comparator: str) -> None:
    q = first_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.comparator) == (value, unit, comparator)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("返乡创业3—5万人", 3, 5, "万人"),
        ("年均带动就业15—20万人", 15, 20, "万人"),
        ("用工40-50万人次", 40, 50, "万人次"),
    ],
)
def test_ranges_give_low_and_high(text: str, low: float, high: float, unit: str) -> None:
    q = first_quantity(text)
    assert q is not None
    assert (q.value, q.high, q.unit, q.comparator) == (low, high, unit, "range")


@pytest.mark.parametrize(
    "text",
    [
        "第十四个五年规划", "锚定“两个确保”", "实行“一户一档”", "五年来", "较2020年", "连续三年",
        "辐射带动100万人才参赛",  # a million talents (人才), not a million people (人) and 才
    ],
)  # fmt: skip
def test_words_and_years_are_not_quantities(text: str) -> None:
    assert first_quantity(text) is None


@pytest.mark.parametrize(
    ("cell", "value", "comparator", "bracketed", "starred"),
    [
        ("【300】", 300, "=", True, False),
        ("<5.5", 5.5, "<", False, False),
        (">67", 67, ">", False, False),
        ("50.3*", 50.3, "=", False, True),
        ("高于gdp增长", None, "text", False, False),
        ("[500]", 500, "=", True, False),
        ("〔550%以上〕", 550, ">=", True, False),
        ("＜5", 5, "<", False, False),
        ("≥95", 95, ">=", False, False),
        ("不低于60", 60, ">=", False, False),
        ("5.5以内", 5.5, "<=", False, False),
    ],
)
def test_table_cells(
    cell: str, value: float | None, comparator: str, bracketed: bool, starred: bool
) -> None:
    q = parse_cell(cell, "%")
    assert q is not None
    assert (q.value, q.comparator, q.bracketed, q.starred, q.unit) == (
        value,
        comparator,
        bracketed,
        starred,
        "%",
    )


def test_a_cell_with_wan_under_a_person_times_header_is_wan_person_times() -> None:
    q = parse_cell("[1.2万]", "人次")
    assert q is not None and (q.value, q.unit, q.bracketed) == (1.2, "万人次", True)


def test_a_unit_inside_the_cell_wins_over_the_column() -> None:
    q = parse_cell("550万人以上", None)
    assert q is not None and (q.value, q.unit, q.comparator) == (550, "万人", ">=")


@pytest.mark.parametrize("cell", ["——", "", "-", "/"])
def test_empty_cells_are_no_quantity(cell: str) -> None:
    assert parse_cell(cell) is None


def test_normalised_values_follow_the_units_file(vocabulary: Vocabulary) -> None:
    assert normalised(37.5, "万人", vocabulary.units) == (375000, "persons")
    assert normalised(2, "万元", vocabulary.units) == (20000, "yuan")
    assert normalised(375, "万人次", vocabulary.units) == (3750000, "person_times")
    assert normalised(5.5, "%", vocabulary.units) == (5.5, "percent")
    assert normalised(3, "棵", vocabulary.units) == (None, None)


def test_an_empty_bracketed_cell_is_no_quantity() -> None:
    assert parse_cell("【】") is None
