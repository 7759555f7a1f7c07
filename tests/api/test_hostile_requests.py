"""The injection corpus (issue 12): every string of ``tests/fixtures/hostile/injections.jsonl``
(Cypher, SQL and full-text syntax, paths, header splitting, markup, odd Unicode) in every
parameter of every GET operation the API publishes, one parameter at a time: on the embedded
store in every parameter, on Neo4j in those that carry free text to the store (the others are
refused by validation before any store is asked, the same on both). No answer is a 5xx, every
error has the one shape, and the graph is as it was."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from graph.embedded_store import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.questions import GraphStats, Store
from tests.conftest import FIXTURES
from tests.neo4j_server import server_state

pytestmark = pytest.mark.slow
ATTACKS = [
    json.loads(line)["attack"]
    for line in (FIXTURES / "hostile" / "injections.jsonl").read_text(encoding="utf-8").splitlines()
]


def _operations(client: TestClient) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Every GET path with parameters, from the API's own OpenAPI document."""
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        parameters = operations.get("get", {}).get("parameters", [])
        if parameters:
            yield path, parameters


def _free_text(parameter: dict[str, Any]) -> bool:
    """A parameter whose text reaches the store: a string that is not one of a list or a format."""
    schema = parameter["schema"]
    types = {schema.get("type"), *(option.get("type") for option in schema.get("anyOf", []))}
    return "string" in types and "enum" not in schema and parameter["name"] != "format"


def _request(
    client: TestClient, path: str, parameters: list[dict[str, Any]], attacked: str, attack: str
) -> Any:
    """``path`` with ``attack`` as the parameter named ``attacked`` and the schema's first
    example in every other required one."""
    values = {
        p["name"]: attack if p["name"] == attacked else p["schema"]["examples"][0]
        for p in parameters
        if p["name"] == attacked or p.get("required")
    }
    in_path = {p["name"] for p in parameters if p["in"] == "path"}
    url = path.format(**{name: quote(values[name], safe="") for name in in_path})
    return client.get(url, params={k: v for k, v in values.items() if k not in in_path})


def _state(store: Store) -> Any:
    if isinstance(store, Neo4jStore):  # the schema too: an injected DROP would show there
        return server_state(store)
    return store.ask(GraphStats())


def test_every_attack_in_every_parameter_changes_nothing_and_is_never_a_5xx(
    client: TestClient, store: Store
) -> None:
    before = _state(store)
    statuses: Counter[int] = Counter()
    failures = []
    every = isinstance(store, EmbeddedStore)
    for path, parameters in _operations(client):
        for parameter in (p for p in parameters if every or _free_text(p)):
            for attack in ATTACKS:
                response = _request(client, path, parameters, parameter["name"], attack)
                statuses[response.status_code] += 1
                if response.status_code >= 500 or (
                    response.status_code >= 400 and set(response.json()) != {"error"}
                ):
                    failures.append((path, parameter["name"], attack[:40], response.text[:200]))
    assert not failures, failures[:5]
    assert sum(statuses.values()) >= (60 if every else 15) * len(ATTACKS), statuses
    assert statuses[200] > 0 and statuses[404] > 0, statuses
    assert _state(store) == before
