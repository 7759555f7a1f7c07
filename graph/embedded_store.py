"""The embedded store: the knowledge graph held in memory, no server needed.

It answers from the networkx graph what the Neo4j store will answer from the
database, so ``make run`` and the tests work on a fresh machine.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from graph.build import Graph
from graph.embedded_queries import QUERIES
from graph.errors import NotFound, closest
from graph.graph_index import GraphIndex, Row
from graph.queries import QueryFileError


@dataclass(frozen=True)
class FundingRow:
    """One FUNDS fact with what a citation needs: region, plan, section and quote."""

    region_code: str
    region: str
    level: str
    plan_id: str
    plan_title: str
    section: str
    clause_id: str
    evidence: str
    instrument: str
    amount_yuan: float | None


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
        self._index = GraphIndex(graph)

    def run(self, name: str, **parameters: Any) -> list[Row]:
        """A named query (cypher/<name>.cypher), answered from the in-memory graph."""
        if name not in QUERIES:
            raise QueryFileError(f"no named query {name!r} for the embedded store")
        return QUERIES[name](self._index, **parameters)

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
        raise NotFound(f"no plan {ref!r}", suggestions=closest(ref, [p["source"] for p in self.nodes("Plan")]))

    def entity(self, label: str, name: str) -> dict[str, Any]:
        """A group, program or indicator by id, canonical name or alias."""
        candidates = self.nodes(label)
        for node in candidates:
            if name == node["id"] or name == node["name"] or name in node.get("aliases", ()):
                return node
        names = [n["name"] for n in candidates]
        raise NotFound(f"no {label} named {name!r}", suggestions=closest(name, names))

    def regions_funding(self, program: str) -> list[FundingRow]:
        """Every plan that commits money to ``program``, with the clause that says so."""
        target = self.entity("Program", program)["id"]
        rows = []
        for plan_id, _dst, a in self.graph.in_edges(target, data=True):
            if a["type"] != "FUNDS":
                continue
            plan = self.graph.nodes[plan_id]
            region = self.graph.nodes[f"region:{plan['region_code']}"]
            clause = self.graph.nodes[a["clause_id"]]
            section = self.graph.nodes[clause["section_id"]]
            rows.append(
                FundingRow(
                    region["code"], region["name"], region["level"], plan_id, plan.get("title", ""),
                    f"{section['path']} {section.get('heading') or ''}".strip(), a["clause_id"],
                    a["evidence"], a["instrument"], a.get("amount_yuan"),
                )
            )
        return sorted(rows, key=lambda r: (r.region_code, r.plan_id, r.clause_id))

    def plan_servings(self, plan_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        """SERVES edges stated in one plan: (program id, group id, properties)."""
        return [
            (src, dst, a)
            for src, dst, a in self.graph.edges(data=True)
            if a["type"] == "SERVES" and a["plan_id"] == plan_id
        ]

    def out_edges(self, node_id: str, rel: str) -> list[tuple[str, dict[str, Any]]]:
        return [(dst, a) for _, dst, a in self.graph.out_edges(node_id, data=True) if a["type"] == rel]

    def plan_sections(self, plan_id: str) -> list[dict[str, Any]]:
        """The plan's sections in document order."""
        sections = [a for a in self.nodes("Section") if a["plan_id"] == plan_id]
        return sorted(sections, key=lambda s: [int(p) for p in s["path"].split(".")])

    def section_clauses(self, section_id: str) -> list[dict[str, Any]]:
        clauses = [self.graph.nodes[dst] for dst, _ in self.out_edges(section_id, "HAS_CLAUSE")]
        return sorted(clauses, key=lambda c: c["ordinal"])
