"""An analyst's own Cypher on the Neo4j store, read-only: the driver side of ``POST /cypher``.

A query passes three gates before its rows come back:

1. **The text** (:func:`graph.cypher_guard.check_text`).
2. **The server's plan**: ``EXPLAIN`` in the same READ transaction, checked by
   :func:`graph.cypher_guard.check_plan`.
3. **The transaction**: the query runs in a managed READ transaction (the server refuses writes
   in it) with a server-side timeout, and at most ``max_rows`` + 1 records are pulled; the rest
   are discarded unread.

Failures come out as the project's errors: ``CypherRefused`` (a gate said no), ``CypherTimeout``,
``CypherError`` (the server's own error — syntax, memory — or the driver's), and
``StoreUnavailable`` when the connection is lost. Values come back as JSON (:func:`to_json`).
"""

from __future__ import annotations

import base64
import itertools
import json
import logging
import math
import re
import time
from dataclasses import dataclass
from typing import Any, Literal

from neo4j import READ_ACCESS, Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.cypher_guard import EXPLAIN, check_plan, check_text, unexplain
from graph.errors import CypherError, CypherRefused, CypherTimeout, StoreUnavailable

log = logging.getLogger(__name__)
_INTERNALS = re.compile(
    r"\b(?:org|java|javax|com)\.[a-z]+\.|Exception\b|\b\d{1,3}(?:\.\d{1,3}){3}:\d+"
)
"""Java class names, stack-trace words and host:port in a server message: kept in the log, not
sent to a client (a syntax error's message, which points into the query, is sent)."""


@dataclass(frozen=True)
class ReadOnlyResult:
    """Rows of a read-only query, at most ``max_rows`` and ``max_bytes`` of them as JSON;
    ``truncated`` when there were more, by which cap."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    truncated_by: Literal["rows", "bytes"] | None = None


def run(
    driver: Driver,
    database: str,
    query: str,
    parameters: dict[str, Any],
    *,
    max_rows: int,
    max_bytes: int,
    timeout: float,
) -> ReadOnlyResult:
    """``query`` through the three gates; its first ``max_rows`` rows as JSON values, fewer
    when they would pass ``max_bytes``."""
    try:
        return _run(
            driver,
            database,
            query,
            parameters,
            max_rows=max_rows,
            max_bytes=max_bytes,
            timeout=timeout,
        )
    except CypherRefused as exc:
        log.info("cypher query refused", extra={"rule": exc.rule})
        raise


def _run(
    driver: Driver,
    database: str,
    query: str,
    parameters: dict[str, Any],
    *,
    max_rows: int,
    max_bytes: int,
    timeout: float,
) -> ReadOnlyResult:
    text = check_text(query)
    over_bytes = False
    explaining = True

    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        nonlocal explaining, over_bytes
        explaining, over_bytes = True, False
        summary = tx.run(EXPLAIN + text, parameters).consume()
        explaining = False
        check_plan(summary.query_type, summary.plan)
        result = tx.run(text, parameters)
        rows: list[list[Any]] = []
        size = 0
        for record in itertools.islice(result, max_rows + 1):
            row = [to_json(v) for v in record.values()]
            size += len(json.dumps(row, ensure_ascii=False, default=str).encode())
            if size > max_bytes:
                over_bytes = True
                break
            rows.append(row)
        return list(result.keys()), rows  # the transaction ends by discarding what was not read

    started = time.monotonic()
    try:
        with driver.session(
            database=database,
            default_access_mode=READ_ACCESS,
            fetch_size=min(max_rows + 1, 1000),
            max_transaction_retry_time=0,  # an analyst's failed query is reported, not retried
        ) as session:
            columns, rows = session.execute_read(work)
    except Neo4jError as exc:
        code = exc.code or ""
        message = exc.message or str(exc)
        if explaining:
            message = unexplain(message)
        if _INTERNALS.search(message):
            log.warning("cypher failed", extra={"code": code, "error": message})
            message = f"the server could not run the query ({code or 'no code'})"
        if "TimedOut" in code:
            raise CypherTimeout(
                f"the query ran longer than {timeout:g} s and was stopped",
                neo4j_code=code,
                neo4j_message=message,
            ) from exc
        raise CypherError(message, neo4j_code=code) from exc
    except (ServiceUnavailable, SessionExpired) as exc:
        log.warning("neo4j does not answer", extra={"error": str(exc)})
        raise StoreUnavailable("Neo4j does not answer") from exc
    except DriverError as exc:
        raise CypherError(str(exc), driver_error=type(exc).__name__) from exc
    truncated = over_bytes or len(rows) > max_rows
    truncated_by: Literal["rows", "bytes"] | None = (
        "bytes" if over_bytes else "rows" if truncated else None
    )
    rows = rows[:max_rows]
    log.info(
        "cypher query",
        extra={
            "rows": len(rows),
            "truncated": truncated,
            "seconds": round(time.monotonic() - started, 3),
        },
    )
    return ReadOnlyResult(
        columns=columns, rows=rows, truncated=truncated, truncated_by=truncated_by
    )


def to_json(value: Any) -> Any:
    """A driver value as JSON: graph elements as objects, temporal and spatial values as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": _properties(value),
        }
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node is not None else None,
            "end": value.end_node.element_id if value.end_node is not None else None,
            "properties": _properties(value),
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(n) for n in value.nodes],
            "relationships": [to_json(r) for r in value.relationships],
        }
    if isinstance(value, Point):  # before lists: points (and durations) are tuples
        axes = ", ".join(
            f"{axis}: {coordinate!r}" for axis, coordinate in zip("xyz", value, strict=False)
        )
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
