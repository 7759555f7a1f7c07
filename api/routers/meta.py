"""Statistics and health."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

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
