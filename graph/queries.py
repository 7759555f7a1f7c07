"""Named queries: one file per question, loaded by name — Cypher in ``cypher/`` for Neo4j, SQL
in ``graph/sql/`` for the embedded store.

Every file opens with a comment header (``//`` in Cypher, ``--`` in SQL): what it answers,
``Parameters: $a, $b`` (``:a, :b`` in SQL; or ``none``) and ``Returns: columns`` (or
``nothing``). Loading checks that the header lists exactly the parameters the statement uses, so
a header cannot drift from its query; asking for a name that has no file fails at once. Query
text never contains a value: values are parameters, and the only text filled in is a ``%token%``
taken from the schema's allow-lists (graph/schema.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.errors import QueryFileError

_TOKEN = re.compile(r"%([a-z_]+)%")


@dataclass(frozen=True)
class Dialect:
    """How a query language writes files, comments and parameters."""

    suffix: str
    comment: str
    sigil: str

    @property
    def parameter(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.sigil) + r"([A-Za-z_][A-Za-z0-9_]*)")


CYPHER = Dialect(suffix=".cypher", comment="//", sigil="$")
SQL = Dialect(suffix=".sql", comment="--", sigil=":")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    purpose: str
    text: str
    """The statement(s), without the header."""
    parameters: frozenset[str]
    columns: tuple[str, ...]
    tokens: frozenset[str]
    """``%token%`` placeholders to fill from an allow-list before running."""

    def statements(self) -> list[str]:
        """The statements of a file that holds several (the schema), in order."""
        return [s.strip() for s in self.text.split(";") if s.strip()]

    def fill(self, **tokens: str) -> str:
        """The text with its ``%token%`` placeholders filled (callers pass allow-listed names)."""
        if set(tokens) != self.tokens:
            raise QueryFileError(
                f"{self.name}: expects tokens {sorted(self.tokens)}, got {sorted(tokens)}"
            )
        return _TOKEN.sub(lambda m: tokens[m.group(1)], self.text)


def _header_list(header: list[str], key: str, sigil: str) -> tuple[str, ...]:
    """The comma-separated items after ``// key:``, continued on following indented lines."""
    items: list[str] = []
    for i, line in enumerate(header):
        if line.startswith(f"{key}:"):
            items.append(line.removeprefix(f"{key}:"))
            for more in header[i + 1 :]:
                if not more.startswith(" "):
                    break
                items.append(more)
            break
    else:
        return ()
    words = [w.strip().removeprefix(sigil) for w in ",".join(items).split(",") if w.strip()]
    return () if words in (["none"], ["nothing"]) else tuple(words)


def parse_query(name: str, source: str, dialect: Dialect = CYPHER) -> NamedQuery:
    lines = source.splitlines()
    comment = dialect.comment
    header = [
        line.removeprefix(comment).removeprefix(" ") for line in lines if line.startswith(comment)
    ]
    body = "\n".join(line for line in lines if not line.startswith(comment)).strip()
    if not header or not body:
        raise QueryFileError(f"{name}: a named query needs a {comment} header and a statement")
    declared = set(_header_list(header, "Parameters", dialect.sigil))
    used = set(dialect.parameter.findall(body))
    if declared != used:
        raise QueryFileError(
            f"{name}: header lists {sorted(declared)} but the query uses {sorted(used)}"
        )
    purpose = " ".join(
        line for line in header if not line.startswith(("Parameters:", "Returns:", " "))
    )
    return NamedQuery(
        name=name,
        purpose=purpose.split(". ")[0],
        text=body,
        parameters=frozenset(used),
        columns=_header_list(header, "Returns", dialect.sigil),
        tokens=frozenset(_TOKEN.findall(body)),
    )


BROWSER_FOLDER = "browser"
"""``cypher/browser`` holds what Neo4j Browser reads (the style, the guide's starter queries),
which people run as they are: not named queries."""


class QueryRegistry:
    """All named queries under a folder, by name (``regions_for_program``, ``load/merge_nodes``)."""

    def __init__(self, directory: Path, dialect: Dialect = CYPHER) -> None:
        if not directory.is_dir():
            raise QueryFileError(f"{directory}: no {dialect.suffix} query folder")
        self.directory = directory
        self._queries = {
            path.relative_to(directory).with_suffix("").as_posix(): path
            for path in sorted(directory.rglob(f"*{dialect.suffix}"))
            if path.relative_to(directory).parts[0] != BROWSER_FOLDER
        }
        self._parsed = {
            name: parse_query(name, path.read_text(encoding="utf-8"), dialect)
            for name, path in self._queries.items()
        }

    @property
    def names(self) -> list[str]:
        return sorted(self._parsed)

    def __getitem__(self, name: str) -> NamedQuery:
        try:
            return self._parsed[name]
        except KeyError:
            raise QueryFileError(f"no named query {name!r} in {self.directory}") from None

    def read_queries(self) -> list[NamedQuery]:
        """The questions (top-level files); ``load/`` and ``schema/`` are the store's own."""
        return [q for name, q in sorted(self._parsed.items()) if "/" not in name]


def lucene_phrase(text: str) -> str:
    """``text`` as a Lucene phrase query for the clause full-text index: quoted, with the two
    characters special inside a phrase escaped, so input is never read as query syntax."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
