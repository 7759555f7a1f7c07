"""The embedded store: the knowledge graph held in memory, no server needed.

It answers the named queries (cypher/) from the networkx graph, row for row as the Neo4j
store answers them from the database, so ``make run`` and the tests work on a fresh machine.
"""

from __future__ import annotations

from typing import Any

from graph.build import Graph
from graph.embedded_queries import QUERIES
from graph.graph_index import GraphIndex, Row
from graph.queries import QueryFileError


class EmbeddedStore:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._index = GraphIndex(graph)

    def run(self, name: str, **parameters: Any) -> list[Row]:
        """A named query (cypher/<name>.cypher), answered from the in-memory graph."""
        if name not in QUERIES:
            raise QueryFileError(f"no named query {name!r} for the embedded store")
        return QUERIES[name](self._index, **parameters)
