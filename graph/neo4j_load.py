"""Writing plans into Neo4j: many plans per transaction, each plan whole or not at all.

A plan's id is the hash of its bytes, so a plan already in the database is skipped (the same
bytes change nothing). Of the rest, earlier versions of the same file are removed (the new plan's
``replaces`` keeps their ids, so an old id can be answered with the new one), and the plans'
own nodes (plan, sections, clauses) and relationships are created — they cannot exist yet, so
``CREATE`` needs no lookup — while shared nodes (regions, programs, groups, indicators, documents)
and the region hierarchy are merged. Rows are sent in ``UNWIND`` batches across all the plans of
a transaction, so a corpus costs a few statements per label, not per plan. A failure rolls the
transaction back: the plans of earlier transactions stay, none of this one is half written.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import ManagedTransaction

from graph.build import Graph
from graph.errors import StoreNewer, StoreOutdated
from graph.lineage.align import ALIGNMENT_RULES
from graph.lineage.corpus import STATEMENT_RULES, assemble
from graph.lineage.reuse import reuse_families
from graph.lineage.vertical import align_all, stale
from graph.lineage.written import lineage_rows
from graph.queries import QueryRegistry
from graph.schema import Label, Rel, check_label, check_relationship

Record = dict[str, Any]
T = TypeVar("T")
Statement = tuple[str, list[Record]]
PLAN_OWN = frozenset({Label.PLAN, Label.SECTION, Label.CLAUSE})
"""Labels whose nodes belong to one plan and are new with it."""
SHARED_RELATIONSHIPS = frozenset({Rel.PART_OF})
"""The only relationships a new plan may find already written (by another plan)."""


@dataclass(frozen=True)
class PlanGraph:
    """One plan's graph, built from that plan alone."""

    plan_id: str
    source: str
    graph: Graph


@dataclass(frozen=True)
class WrittenPlans:
    written: list[str]
    """Plan ids written by the transaction."""
    unchanged: list[str]
    """Plan ids the database held already (the same bytes)."""


def as_list(value: Any) -> Any:
    """A property as Neo4j takes it: lists, not tuples."""
    return list(value) if isinstance(value, tuple) else value


def _batches(rows: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def node_statements(
    graphs: Sequence[Graph], registry: QueryRegistry, batch_size: int
) -> list[Statement]:
    """Rows per label across the graphs: ``create_nodes`` for a plan's own, ``merge_nodes`` for shared."""
    by_label: dict[str, dict[str, Record]] = defaultdict(dict)
    for graph in graphs:
        for node_id, attrs in graph.nodes(data=True):
            properties = {k: as_list(v) for k, v in attrs.items() if k != "labels"}
            by_label[attrs["labels"][0]][node_id] = {"id": node_id, "properties": properties}
    statements = []
    for label, rows in sorted(by_label.items()):
        query = registry["load/create_nodes" if label in PLAN_OWN else "load/merge_nodes"]
        text = query.fill(label=check_label(label))
        statements += [(text, batch) for batch in _batches(list(rows.values()), batch_size)]
    return statements


def relationship_statements(
    graphs: Sequence[Graph], registry: QueryRegistry, batch_size: int
) -> list[Statement]:
    """Rows per type and pair of end labels across the graphs: ``create_relationships`` for a
    plan's own, ``merge_relationships`` for the shared hierarchy."""
    groups: dict[tuple[str, str, str], dict[tuple[str, str, str], Record]] = defaultdict(dict)
    for graph in graphs:
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            labels = (graph.nodes[source]["labels"][0], graph.nodes[target]["labels"][0])
            properties = {k: as_list(v) for k, v in attrs.items() if k != "type"}
            row = {"source": source, "target": target, "key": key, "properties": properties}
            groups[(attrs["type"], *labels)][(source, target, key)] = row
    statements = []
    for (rel, source_label, target_label), rows in sorted(groups.items()):
        query = registry[
            "load/merge_relationships"
            if rel in SHARED_RELATIONSHIPS
            else "load/create_relationships"
        ]
        text = query.fill(
            type=check_relationship(rel, source_label, target_label),
            source_label=source_label,
            target_label=target_label,
        )
        statements += [(text, batch) for batch in _batches(list(rows.values()), batch_size)]
    return statements


@dataclass(frozen=True)
class PlanTree:
    """The plans and regions lineage needs to tell which plans to align again: no clause."""

    plans: list[Record]
    regions: list[Record]

    @classmethod
    def read(cls, tx: ManagedTransaction, registry: QueryRegistry) -> PlanTree:
        return cls(
            tx.run(registry["lineage/plans"].text).data(),
            tx.run(registry["lineage/regions"].text).data(),
        )

    @property
    def all(self) -> set[str]:
        return {row["plan_id"] for row in self.plans}

    @property
    def pending(self) -> set[str]:
        return {row["plan_id"] for row in self.plans if row["lineage_pending"]}

    def stale(self, changed: set[str]) -> set[str]:
        """The plans to align again once the plans ``changed`` are written (see ``stale``)."""
        aligned_to = {r["plan_id"]: tuple(r["lineage_parents"] or ()) for r in self.plans}
        return stale(assemble(self.plans, [], [], self.regions), aligned_to, changed)


def refresh_lineage(
    tx: ManagedTransaction,
    changed: set[str],
    tree: PlanTree,
    registry: QueryRegistry,
    batch_size: int,
) -> None:
    """Lineage again, in the load's transaction, where the plans ``changed`` (and any written
    with their lineage pending) alter it: the alignment of those plans, of the plans below them
    and of any whose parents are no longer the ones they were aligned against (a parent
    replaced); and the families of near-same clauses, computed over every plan and written where
    a clause's family changed. ``tree`` is the database's, read after the plans were written."""
    pending = tree.pending
    redo = tree.stale(changed | pending)
    clause_rows = tx.run(registry["lineage/clauses"].text).data()
    plans = assemble(
        tree.plans, clause_rows, tx.run(registry["lineage/facts"].text).data(), tree.regions
    )
    for plan_ids in _batches(sorted(redo), batch_size):
        tx.run(registry["lineage/clear"].text, plan_ids=plan_ids).consume()
    members = reuse_families(plans)
    family_now = {m.clause_id: m.family for m in members}
    moved = {
        row["clause_id"]
        for row in clause_rows
        if row["reuse_family"] != family_now.get(row["clause_id"])
    }
    for clause_ids in _batches(sorted(moved), batch_size):
        tx.run(registry["lineage/clear_reuse"].text, clause_ids=clause_ids).consume()
    written = lineage_rows(
        align_all(plans, only=redo), [m for m in members if m.clause_id in moved]
    )
    for text, rows in (
        (registry["lineage/set_plans"].text, written.plans),
        (registry["lineage/set_clauses"].text, written.clauses),
        (registry["lineage/set_families"].text, written.families),
        (_clause_to_clause(registry, Rel.ECHOES), written.echoes),
        (_clause_to_clause(registry, Rel.REUSES), written.reuses),
    ):
        for batch in _batches(rows, batch_size):
            tx.run(text, rows=batch).consume()
    for plan_ids in _batches(sorted(pending), batch_size):
        tx.run(registry["lineage/clear_pending"].text, plan_ids=plan_ids).consume()


def _stored_rules(tx: ManagedTransaction, registry: QueryRegistry) -> Record:
    """How many plans and clauses the database holds, and the rules they were written under
    (refused here when this policygraph cannot build on them)."""
    (found,) = tx.run(registry["lineage/outdated"].text).data()
    newer = [
        f"{name} rules {found[key]} (this one applies {ours})"
        for name, key, ours in (
            ("statement", "statement_rules", STATEMENT_RULES),
            ("alignment", "alignment_rules", ALIGNMENT_RULES),
        )
        if found[key] is not None and found[key] > ours
    ]
    if newer:
        raise StoreNewer(
            f"Neo4j was written by a newer policygraph, under {' and '.join(newer)}: load "
            "into it with that version or a later one"
        )
    if found["clauses"] and found["statement_rules"] != STATEMENT_RULES:
        rules = found["statement_rules"]
        raise StoreOutdated(
            f"Neo4j holds {found['clauses']:,} clauses written under "
            f"{'an older policygraph' if rules is None else f'statement rules {rules}'} (this "
            f"one applies rules {STATEMENT_RULES}): empty the database and load the plans again"
        )
    return found


def _misaligned(found: Record) -> bool:
    """Whether the database's lineage was computed by other rules: then all of it is computed
    again. Clauses of other statement rules were refused by ``_stored_rules``; plans without
    clauses are aligned again too, or they would read pending for ever."""
    rules = (found["statement_rules"], found["alignment_rules"])
    return bool(found["plans"]) and rules != (STATEMENT_RULES, ALIGNMENT_RULES)


def _touch_version(tx: ManagedTransaction, registry: QueryRegistry) -> None:
    tx.run(
        registry["load/touch_version"].text,
        statement_rules=STATEMENT_RULES,
        alignment_rules=ALIGNMENT_RULES,
    ).consume()


def _clause_to_clause(registry: QueryRegistry, rel: Rel) -> str:
    return registry["load/create_relationships"].fill(
        type=rel, source_label=Label.CLAUSE, target_label=Label.CLAUSE
    )


def write_plans(
    tx: ManagedTransaction,
    plans: Sequence[PlanGraph],
    registry: QueryRegistry,
    batch_size: int,
    lineage: bool = True,
) -> WrittenPlans:
    """One transaction's work: skip what is there, replace earlier versions, write the rest, and
    their lineage, or (``lineage`` false, a chunk of a bulk load) mark pending every plan whose
    lineage the chunk makes stale, for the load's last transaction, so a corpus is not read back
    once per chunk. Where the database's lineage was computed by other rules, every plan's is
    stale. A database written under other statement rules, or by a newer policygraph,
    is refused before anything is written."""
    unique = list({p.plan_id: p for p in plans}.values())
    tx.run(registry["load/lock"].text, token=uuid.uuid4().hex).consume()
    there = {
        r["id"]
        for r in tx.run(registry["load/loaded_plans"].text, plan_ids=[p.plan_id for p in unique])
    }
    new = [p for p in unique if p.plan_id not in there]
    if new:
        misaligned = _misaligned(_stored_rules(tx, registry))
        versions = [{"source": p.source, "plan_id": p.plan_id} for p in new]
        replaced = {
            r["plan_id"]: [old for ids in r["replaced"] for old in ids]
            for r in tx.run(registry["load/delete_plan_versions"].text, plans=versions)
        }
        for p in new:
            if replaced.get(p.plan_id):
                p.graph.nodes[p.plan_id]["replaces"] = tuple(dict.fromkeys(replaced[p.plan_id]))
        graphs = [p.graph for p in new]
        for text, rows in [
            *node_statements(graphs, registry, batch_size),
            *relationship_statements(graphs, registry, batch_size),
        ]:
            tx.run(text, rows=rows).consume()
        if replaced:
            tx.run(registry["load/delete_orphans"].text).consume()
        tree = PlanTree.read(tx, registry)
        written = {p.plan_id for p in new}
        changed = tree.all if misaligned else written
        if lineage:
            refresh_lineage(tx, changed, tree, registry, batch_size)
        else:
            for plan_ids in _batches(sorted(tree.stale(changed)), batch_size):
                tx.run(registry["lineage/set_pending"].text, plan_ids=plan_ids).consume()
        _touch_version(tx, registry)
    return WrittenPlans(written=[p.plan_id for p in new], unchanged=sorted(there))


def complete_lineage(tx: ManagedTransaction, registry: QueryRegistry, batch_size: int) -> int:
    """The lineage of the plans written with it pending (a bulk load's chunks, or a load that
    stopped before its end), or of all of them when it was computed by other alignment rules, in
    one transaction; returns how many plans were pending."""
    tx.run(registry["load/lock"].text, token=uuid.uuid4().hex).consume()
    misaligned = _misaligned(_stored_rules(tx, registry))
    tree = PlanTree.read(tx, registry)
    if tree.pending or misaligned:
        refresh_lineage(tx, tree.all if misaligned else set(), tree, registry, batch_size)
        _touch_version(tx, registry)
    return len(tree.all if misaligned else tree.pending)
