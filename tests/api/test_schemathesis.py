"""Property-based tests from the OpenAPI schema (schemathesis): whatever the parameters, no 5xx,
and every response — data or error — matches the schema the API publishes. Generation is
derandomised so CI runs the same examples every time; raise max_examples locally to explore."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.app import attach_store, create_app
from graph.embedded_store import EmbeddedStore
from graph.settings import Settings
from loaders.pipeline import build_knowledge_graph, extract_many, plan_files
from tests.conftest import PLANS_DIR

# Built at import: schemathesis generates the tests from the schema before fixtures exist.
_store = EmbeddedStore.from_graph(
    build_knowledge_graph(extract_many(plan_files([PLANS_DIR])).extractions)
)
app = create_app(Settings(), store=_store)
attach_store(app, _store, Settings())
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.mark.fuzz
@schema.parametrize()
@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_input_breaks_the_api(case: schemathesis.Case) -> None:
    case.call_and_validate()
