"""Statistics, health and the Neo4j Browser guide."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from api.browser_guide import read_starters, render_guide
from api.deps import CsvDep, PagingDep, QueriesDep
from api.models import HealthPublic, Page
from api.routers.common import CSV_RESPONSE
from api.tables import question_table
from graph.neo4j_store import Neo4jStore
from graph.questions import GraphStats
from graph.rows import StatRow

router = APIRouter(tags=["meta"])


@router.get("/stats", response_model=Page[StatRow], responses=CSV_RESPONSE)
def stats(queries: QueriesDep, paging: PagingDep, as_csv: CsvDep) -> dict[str, object] | Response:
    """How many nodes carry each label and how many relationships have each type."""
    return question_table(GraphStats(), paging, queries, as_csv=as_csv, filename="stats")


GUIDE_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET",
    "Access-Control-Allow-Headers": "*",
}
"""Neo4j Browser fetches the guide from its own origin (port 7474), after a preflight: the
guide, and only the guide, may be read from any origin (it holds no data)."""


@router.get("/browser-guide", response_class=HTMLResponse)
def browser_guide(request: Request) -> HTMLResponse:
    """A Neo4j Browser guide with the starter queries: type
    `:guide http://localhost:8000/browser-guide` in Browser (its default allow-list has
    localhost; another host must be added to `browser.remote_content_hostname_allowlist`)."""
    path = request.app.state.settings.paths.cypher_dir / "browser" / "starters.cypher"
    return HTMLResponse(render_guide(read_starters(path)), headers=GUIDE_CORS)


@router.options("/browser-guide", include_in_schema=False)
def browser_guide_preflight() -> Response:
    return Response(status_code=204, headers=GUIDE_CORS)


@router.get(
    "/health",
    response_model=HealthPublic,
    responses={503: {"model": HealthPublic, "description": "Neo4j does not answer"}},
)
def health(request: Request, response: Response) -> dict[str, str]:
    """Which store answers, and whether Neo4j does: 503 while it does not, for load balancers."""
    store = request.app.state.store
    if isinstance(store, Neo4jStore):
        try:
            store.driver.verify_connectivity()
            neo4j = "up"
        except Exception:  # any failure means down: health must answer, not fail
            neo4j = "down"
            response.status_code = 503
        return {"status": "ok" if neo4j == "up" else "degraded", "store": "neo4j", "neo4j": neo4j}
    configured = request.app.state.settings.neo4j.configured
    return {
        "status": "ok",
        "store": "embedded",
        "neo4j": "configured, not used" if configured else "not configured",
    }
