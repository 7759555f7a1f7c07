"""The Neo4j store against a real server: loading, atomic replace, schema, security, and the
differential test — every named query answers exactly as the embedded store does."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import READ_ACCESS
from neo4j.exceptions import ClientError, ConstraintError

from graph.build import Graph
from graph.embedded_store import EmbeddedStore
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.questions import (
    Answer,
    ClauseSearch,
    ExportNodes,
    ExportRelationships,
    GraphStats,
    PlanOutline,
)
from graph.schema import LINEAGE
from loaders.pipeline import build_knowledge_graph, extract_text
from tests.conftest import PLANS_DIR, plan_graphs
from tests.graph.golden import write_golden
from tests.graph.query_cases import SEARCHES, cases, plan_ids

pytestmark = pytest.mark.neo4j
CHONGQING = "002_6d2c12a576236476.txt"


def _load(
    store: Neo4jStore, extractions: list[PlanExtraction], batch_size: int | None = None
) -> None:
    for x in extractions:
        store.load_plan(
            build_knowledge_graph([x]), plan_id=x.id, source=x.source, batch_size=batch_size
        )


def _counts(store: Neo4jStore) -> dict[tuple[str, str], int]:
    return {(r.kind, r.name): r.count for r in store.ask(GraphStats())}


@pytest.fixture
def loaded(neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction]) -> Neo4jStore:
    _load(neo4j_store, list(extractions.values()))
    return neo4j_store


def test_loading_twice_changes_nothing(
    loaded: Neo4jStore, extractions: dict[str, PlanExtraction], graph: Graph
) -> None:
    before = _counts(loaded)
    _load(loaded, list(extractions.values()))
    assert _counts(loaded) == before
    assert sum(n for (kind, _), n in before.items() if kind == "node") == graph.number_of_nodes()
    # Beside the plans' own relationships, the store aligned 巴彦淖尔 with 内蒙古 (ECHOES) and
    # found clauses shared between regions (REUSES).
    assert before[("relationship", "ECHOES")] > 0 and before[("relationship", "REUSES")] > 0
    assert (
        sum(
            n
            for (kind, name), n in before.items()
            if kind == "relationship" and name not in LINEAGE
        )
        == graph.number_of_edges()
    )


def test_plans_loaded_together_are_the_plans_loaded_one_by_one(
    neo4j_store: Neo4jStore,
    loaded_one_by_one: tuple[list[Any], list[Any]],
    extractions: dict[str, PlanExtraction],
) -> None:
    plans = plan_graphs(extractions.values())
    result = neo4j_store.load_plans(
        [*plans, plans[0]], batch_size=50
    )  # the same bytes twice: written once
    assert sorted(result.written) == sorted(p.plan_id for p in plans) and result.unchanged == []
    assert (
        neo4j_store.ask(ExportNodes()),
        neo4j_store.ask(ExportRelationships()),
    ) == loaded_one_by_one
    again = neo4j_store.load_plans(plans)
    assert again.written == [] and again.unchanged == sorted(p.plan_id for p in plans)


@pytest.fixture
def loaded_one_by_one(loaded: Neo4jStore) -> tuple[list[Any], list[Any]]:
    """The database's nodes and relationships after loading the seeds plan by plan; then emptied."""
    written = (loaded.ask(ExportNodes()), loaded.ask(ExportRelationships()))
    loaded.driver.execute_query("MATCH (n) DETACH DELETE n", database_=loaded.database)
    return written


def test_batch_size_does_not_change_the_result(
    neo4j_store: Neo4jStore, extractions: dict[str, PlanExtraction], graph: Graph
) -> None:
    _load(neo4j_store, [extractions[CHONGQING]], batch_size=7)
    alone = build_knowledge_graph([extractions[CHONGQING]])
    assert (
        sum(n for (kind, _), n in _counts(neo4j_store).items() if kind == "node")
        == alone.number_of_nodes()
    )


def test_a_changed_plan_replaces_its_subgraph_and_leaves_the_others(
    loaded: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> None:
    others = [x for name, x in extractions.items() if name != CHONGQING]
    before = {x.id: loaded.ask(PlanOutline(plan_id=x.id)) for x in others}
    changed = (
        PLANS_DIR / CHONGQING
    ).read_bytes() + "\n九、附则\n本规划自印发之日起施行。\n".encode()
    new = extract_text(changed, source=CHONGQING)
    _load(loaded, [new])
    plans = [r for r in loaded.ask(ExportNodes()) if r.labels == ["Plan"]]
    assert sorted(p.id for p in plans) == sorted([new.id, *(x.id for x in others)])
    assert loaded.ask(PlanOutline(plan_id=extractions[CHONGQING].id)) == []
    assert loaded.ask(PlanOutline(plan_id=new.id))[-1].heading == "九、附则"
    assert {x.id: loaded.ask(PlanOutline(plan_id=x.id)) for x in others} == before
    expected = EmbeddedStore.from_graph(build_knowledge_graph([*others, new]))
    assert loaded.ask(GraphStats()) == expected.ask(GraphStats())


def test_a_failed_load_leaves_the_database_as_it_was(
    loaded: Neo4jStore, extractions: dict[str, PlanExtraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = loaded.ask(ExportRelationships())
    changed = extract_text(
        (PLANS_DIR / CHONGQING).read_bytes() + "\n附：说明。\n".encode(), source=CHONGQING
    )

    def broken(*_: Any) -> list[tuple[str, list[dict[str, Any]]]]:
        return [("UNWIND $rows AS row RETURN 1 / 0 AS boom", [{}])]

    monkeypatch.setattr("graph.neo4j_load.relationship_statements", broken)
    with pytest.raises(ClientError):
        _load(loaded, [changed])
    assert loaded.ask(ExportRelationships()) == before
    new = extract_text(
        (PLANS_DIR / CHONGQING).read_bytes() + "\n附：另一说明。\n".encode(), source="other.txt"
    )
    with pytest.raises(ClientError):  # several plans in one transaction: none of them is written
        loaded.load_plans(plan_graphs([changed, new]))
    assert loaded.ask(ExportRelationships()) == before


def test_ids_are_unique_by_constraint(neo4j_loaded: Neo4jStore) -> None:
    with pytest.raises(ConstraintError):
        neo4j_loaded.driver.execute_query(
            "CREATE (:Program {id: $id})",
            id="program:fan-xiang-ru-xiang-chuang-ye-yuan",
            database_=neo4j_loaded.database,
        )


def test_schema_setup_is_idempotent(neo4j_store: Neo4jStore) -> None:
    neo4j_store.setup_schema()
    records, _, _ = neo4j_store.driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN count(*) AS n"
    )
    assert records[0]["n"] >= 8
    indexes, _, _ = neo4j_store.driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options"
    )
    assert [(r["name"], r["options"]["indexConfig"]["fulltext.analyzer"]) for r in indexes] == [
        ("clause_text", "cjk")
    ]


@pytest.mark.parametrize(
    "text", ["零工", "创业园", "三支一扶", "零工市场", "返乡创业园", "返乡入乡创业园"]
)
def test_full_text_finds_chinese_phrases_of_any_length(neo4j_loaded: Neo4jStore, text: str) -> None:
    rows = neo4j_loaded.ask(ClauseSearch(terms=[text]))
    assert rows and all(text in r.text for r in rows)


def test_a_read_session_cannot_write(neo4j_loaded: Neo4jStore) -> None:
    with (
        neo4j_loaded.driver.session(
            database=neo4j_loaded.database, default_access_mode=READ_ACCESS
        ) as session,
        pytest.raises(ClientError) as caught,
    ):
        session.run("CREATE (:Program {id: 'program:x'})").consume()
    assert caught.value.code == "Neo.ClientError.Statement.AccessMode"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "http://127.0.0.1:{http}/", "https://127.0.0.1:{http}/"]
)
def test_load_csv_cannot_read_files_or_fetch_urls(
    neo4j_store: Neo4jStore, neo4j_server_settings: tuple[object, str | None], url: str
) -> None:
    """Only loopback addresses: the server's own HTTP port answers, so only the settings refuse."""
    http_port = (neo4j_server_settings[1] or "http://127.0.0.1:7474").rsplit(":", 1)[1].strip("/")
    with pytest.raises(ClientError) as caught:
        neo4j_store.driver.execute_query(
            "LOAD CSV FROM $url AS row RETURN row LIMIT 1",
            url=url.format(http=http_port),
            database_=neo4j_store.database,
        )
    message = str(caught.value.message).lower()
    assert any(
        word in message for word in ("not allowed", "blocked", "configuration", "disabled")
    ), message


def test_every_question_answers_as_the_embedded_store(
    neo4j_loaded: Neo4jStore, graph: Graph, seeds_store: EmbeddedStore
) -> None:
    """Row for row; Neo4j's answers become the golden answers the unit suite holds the embedded
    store to (tests/graph/golden_answers.jsonl), so drift fails even where no Neo4j runs."""
    questions = cases(plan_ids(graph))
    answers = [neo4j_loaded.ask(question) for question in questions]
    for question, rows in zip(questions, answers, strict=True):
        assert rows == seeds_store.ask(question), question
    write_golden(questions, answers)
    assert len(questions) > 70 and len(SEARCHES) >= 5


def test_a_page_is_one_snapshot_cut_and_counted_by_the_server(
    neo4j_loaded: Neo4jStore, graph: Graph
) -> None:
    question = ClauseSearch(terms=["就业"])
    everything = neo4j_loaded.ask(question)
    page = neo4j_loaded.ask_page(question, offset=5, limit=7)
    assert page.total == len(everything) > 12 and page.rows == everything[5:12]
    assert neo4j_loaded.ask_page(question, offset=0, limit=0) == Answer([], len(everything))
    assert neo4j_loaded.ask_page(question, offset=0, limit=10_000) == Answer(
        everything, len(everything)
    )
