"""The agreement figures the lineage gold's README reports (scripts/lineage_agreement.py)."""

from __future__ import annotations

import pytest

from scripts.lineage_agreement import LINEAGE, alignment, instruments, kappa


def test_kappa_discounts_the_agreement_expected_by_chance() -> None:
    assert kappa([("a", "a"), ("a", "a"), ("b", "b"), ("a", "b")]) == pytest.approx(0.5)
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    assert kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)


def test_every_second_annotation_is_compared_with_its_first() -> None:
    for second in sorted((LINEAGE / "second").glob("*.yaml")):
        compare = instruments if second.name.startswith("instruments") else alignment
        line = compare(LINEAGE / second.name, second)
        assert line.startswith(second.name) and "κ" in line
