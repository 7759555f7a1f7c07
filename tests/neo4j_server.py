"""The Neo4j server the integration tests use: ``NEO4J_URI`` when set, else a private local one.

The private server is started with scripts/neo4j-local in a temporary home on free ports, so it
never touches a developer's own server, and stopped at the end of the session. In CI
(``CI=true``) a server that cannot be had is a failure, not a skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest

from graph.neo4j_store import Neo4jStore
from graph.questions import GraphStats
from graph.settings import Neo4jSettings

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j_local.py"
START_TIMEOUT = 900
"""Seconds for a first start, which downloads Neo4j from Maven Central."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Neo4j is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j: {reason}")


def cli_environment(settings: Neo4jSettings) -> dict[str, str]:
    """The environment that points the CLI (``policygraph load``) at this server."""
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password.get_secret_value(),
        "NEO4J_DATABASE": settings.database,
    }


def server_state(store: Neo4jStore) -> dict[str, Any]:
    """Everything a query that should change nothing might have changed, on the store's
    database and on the system database: graph counts, schema, tokens, users and databases."""

    def names(query: str, database: str = store.database) -> list[str]:
        records, _, _ = store.driver.execute_query(query, database_=database)
        return sorted(str(r[0]) for r in records)

    return {
        "graph": store.ask(GraphStats()),
        "indexes": names("SHOW INDEXES YIELD name RETURN name"),
        "constraints": names("SHOW CONSTRAINTS YIELD name RETURN name"),
        "labels": names("CALL db.labels()"),
        "types": names("CALL db.relationshipTypes()"),
        "keys": names("CALL db.propertyKeys()"),
        "users": names("SHOW USERS YIELD user RETURN user", "system"),
        "databases": names("SHOW DATABASES YIELD name RETURN name", "system"),
    }


def _exports(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        if line.startswith("export ") and "=" in line:
            key, _, value = line.removeprefix("export ").partition("=")
            found[key] = value.strip().strip("'\"")
    return found


@contextmanager
def neo4j_server(home: Path) -> Iterator[tuple[Neo4jSettings, str | None]]:
    """Settings for a reachable server, and its HTTP URL when it is the private one."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings(), os.environ.get("NEO4J_HTTP_URL")
        return
    env = {
        **os.environ,
        "POLICYGRAPH_NEO4J_HOME": str(home),
        "POLICYGRAPH_NEO4J_BOLT_PORT": str(_free_port()),
        "POLICYGRAPH_NEO4J_HTTP_PORT": str(_free_port()),
    }
    try:
        started = subprocess.run(
            [sys.executable, str(SCRIPT), "start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        unavailable(f"scripts/neo4j-local start: {exc}")
    if started.returncode != 0:
        unavailable(
            f"scripts/neo4j-local start exited {started.returncode}: {started.stderr.strip()[-2000:]}"
        )
    exports = _exports(started.stdout)
    try:
        yield (
            Neo4jSettings(
                uri=exports["NEO4J_URI"],
                user=exports["NEO4J_USER"],
                password=exports["NEO4J_PASSWORD"],
            ),
            exports.get("NEO4J_HTTP_URL"),
        )
    finally:
        subprocess.run(
            [sys.executable, str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120
        )
