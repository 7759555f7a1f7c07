"""The embedded store: the knowledge graph held in memory, no server needed.

It answers the named questions (graph/questions.py) from the networkx graph, row for row as the
Neo4j store answers them from the database, so ``make run`` and the tests work on a fresh machine.
"""

from __future__ import annotations

from graph.build import Graph
from graph.embedded_queries import QUERIES
from graph.graph_index import GraphIndex
from graph.questions import Answer, Question, RowT


class EmbeddedStore:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._index = GraphIndex(graph)

    def ask(self, question: Question[RowT]) -> list[RowT]:
        """A question answered from the in-memory graph."""
        return question.rows(QUERIES[question.name](self._index, **question.parameters()))

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]:
        records = QUERIES[question.name](self._index, **question.parameters())
        return Answer(question.rows(records[offset : offset + limit]), total=len(records))
