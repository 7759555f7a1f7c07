"""Settings of the REST API (prefix ``POLICYGRAPH_``), read once per process; tests pass their own."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_")

    graph_file: Path | None = None
    """A graph written by ``policygraph build`` (.json) for the embedded store; without it the
    embedded store builds the graph from the plans at start-up."""

    store: str = Field(default="auto", pattern="^(auto|embedded|neo4j)$")
    """``auto``: Neo4j when ``NEO4J_URI`` is set, else the embedded store."""

    cypher: bool = False
    """``POLICYGRAPH_CYPHER=1`` turns on the read-only ``POST /cypher`` endpoint (Neo4j store only)."""

    cypher_max_rows: int = Field(default=1000, ge=1, le=100_000)
    cypher_timeout: float = Field(default=10.0, gt=0, le=300)
    """Seconds a ``POST /cypher`` query may run."""


@cache
def get_api_settings() -> ApiSettings:
    return ApiSettings()
