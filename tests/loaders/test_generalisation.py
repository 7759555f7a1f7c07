"""Plans beyond the five: a GB18030 provincial plan with another heading style and table shape."""

from __future__ import annotations

from loaders.pipeline import extract_file, extract_text
from tests.conftest import FIXTURE_PLANS, PLANS_DIR

SICHUAN = FIXTURE_PLANS / "sichuan_2022.txt"


def test_sichuan_is_read_as_gb18030_and_resolved_through_the_gazetteer() -> None:
    x = extract_file(SICHUAN)
    assert x.encoding == "gb18030"
    assert x.meta.region_code == "510000"


def test_sichuan_tab_separated_table_gives_main_targets_with_baselines() -> None:
    x = extract_file(SICHUAN)
    table_targets = [t for t in x.targets if t.main and t.evidence.count("|") >= 2]
    assert len(table_targets) >= 8
    new_jobs = next(
        t for t in table_targets if t.indicator_id == "indicator:cheng-zhen-xin-zeng-jiu-ye"
    )
    assert (new_jobs.value, new_jobs.unit, new_jobs.scope, new_jobs.normalized_value) == (
        500,
        "万人",
        "cumulative",
        5_000_000,
    )
    assert new_jobs.baseline_value is not None and new_jobs.attribute == "预期性"


def test_sichuan_outline_nests_three_heading_levels_and_boxes() -> None:
    x = extract_file(SICHUAN)
    levels = {s.level for s in x.sections if s.kind == "section"}
    assert {1, 2, 3} <= levels
    assert any(s.kind == "box" and s.heading and s.heading.startswith("专栏1") for s in x.sections)


def test_facts_do_not_depend_on_the_file_name() -> None:
    data = (PLANS_DIR / "003_0dc92ecbe2a20814.txt").read_bytes()
    a, b = (
        extract_text(data, source="003_0dc92ecbe2a20814.txt"),
        extract_text(data, source="anything.txt"),
    )
    assert a.meta == b.meta
    assert a.targets == b.targets and a.fundings == b.fundings and a.mentions == b.mentions
