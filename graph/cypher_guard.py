"""The read-only gate for analysts' Cypher: pure checks on the query text and on the server's plan.

No driver here — the plan comes in as the plain dict the driver's ``summary.plan`` is — so every
rule is unit-tested without a server. Two gates, both raising :class:`~graph.errors.CypherRefused`
with the ``rule`` that fired:

1. :func:`check_text` (comments blanked, string literals emptied, so only what Cypher reads
   counts): no ``LOAD CSV``, no procedure ``CALL`` outside :data:`ALLOWED_PROCEDURES`
   (``CALL { … }`` and ``CALL (x) { … }`` subqueries are fine), no ``USE`` of another graph, one
   statement, no ``EXPLAIN``/``PROFILE`` of its own.
2. :func:`check_plan` on the server's ``EXPLAIN``: query type ``r`` (read only), and no operator
   that is a procedure outside the allow-list, ``LOAD CSV``, ``TERMINATE TRANSACTIONS`` or a
   ``SHOW`` command other than indexes, constraints, procedures and functions (``SHOW
   TRANSACTIONS``/``SETTINGS`` are "read-only" too, but not for analysts).

The text gate is the cheap, early answer; the plan gate is the one that cannot be fooled by
spelling, because it reads what the server understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graph.errors import CypherRefused

ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
    }
)
"""The only procedures a query may call: read-only schema and full-text look-ups."""
_ALLOWED = {name.casefold() for name in ALLOWED_PROCEDURES}

ALLOWED_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})
"""``SHOW`` commands an analyst may run (plan operator names)."""

EXPLAIN = "EXPLAIN "
"""What the plan gate puts before the query; :func:`unexplain` takes it out of error messages."""

_LOAD_CSV_REFUSED = "LOAD CSV is not allowed: this endpoint reads the graph, not files or URLs"


def _procedure_refused(name: str) -> CypherRefused:
    return CypherRefused(
        f"procedure {name} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}",
        rule="procedure",
    )


# --- gate 1: the text -------------------------------------------------------------------------


def mask(query: str) -> str:
    """``query`` with comments blanked (newlines kept) and string contents replaced by ``x``,
    the same length, so that positions match; backticked names are kept as written."""
    out: list[str] = []
    i, n = 0, len(query)
    while i < n:
        c, pair = query[i], query[i : i + 2]
        if pair == "//":
            j = query.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
        elif pair == "/*":
            j = query.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", query[i:j]))
        elif c in "'\"":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            closed = j < n
            j = min(j + 1, n)
            out.append(c + "x" * (j - i - 1 - closed) + (c if closed else ""))
        elif c == "`":
            j = i + 1
            while j < n:
                if query[j] == "`" and query[j + 1 : j + 2] == "`":
                    j += 2
                elif query[j] == "`":
                    break
                else:
                    j += 1
            j = min(j + 1, n)
            out.append(query[i:j])
        else:
            j = i + 1
            out.append(c)
        i = j
    return "".join(out)


_NAME = r"(?:`(?:[^`]|``)*`|[^\W\d]\w*)"
_PROCEDURE = re.compile(rf"{_NAME}(?:\s*\.\s*{_NAME})*")
_KEYWORD_START = r"(?<![\w$.`:])"
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_CALL = re.compile(rf"{_KEYWORD_START}CALL\b\s*", re.IGNORECASE)
_USE = re.compile(rf"{_KEYWORD_START}USE\s+(?=[`\w])", re.IGNORECASE)
_EXECUTION_MODE = re.compile(r"\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)


def procedure_name(text: str) -> str:
    """``db . `labels` `` → ``db.labels``."""
    parts = re.findall(_NAME, text)
    return ".".join(p[1:-1].replace("``", "`") if p.startswith("`") else p for p in parts)


def called_procedures(masked: str) -> list[str]:
    """Procedures the (masked) query calls; ``CALL {`` and ``CALL (`` open subqueries."""
    names = []
    for call in _CALL.finditer(masked):
        rest = masked[call.end() :]
        if rest[:1] in ("{", "("):
            continue
        found = _PROCEDURE.match(rest)
        if found:
            names.append(procedure_name(found.group()))
    return names


def check_text(query: str) -> str:
    """The statement to run (a trailing ``;`` dropped), or ``CypherRefused`` saying why not."""
    masked = mask(query)
    if _LOAD_CSV.search(masked):
        raise CypherRefused(_LOAD_CSV_REFUSED, rule="load_csv")
    for name in called_procedures(masked):
        if name.casefold() not in _ALLOWED:
            raise _procedure_refused(name)
    if _USE.search(masked):
        raise CypherRefused(
            "USE is not allowed: queries run against the policygraph database only", rule="use"
        )
    if mode := _EXECUTION_MODE.match(masked):
        raise CypherRefused(
            f"{mode.group(1).upper()} is not accepted: send the query alone", rule="execution_mode"
        )
    end = len(masked.rstrip())
    if end and masked[end - 1] == ";":
        end -= 1
    if ";" in masked[:end]:
        raise CypherRefused(
            "one statement per request: remove the ';' between statements",
            rule="multiple_statements",
        )
    if not masked[:end].strip():
        raise CypherRefused("the query is empty (only comments or whitespace)", rule="empty")
    return query[:end]


# --- gate 2: the plan ------------------------------------------------------------------------


def _operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield plan.get("operatorType", "").split("@")[0], str(plan.get("args", {}).get("Details") or "")
    for child in plan.get("children", []):
        yield from _operators(child)


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """``CypherRefused`` unless the server's EXPLAIN says the query only reads, by allowed means.

    ``query_type`` and ``plan`` are the driver's ``summary.query_type`` and ``summary.plan``."""
    if plan is None:
        raise CypherRefused(
            "the server gave no plan for the query, so it cannot be checked", rule="no_plan"
        )
    for operator, details in _operators(plan):
        if operator.startswith("ProcedureCall"):
            name = details.split("(")[0].strip().replace("`", "")
            if name.casefold() not in _ALLOWED:
                raise _procedure_refused(name)
        elif operator == "LoadCSV":
            raise CypherRefused(_LOAD_CSV_REFUSED, rule="load_csv")
        elif operator.startswith("Terminate") or (
            operator.startswith("Show") and operator not in ALLOWED_SHOW
        ):
            raise CypherRefused(
                f"administration commands ({operator}) are not allowed; SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are",
                rule="administration",
            )
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise CypherRefused(
            f"the query {kind.get(query_type or '', 'is not read-only')}: only read-only queries run here",
            rule="not_read_only",
        )


def unexplain(message: str) -> str:
    """The server's message about ``EXPLAIN <query>``, with the prefix gone and positions
    (line 1 column, offset, the caret) counted in the analyst's own query."""
    shift = len(EXPLAIN)
    message = re.sub(
        r"\(offset: (\d+)\)", lambda m: f"(offset: {max(int(m.group(1)) - shift, 0)})", message
    )
    message = re.sub(
        r"\(line 1, column (\d+)",
        lambda m: f"(line 1, column {max(int(m.group(1)) - shift, 1)}",
        message,
    )
    lines = message.split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + EXPLAIN):
            lines[i] = '"' + line[1 + shift :]
            if (
                i + 1 < len(lines)
                and lines[i + 1].strip() == "^"
                and not lines[i + 1][:shift].strip()
            ):
                lines[i + 1] = lines[i + 1][shift:]
    return "\n".join(lines)
