"""The agreement figures the lineage gold's README and the README report
(scripts/lineage_agreement.py): a change to either annotation shows here."""

from __future__ import annotations

import pytest

from scripts.lineage_agreement import agreements, kappa

PUBLISHED = {  # file → (clauses both labelled, the same label or class, κ)
    "align_001_bayannur.yaml": (41, 40, 0.96),
    "align_09_suzhou.yaml": (50, 45, 0.86),
    "align_hami_pair.yaml": (43, 42, 0.96),
    "align_foshan_pair.yaml": (38, 37, 0.96),
    "align_qiqihar_pair.yaml": (34, 34, 1.00),
    "align_qujing_pair.yaml": (65, 60, 0.87),
    "instruments.yaml": (84, 80, 0.92),
    "instruments_2.yaml": (53, 48, 0.84),
    "instruments_3.yaml": (55, 55, 1.00),
    "instruments_4.yaml": (54, 53, 0.97),
}


def test_kappa_discounts_the_agreement_expected_by_chance() -> None:
    assert kappa([("a", "a"), ("a", "a"), ("b", "b"), ("a", "b")]) == pytest.approx(0.5)
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    assert kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="one item or more"):
        kappa([])


def test_every_second_annotation_agrees_with_its_first_as_published() -> None:
    found = {a.name: (a.clauses, a.same, round(a.kappa, 2)) for a in agreements()}
    assert found == PUBLISHED
