"""Property-based tests from the OpenAPI schema (schemathesis), on both stores: whatever the
parameters, no 5xx, and every response — data or error — matches the schema the API publishes.

Generation is derandomised, so CI runs the same examples every time. ``make test`` runs
``EXAMPLES`` per operation; ``POLICYGRAPH_FUZZ_EXAMPLES=300`` runs the full adversarial pass
(README, "Hardening")."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from starlette.types import Receive, Scope, Send

from api.app import attach_store, create_app
from graph.embedded_store import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.questions import Store
from graph.settings import Settings
from loaders.pipeline import build_knowledge_graph, extract_many, plan_files
from tests.conftest import PLANS_DIR

pytestmark = [pytest.mark.fuzz, pytest.mark.slow]
EXAMPLES = {"embedded": 100, "neo4j": 10}
"""Examples per operation in ``make test``: Neo4j answers each one several times slower."""


def _examples(store: str) -> int:
    return int(os.environ.get("POLICYGRAPH_FUZZ_EXAMPLES", EXAMPLES[store]))


def _app(store: Store) -> FastAPI:
    """The app on ``store``, attached now: schemathesis calls it without its lifespan."""
    app = create_app(Settings(), store=store)
    attach_store(app, store, Settings())
    return app


class StoreSwitch:
    """The app schemathesis calls, answering from the store a test puts in: schemathesis reads
    the schema when the module is imported, before the Neo4j fixtures exist; the schema is the
    same whatever the store."""

    def __init__(self, store: Store) -> None:
        self.app = _app(store)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)


# Built at import, for the schema; the Neo4j test switches the store to Neo4j.
_seeds = EmbeddedStore.from_graph(
    build_knowledge_graph(extract_many(plan_files([PLANS_DIR])).extractions)
)
_embedded, _switched = StoreSwitch(_seeds), StoreSwitch(_seeds)
embedded_schema = schemathesis.openapi.from_asgi("/openapi.json", _embedded)
switched_schema = schemathesis.openapi.from_asgi("/openapi.json", _switched)
if "POLICYGRAPH_FUZZ_EXAMPLES" not in os.environ:
    # Its boundary cases (the coverage phase: over a minute on Neo4j, whatever the examples)
    # run on the embedded store; the two stores share every route and its validation.
    switched_schema.config.phases.coverage.enabled = False


@pytest.fixture
def on_neo4j(neo4j_loaded: Neo4jStore) -> Iterator[None]:
    before, _switched.app = _switched.app, _app(neo4j_loaded)
    yield
    _switched.app = before


HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": list(HealthCheck),
}


@embedded_schema.parametrize()
@settings(max_examples=_examples("embedded"), **HYPOTHESIS)  # type: ignore[arg-type]
def test_no_input_breaks_the_api_on_the_embedded_store(case: schemathesis.Case) -> None:
    case.call_and_validate()


@pytest.mark.neo4j
@switched_schema.parametrize()
@settings(max_examples=_examples("neo4j"), **HYPOTHESIS)  # type: ignore[arg-type]
def test_no_input_breaks_the_api_on_neo4j(case: schemathesis.Case, on_neo4j: None) -> None:
    case.call_and_validate()
