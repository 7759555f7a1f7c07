"""The embedded store's graph file: the graph as a SQLite database, written plan by plan.

Why SQLite: it is in the standard library, opens in milliseconds whatever the corpus size, keeps
the graph on disk (memory is its page cache, not the graph), answers each question with indexed
SQL (graph/sql/), and has a trigram full-text index for clause search. Nodes and relationships
are rows whose properties are JSON, so the schema's properties need no table changes.

A file is written to a temporary name beside its target and renamed when complete, so a failed
build leaves the previous file as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from graph.build import Graph
from graph.errors import GraphFileError
from graph.lineage.align import ALIGNMENT_RULES
from graph.lineage.corpus import STATEMENT_RULES, assemble
from graph.lineage.reuse import reuse_families
from graph.lineage.vertical import align_all
from graph.lineage.written import lineage_rows
from graph.queries import SQL, QueryRegistry
from graph.schema import Label, Rel

GRAPH_FILE_SUFFIX = ".db"
FORMAT = f"policygraph-graph/2+statements-{STATEMENT_RULES}+alignment-{ALIGNMENT_RULES}"
"""What ``meta.format`` says in a graph file this code can read: its layout (2), the rules its
clauses were told statements by (lineage compares those) and the rules they were aligned by."""
SQL_DIR = Path(__file__).parent / "sql"
PLAN_OWN = frozenset({Label.PLAN, Label.SECTION, Label.CLAUSE})
_INSERT_EDGE = (
    "INSERT INTO edge (source, type, key, target, plan_id, props) VALUES (?, ?, ?, ?, ?, ?)"
)


@cache
def sql_queries() -> QueryRegistry:
    return QueryRegistry(SQL_DIR, SQL)


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens the graph file at ``path`` for reading only."""
    return f"{path.resolve().as_uri()}?mode=ro"


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class GraphWriter:
    """Adds graphs — one plan's, or many plans' — to a new graph file. Shared nodes (regions,
    programs, groups, indicators, documents) are written once, their aliases gathered across
    plans, as building the plans into one graph does."""

    def __init__(
        self, connection: sqlite3.Connection, earlier: dict[str, list[str]] | None = None
    ) -> None:
        """``earlier``: by source file, the plan ids of the graph file this one replaces; a new
        version of a file records them in ``replaces``, so an old id can be answered with the
        new one."""
        self._db = connection
        self._earlier = earlier or {}
        self._db.executescript(sql_queries()["store/schema"].text)
        self._shared: dict[str, dict[str, Any]] = {}
        """Properties of the shared nodes written so far (a few thousand at most)."""
        self.plans: set[str] = set()
        """Ids of the plans written."""
        self._hierarchy: set[tuple[str, str, str]] = set()
        """PART_OF relationships written (source, target, key)."""

    def add(self, graph: Graph) -> None:
        """Writes ``graph``, unless its plan was written already (the same bytes in another
        file): a plan is never written twice."""
        labels = {node_id: self._label(node_id, attrs) for node_id, attrs in graph.nodes(data=True)}
        plans = {node_id for node_id, label in labels.items() if label == Label.PLAN}
        if plans & self.plans:
            return
        self.plans |= plans
        nodes, plan_of = [], {plan: plan for plan in plans}
        for node_id, attrs in graph.nodes(data=True):
            label, props = labels[node_id], {k: v for k, v in attrs.items() if k != "labels"}
            if label == Label.PLAN:
                earlier = [old for old in self._earlier.get(props["source"], []) if old != node_id]
                props.update({"replaces": tuple(dict.fromkeys(earlier))} if earlier else {})
            if label in PLAN_OWN:
                plan_of[node_id] = attrs.get("plan_id", node_id)
            elif (merged := self._merge_shared(node_id, props)) is not None:
                props = merged
            else:
                continue
            nodes.append((node_id, label, plan_of.get(node_id), _json(props)))
        edges = []
        for source, target, key, attrs in graph.edges(keys=True, data=True):
            plan_id = attrs.get("plan_id") or plan_of.get(source) or plan_of.get(target)
            if plan_id is None:  # the region hierarchy, shared by the plans
                if (source, target, key) in self._hierarchy:
                    continue
                self._hierarchy.add((source, target, key))
            properties = _json({k: v for k, v in attrs.items() if k != "type"})
            edges.append((source, attrs["type"], key, target, plan_id, properties))
        self._db.executemany(
            "INSERT OR REPLACE INTO node (id, label, plan_id, props) VALUES (?, ?, ?, ?)", nodes
        )
        self._db.executemany(
            _INSERT_EDGE,
            edges,
        )

    @staticmethod
    def _label(node_id: str, attrs: dict[str, Any]) -> str:
        labels = attrs.get("labels", ())
        if len(labels) != 1:
            raise GraphFileError(f"node {node_id}: one label expected, found {list(labels)}")
        return str(labels[0])

    def _merge_shared(self, node_id: str, props: dict[str, Any]) -> dict[str, Any] | None:
        """The shared node's properties to write — the first plan's, with the aliases of every
        plan so far — or None when it is written already and brings no new alias."""
        known = self._shared.get(node_id)
        if known is None:
            self._shared[node_id] = props
            return props
        aliases = tuple(dict.fromkeys([*known.get("aliases", ()), *props.get("aliases", ())]))
        if aliases == tuple(known.get("aliases", ())):
            return None
        known["aliases"] = aliases
        return known

    def finish(self) -> None:
        """Align the plans written with their parents, index everything and mark the file as
        complete."""
        self._write_lineage()
        self._db.executescript(sql_queries()["store/index"].text)
        self._db.execute("INSERT INTO meta (key, value) VALUES ('format', ?)", (FORMAT,))
        self._db.commit()

    def _write_lineage(self) -> None:
        """Lineage (graph.lineage) over every plan written: ECHOES and REUSES, and the labels."""
        queries = sql_queries()

        def rows(name: str) -> list[dict[str, Any]]:
            return [json.loads(r[0]) for r in self._db.execute(queries[f"lineage/{name}"].text)]

        plans = assemble(rows("plans"), rows("clauses"), rows("facts"), rows("regions"))
        written = lineage_rows(align_all(plans), reuse_families(plans))
        self._db.executemany(queries["lineage/set_clause"].text, written.clauses)
        self._db.executemany(queries["lineage/set_family"].text, written.families)
        self._db.executemany(
            queries["lineage/set_plan"].text,
            [{"id": r["id"], "parents": json.dumps(r["parents"])} for r in written.plans],
        )
        self._db.executemany(
            _INSERT_EDGE,
            [
                (e["source"], rel, e["key"], e["target"], e["properties"]["plan_id"],
                 _json(e["properties"]))
                for rel, edges in ((Rel.ECHOES, written.echoes), (Rel.REUSES, written.reuses))
                for e in edges
            ],
        )  # fmt: skip


@contextmanager
def writing(path: Path) -> Iterator[GraphWriter]:
    """A writer into a new graph file at ``path``, which appears only once the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # SQLite creates the file, so it gets the usual permissions (a temporary file's are 0600).
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        connection = sqlite3.connect(partial)
        try:
            # A partial file is thrown away on failure, so it needs no journal.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            writer = GraphWriter(connection, earlier_versions(path))
            yield writer
            writer.finish()
        finally:
            connection.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def check_format(connection: sqlite3.Connection, name: str) -> None:
    """Refuses a database that is not a complete graph file of this format."""
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise GraphFileError(
            f"{name}: not a graph file written by policygraph build ({exc})"
        ) from exc
    if row is None or row[0] != FORMAT:
        found = "no format" if row is None else f"format {row[0]!r}"
        raise GraphFileError(f"{name}: a graph file of {found}; this policygraph reads {FORMAT!r}")


def earlier_versions(path: Path) -> dict[str, list[str]]:
    """By source file, the plan ids in the graph file at ``path`` and those they replaced; empty
    when there is no graph file there."""
    if not path.is_file():
        return {}
    found: dict[str, list[str]] = {}
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as db:
            check_format(db, str(path))
            plans = db.execute(
                "SELECT id, props ->> '$.source', props ->> '$.replaces' FROM node"
                " WHERE label = 'Plan'"
            )
            for plan_id, source, replaces in plans:
                found.setdefault(source, []).extend([plan_id, *json.loads(replaces or "[]")])
    except (sqlite3.Error, GraphFileError):
        return {}  # not a graph file: nothing to carry over
    return found
