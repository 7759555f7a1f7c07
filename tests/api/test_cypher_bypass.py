"""The ``POST /cypher`` bypass corpus (issue 12): every attempt of
``tests/fixtures/hostile/cypher_writes.jsonl`` to write, change the schema, call a procedure
outside the allow-list, read files, administer the server or reach another database through the
read-only endpoint is refused with a 4xx in the project's shape, and the server is as it was:
graph, schema, tokens, users and databases."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.neo4j_store import Neo4jStore
from graph.settings import ApiSettings, Settings
from tests.conftest import FIXTURES
from tests.neo4j_server import server_state

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
ATTEMPTS = [
    json.loads(line)
    for line in (FIXTURES / "hostile" / "cypher_writes.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]
REFUSALS = {"cypher_refused", "cypher_error"}
"""What a refused attempt answers: refused by the gate, or rejected by the server."""


@pytest.fixture
def client(neo4j_loaded: Neo4jStore) -> Iterator[TestClient]:
    app = create_app(Settings(api=ApiSettings(cypher=True)), store=neo4j_loaded)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_corpus_is_large_and_covers_every_way_in() -> None:
    aims = Counter(a["aim"] for a in ATTEMPTS)
    assert len(ATTEMPTS) >= 90 and len(aims) >= 12, aims


def test_no_attempt_writes_and_every_one_is_refused(
    client: TestClient, neo4j_loaded: Neo4jStore
) -> None:
    before = server_state(neo4j_loaded)
    answered = []
    for attempt in ATTEMPTS:
        response = client.post("/cypher", json={"query": attempt["query"], "parameters": {}})
        body = response.json()
        if response.status_code != 400 or body["error"]["code"] not in REFUSALS:
            answered.append((attempt["query"], response.status_code, response.text[:200]))
    assert not answered, answered
    assert server_state(neo4j_loaded) == before
