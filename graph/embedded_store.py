"""The embedded store: the knowledge graph in a SQLite graph file (graph/graph_file.py), no
server needed.

It answers the named questions (graph/questions.py) with the SQL in graph/sql/, row for row as
the Neo4j store answers them with cypher/ — the golden answers hold both to the same rows. A
graph file opens in milliseconds and stays on disk; a graph built in the process (``from_graph``)
is held in an in-memory database. Every read goes through a snapshot: one connection, in one
read transaction, to one version of the file, so the questions of one request never see two
builds; idle connections are kept for the next snapshot of the same version.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from graph.build import Graph
from graph.errors import GraphFileError
from graph.graph_file import GraphWriter, check_format, read_only_uri, sql_queries
from graph.queries import NamedQuery, QueryRegistry
from graph.questions import PAGING, Answer, Question, RowT, check_registry


@cache
def question_queries() -> QueryRegistry:
    """The SQL of every question, checked against the specs once per process."""
    return check_registry(sql_queries())


def _bind(value: Any) -> Any:
    """A parameter as SQLite takes it: lists as JSON text (read with ``json_each``)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


class EmbeddedStore:
    def __init__(
        self,
        uri: str,
        *,
        name: str,
        path: Path | None = None,
        keeper: sqlite3.Connection | None = None,
    ) -> None:
        """``uri`` is an SQLite URI every thread can open; ``path`` the graph file behind it,
        watched for replacement; ``keeper`` holds an in-memory database open for as long as the
        store lives."""
        self.name = name
        self._uri = uri
        self._keeper = keeper
        self._path = path
        self._lock = threading.Lock()
        self._idle: list[tuple[str, sqlite3.Connection]] = []
        self.registry = question_queries()
        with self.snapshot():
            pass  # a file that is not a graph file fails here, naming it

    @classmethod
    def open(cls, path: Path) -> EmbeddedStore:
        """The graph file at ``path``, read-only. When a build replaces the file, the store
        reads the new one from the next snapshot on."""
        if not path.is_file():
            raise GraphFileError(f"{path}: no such graph file")
        return cls(read_only_uri(path), name=str(path), path=path)

    def version(self) -> str:
        """The file's identity (inode, size, modification time): a build writes a new file
        and renames it into place, so every build is a new version."""
        if self._path is None:
            return self._uri
        try:
            found = self._path.stat()
        except OSError as exc:
            raise GraphFileError(f"{self.name}: cannot be read ({exc})") from exc
        return f"{found.st_ino}:{found.st_size}:{found.st_mtime_ns}"

    @classmethod
    def from_graph(cls, graph: Graph) -> EmbeddedStore:
        """An in-memory graph file holding ``graph``."""
        uri = f"file:policygraph-{uuid.uuid4().hex}?mode=memory&cache=shared"
        keeper = sqlite3.connect(uri, uri=True, check_same_thread=False)
        writer = GraphWriter(keeper)
        writer.add(graph)
        writer.finish()
        return cls(uri, name="the graph built in memory", keeper=keeper)

    @contextmanager
    def snapshot(self) -> Iterator[FileSnapshot]:
        """The file as it is now, for several questions: one connection in one read
        transaction, whatever a build does meanwhile (a replaced file stays open until the
        snapshot ends). A connection may pass between threads, one at a time."""
        version, connection = self._checkout()
        try:
            connection.execute("BEGIN")
            yield FileSnapshot(self.registry, self.name, connection, version)
        finally:
            connection.rollback()
            with self._lock:
                self._idle.append((version, connection))

    def _checkout(self) -> tuple[str, sqlite3.Connection]:
        """An idle connection to the current version, or a new one; connections to replaced
        versions are closed."""
        version = self.version()
        with self._lock:
            stale = [c for v, c in self._idle if v != version]
            self._idle = [(v, c) for v, c in self._idle if v == version]
            idle = self._idle.pop() if self._idle else None
        for connection in stale:
            connection.close()
        if idle is not None:
            return idle
        try:
            connection = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise GraphFileError(f"{self.name}: cannot be opened ({exc})") from exc
        check_format(connection, self.name)
        if self.version() != version:  # replaced while opening: name what was opened
            connection.close()
            return self._checkout()
        return version, connection

    def ask(self, question: Question[RowT]) -> list[RowT]:
        with self.snapshot() as snapshot:
            return snapshot.ask(question)

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]:
        with self.snapshot() as snapshot:
            return snapshot.ask_page(question, offset=offset, limit=limit)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for _, connection in idle:
            connection.close()
        if self._keeper is not None:
            self._keeper.close()


class FileSnapshot:
    """One version of the graph file, read through one connection in one transaction."""

    def __init__(
        self, registry: QueryRegistry, name: str, connection: sqlite3.Connection, version: str
    ) -> None:
        self.registry = registry
        self.name = name
        self._connection = connection
        self._version = version

    def version(self) -> str:
        """The version this snapshot reads, however the file changed since."""
        return self._version

    def ask(self, question: Question[RowT]) -> list[RowT]:
        return self._page(question, 0, -1)[0]

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]:
        """A question whose SQL takes :skip and :limit cuts its own page, and may give the
        answer's size as a second column of every row; else the page is cut with ``LIMIT`` and
        counted with ``SELECT count(*)`` unless it is the first and not full."""
        page, total = self._page(question, offset, limit)
        if total is None and offset == 0 and len(page) < limit:
            total = len(page)
        elif total is None:
            query = self.registry[question.name]
            parameters = {**self._parameters(question, query), "skip": 0, "limit": -1}
            counted = f"SELECT count(*) FROM (\n{query.text}\n)"
            total = int(self._rows(query, counted, parameters)[0][0])
        return Answer(page, total=total)

    def _rows(self, query: NamedQuery, text: str, parameters: dict[str, Any]) -> list[Any]:
        try:
            return self._connection.execute(text, parameters).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GraphFileError(f"{self.name}: {query.name} failed ({exc})") from exc

    def _page(
        self, question: Question[RowT], offset: int, limit: int
    ) -> tuple[list[RowT], int | None]:
        """One page of rows, and the answer's size when the question's SQL gives it."""
        query = self.registry[question.name]
        parameters = self._parameters(question, query)
        if query.parameters >= PAGING:
            text = query.text
        else:
            text = f"{query.text}\nLIMIT :limit OFFSET :skip"
        rows = self._rows(query, text, {**parameters, "skip": offset, "limit": limit})
        page = question.rows([json.loads(row[0]) for row in rows])
        return page, (rows[0][1] if rows and len(rows[0]) > 1 else None)

    def _parameters(self, question: Question[Any], query: NamedQuery) -> dict[str, Any]:
        values = question.parameters()
        return {name: _bind(values[name]) for name in query.parameters - PAGING}
