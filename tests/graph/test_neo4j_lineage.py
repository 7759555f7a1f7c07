"""Lineage in Neo4j is kept in the load's transaction (a bulk load's chunks leave it pending for
its last): a plan loaded before its parent is aligned once the parent arrives, a replaced parent
realigns its children, and the answers are the embedded store's, which computes lineage over all
the plans at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.coverage import lineage_coverage
from graph.catalog import Catalog
from graph.embedded_store import EmbeddedStore
from graph.errors import StoreNewer, StoreOutdated
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.questions import (
    LineageInnovations,
    LineageSummary,
    PlanLineage,
    Plans,
    Question,
    ReuseMatrix,
    ReusePairs,
)
from graph.settings import Settings
from loaders.pipeline import build_knowledge_graph, extract_text
from tests.conftest import PLANS_DIR, by_prefix, plan_graphs

pytestmark = pytest.mark.neo4j


def _load(store: Neo4jStore, *plans: PlanExtraction) -> None:
    for x in plans:
        store.load_plan(build_knowledge_graph([x]), plan_id=x.id, source=x.source)


def _same_answers(store: Neo4jStore, plans: list[PlanExtraction], child_id: str) -> None:
    embedded = EmbeddedStore.from_graph(build_knowledge_graph(plans))
    questions: list[Question[Any]] = [
        PlanLineage(plan_id=child_id),
        LineageInnovations(plan_id=child_id),
        LineageSummary(),
        ReusePairs(),
        ReuseMatrix(),
    ]
    for question in questions:
        assert store.ask(question) == embedded.ask(question), question


def test_a_child_loaded_first_is_aligned_when_its_parent_arrives(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    bayannur, inner_mongolia = by_prefix(extractions, "001"), by_prefix(extractions, "000")
    chongqing = by_prefix(extractions, "002")
    _load(neo4j_store, bayannur, chongqing)
    assert neo4j_store.ask(PlanLineage(plan_id=bayannur.id)) == []
    _load(neo4j_store, inner_mongolia)
    (summary,) = [r for r in neo4j_store.ask(LineageSummary()) if r.plan_id == bayannur.id]
    assert summary.parents == [inner_mongolia.id] and summary.echo + summary.elaboration > 0
    _same_answers(neo4j_store, [bayannur, chongqing, inner_mongolia], bayannur.id)


def _chunk(store: Neo4jStore, *plans: PlanExtraction) -> None:
    """One transaction of a bulk load: lineage left for the load's end."""
    store.load_plans(plan_graphs(plans), lineage=False)


def test_a_bulk_load_computes_lineage_once_after_its_last_chunk_and_says_so_before(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    bayannur, inner_mongolia = by_prefix(extractions, "001"), by_prefix(extractions, "000")
    chongqing = by_prefix(extractions, "002")
    _chunk(neo4j_store, bayannur)
    _chunk(neo4j_store, inner_mongolia, chongqing)
    assert all(row.lineage_pending for row in neo4j_store.ask(Plans()))
    assert not any(r.echo + r.elaboration + r.local for r in neo4j_store.ask(LineageSummary()))
    searched = lineage_coverage(Catalog(neo4j_store), plan_ids=[bayannur.id, inner_mongolia.id])
    assert sorted(searched.lineage_pending) == sorted([bayannur.id, inner_mongolia.id])

    assert neo4j_store.complete_lineage() == 3
    assert not any(row.lineage_pending for row in neo4j_store.ask(Plans()))
    assert lineage_coverage(Catalog(neo4j_store)).lineage_pending == []
    _same_answers(neo4j_store, [bayannur, chongqing, inner_mongolia], bayannur.id)
    version = neo4j_store.version()
    assert neo4j_store.complete_lineage() == 0
    assert neo4j_store.version() == version  # nothing pending: nothing written


def test_the_next_load_completes_a_bulk_load_that_stopped_early(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    bayannur, inner_mongolia = by_prefix(extractions, "001"), by_prefix(extractions, "000")
    chongqing = by_prefix(extractions, "002")
    _chunk(neo4j_store, bayannur, inner_mongolia)  # and then the load stopped
    _load(neo4j_store, chongqing)
    assert not any(row.lineage_pending for row in neo4j_store.ask(Plans()))
    _same_answers(neo4j_store, [bayannur, chongqing, inner_mongolia], bayannur.id)


def _with_a_new_parent_version(
    store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> tuple[PlanExtraction, PlanExtraction, PlanExtraction]:
    """巴彦淖尔, 内蒙古 and 重庆 loaded with their lineage; returns 巴彦淖尔, 重庆 and a new
    version of 内蒙古's file (a clause added: the same source, another id), not yet written."""
    bayannur, inner_mongolia = by_prefix(extractions, "001"), by_prefix(extractions, "000")
    chongqing = by_prefix(extractions, "002")
    _load(store, inner_mongolia, bayannur, chongqing)
    source = PLANS_DIR / inner_mongolia.source
    changed = extract_text(
        source.read_bytes()
        + "\n加快建设零工市场，为灵活就业人员提供免费的求职登记和职业指导服务。\n".encode(),
        source=inner_mongolia.source,
    )
    return bayannur, chongqing, changed


def _realigned(
    store: Neo4jStore, child: PlanExtraction, parent: PlanExtraction, other: PlanExtraction
) -> None:
    """``child`` is aligned against ``parent`` alone, as the embedded store aligns it."""
    (summary,) = [r for r in store.ask(LineageSummary()) if r.plan_id == child.id]
    assert summary.parents == [parent.id]
    _same_answers(store, [child, other, parent], child.id)


def test_a_replaced_parent_realigns_its_children(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    bayannur, chongqing, changed = _with_a_new_parent_version(neo4j_store, extractions)
    _load(neo4j_store, changed)
    _realigned(neo4j_store, bayannur, changed, chongqing)


def test_a_chunk_replacing_a_parent_leaves_its_children_pending_until_the_load_ends(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    bayannur, chongqing, changed = _with_a_new_parent_version(neo4j_store, extractions)
    _chunk(neo4j_store, changed)
    pending = {row.id for row in neo4j_store.ask(Plans()) if row.lineage_pending}
    assert pending == {changed.id, bayannur.id}  # not 重庆: nothing it is aligned with changed
    with TestClient(create_app(Settings(), store=neo4j_store)) as client:
        report = client.get(f"/plans/{bayannur.id}/lineage").json()  # its old parent is gone
        assert report["parents"] == [] and "not computed yet" in report["note"]
        assert report["coverage"]["lineage_pending"] == [bayannur.id]
        csv = client.get(f"/plans/{bayannur.id}/lineage", headers={"Accept": "text/csv"})
        assert csv.headers["x-lineage-pending"] == bayannur.id
        region = client.get("/regions/内蒙古/lineage").json()
        assert sorted(region["coverage"]["lineage_pending"]) == sorted(pending)
        child = client.get("/regions/巴彦淖尔/lineage")  # names a parent the chunk replaced
        assert child.status_code == 200 and child.json()["coverage"]["lineage_pending"] == [
            bayannur.id
        ]
        pairs = client.get("/reuse/pairs").json()
        assert sorted(pairs["coverage"]["lineage_pending"]) == sorted(pending)

    assert neo4j_store.complete_lineage() == 2
    _realigned(neo4j_store, bayannur, changed, chongqing)


def test_two_loads_at_once_see_each_others_plans(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    """Each load takes the graph's write lock first, so the later one aligns with the earlier's
    plans whichever commits first."""
    bayannur, inner_mongolia = by_prefix(extractions, "001"), by_prefix(extractions, "000")
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda x: _load(neo4j_store, x), [bayannur, inner_mongolia]))
    (summary,) = [r for r in neo4j_store.ask(LineageSummary()) if r.plan_id == bayannur.id]
    assert summary.parents == [inner_mongolia.id]
    _same_answers(neo4j_store, [bayannur, inner_mongolia], bayannur.id)


@pytest.mark.parametrize(
    ("older", "named"),
    [
        ("REMOVE info.statement_rules", "an older policygraph"),  # before rules were recorded
        ("SET info.statement_rules = 1", "statement rules 1"),
    ],
)
def test_a_database_written_under_other_statement_rules_is_refused_by_name(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction], older: str, named: str
) -> None:
    inner_mongolia, bayannur = by_prefix(extractions, "000"), by_prefix(extractions, "001")
    _load(neo4j_store, inner_mongolia)
    _with_other_rules(neo4j_store, older)
    refused = f"clauses written under {named} .*: empty the database and load the plans again"
    with pytest.raises(StoreOutdated, match=refused):
        _load(neo4j_store, bayannur)
    with pytest.raises(StoreOutdated, match=refused):  # a bulk load's chunk too
        _chunk(neo4j_store, bayannur)


@pytest.mark.parametrize("newer", ["statement_rules", "alignment_rules"])
def test_a_database_written_by_a_newer_policygraph_is_refused_by_name(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction], newer: str
) -> None:
    """An older policygraph would align it again by its own rules: undo what the newer did."""
    inner_mongolia, bayannur = by_prefix(extractions, "000"), by_prefix(extractions, "001")
    _load(neo4j_store, inner_mongolia)
    _with_other_rules(neo4j_store, f"SET info.{newer} = 99")
    refused = f"newer policygraph, under {newer.split('_')[0]} rules 99"
    for write in (lambda: _load(neo4j_store, bayannur), lambda: _chunk(neo4j_store, bayannur)):
        with pytest.raises(StoreNewer, match=refused):
            write()
    with pytest.raises(StoreNewer, match=refused):
        neo4j_store.complete_lineage()
    assert [plan.id for plan in neo4j_store.ask(Plans())] == [inner_mongolia.id]


def _with_other_rules(store: Neo4jStore, change: str) -> None:
    """``change`` to the rules the database records (a Cypher SET or REMOVE of GraphInfo's)."""
    store.driver.execute_query(
        f"MATCH (info:GraphInfo {{id: 'graph'}}) {change}", database_=store.database
    )


@pytest.mark.parametrize(
    "older",
    ["REMOVE info.alignment_rules", "SET info.alignment_rules = 1"],  # before rules were recorded
)
def test_lineage_of_other_alignment_rules_reads_pending_until_the_next_load_computes_it(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction], older: str
) -> None:
    """After an upgrade that aligns differently, the stored labels are not this policygraph's:
    every plan reads as pending, and the next load, even of nothing new, aligns them again."""
    inner_mongolia, bayannur = by_prefix(extractions, "000"), by_prefix(extractions, "001")
    _load(neo4j_store, inner_mongolia, bayannur)
    _aligned_by_other_rules(neo4j_store, older)
    _pending_until_completed(neo4j_store, 2)
    _same_answers(neo4j_store, [inner_mongolia, bayannur], bayannur.id)


def test_a_chunk_into_lineage_of_other_alignment_rules_leaves_every_plan_pending(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    """Not only the chunk's plans and those below them: all were aligned by other rules."""
    inner_mongolia, bayannur = by_prefix(extractions, "000"), by_prefix(extractions, "001")
    chongqing = by_prefix(extractions, "002")
    _load(neo4j_store, inner_mongolia, bayannur)
    _aligned_by_other_rules(neo4j_store, "SET info.alignment_rules = 1")
    _chunk(neo4j_store, chongqing)
    _pending_until_completed(neo4j_store, 3)
    _same_answers(neo4j_store, [inner_mongolia, bayannur, chongqing], bayannur.id)


@pytest.mark.parametrize("older", ["SET info.alignment_rules = 1", "SET info.statement_rules = 1"])
def test_plans_without_clauses_of_other_rules_are_not_pending_for_ever(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction], older: str
) -> None:
    _load(neo4j_store, by_prefix(extractions, "000"))
    neo4j_store.driver.execute_query(
        "MATCH (clause:Clause) DETACH DELETE clause", database_=neo4j_store.database
    )
    _aligned_by_other_rules(neo4j_store, older)
    _pending_until_completed(neo4j_store, 1)


def _pending_until_completed(store: Neo4jStore, plans: int) -> None:
    """Every one of the ``plans`` reads pending; completing the lineage aligns them all."""
    assert all(plan.lineage_pending for plan in store.ask(Plans()))
    assert store.complete_lineage() == plans
    assert not any(plan.lineage_pending for plan in store.ask(Plans()))


def _aligned_by_other_rules(store: Neo4jStore, change: str) -> None:
    """The database as an older policygraph left it: its rules, and no ECHOES of this one's."""
    store.driver.execute_query(
        "MATCH (:Clause)-[echo:ECHOES]->(:Clause) DELETE echo", database_=store.database
    )
    _with_other_rules(store, change)
