"""Plan metadata against the gold annotations: stated values found, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import RegionNotFound
from loaders.gold import read_gold
from loaders.normalize import normalise_fragment
from loaders.pipeline import extract_file, extract_text
from tests.conftest import GOLD_DIR, plan_path

FIELDS = ("title", "region_code", "kind", "issuer", "doc_number", "issued_on", "period_start", "period_end")


SEED_AND_FIXTURE_GOLD = [f for f in sorted(GOLD_DIR.glob("*.yaml")) if read_gold(f)["set"] in ("seeds", "fixtures")]
"""The corpus's metadata is scored field by field in the quality report (column ``meta``)."""


@pytest.mark.parametrize("gold_file", SEED_AND_FIXTURE_GOLD, ids=lambda p: p.stem)
def test_metadata_matches_the_gold(gold_file: Path) -> None:
    gold = read_gold(gold_file)
    meta = extract_file(plan_path(gold["plan"])).meta
    expected = {k: gold["metadata"].get(k) for k in FIELDS}
    expected["title"] = normalise_fragment(expected["title"])
    assert {k: getattr(meta, k) for k in FIELDS} == expected


def test_the_region_comes_from_the_text_not_the_file_name() -> None:
    text = "甘肃省“十四五”就业促进规划\n一、总体要求\n城镇新增就业150万人以上。\n".encode()
    x = extract_text(text, source="510000_sichuan.txt")
    assert x.meta.region_code == "620000"


def test_a_plan_naming_no_known_region_is_rejected_with_its_line() -> None:
    with pytest.raises(RegionNotFound, match=r"^nowhere\.txt:1: no region"):
        extract_text("某某就业促进规划\n一、总体要求\n".encode(), source="nowhere.txt")


def test_unstated_metadata_stays_empty() -> None:
    x = extract_text("甘肃省就业促进工作要点\n一、总体要求\n做好就业工作。\n".encode(), source="x.txt")
    assert (x.meta.issuer, x.meta.doc_number, x.meta.issued_on, x.meta.period_start) == (None, None, None, None)
