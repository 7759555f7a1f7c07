"""The embedded store: the knowledge graph held in memory, no server needed.

It answers from the networkx graph what the Neo4j store will answer from the
database, so ``make run`` and the tests work on a fresh machine.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.build import Graph
from graph.errors import NotFound
from graph.export import read_json


@dataclass(frozen=True)
class Stats:
    nodes: dict[str, int]
    relationships: dict[str, int]

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_relationships(self) -> int:
        return sum(self.relationships.values())


class EmbeddedStore:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    @classmethod
    def from_json(cls, path: Path) -> EmbeddedStore:
        return cls(read_json(path))

    def nodes(self, label: str) -> list[dict[str, Any]]:
        return [a for _, a in self.graph.nodes(data=True) if label in a["labels"]]

    def stats(self) -> Stats:
        labels = Counter(label for _, a in self.graph.nodes(data=True) for label in a["labels"])
        types = Counter(a["type"] for *_, a in self.graph.edges(keys=True, data=True))
        return Stats(dict(sorted(labels.items())), dict(sorted(types.items())))

    def plan(self, ref: str) -> dict[str, Any]:
        """A plan by id, source file name or sha256 prefix."""
        for plan in self.nodes("Plan"):
            if ref in (plan["id"], plan["source"]) or (len(ref) >= 8 and plan["sha256"].startswith(ref)):
                return plan
        raise NotFound(f"no plan {ref!r}", suggestions=[p["source"] for p in self.nodes("Plan")])

    def out_edges(self, node_id: str, rel: str) -> list[tuple[str, dict[str, Any]]]:
        return [(dst, a) for _, dst, a in self.graph.out_edges(node_id, data=True) if a["type"] == rel]

    def plan_sections(self, plan_id: str) -> list[dict[str, Any]]:
        """The plan's sections in document order."""
        sections = [a for a in self.nodes("Section") if a["plan_id"] == plan_id]
        return sorted(sections, key=lambda s: [int(p) for p in s["path"].split(".")])

    def section_clauses(self, section_id: str) -> list[dict[str, Any]]:
        clauses = [self.graph.nodes[dst] for dst, _ in self.out_edges(section_id, "HAS_CLAUSE")]
        return sorted(clauses, key=lambda c: c["ordinal"])
