"""Import files for ``neo4j-admin database import full``: a first load of a whole corpus into an
empty Neo4j database, offline, without transactions.

``policygraph load`` writes through the driver and keeps per-plan replace semantics, at the cost
of transactions and index upkeep. For an empty database, Neo4j's importer reads CSV files
straight into the store files; the schema (constraints, indexes, the full-text index) is made
afterwards, with the empty lists the importer cannot write (``policygraph load --imported``). The files are written from a graph file, one label
or relationship type per file, streamed from SQLite in two passes (the first finds each property's
type for the typed header), so memory stays flat whatever the corpus.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from graph.errors import GraphFileError
from graph.graph_file import check_format

DELIMITERS = "|^~`#"
"""Candidates to put between the items of a list property: the first that no item holds."""
ARGUMENTS_FILE = "import.args"
"""The importer's arguments, one per line, for ``neo4j-admin @FOLDER/import.args``."""

Row = tuple[list[str], dict[str, Any]]
"""The fixed columns of one element (ids, label or type, key) and its properties."""

_TYPES = {bool: "boolean", int: "long", float: "double", str: "string", list: "string[]"}


@dataclass(frozen=True)
class ImportFiles:
    folder: Path
    nodes: list[Path]
    relationships: list[Path]
    array_delimiter: str
    elements: int
    """Nodes and relationships written."""

    def arguments(self, database: str = "neo4j") -> list[str]:
        """``neo4j-admin`` arguments that import the files into ``database``, replacing it."""
        return [
            "database", "import", "full", database, "--overwrite-destination=true",
            "--multiline-fields=true", f"--array-delimiter={self.array_delimiter}",
            *(f"--nodes={path}" for path in self.nodes),
            *(f"--relationships={path}" for path in self.relationships),
        ]  # fmt: skip


@dataclass(frozen=True)
class Table:
    """One file's worth of elements: a label's nodes or a type's relationships."""

    kind: Literal["nodes", "relationships"]
    name: str
    """The label or relationship type."""
    fixed: list[str]
    rows: Callable[[], Iterator[Row]]

    def path(self, folder: Path) -> Path:
        return folder / f"{self.kind}-{self.name}.csv"


@dataclass(frozen=True)
class EmptyLists:
    """A list property to set to ``[]`` where the importer left it unset."""

    kind: Literal["nodes", "relationships"]
    name: str
    property: str


def _type(values: set[type]) -> str:
    """The importer's type for a property with values of these Python types."""
    if values <= {int, float} and float in values:
        return "double"
    if len(values) == 1:
        return _TYPES[next(iter(values))]
    return "string"


def _cell(value: Any, kind: str, delimiter: str) -> str:
    """A present value quoted (an empty list is ``""``, an empty array to the importer); an
    absent one empty, which the importer leaves unset."""
    if value is None:
        return ""
    if kind == "boolean":
        text = "true" if value else "false"
    elif kind == "string[]":
        text = delimiter.join(str(item) for item in value)
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _line(cells: Iterable[str]) -> str:
    return ",".join(cells) + "\n"


@dataclass
class Scan:
    """What the first pass over a table found."""

    columns: dict[str, str]
    """Each property and the importer's type for it."""
    empty_lists: list[str]
    """List properties that every element has and some hold empty: the importer leaves those
    unset, so ``policygraph load --imported`` sets them afterwards."""


def _scan(table: Table, in_lists: set[str]) -> Scan:
    """The table's properties; adds the delimiter candidates its list items hold to ``in_lists``."""
    types: dict[str, set[type]] = defaultdict(set)
    present: dict[str, int] = defaultdict(int)
    empty: set[str] = set()
    rows = 0
    for _, properties in table.rows():
        rows += 1
        for key, value in properties.items():
            types[key].add(type(value))
            present[key] += 1
            if isinstance(value, list):
                empty.update([key] if not value else [])
                in_lists.update(char for item in value for char in str(item) if char in DELIMITERS)
    partial_lists = sorted(key for key in empty if present[key] < rows)
    if partial_lists:
        raise GraphFileError(
            f"{table.kind}-{table.name}: {partial_lists} are empty lists on some elements and absent on "
            "others, which the importer cannot tell apart"
        )
    return Scan({key: _type(seen) for key, seen in sorted(types.items())}, sorted(empty))


def _write(table: Table, folder: Path, columns: dict[str, str], delimiter: str) -> int:
    count = 0
    with table.path(folder).open("w", encoding="utf-8", newline="") as out:
        out.write(_line([*table.fixed, *(f"{key}:{kind}" for key, kind in columns.items())]))
        for values, properties in table.rows():
            cells = (_cell(properties.get(key), kind, delimiter) for key, kind in columns.items())
            out.write(_line([*(_cell(value, "string", delimiter) for value in values), *cells]))
            count += 1
    return count


def _tables(connection: sqlite3.Connection) -> list[Table]:
    def node_rows(label: str) -> Iterator[Row]:
        query = "SELECT id, props FROM node WHERE label = ? ORDER BY id"
        for node_id, props in connection.execute(query, (label,)):
            properties = json.loads(props)
            del properties["id"]  # the id column holds it
            yield [node_id, label], properties

    def relationship_rows(rel: str) -> Iterator[Row]:
        query = "SELECT source, target, key, props FROM edge WHERE type = ?"
        for source, target, key, props in connection.execute(query, (rel,)):
            yield [source, target, rel, key], json.loads(props)

    labels = [row[0] for row in connection.execute("SELECT DISTINCT label FROM node ORDER BY 1")]
    types = [row[0] for row in connection.execute("SELECT DISTINCT type FROM edge ORDER BY 1")]
    relationship_columns = [":START_ID", ":END_ID", ":TYPE", "key:string"]
    return [
        *(
            Table("nodes", label, ["id:ID", ":LABEL"], partial(node_rows, label))
            for label in labels
        ),
        *(
            Table("relationships", rel, relationship_columns, partial(relationship_rows, rel))
            for rel in types
        ),
    ]


@contextmanager
def _reading(graph_file: Path) -> Iterator[sqlite3.Connection]:
    try:
        connection = sqlite3.connect(f"{graph_file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise GraphFileError(f"{graph_file}: cannot be opened ({exc})") from exc
    try:
        check_format(connection, str(graph_file))
        yield connection
    finally:
        connection.close()


def _scans(tables: list[Table], graph_file: Path) -> tuple[list[Scan], str]:
    """Each table's first pass, and a list delimiter no list item holds."""
    in_lists: set[str] = set()
    scans = [_scan(table, in_lists) for table in tables]
    unused = [char for char in DELIMITERS if char not in in_lists]
    if not unused:
        raise GraphFileError(f"{graph_file}: list properties hold every one of {DELIMITERS!r}")
    return scans, unused[0]


def write_import_files(graph_file: Path, folder: Path) -> ImportFiles:
    """A node file per label and a relationship file per type in ``folder``, and the importer's
    arguments in ``folder/import.args``."""
    folder.mkdir(parents=True, exist_ok=True)
    with _reading(graph_file) as connection:
        tables = _tables(connection)
        scans, delimiter = _scans(tables, graph_file)
        elements = sum(
            _write(table, folder, scan.columns, delimiter)
            for table, scan in zip(tables, scans, strict=True)
        )
    files = ImportFiles(
        folder,
        [table.path(folder) for table in tables if table.kind == "nodes"],
        [table.path(folder) for table in tables if table.kind == "relationships"],
        delimiter,
        elements,
    )
    (folder / ARGUMENTS_FILE).write_text("\n".join(files.arguments()) + "\n", encoding="utf-8")
    return files


def empty_lists(graph_file: Path) -> list[EmptyLists]:
    """The list properties the importer left unset where the graph file holds empty lists."""
    with _reading(graph_file) as connection:
        tables = _tables(connection)
        scans, _ = _scans(tables, graph_file)
    return [
        EmptyLists(table.kind, table.name, key)
        for table, scan in zip(tables, scans, strict=True)
        for key in scan.empty_lists
    ]
