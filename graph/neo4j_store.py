"""The Neo4j store: the knowledge graph in a Neo4j server, through the official driver only.

One driver per process (``Neo4jStore.connect``, closed by ``close``). Reads are
``execute_query`` with READ routing and a server-side timeout; a page and its count are read in
one transaction. Plans are written many per managed write transaction (``graph.neo4j_load``), so
reloading a changed file swaps its subgraph atomically and reloading the same bytes changes
nothing; the driver retries the transaction on transient errors, and it decides again what is
there on every try. Analysts' own Cypher (``run_readonly``) goes through the read-only gate in
``graph.readonly_cypher``.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Query,
    RoutingControl,
    Transaction,
    unit_of_work,
)
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import readonly_cypher
from graph.build import Graph
from graph.errors import QueryTimedOut, StoreChanged, StoreLoading, StoreUnavailable
from graph.neo4j_load import PlanGraph, WrittenPlans, complete_lineage, write_plans
from graph.queries import QueryRegistry
from graph.questions import Answer, Question, RowT, counted, default_registry, paged
from graph.settings import Neo4jSettings

T = TypeVar("T")
log = logging.getLogger(__name__)
TIMED_OUT = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        "Neo.TransientError.Transaction.TransactionTimedOut",
    }
)
"""The codes Neo4j stops a transaction with when it runs past its timeout."""
POLL_SECONDS = 0.02
"""How often a snapshot looks again whether a load still writes."""


def _one_line(exc: Exception) -> str:
    """The driver's message (which may span lines) on one line, for logs and exit messages."""
    return " ".join(str(exc).split())


@contextmanager
def _answering() -> Iterator[None]:
    """A server that cannot be reached (or went away mid-answer) as ``StoreUnavailable``: a 503
    within the connect and retry times, not a 500 after the driver's defaults; a question the
    server stopped at the query timeout as ``QueryTimedOut``."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as exc:
        # Where the server is stays in the log: a client can act on "down", not on its address.
        log.warning("neo4j does not answer", extra={"error": _one_line(exc)})
        raise StoreUnavailable("Neo4j does not answer") from exc
    except Neo4jError as exc:
        if exc.code in TIMED_OUT:
            raise QueryTimedOut("the question ran past the query timeout") from exc
        raise


def _read_page(
    tx: ManagedTransaction | Transaction,
    text: str,
    parameters: dict[str, Any],
    offset: int,
    limit: int,
) -> tuple[list[dict[str, Any]], int]:
    """A page of a question's records and its row count, in ``tx``. A first page with room to
    spare holds the whole answer, so only a fuller one is counted."""
    page = [r.data() for r in tx.run(paged(text), {**parameters, "skip": offset, "limit": limit})]
    if offset == 0 and len(page) < limit:
        return page, len(page)
    return page, tx.run(counted(text), parameters).single(strict=True)["total"]


@dataclass(frozen=True)
class GraphState:
    """What ``store/graph_version`` says: the version, and whether a load is writing."""

    version: str
    writing: bool


def _graph_state(
    tx: ManagedTransaction | Transaction, registry: QueryRegistry, stale_ms: int
) -> GraphState:
    with _answering():
        record = tx.run(registry["store/graph_version"].text, stale_ms=stale_ms).single()
    if record is None:
        return GraphState("", writing=False)
    return GraphState(str(record["version"] or ""), writing=bool(record["writing"]))


class TransactionSnapshot:
    """The database as one READ transaction sees it, for the questions of one request.

    Neo4j's transactions read committed data, and a commit lands record by record: a question
    can see a load half applied. So loads announce themselves before they write and withdraw
    after (``Neo4jStore.load_plans``), a seqlock: the snapshot starts only when no load is
    writing (waiting up to ``wait`` seconds, then ``StoreLoading``), and after each question
    checks that none began and the version did not move. If one did, ``StoreChanged``: the
    request is asked again (``api.resilience``)."""

    def __init__(
        self, registry: QueryRegistry, tx: Transaction, *, stale_ms: int, wait: float
    ) -> None:
        self.registry = registry
        self._tx = tx
        self._stale_ms = stale_ms
        self._wait = wait
        self._version: str | None = None

    def version(self) -> str:
        if self._version is None:
            self._version = self._quiet_version()
        return self._version

    def _quiet_version(self) -> str:
        """The version, once no load is writing; ``StoreLoading`` if one writes past the wait."""
        deadline = time.monotonic() + self._wait
        while (state := _graph_state(self._tx, self.registry, self._stale_ms)).writing:
            if time.monotonic() >= deadline:
                raise StoreLoading(
                    f"a load has been writing to the graph for over {self._wait:g} s: ask again"
                )
            time.sleep(POLL_SECONDS)
        return state.version

    def _unchanged_since(self, started: str) -> bool:
        return _graph_state(self._tx, self.registry, self._stale_ms) == GraphState(
            started, writing=False
        )

    @contextmanager
    def _one_version(self) -> Iterator[None]:
        """What the block reads comes from the version the snapshot started with."""
        started = self.version()
        try:
            yield
        except (StoreUnavailable, QueryTimedOut):
            raise
        except Exception:
            try:
                changed = not self._unchanged_since(started)
            except Exception:  # the transaction itself failed: the first error is the one to see
                changed = False
            if changed:
                raise StoreChanged() from None
            raise
        if not self._unchanged_since(started):
            raise StoreChanged()

    def ask(self, question: Question[RowT]) -> list[RowT]:
        with self._one_version(), _answering():
            records = self._tx.run(self.registry[question.name].text, question.parameters())
            return question.rows([record.data() for record in records])

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]:
        text, parameters = self.registry[question.name].text, question.parameters()
        with self._one_version(), _answering():
            records, total = _read_page(self._tx, text, parameters, offset, limit)
            return Answer(question.rows(records), total=total)


class Neo4jStore:
    """Named queries and plan loading against one Neo4j database."""

    def __init__(
        self, driver: Driver, settings: Neo4jSettings, *, registry: QueryRegistry | None = None
    ) -> None:
        self.driver = driver
        self.database = settings.database
        self.registry = registry or default_registry()
        self.batch_size = settings.batch_size
        self.timeout = settings.query_timeout
        self.load_wait = settings.load_wait
        self.stale_ms = round(settings.load_stale_after * 1000)

    @classmethod
    def connect(
        cls, settings: Neo4jSettings, *, registry: QueryRegistry | None = None
    ) -> Neo4jStore:
        """Open the process's driver and check the server answers; ``StoreUnavailable`` if not."""
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password.get_secret_value()),
            connection_timeout=settings.connect_timeout,
            connection_acquisition_timeout=settings.connect_timeout,
            max_transaction_retry_time=settings.retry_time,
            # Optional properties (a clause's locator, absent for text plans) are read on
            # purpose: the server's "property does not exist" notices are noise in the log.
            notifications_min_severity="OFF",
        )
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as exc:
            driver.close()
            raise StoreUnavailable(
                f"Neo4j at {settings.uri} does not answer: {_one_line(exc)}"
            ) from exc
        return cls(driver, settings, registry=registry)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def setup_schema(self) -> None:
        """Constraints, indexes and the full-text index; safe to run again (IF NOT EXISTS)."""
        for statement in self.registry["schema/constraints"].statements():
            self.driver.execute_query(statement, database_=self.database)

    def version(self) -> str:
        """The version the last load that changed the database set ("" before any)."""
        with (
            _answering(),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            return session.execute_read(_graph_state, self.registry, self.stale_ms).version

    def ask(self, question: Question[RowT]) -> list[RowT]:
        """A question, in a READ transaction with the configured timeout."""
        with _answering():
            return self._ask(question)

    def _ask(self, question: Question[RowT]) -> list[RowT]:
        records, _, _ = self.driver.execute_query(
            Query(self.registry[question.name].text, timeout=self.timeout),
            question.parameters(),
            routing_=RoutingControl.READ,
            database_=self.database,
        )
        return question.rows([record.data() for record in records])

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]:
        """One page of a question and its row count, read in one transaction (one snapshot)."""
        text, parameters = self.registry[question.name].text, question.parameters()

        def read(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], int]:
            return _read_page(tx, text, parameters, offset, limit)

        with (
            _answering(),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            records, total = session.execute_read(unit_of_work(timeout=self.timeout)(read))
        return Answer(question.rows(records), total=total)

    @contextmanager
    def snapshot(self) -> Iterator[TransactionSnapshot]:
        """The database as it is now, for several questions: one READ transaction with the
        configured timeout, so a load that commits meanwhile is seen by none or all of them.

        Its first read (the version) is made here, and made again once on a fresh connection
        if the pooled one turns out dead (a server that closed it under load): the driver's
        managed transactions retry so, an explicit one is left to its caller."""
        for attempt in range(2):
            with ExitStack() as opened:
                opened.enter_context(_answering())
                try:
                    session = opened.enter_context(
                        self.driver.session(database=self.database, default_access_mode=READ_ACCESS)
                    )
                    tx = opened.enter_context(session.begin_transaction(timeout=self.timeout))
                    snapshot = TransactionSnapshot(
                        self.registry, tx, stale_ms=self.stale_ms, wait=self.load_wait
                    )
                    snapshot.version()
                except (ServiceUnavailable, SessionExpired, StoreUnavailable) as exc:
                    if attempt or isinstance(exc, StoreLoading):
                        raise
                    log.info("neo4j connection lost before a read; opening another")
                    continue
                yield snapshot
                return

    def run_readonly(
        self,
        query: str,
        parameters: dict[str, Any],
        *,
        max_rows: int,
        max_bytes: int,
        timeout: float,
    ) -> readonly_cypher.ReadOnlyResult:
        """An analyst's own Cypher, only if it reads (see ``graph.readonly_cypher``): at most
        ``max_rows`` rows and ``max_bytes`` of JSON; ``CypherRefused``, ``CypherTimeout`` or
        ``CypherError`` when it does not run."""
        return readonly_cypher.run(
            self.driver,
            self.database,
            query,
            parameters,
            max_rows=max_rows,
            max_bytes=max_bytes,
            timeout=timeout,
        )

    def load_plans(
        self, plans: Sequence[PlanGraph], *, batch_size: int | None = None, lineage: bool = True
    ) -> WrittenPlans:
        """Write plans in one transaction (see ``graph.neo4j_load``): plans already there are
        skipped, earlier versions of the same files replaced, and a failure writes none of them.
        With ``lineage`` false (the chunks of a bulk load) their lineage is left pending for
        ``complete_lineage``, which the load calls once at its end."""
        size = batch_size or self.batch_size
        result = self._writing(write_plans, plans, self.registry, size, lineage)
        log.info(
            "plans loaded",
            extra={"written": len(result.written), "unchanged": len(result.unchanged)},
        )
        return result

    def complete_lineage(self, *, batch_size: int | None = None) -> int:
        """Compute the lineage of every plan written with it pending (of every plan, when it was
        computed by other alignment rules), in one transaction; returns how many there were
        (none: nothing is written)."""
        size = batch_size or self.batch_size
        pending: int = self._writing(complete_lineage, self.registry, size)
        log.info("lineage completed", extra={"plans": pending})
        return pending

    def _writing(self, work: Callable[..., T], *args: Any) -> T:
        """``work`` in a write transaction, bracketed by two small ones that tell readers a load
        is writing (see ``TransactionSnapshot``)."""
        token = uuid.uuid4().hex
        with self.driver.session(database=self.database) as session:
            session.execute_write(self._mark, "load/begin_writing", token)
            try:
                return session.execute_write(work, *args)
            finally:
                session.execute_write(self._mark, "load/end_writing", token)

    def _mark(self, tx: ManagedTransaction, name: str, token: str) -> None:
        """Add or remove a load's entry in the graph's list of loads writing."""
        parameters = {"token": token, "stale_ms": self.stale_ms}
        query = self.registry[name]
        tx.run(query.text, {k: parameters[k] for k in query.parameters}).consume()

    def load_plan(
        self, graph: Graph, *, plan_id: str, source: str, batch_size: int | None = None
    ) -> WrittenPlans:
        """One plan alone: a changed file replaces its earlier version, the others stay as they were."""
        return self.load_plans([PlanGraph(plan_id, source, graph)], batch_size=batch_size)
