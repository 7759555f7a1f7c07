"""``POST /cypher``: read-only Cypher for analysts, on the Neo4j store only — the HTTP side.

Off unless ``POLICYGRAPH_CYPHER=1`` (404 otherwise). The gates a query passes (its text, the
server's plan, a READ transaction with a timeout and a row cap) live in ``graph.cypher_guard`` and
``graph.readonly_cypher``, reached through ``Neo4jStore.run_readonly``; their refusals and the
server's own errors (syntax, timeout, memory) become 400s in the project's error format in
``api.errors``, never 500s.

Before any of that, the request itself is held to limits, each a clear error: a body over
``POLICYGRAPH_MAX_REQUEST_BYTES`` is a 413 and is not read on (nor at all when the endpoint is
off); JSON nested deeper than ``MAX_DEPTH``, a string with a lone surrogate, an integer beyond
64 bits are 400s that name the parameter; more than ``POLICYGRAPH_CYPHER_CONCURRENCY`` queries at
once is a 429, so analysts' queries never take the threads the rest of the API answers with.
"""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.exceptions import HTTPException

from api.errors import error_response
from graph.errors import InvalidInput, TooLarge
from graph.neo4j_store import Neo4jStore
from graph.settings import ApiSettings

router = APIRouter(tags=["cypher"])

MAX_QUERY_LENGTH = 10_000
INT64 = (-(2**63), 2**63 - 1)
MAX_DEPTH = 32
"""Lists and maps inside a parameter, at most: deeper JSON is refused before the driver sees it."""


class CypherRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description="One read-only Cypher statement; values as `$parameters`.",
        examples=["MATCH (r:Region)-[:ISSUED]->(p:Plan) RETURN r.name AS region, p.title AS plan"],
    )
    parameters: dict[str, Any] = Field(
        default_factory=dict, description="Values for the query's `$parameters`."
    )


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]] = Field(
        description="One list per record, in column order. Nodes are {element_id, labels, properties}, "
        "relationships {element_id, type, start, end, properties}, paths {nodes, relationships}; "
        "dates, times, durations and points are strings."
    )
    count: int = Field(description="Rows returned.")
    truncated: bool = Field(description="True when the answer was cut: more rows than fit.")
    truncated_by: Literal["rows", "bytes"] | None = Field(
        description="Which cap cut it: `max_rows`, or `max_bytes` of rows as JSON."
    )
    max_rows: int = Field(
        description="The row cap this server applies (POLICYGRAPH_CYPHER_MAX_ROWS)."
    )
    max_bytes: int = Field(
        description="The cap on the rows' JSON bytes (POLICYGRAPH_CYPHER_MAX_BYTES)."
    )


def check_parameters(parameters: dict[str, Any]) -> None:
    """Refuse what the driver cannot send or Neo4j cannot hold, naming where it is: nesting
    beyond ``MAX_DEPTH``, a lone surrogate in a string or key, an integer beyond 64 bits.
    Walked with a stack, not recursion, so no depth of input can exhaust Python's."""
    stack: list[tuple[str, Any, int]] = [(f"parameters.{k}", v, 1) for k, v in parameters.items()]
    stack += [(f"parameters key {k!r}", k, 1) for k in parameters]
    while stack:
        where, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidInput(f"{where}: nested deeper than {MAX_DEPTH} lists or maps")
        if isinstance(value, str):
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                raise InvalidInput(f"{where}: a lone surrogate (\\ud800–\\udfff) is no text")
        elif isinstance(value, int) and not isinstance(value, bool):
            if not INT64[0] <= value <= INT64[1]:
                raise InvalidInput(f"{where}: the integer does not fit in 64 bits")
        elif isinstance(value, list):
            stack += [(f"{where}[{i}]", item, depth + 1) for i, item in enumerate(value)]
        elif isinstance(value, dict):
            stack += [(f"{where}.{k}", item, depth + 1) for k, item in value.items()]
            stack += [(f"{where} key {k!r}", k, depth + 1) for k in value]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or a 413 as soon as it passes ``limit`` (the rest is never read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"the request body is {int(declared):,} bytes; at most {limit:,}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(f"the request body is over {limit:,} bytes")
    return bytes(body)


def parse_request(body: bytes) -> CypherRequest:
    """The body as a ``CypherRequest``: 400 for JSON that is not, or is nested too deep to read;
    422 for the wrong fields, as any request."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise InvalidInput(f"the JSON body is nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"the body is not JSON: {exc}") from None
    try:
        request = CypherRequest.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
        ) from None
    check_parameters(request.parameters)
    return request


async def cypher_enabled(request: Request) -> ApiSettings:
    """404 unless the server was started with POLICYGRAPH_CYPHER=1 (before the body is read)."""
    settings: ApiSettings = request.app.state.settings.api
    if not settings.cypher:
        raise HTTPException(
            404, "POST /cypher is not enabled on this server (POLICYGRAPH_CYPHER=1 turns it on)"
        )
    return settings


@router.post(
    "/cypher",
    response_model=CypherResult,
    responses={
        400: {
            "description": "Refused, not available on this store, the server's error (syntax, "
            "timeout), or parameters nested too deep, with a lone surrogate or a too large integer."
        },
        413: {"description": "The body is over POLICYGRAPH_MAX_REQUEST_BYTES."},
        429: {"description": "POLICYGRAPH_CYPHER_CONCURRENCY queries are already running."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CypherRequest.model_json_schema()}},
        }
    },
)
async def cypher(
    request: Request, settings: Annotated[ApiSettings, Depends(cypher_enabled)]
) -> dict[str, Any] | JSONResponse:
    """Run one read-only Cypher statement against the Neo4j store (POLICYGRAPH_CYPHER=1).

    The query must read only: no writes, no `LOAD CSV`, procedures only from a short allow-list
    (`db.labels`, `db.relationshipTypes`, `db.propertyKeys`, `db.schema.*`,
    `db.index.fulltext.query*`), no `USE`, one statement. It runs in a READ transaction with a
    time limit; at most `max_rows` rows and `max_bytes` of them come back, and `truncated` says
    whether there were more (`truncated_by`: which cap).
    """
    body = parse_request(await read_body(request, settings.max_request_bytes))
    store = request.app.state.store
    if not isinstance(store, Neo4jStore):
        return error_response(
            400,
            "POST /cypher needs the Neo4j store; this server answers from the embedded graph",
            code="cypher_not_available",
        )
    slots: asyncio.Semaphore = request.app.state.cypher_slots
    if slots.locked():
        return error_response(
            429,
            f"{settings.cypher_concurrency} Cypher queries are running; ask again in a moment",
            code="too_many_queries",
            headers={"Retry-After": "1"},
        )
    async with slots:
        result = await run_in_threadpool(
            store.run_readonly,
            body.query,
            body.parameters,
            max_rows=settings.cypher_max_rows,
            max_bytes=settings.cypher_max_bytes,
            timeout=settings.cypher_timeout,
        )
    return {
        "columns": result.columns,
        "rows": result.rows,
        "count": len(result.rows),
        "truncated": result.truncated,
        "truncated_by": result.truncated_by,
        "max_rows": settings.cypher_max_rows,
        "max_bytes": settings.cypher_max_bytes,
    }
