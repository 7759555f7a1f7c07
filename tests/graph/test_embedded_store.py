"""The embedded store answers the named queries from the in-memory graph: the flagship question,
statistics, declared columns and region exports."""

from __future__ import annotations

from typing import Any

import pytest

from evaluation.gold import read_gold
from graph.build import Graph
from graph.embedded_store import EmbeddedStore
from graph.export import graph_from_store
from graph.questions import QUESTIONS, ClauseSearch, GraphStats, Question, RegionsForProgram
from graph.schema import LINEAGE
from loaders.normalize import normalise_fragment
from tests.conftest import GOLD_DIR, PLANS_DIR
from tests.graph.golden import golden_key, read_golden
from tests.graph.query_cases import cases, plan_ids

FLAGSHIP = "program:fan-xiang-ru-xiang-chuang-ye-yuan"
ALIASES = {"返乡入乡创业园", "返乡创业园", "入乡返乡创业园"}


def _gold_funders() -> set[str]:
    """Regions whose plans, by the gold annotations, commit money to 返乡入乡创业园."""
    regions = set()
    for gold_file in GOLD_DIR.glob("*.yaml"):
        gold = read_gold(gold_file)
        if (PLANS_DIR / gold["plan"]).exists() and any(
            normalise_fragment(f["program"]) in ALIASES for f in gold.get("funds") or []
        ):
            regions.add(gold["metadata"]["region_code"])
    return regions


def test_which_regions_fund_the_return_home_business_parks(
    graph: Graph, seeds_store: EmbeddedStore
) -> None:
    """The flagship question: the plans that commit money, with their quotes — not those that only build it."""
    rows = seeds_store.ask(RegionsForProgram(program_id=FLAGSHIP, relation="FUNDS"))
    funders = {row.region_code for row in rows}
    assert funders == _gold_funders() == {"150000", "620000"}
    for row in rows:
        clause = graph.nodes[row.clause_id]
        assert row.evidence in clause["text"]
        assert row.plan_title and row.section_path
    covering = {
        graph.nodes[src]["region_code"]
        for src, _, a in graph.in_edges(FLAGSHIP, data=True)
        if a["type"] == "COVERS"
    }
    assert covering - funders >= {"500000", "640000"}, (
        "plans that only build or mention it are left out"
    )


def test_stats_count_every_node_and_relationship(graph: Graph, seeds_store: EmbeddedStore) -> None:
    rows = seeds_store.ask(GraphStats())
    counts = {(row.kind, row.name): row.count for row in rows}
    assert sum(n for (kind, _), n in counts.items() if kind == "node") == graph.number_of_nodes()
    # Beside the plans' own relationships, the store aligned 巴彦淖尔 with 内蒙古 (ECHOES) and
    # found clauses shared between regions (REUSES).
    assert counts[("relationship", "ECHOES")] > 0 and counts[("relationship", "REUSES")] > 0
    assert (
        sum(
            n
            for (kind, name), n in counts.items()
            if kind == "relationship" and name not in LINEAGE
        )
        == graph.number_of_edges()
    )
    assert counts[("node", "Plan")] == 5 and counts[("node", "Region")] == 6


@pytest.mark.parametrize("spec", QUESTIONS, ids=lambda spec: spec.name)
def test_every_question_is_answered_with_rows_of_its_shape(
    graph: Graph, seeds_store: EmbeddedStore, spec: type[Question[Any]]
) -> None:
    answered = [
        seeds_store.ask(question)
        for question in cases(plan_ids(graph))
        if isinstance(question, spec)
    ]
    assert any(answered), spec.name
    assert all(isinstance(row, spec.row) for rows in answered for row in rows)


def test_every_answer_is_the_golden_answer_neo4j_gave(
    graph: Graph, seeds_store: EmbeddedStore
) -> None:
    """The embedded store against Neo4j's answers, checked in by the Neo4j suite (tests/graph/golden.py)."""
    golden = read_golden()
    for question in cases(plan_ids(graph)):
        key = golden_key(question)
        assert key in golden, f"no golden answer for {key}: run the Neo4j tests to write it"
        assert [row.model_dump(mode="json") for row in seeds_store.ask(question)] == golden[key], (
            key
        )


@pytest.mark.parametrize(
    "question",
    [
        ClauseSearch(terms=["就业"]),
        RegionsForProgram(program_id="program:ling-gong-shi-chang", relation="COVERS"),
    ],
    ids=lambda question: question.name,
)
def test_a_page_is_cut_and_counted_by_the_store(
    seeds_store: EmbeddedStore, question: Question[Any]
) -> None:
    """Whether the store cuts the page (LIMIT appended) or the question's SQL does (:skip, :limit)."""
    everything = seeds_store.ask(question)
    assert len(everything) >= 5
    for offset, limit in ((1, 2), (0, 2), (0, len(everything) + 1)):
        page = seeds_store.ask_page(question, offset=offset, limit=limit)
        assert page.total == len(everything)
        assert page.rows == everything[offset : offset + limit]
    beyond = seeds_store.ask_page(question, offset=len(everything), limit=7)
    assert beyond.rows == [] and beyond.total == len(everything)


def test_a_region_export_keeps_its_plans_and_what_they_touch(seeds_store: EmbeddedStore) -> None:
    part = graph_from_store(seeds_store, "620000")
    plans = {a["region_code"] for _, a in part.nodes(data=True) if a["labels"] == ("Plan",)}
    assert plans == {"620000"}
    assert {"region:620000", "region:100000", FLAGSHIP} <= set(part)
    assert all(
        a["type"] != "SERVES" or a["plan_id"] in part for *_, a in part.edges(keys=True, data=True)
    )
