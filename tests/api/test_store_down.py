"""A Neo4j that goes away: every data endpoint answers 503 ``store_unavailable`` at once (not a
500 after the driver's 30 s of retries), and answers again when the server is back, without
restarting the API. It stops the session's private server and starts it again, the plans still
in it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.neo4j_store import Neo4jStore
from graph.settings import Settings
from tests.neo4j_server import SCRIPT

pytestmark = pytest.mark.neo4j

ENDPOINTS = (
    "/regions",
    "/regions/宁夏",
    "/plans",
    "/programs?q=创业",
    "/programs/返乡创业园/regions",
    "/indicators/城镇新增就业/targets",
    "/compare?regions=重庆,宁夏",
    "/search?q=零工市场",
    "/stats",
)
FAST = 5.0
"""Seconds a 503 may take: the connect timeout and retry time are 1 s each; loose for CI."""


def _local(command: str, home: Path) -> None:
    env = {**os.environ, "POLICYGRAPH_NEO4J_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), command], env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr


def test_a_stopped_server_is_a_fast_503_and_a_restarted_one_answers_again(
    neo4j_loaded: Neo4jStore, neo4j_home: Path
) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("the test stops its server; NEO4J_URI names a shared one")
    with TestClient(create_app(Settings(), store=neo4j_loaded)) as client:
        assert [client.get(url).status_code for url in ENDPOINTS] == [200] * len(ENDPOINTS)

        _local("stop", neo4j_home)
        try:
            assert client.get("/health").status_code == 503
            for url in ENDPOINTS:
                started = time.monotonic()
                response = client.get(url)
                assert response.status_code == 503, (url, response.text)
                assert response.json()["error"]["code"] == "store_unavailable", url
                assert time.monotonic() - started < FAST, url
                message = response.json()["error"]["message"]
                assert "127.0.0.1" not in message and "7687" not in message, message
        finally:
            _local("start", neo4j_home)
        assert client.get("/health").status_code == 200
        assert [client.get(url).status_code for url in ENDPOINTS] == [200] * len(ENDPOINTS)
