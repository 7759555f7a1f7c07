"""The Neo4j store: the knowledge graph in a Neo4j server, through the official driver only.

One driver per process (``Neo4jStore.connect``, closed by ``close``). Reads are
``execute_query`` with READ routing and a server-side timeout. Each plan is written in one
managed write transaction — earlier versions of the same file removed, then nodes and
relationships merged in ``UNWIND`` batches — so reloading a changed file swaps its subgraph
atomically and reloading the same bytes changes nothing. The driver retries the transaction on
transient errors; every statement in it is idempotent. Analysts' own Cypher (``run_readonly``)
goes through the read-only gate in ``graph.readonly_cypher``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from neo4j import (
    READ_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    Query,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph import readonly_cypher
from graph.build import Graph
from graph.errors import StoreUnavailable
from graph.queries import QueryRegistry
from graph.questions import Answer, Question, RowT, counted, default_registry, paged
from graph.schema import check_label, check_relationship
from graph.settings import Neo4jSettings

log = logging.getLogger(__name__)
Record = dict[str, Any]
Statement = tuple[str, list[Record]]


def _value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def node_statements(graph: Graph, registry: QueryRegistry, batch_size: int) -> list[Statement]:
    """``merge_nodes`` per label, in batches: the rows a graph's nodes become."""
    by_label: dict[str, list[Record]] = defaultdict(list)
    for node_id, attrs in graph.nodes(data=True):
        properties = {k: _value(v) for k, v in attrs.items() if k != "labels"}
        by_label[attrs["labels"][0]].append({"id": node_id, "properties": properties})
    query = registry["load/merge_nodes"]
    return [
        (query.fill(label=check_label(label)), batch)
        for label, rows in sorted(by_label.items())
        for batch in _batches(rows, batch_size)
    ]


def relationship_statements(graph: Graph, registry: QueryRegistry, batch_size: int) -> list[Statement]:
    """``merge_relationships`` per type and pair of end labels, in batches."""
    groups: dict[tuple[str, str, str], list[Record]] = defaultdict(list)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        labels = (graph.nodes[source]["labels"][0], graph.nodes[target]["labels"][0])
        properties = {k: _value(v) for k, v in attrs.items() if k != "type"}
        groups[(attrs["type"], *labels)].append(
            {"source": source, "target": target, "key": key, "properties": properties}
        )
    query = registry["load/merge_relationships"]
    return [
        (
            query.fill(
                type=check_relationship(rel, source_label, target_label),
                source_label=source_label,
                target_label=target_label,
            ),
            batch,
        )
        for (rel, source_label, target_label), rows in sorted(groups.items())
        for batch in _batches(rows, batch_size)
    ]


def _batches(rows: list[Record], size: int) -> Iterator[list[Record]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Neo4jStore:
    """Named queries and plan loading against one Neo4j database."""

    def __init__(self, driver: Driver, settings: Neo4jSettings, *, registry: QueryRegistry | None = None) -> None:
        self.driver = driver
        self.database = settings.database
        self.registry = registry or default_registry()
        self.batch_size = settings.batch_size
        self.timeout = settings.query_timeout

    @classmethod
    def connect(cls, settings: Neo4jSettings, *, registry: QueryRegistry | None = None) -> Neo4jStore:
        """Open the process's driver and check the server answers; ``StoreUnavailable`` if not."""
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password.get_secret_value()))
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as exc:
            driver.close()
            raise StoreUnavailable(f"Neo4j at {settings.uri} does not answer: {exc}") from exc
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

    def ask(self, question: Question[RowT]) -> list[RowT]:
        """A question, in a READ transaction with the configured timeout."""
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
            total = tx.run(counted(text), parameters).single(strict=True)["total"]
            page = tx.run(paged(text), {**parameters, "skip": offset, "limit": limit})
            return [record.data() for record in page], total

        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
            records, total = session.execute_read(unit_of_work(timeout=self.timeout)(read))
        return Answer(question.rows(records), total=total)

    def run_readonly(
        self, query: str, parameters: dict[str, Any], *, max_rows: int, timeout: float
    ) -> readonly_cypher.ReadOnlyResult:
        """An analyst's own Cypher, only if it reads (see ``graph.readonly_cypher``): at most
        ``max_rows`` rows as JSON values; ``CypherRefused``, ``CypherTimeout`` or ``CypherError``
        when it does not run."""
        return readonly_cypher.run(self.driver, self.database, query, parameters, max_rows=max_rows, timeout=timeout)

    def load_plan(self, graph: Graph, *, plan_id: str, source: str, batch_size: int | None = None) -> None:
        """Write one plan's graph (built from that plan alone) in one transaction.

        Earlier versions of the same file (same ``source``, other id) are removed first, and
        entities no plan refers to any more afterwards; a failure leaves the database as it was.
        """
        size = batch_size or self.batch_size
        statements = [
            *node_statements(graph, self.registry, size),
            *relationship_statements(graph, self.registry, size),
        ]
        with self.driver.session(database=self.database) as session:
            session.execute_write(self._write_plan, source, plan_id, statements)
        log.info("plan loaded", extra={"plan": plan_id, "source": source, "statements": len(statements)})

    def _write_plan(self, tx: ManagedTransaction, source: str, plan_id: str, statements: list[Statement]) -> None:
        tx.run(self.registry["load/delete_plan_versions"].text, source=source, plan_id=plan_id).consume()
        for text, rows in statements:
            tx.run(text, rows=rows).consume()
        tx.run(self.registry["load/delete_orphans"].text).consume()
