"""The API on either store: the tests that ask for ``client`` run once on the embedded store and
once on Neo4j (marked ``neo4j``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.embedded_store import EmbeddedStore
from graph.questions import Store
from graph.settings import Settings


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, seeds_store: EmbeddedStore) -> Store:
    if request.param == "embedded":
        return seeds_store
    return request.getfixturevalue("neo4j_loaded")  # type: ignore[no-any-return]


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(
        create_app(Settings(), store=store), raise_server_exceptions=False
    ) as test_client:
        yield test_client
