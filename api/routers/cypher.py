"""``POST /cypher``: read-only Cypher for analysts, on the Neo4j store only.

Off unless ``POLICYGRAPH_CYPHER=1`` (404 otherwise). A query passes three gates before its rows
come back:

1. **The text** (comments blanked, string literals emptied, so only what Cypher reads counts):
   no ``LOAD CSV``, no procedure ``CALL`` outside :data:`ALLOWED_PROCEDURES` (``CALL { … }`` and
   ``CALL (x) { … }`` subqueries are fine), no ``USE`` of another graph, one statement, no
   ``EXPLAIN``/``PROFILE`` of its own.
2. **The server's plan**: ``EXPLAIN`` in a READ transaction must report query type ``r`` (read
   only), and no operator in the plan may be a procedure outside the allow-list, ``LOAD CSV``,
   ``TERMINATE TRANSACTIONS`` or a ``SHOW`` command other than indexes, constraints, procedures
   and functions (``SHOW TRANSACTIONS``/``SETTINGS`` are "read-only" too, but not for analysts).
3. **The transaction**: the query runs in a managed READ transaction (the server refuses writes
   in it) with the server-side timeout ``POLICYGRAPH_CYPHER_TIMEOUT``, and at most
   ``POLICYGRAPH_CYPHER_MAX_ROWS`` + 1 records are pulled; the rest are discarded unread.

Refusals and the server's own errors (syntax, timeout, memory) are 400s in the project's error
format, never 500s.
"""

from __future__ import annotations

import base64
import itertools
import logging
import math
import re
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from neo4j import READ_ACCESS, ManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException

from api.errors import error_response
from api.settings import ApiSettings
from graph.neo4j_store import Neo4jStore

router = APIRouter(tags=["cypher"])
log = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 10_000

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

INT64 = (-(2**63), 2**63 - 1)


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description="One read-only Cypher statement; values as `$parameters`.",
        examples=["MATCH (r:Region)-[:ISSUED]->(p:Plan) RETURN r.name AS region, p.title AS plan"],
    )
    parameters: dict[str, Any] = Field(default_factory=dict, description="Values for the query's `$parameters`.")

    @field_validator("parameters")
    @classmethod
    def _integers_fit(cls, value: dict[str, Any]) -> dict[str, Any]:
        for number in _integers(value):
            if not INT64[0] <= number <= INT64[1]:
                raise ValueError(f"integer {number} does not fit in 64 bits")
        return value


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]] = Field(
        description="One list per record, in column order. Nodes are {element_id, labels, properties}, "
        "relationships {element_id, type, start, end, properties}, paths {nodes, relationships}; "
        "dates, times, durations and points are strings."
    )
    count: int = Field(description="Rows returned.")
    truncated: bool = Field(description="True when the query had more rows than `max_rows`.")
    max_rows: int = Field(description="The row cap this server applies (POLICYGRAPH_CYPHER_MAX_ROWS).")


class Refused(Exception):
    """A query the endpoint will not run; ``rule`` names the check, the message says why."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message)
        self.rule = rule


def _integers(value: Any) -> Iterator[int]:
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _integers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _integers(item)


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
    """The statement to run (a trailing ``;`` dropped), or ``Refused`` saying why not."""
    masked = mask(query)
    if _LOAD_CSV.search(masked):
        raise Refused("load_csv", "LOAD CSV is not allowed: this endpoint reads the graph, not files or URLs")
    for name in called_procedures(masked):
        if name.casefold() not in _ALLOWED:
            raise Refused(
                "procedure",
                f"procedure {name} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}",
            )
    if _USE.search(masked):
        raise Refused("use", "USE is not allowed: queries run against the policygraph database only")
    if mode := _EXECUTION_MODE.match(masked):
        raise Refused("execution_mode", f"{mode.group(1).upper()} is not accepted: send the query alone")
    end = len(masked.rstrip())
    if end and masked[end - 1] == ";":
        end -= 1
    if ";" in masked[:end]:
        raise Refused("multiple_statements", "one statement per request: remove the ';' between statements")
    if not masked[:end].strip():
        raise Refused("empty", "the query is empty (only comments or whitespace)")
    return query[:end]


# --- gate 2: the plan ------------------------------------------------------------------------


def _operators(plan: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield plan.get("operatorType", "").split("@")[0], str(plan.get("args", {}).get("Details") or "")
    for child in plan.get("children", []):
        yield from _operators(child)


def check_plan(query_type: str | None, plan: dict[str, Any] | None) -> None:
    """``Refused`` unless the server's EXPLAIN says the query only reads, by allowed means."""
    if plan is None:
        raise Refused("no_plan", "the server gave no plan for the query, so it cannot be checked")
    for operator, details in _operators(plan):
        if operator.startswith("ProcedureCall"):
            name = details.split("(")[0].strip().replace("`", "")
            if name.casefold() not in _ALLOWED:
                raise Refused("procedure", f"procedure {name} is not allowed; allowed: {', '.join(sorted(ALLOWED_PROCEDURES))}")
        elif operator == "LoadCSV":
            raise Refused("load_csv", "LOAD CSV is not allowed: this endpoint reads the graph, not files or URLs")
        elif operator.startswith("Terminate") or (operator.startswith("Show") and operator not in ALLOWED_SHOW):
            raise Refused("administration", f"administration commands ({operator}) are not allowed; SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are")
    if query_type != "r":
        kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
        raise Refused("not_read_only", f"the query {kind.get(query_type or '', 'is not read-only')}: only read-only queries run here")


EXPLAIN = "EXPLAIN "


def unexplain(message: str) -> str:
    """The server's message about ``EXPLAIN <query>``, with the prefix gone and positions
    (line 1 column, offset, the caret) counted in the analyst's own query."""
    shift = len(EXPLAIN)
    message = re.sub(r"\(offset: (\d+)\)", lambda m: f"(offset: {max(int(m.group(1)) - shift, 0)})", message)
    message = re.sub(r"\(line 1, column (\d+)", lambda m: f"(line 1, column {max(int(m.group(1)) - shift, 1)}", message)
    lines = message.split("\n")
    for i, line in enumerate(lines):
        if line.startswith('"' + EXPLAIN):
            lines[i] = '"' + line[1 + shift :]
            if i + 1 < len(lines) and lines[i + 1].strip() == "^" and not lines[i + 1][:shift].strip():
                lines[i + 1] = lines[i + 1][shift:]
    return "\n".join(lines)


# --- values as JSON --------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A driver value as JSON: graph elements as objects, temporal and spatial values as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels), "properties": _properties(value)}
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node is not None else None,
            "end": value.end_node.element_id if value.end_node is not None else None,
            "properties": _properties(value),
        }
    if isinstance(value, Path):
        return {"nodes": [to_json(n) for n in value.nodes], "relationships": [to_json(r) for r in value.relationships]}
    if isinstance(value, Point):  # before lists: points (and durations) are tuples
        axes = ", ".join(f"{axis}: {coordinate!r}" for axis, coordinate in zip("xyz", value, strict=False))
        return f"point({{srid: {value.srid}, {axes}}})"
    if isinstance(value, Date | Time | DateTime | Duration):
        return str(value)  # ISO 8601
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def _properties(entity: Node | Relationship) -> dict[str, Any]:
    return {key: to_json(entity[key]) for key in sorted(entity.keys())}


# --- the endpoint ----------------------------------------------------------------------------


def cypher_enabled(request: Request) -> ApiSettings:
    """404 unless the server was started with POLICYGRAPH_CYPHER=1 (before the body is read)."""
    settings: ApiSettings = request.app.state.settings
    if not settings.cypher:
        raise HTTPException(404, "POST /cypher is not enabled on this server (POLICYGRAPH_CYPHER=1 turns it on)")
    return settings


def _refusal(exc: Refused) -> JSONResponse:
    log.info("cypher query refused", extra={"rule": exc.rule})
    return error_response(400, f"query refused: {exc}", {"rule": exc.rule}, code="cypher_refused")


@router.post(
    "/cypher",
    response_model=CypherResult,
    responses={400: {"description": "Refused, not available on this store, or the server's error (syntax, timeout)."}},
)
def cypher(
    body: CypherRequest, request: Request, settings: Annotated[ApiSettings, Depends(cypher_enabled)]
) -> dict[str, Any] | JSONResponse:
    """Run one read-only Cypher statement against the Neo4j store (POLICYGRAPH_CYPHER=1).

    The query must read only: no writes, no `LOAD CSV`, procedures only from a short allow-list
    (`db.labels`, `db.relationshipTypes`, `db.propertyKeys`, `db.schema.*`,
    `db.index.fulltext.query*`), no `USE`, one statement. It runs in a READ transaction with a
    time limit; at most `max_rows` rows come back and `truncated` says whether there were more.
    """
    store = request.app.state.store
    if not isinstance(store, Neo4jStore):
        return error_response(
            400, "POST /cypher needs the Neo4j store; this server answers from the embedded graph", code="cypher_not_available"
        )
    try:
        text = check_text(body.query)
    except Refused as exc:
        return _refusal(exc)

    cap = settings.cypher_max_rows

    explaining = True

    @unit_of_work(timeout=settings.cypher_timeout)
    def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        nonlocal explaining
        explaining = True
        summary = tx.run(EXPLAIN + text, body.parameters).consume()  # type: ignore[arg-type]
        explaining = False
        check_plan(summary.query_type, summary.plan)
        result = tx.run(text, body.parameters)  # type: ignore[arg-type]
        rows = [[to_json(v) for v in record.values()] for record in itertools.islice(result, cap + 1)]
        return list(result.keys()), rows  # the transaction ends by discarding what was not read

    started = time.monotonic()
    try:
        with store.driver.session(
            database=store.database,
            default_access_mode=READ_ACCESS,
            fetch_size=min(cap + 1, 1000),
            max_transaction_retry_time=0,  # an analyst's failed query is reported, not retried
        ) as session:
            columns, rows = session.execute_read(work)
    except Refused as exc:
        return _refusal(exc)
    except Neo4jError as exc:
        code = exc.code or ""
        message = exc.message or str(exc)
        if explaining:
            message = unexplain(message)
        if "TimedOut" in code:
            return error_response(
                400,
                f"the query ran longer than {settings.cypher_timeout:g} s and was stopped",
                {"neo4j_code": code, "neo4j_message": message},
                code="cypher_timeout",
            )
        return error_response(400, message, {"neo4j_code": code}, code="cypher_error")
    except (ServiceUnavailable, SessionExpired) as exc:
        return error_response(503, f"Neo4j does not answer: {exc}")
    except DriverError as exc:
        return error_response(400, str(exc), {"driver_error": type(exc).__name__}, code="cypher_error")
    truncated = len(rows) > cap
    rows = rows[:cap]
    log.info(
        "cypher query",
        extra={"rows": len(rows), "truncated": truncated, "seconds": round(time.monotonic() - started, 3)},
    )
    return {"columns": columns, "rows": rows, "count": len(rows), "truncated": truncated, "max_rows": cap}
