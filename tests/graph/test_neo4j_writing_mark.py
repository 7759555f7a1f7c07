"""The seqlock between loads and reads on Neo4j (issue 12, item 7): a load marks the graph as
being written before its transaction and unmarks it after, whatever happened; a snapshot does
not start while a mark is there (waits, then ``StoreLoading``), notices one that appears between
two questions (``StoreChanged``), and ignores a mark left by a load that died."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j.exceptions import ClientError, SessionExpired

from graph.errors import StoreChanged, StoreLoading, StoreUnavailable
from graph.model import PlanExtraction
from graph.neo4j_load import write_plans
from graph.neo4j_store import Neo4jStore
from graph.questions import GraphStats
from graph.settings import Neo4jSettings
from loaders.pipeline import build_knowledge_graph

pytestmark = pytest.mark.neo4j
WAIT = 2.0
"""Seconds the store under test waits for a load (a first write of a query on a fresh server can
take most of a second)."""


@pytest.fixture
def store(
    neo4j_store: Neo4jStore, neo4j_server_settings: tuple[Neo4jSettings, str | None]
) -> Iterator[Neo4jStore]:
    """A second store on the same (emptied) database that waits ``WAIT`` seconds for a load."""
    settings = neo4j_server_settings[0].model_copy(update={"load_wait": WAIT})
    with Neo4jStore.connect(settings) as patient:
        yield patient


def _mark(store: Neo4jStore, token: str, **parameters: Any) -> None:
    """Run ``load/begin_writing`` or ``load/end_writing`` by hand, as a load would."""
    query = store.registry["load/begin_writing" if parameters else "load/end_writing"]
    store.driver.execute_query(query.text, {"token": token, **parameters}, database_=store.database)


def _writing(store: Neo4jStore) -> list[str]:
    records, _, _ = store.driver.execute_query(
        "MATCH (info:GraphInfo {id: 'graph'}) RETURN info.writing AS writing",
        database_=store.database,
    )
    return list(records[0]["writing"] or []) if records else []


def test_a_load_leaves_no_mark_whether_it_commits_or_fails(
    store: Neo4jStore, extractions: dict[str, PlanExtraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_while_writing: list[list[str]] = []
    x = next(iter(extractions.values()))
    real = "graph.neo4j_store.write_plans"  # the load's own transaction

    def spying(tx: Any, *args: Any) -> Any:
        seen_while_writing.append(_writing(store))  # another transaction: the mark is committed
        return write_plans(tx, *args)

    monkeypatch.setattr(real, spying)
    store.load_plan(build_knowledge_graph([x]), plan_id=x.id, source=x.source)
    assert len(seen_while_writing[0]) == 1 and _writing(store) == []

    def failing(*_: Any) -> Any:
        raise ClientError("refused")

    monkeypatch.setattr(real, failing)
    with pytest.raises(ClientError):
        store.load_plan(build_knowledge_graph([x]), plan_id="plan:other", source="other.txt")
    assert _writing(store) == []


def test_a_snapshot_waits_for_a_load_that_writes(store: Neo4jStore) -> None:
    _mark(store, "load-1", stale_ms=60_000)
    ending = threading.Event()
    threading.Timer(0.1, lambda: (ending.set(), _mark(store, "load-1"))).start()
    with store.snapshot() as snapshot:
        snapshot.ask(GraphStats())
        assert ending.is_set()  # answered after the load began to end, not before


def test_a_snapshot_gives_up_on_a_load_that_writes_too_long(store: Neo4jStore) -> None:
    _mark(store, "load-1", stale_ms=60_000)
    with pytest.raises(StoreLoading), store.snapshot() as snapshot:
        snapshot.ask(GraphStats())


def test_a_load_that_begins_between_two_questions_makes_the_snapshot_ask_again(
    store: Neo4jStore,
) -> None:
    with store.snapshot() as snapshot:
        snapshot.ask(GraphStats())
        _mark(store, "load-1", stale_ms=60_000)
        with pytest.raises(StoreChanged):
            snapshot.ask(GraphStats())


def test_the_mark_of_a_load_that_died_is_ignored_once_stale(store: Neo4jStore) -> None:
    _mark(store, "died", stale_ms=60_000)
    stale_ms = round(store.stale_ms)
    store.driver.execute_query(  # the load began longer ago than stale_ms
        "MATCH (info:GraphInfo {id: 'graph'}) "
        "SET info.writing = ['died@' + toString(timestamp() - $age)]",
        age=stale_ms + 1000,
        database_=store.database,
    )
    with store.snapshot() as snapshot:
        snapshot.ask(GraphStats())  # no StoreLoading
    _mark(store, "next", stale_ms=stale_ms)  # and the next load drops it
    assert [entry.split("@")[0] for entry in _writing(store)] == ["next"]


def test_a_snapshot_opens_another_connection_once_when_its_first_is_dead(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pooled connection the server closed fails on first use; the snapshot tries once more."""
    real = store.driver.session
    dead = [1]
    """Sessions still to be given a dead connection."""

    def session(**kwargs: Any) -> Any:
        opened = real(**kwargs)
        if dead and dead.pop():

            def begin_transaction(**_: Any) -> None:
                raise SessionExpired("closed by the server")

            monkeypatch.setattr(opened, "begin_transaction", begin_transaction)
        return opened

    monkeypatch.setattr(store.driver, "session", session)
    with store.snapshot() as snapshot:
        assert snapshot.ask(GraphStats()) == []  # the emptied database, read
    dead.extend([1, 1])
    with pytest.raises(StoreUnavailable), store.snapshot():
        pass
