"""Mentions of curated entities, and discovery of programs the vocabulary does not know."""

from __future__ import annotations

from graph.build import Graph
from graph.model import PROGRAM, Clause, PlanExtraction
from loaders.mentions import find_mentions
from loaders.pipeline import extract_file, extract_text
from loaders.vocabulary import Matcher, Vocabulary
from tests.conftest import FIXTURE_PLANS, by_prefix


def _discovered(body: str) -> dict[str, tuple[str, ...]]:
    x = extract_text(f"河南省就业促进规划\n一、主要任务\n{body}\n".encode(), source="t.txt")
    return {e.name: e.aliases for e in x.discovered if e.label == PROGRAM and not e.curated}


def test_quoted_brands_and_launched_schemes_are_discovered() -> None:
    found = _discovered(
        "打造“豫菜师傅”劳务品牌。实施“人人持证”技能培训工程。要实施园区帮工计划，做好服务。"
    )
    assert found == {
        "豫菜师傅": ("豫菜师傅劳务品牌",),
        "“人人持证”技能培训工程": ("人人持证技能培训工程",),
        "园区帮工计划": (),
    }


def test_known_programs_money_words_and_generic_phrases_are_not_discovered() -> None:
    assert (
        _discovered("实施“三支一扶”计划。加大“以奖代补”支持力度。实施一批重大工程。开展专项行动。")
        == {}
    )


def test_a_quoted_period_is_no_program() -> None:
    """《“十四五”就业促进专项规划》 names when it runs, not a 就业促进专项 program."""
    assert _discovered("根据《河南省“十四五”就业促进专项规划》，实施“十四五”就业促进专项。") == {}
    assert _discovered("实施“中原快递”专项。") == {"“中原快递”专项": ("中原快递专项",)}


def test_box_items_are_discovered_once_with_or_without_quotes(
    extractions: dict[str, PlanExtraction],
) -> None:
    x = by_prefix(extractions, "002")
    names = [e.name for e in x.discovered if e.label == PROGRAM]
    assert "“渝创渝新”创业促进就业工程" in names
    assert "渝创渝新创业促进就业工程" not in names
    assert len(names) == len(set(names))


def test_discovered_programs_enter_the_graph_uncurated(graph: Graph) -> None:
    node = graph.nodes.get("program:yuan-qu-bang-gong-ji-hua")
    assert node is not None and node["curated"] is False and node["kind"] == "program"


def test_sichuan_regional_brand_is_found() -> None:
    x = extract_file(FIXTURE_PLANS / "sichuan_2022.txt")
    names = {e.name for e in x.discovered}
    assert {"川字号", "“天府工匠”培养工程"} <= names


def test_a_group_inside_a_longer_word_is_no_mention(vocabulary: Vocabulary) -> None:
    """农民工 is not in 农民工资性收入 (farmers' wage income), but it is in 返乡农民工."""
    matcher = Matcher(vocabulary.entities)
    wages, returning = (
        Clause(f"c{i}", "s", text, i, 0, len(text), 0)
        for i, text in enumerate(["农民工资性收入稳步增长", "支持返乡农民工创业"])
    )
    assert "group:nong-min-gong" not in {m.entity_id for m in find_mentions([wages], matcher)}
    assert "group:nong-min-gong" in {m.entity_id for m in find_mentions([returning], matcher)}
