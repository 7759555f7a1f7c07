"""The REST API for policy researchers: an app factory, the store chosen at start-up.

``create_app()`` picks the store in the lifespan — Neo4j when ``NEO4J_URI`` is set (or
``POLICYGRAPH_STORE=neo4j``), else the embedded graph (the graph file ``POLICYGRAPH_GRAPH_FILE``,
or built from the plans) — keeps the name catalogue of the store's current version, and closes
the store on shutdown.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from api.errors import install_error_handlers
from api.known_parameters import reject_unknown_parameters
from api.models import ErrorPublic
from api.raw_query import RawUtf8Query
from api.resilience import Resilience
from api.routers import (
    analysis,
    cypher,
    entities,
    export,
    lineage,
    meta,
    plans,
    regions,
    search,
)
from graph.catalog import CurrentCatalog
from graph.embedded_store import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.questions import Store
from graph.settings import Settings, get_settings
from loaders.pipeline import build_knowledge_graph, extract_many, plan_files

DESCRIPTION = """Cross-regional knowledge graph of Chinese employment-promotion plans.
Every row that states a fact carries the plan, section and quoted clause it rests on; tables
come as JSON or CSV (`?format=csv` or `Accept: text/csv`); `?explain=true` adds the Cypher that
ran. Names may be canonical, aliases, ids or Traditional characters; regions codes or names."""


def _uses_neo4j(settings: Settings) -> bool:
    return settings.store.kind == "neo4j" or (
        settings.store.kind == "auto" and settings.neo4j.configured
    )


def open_store(settings: Settings) -> Neo4jStore | EmbeddedStore:
    """Neo4j when asked for (or when NEO4J_URI is set), else the embedded graph: the graph file
    when one is set, else the plans built in memory."""
    if _uses_neo4j(settings):
        return Neo4jStore.connect(settings.neo4j)
    if settings.store.graph_file is not None:
        return EmbeddedStore.open(settings.store.graph_file)
    result = extract_many(plan_files([settings.paths.plans_dir]))
    return EmbeddedStore.from_graph(build_knowledge_graph(result.extractions))


def check_store(settings: Settings) -> None:
    """Opens and closes the store ``create_app`` will open — Neo4j or a graph file — so that
    ``serve`` can refuse to start with one line (``StoreUnavailable``, ``GraphFileError``)."""
    if _uses_neo4j(settings) or settings.store.graph_file is not None:
        open_store(settings).close()


def attach_store(app: FastAPI, store: Store, settings: Settings) -> None:
    """What the routes read from the app: the store, the settings and the name catalogue."""
    app.state.store = store
    app.state.settings = settings
    app.state.catalog = CurrentCatalog()
    app.state.cypher_slots = asyncio.Semaphore(settings.api.cypher_concurrency)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            attach_store(app, store, settings)
            yield
            return
        opened = open_store(settings)
        attach_store(app, opened, settings)
        try:
            yield
        finally:
            opened.close()

    # Swagger UI and ReDoc from the fastapi-offline package, not a CDN: /docs works offline.
    app = FastAPIOffline(
        title="policygraph",
        description=DESCRIPTION,
        version="1",
        lifespan=lifespan,
        responses={status: {"model": ErrorPublic} for status in (400, 404, 422, 500, 503, 504)},
        dependencies=[Depends(reject_unknown_parameters)],
    )
    install_error_handlers(app)
    app.add_middleware(Resilience)
    app.add_middleware(RawUtf8Query)
    for module in (regions, plans, entities, analysis, lineage, search, export, meta, cypher):
        app.include_router(module.router)
    return app
