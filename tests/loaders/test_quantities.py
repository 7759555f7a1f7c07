"""Numbers as written → value, unit, comparator and a normalised value."""

from __future__ import annotations

import pytest

from loaders.quantities import first_quantity, normalised, parse_cell
from loaders.vocabulary import Vocabulary


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
    ],
)
def test_prose_quantities(text: str, value: float, unit: str, comparator: str) -> None:
    q = first_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.comparator) == (value, unit, comparator)


@pytest.mark.parametrize(
    ("cell", "value", "comparator", "bracketed", "starred"),
    [
        ("【300】", 300, "=", True, False),
        ("<5.5", 5.5, "<", False, False),
        (">67", 67, ">", False, False),
        ("50.3*", 50.3, "=", False, True),
        ("高于gdp增长", None, "text", False, False),
    ],
)
def test_table_cells(cell: str, value: float | None, comparator: str, bracketed: bool, starred: bool) -> None:
    q = parse_cell(cell, "%")
    assert q is not None
    assert (q.value, q.comparator, q.bracketed, q.starred, q.unit) == (value, comparator, bracketed, starred, "%")


@pytest.mark.parametrize("cell", ["——", "", "-", "/"])
def test_empty_cells_are_no_quantity(cell: str) -> None:
    assert parse_cell(cell) is None


def test_normalised_values_follow_the_units_file(vocabulary: Vocabulary) -> None:
    assert normalised(37.5, "万人", vocabulary.units) == (375000, "persons")
    assert normalised(2, "万元", vocabulary.units) == (20000, "yuan")
    assert normalised(375, "万人次", vocabulary.units) == (3750000, "person_times")
    assert normalised(5.5, "%", vocabulary.units) == (5.5, "percent")
    assert normalised(3, "棵", vocabulary.units) == (None, None)
