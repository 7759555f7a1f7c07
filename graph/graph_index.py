"""Lookups over the in-memory graph that the embedded queries share, computed once per graph."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

from graph.build import Graph

Row = dict[str, Any]


class GraphIndex:
    """Lookups the queries share, computed once per graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def node(self, node_id: str) -> dict[str, Any]:
        return self.graph.nodes[node_id]

    @cached_property
    def edges(self) -> dict[str, list[tuple[str, str, str, dict[str, Any]]]]:
        """Edges by relationship type: (source, target, key, properties)."""
        by_type: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
        for source, target, key, attrs in self.graph.edges(keys=True, data=True):
            by_type[attrs["type"]].append((source, target, key, attrs))
        return by_type

    @cached_property
    def issuer(self) -> dict[str, dict[str, Any]]:
        """Plan id → the region that issued it."""
        return {plan: self.node(region) for region, plan, _, _ in self.edges["ISSUED"]}

    @cached_property
    def parent(self) -> dict[str, str]:
        return {child: parent for child, parent, _, _ in self.edges["PART_OF"]}

    @cached_property
    def section_of(self) -> dict[str, dict[str, Any]]:
        """Clause id → its section."""
        return {clause: self.node(section) for section, clause, _, _ in self.edges["HAS_CLAUSE"]}

    def ancestors(self, region_id: str) -> list[dict[str, Any]]:
        """The region and every region above it (PART_OF*0..)."""
        chain = [self.node(region_id)]
        while chain[-1]["id"] in self.parent:
            chain.append(self.node(self.parent[chain[-1]["id"]]))
        return chain

    def sorted_nodes(self) -> list[tuple[str, dict[str, Any]]]:
        """(id, properties) of every node, by id."""
        return [(node_id, self.graph.nodes[node_id]) for node_id in sorted(self.graph)]

    def ordinal(self, clause_id: str) -> int:
        return int(self.node(clause_id)["ordinal"])


def sorted_rows(rows: list[tuple[tuple[Any, ...], Row]]) -> list[Row]:
    """The rows in the order of their sort keys, as a query's ORDER BY gives them."""
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def as_list(value: Any) -> Any:
    """A property as Neo4j returns it: lists, not tuples."""
    return list(value) if isinstance(value, tuple) else value
