"""``POST /cypher``: read-only Cypher for analysts, on the Neo4j store only — the HTTP side.

Off unless ``POLICYGRAPH_CYPHER=1`` (404 otherwise). The gates a query passes (its text, the
server's plan, a READ transaction with a timeout and a row cap) live in ``graph.cypher_guard`` and
``graph.readonly_cypher``, reached through ``Neo4jStore.run_readonly``; their refusals and the
server's own errors (syntax, timeout, memory) become 400s in the project's error format in
``api.errors``, never 500s.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException

from api.errors import error_response
from graph.neo4j_store import Neo4jStore
from graph.settings import ApiSettings

router = APIRouter(tags=["cypher"])

MAX_QUERY_LENGTH = 10_000
INT64 = (-(2**63), 2**63 - 1)


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
    max_rows: int = Field(
        description="The row cap this server applies (POLICYGRAPH_CYPHER_MAX_ROWS)."
    )


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
            "description": "Refused, not available on this store, or the server's error (syntax, timeout)."
        }
    },
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
            400,
            "POST /cypher needs the Neo4j store; this server answers from the embedded graph",
            code="cypher_not_available",
        )
    cap = settings.cypher_max_rows
    result = store.run_readonly(
        body.query, body.parameters, max_rows=cap, timeout=settings.cypher_timeout
    )
    return {
        "columns": result.columns,
        "rows": result.rows,
        "count": len(result.rows),
        "truncated": result.truncated,
        "max_rows": cap,
    }
