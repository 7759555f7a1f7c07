"""Plan metadata against the gold annotations: stated values found, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.gold import METADATA_FIELDS, read_gold
from graph.errors import RegionNotFound
from loaders.normalize import normalise_fragment
from loaders.pipeline import extract_file, extract_text
from tests.conftest import GOLD_DIR, plan_path

SEED_AND_FIXTURE_GOLD = [
    f for f in sorted(GOLD_DIR.glob("*.yaml")) if read_gold(f)["set"] in ("seeds", "fixtures")
]
"""The corpus's metadata is scored field by field in the quality report (column ``meta``)."""


@pytest.mark.parametrize("gold_file", SEED_AND_FIXTURE_GOLD, ids=lambda p: p.stem)
def test_metadata_matches_the_gold(gold_file: Path) -> None:
    gold = read_gold(gold_file)
    meta = extract_file(plan_path(gold["plan"])).meta
    expected = {k: gold["metadata"].get(k) for k in METADATA_FIELDS}
    expected["title"] = normalise_fragment(expected["title"])
    assert {k: getattr(meta, k) for k in METADATA_FIELDS} == expected


def test_the_region_comes_from_the_text_not_the_file_name() -> None:
    text = "甘肃省“十四五”就业促进规划\n一、总体要求\n城镇新增就业150万人以上。\n".encode()
    x = extract_text(text, source="510000_sichuan.txt")
    assert x.meta.region_code == "620000"


def test_a_plan_naming_no_known_region_is_rejected_with_its_line() -> None:
    with pytest.raises(RegionNotFound, match=r"^nowhere\.txt:1: no region"):
        extract_text("某某就业促进规划\n一、总体要求\n".encode(), source="nowhere.txt")


def test_unstated_metadata_stays_empty() -> None:
    x = extract_text(
        "甘肃省就业促进工作要点\n一、总体要求\n做好就业工作。\n".encode(), source="x.txt"
    )
    assert (x.meta.issuer, x.meta.doc_number, x.meta.issued_on, x.meta.period_start) == (
        None,
        None,
        None,
        None,
    )


def _meta(text: str) -> object:
    return extract_text(text.encode(), source="t.txt").meta


def test_the_own_number_not_a_cited_parents_nor_a_table_of_contents() -> None:
    cited = "遵义市“十四五”稳就业促增收实施方案\n（遵府办发〔2021〕86号）\n根据《贵州省“十四五”就业促进规划》（黔府办发〔2021〕30号），制定本方案。\n一、总体要求\n"
    assert _meta(cited).doc_number == "遵府办发〔2021〕86号"
    gazette = (
        "河南省人民政府公报\n本期目录\n河南省人民政府关于印发河南省“十四五”服务业规划的通知（豫政〔2021〕61号）\n"
        "河南省人民政府\n关于印发河南省“十四五”就业促进规划的通知\n豫政〔2021〕63号\n一、总体要求\n"
    )
    meta = _meta(gazette)
    assert (meta.doc_number, meta.title) == ("豫政〔2021〕63号", "河南省“十四五”就业促进规划")


def test_a_field_at_the_end_wins_and_related_links_are_not_the_documents() -> None:
    text = (
        "赣州市“十四五”促进就业实施方案\n为贯彻落实《江西省“十四五”就业促进规划》（赣府发〔2021〕27号），制定本方案。\n"
        "一、总体要求\n做好就业工作。\n相关链接：\n关于印发某方案的通知（赣市府办发〔2020〕1号）\n"
        "【信息来源：赣州市人民政府办公室 文号：赣市府办发〔2022〕9号 发布日期：2022-03-16】\n"
    )
    assert _meta(text).doc_number == "赣市府办发〔2022〕9号"


def test_an_interpretation_is_known_by_its_text_and_names_its_plans_number() -> None:
    text = (
        "五年城镇新增就业350万人以上——负责同志解读《湖北省就业促进“十四五”规划》\n"
        "日前，省政府办公厅印发《湖北省就业促进“十四五”规划》（鄂政办发〔2021〕55号，以下简称《规划》）。\n问：背景？\n"
    )
    meta = _meta(text)
    assert (meta.kind, meta.doc_number) == ("interpretation", "鄂政办发〔2021〕55号")


def test_issue_dates_in_their_published_forms() -> None:
    assert (
        _meta(
            "江苏省就业促进规划\n（苏政办发〔2021〕78号 2021年11月3日）\n一、总体要求\n"
        ).issued_on
        == "2021-11-03"
    )
    assert (
        _meta(
            "河南省就业促进规划\n河南省人民政府\n二〇二一年十二月三十一日\n一、总体要求\n"
        ).issued_on
        == "2021-12-31"
    )
    assert (
        _meta("广东省促进就业规划\n广东省人民政府\n2021年12月\n一、总体要求\n").issued_on
        == "2021-12"
    )
    assert (
        _meta(
            "黑龙江省就业促进规划\n成文日期：2021年12月20日\n发布日期：2021-12-27\n一、总体要求\n"
        ).issued_on
        == "2021-12-20"
    )


def test_an_action_plan_and_joint_issuers() -> None:
    meta = _meta(
        "安徽省“创业江淮”行动计划（2021—2025年）\n广东省人力资源和社会保障厅广东省发展和改革委员会\n一、总体要求\n"
    )
    assert meta.kind == "action_plan"
    assert meta.issuer == "广东省人力资源和社会保障厅、广东省发展和改革委员会"


def test_a_title_without_a_region_takes_the_issuers() -> None:
    meta = _meta(
        "“创业江淮”行动计划（2021—2025年）\n安徽省人民政府办公厅\n2021年6月11日\n一、总体要求\n"
    )
    assert (meta.region_code, meta.period_end, meta.issued_on) == ("340000", 2025, "2021-06-11")
