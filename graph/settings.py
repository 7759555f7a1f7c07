"""Every setting, one tree read from the environment once per process.

Four sections — ``paths``, ``store``, ``api``, ``neo4j`` — each read from the variables the
README lists (``POLICYGRAPH_…``, ``NEO4J_…``). Code is handed the section it needs: a Neo4j store
its ``neo4j`` section, the app the whole tree, so tests pass their own and nothing else reads the
environment.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO = Path(__file__).resolve().parent.parent


class PathSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", frozen=True)

    data_dir: Path = _REPO / "data"
    """Plans (``plans/``), vocabularies (``vocab/``) and the gazetteer (``regions/``)."""

    cypher_dir: Path = _REPO / "cypher"
    """The named questions (one ``.cypher`` file each)."""

    @property
    def plans_dir(self) -> Path:
        return self.data_dir / "plans"

    @property
    def vocab_dir(self) -> Path:
        return self.data_dir / "vocab"

    @property
    def regions_file(self) -> Path:
        return self.data_dir / "regions" / "regions.csv"


class StoreSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", frozen=True, populate_by_name=True)

    kind: Literal["auto", "embedded", "neo4j"] = Field(
        default="auto", validation_alias="POLICYGRAPH_STORE"
    )
    """``auto``: Neo4j when ``NEO4J_URI`` is set, else the embedded store."""

    graph_file: Path | None = None
    """A graph file written by ``policygraph build`` (.db) for the embedded store; without it the
    embedded store builds the graph from the plans at start-up."""


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", frozen=True)

    cypher: bool = False
    """``POLICYGRAPH_CYPHER=1`` turns on the read-only ``POST /cypher`` endpoint (Neo4j store only)."""

    cypher_max_rows: int = Field(default=1000, ge=1, le=100_000)
    cypher_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    """Bytes of rows (as JSON) a ``POST /cypher`` answer holds at most: the row cap alone lets
    one row of a huge list fill the server's memory."""
    cypher_timeout: float = Field(default=10.0, gt=0, le=300)
    """Seconds a ``POST /cypher`` query may run."""
    cypher_concurrency: int = Field(default=4, ge=1, le=64)
    """``POST /cypher`` queries running at once; one more is a 429, so slow analysts' queries
    never take the threads the rest of the API answers with."""
    max_request_bytes: int = Field(default=1024 * 1024, ge=1024)
    """Bytes of a request body (``POST /cypher``): a larger one is a 413, unread."""


class LimitSettings(BaseSettings):
    """How big one plan may be: a document beyond them is refused by name, so one huge or
    hostile file can neither exhaust memory nor stop the others."""

    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", frozen=True)

    max_plan_bytes: int = Field(default=64 * 1024 * 1024, ge=1)
    """Bytes of a plan file, checked before it is read (64 MiB)."""
    max_plan_chars: int = Field(default=1_000_000, ge=1)
    """Characters of a plan's text once read (the longest of the 21 plans here has 22,000)."""
    max_plan_clauses: int = Field(default=20_000, ge=1)
    """Clauses of one plan (the longest here has 568)."""


class Neo4jSettings(BaseSettings):
    """Where the Neo4j server is, and how the store talks to it."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", frozen=True, populate_by_name=True)

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"

    batch_size: int = Field(default=2000, ge=1, validation_alias="POLICYGRAPH_NEO4J_BATCH_SIZE")
    """Rows per ``UNWIND`` when loading."""

    plans_per_transaction: int = Field(
        default=50, ge=1, validation_alias="POLICYGRAPH_NEO4J_PLANS_PER_TRANSACTION"
    )
    """Plans written together in one transaction by ``policygraph load``."""

    query_timeout: float = Field(
        default=30.0, gt=0, validation_alias="POLICYGRAPH_NEO4J_QUERY_TIMEOUT"
    )
    """Seconds a read query may run on the server before it is stopped."""

    connect_timeout: float = Field(
        default=1.0, gt=0, validation_alias="POLICYGRAPH_NEO4J_CONNECT_TIMEOUT"
    )
    """Seconds to open a connection (and to wait for one from the pool) before the server counts
    as unavailable: an API request fails fast with 503 instead of waiting out the driver's 30 s."""

    retry_time: float = Field(default=1.0, ge=0, validation_alias="POLICYGRAPH_NEO4J_RETRY_TIME")
    """Seconds the driver keeps retrying a transaction that failed for a transient reason."""

    load_wait: float = Field(default=10.0, ge=0, validation_alias="POLICYGRAPH_NEO4J_LOAD_WAIT")
    """Seconds a request waits for a load that is writing (nothing is read half written) before
    it answers 503 ``store_loading``."""

    load_stale_after: float = Field(
        default=600.0, gt=0, validation_alias="POLICYGRAPH_NEO4J_LOAD_STALE_AFTER"
    )
    """Seconds after which a load's "writing" mark counts as left by a load that died (killed
    mid-transaction): readers stop waiting for it. Longer than any one transaction of a load."""

    @property
    def configured(self) -> bool:
        """Whether a server was named (``NEO4J_URI``), not merely defaulted."""
        return "uri" in self.model_fields_set


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True)

    paths: PathSettings = Field(default_factory=PathSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)


def environment_variables(section: type[BaseSettings]) -> list[str]:
    """The variables a section reads, as the README names them."""
    prefix = section.model_config.get("env_prefix", "")
    return [
        field.validation_alias
        if isinstance(field.validation_alias, str)
        else f"{prefix}{name}".upper()
        for name, field in section.model_fields.items()
    ]


SECTIONS: tuple[type[BaseSettings], ...] = (
    PathSettings, StoreSettings, ApiSettings, Neo4jSettings, LimitSettings,
)  # fmt: skip


@cache
def get_settings() -> Settings:
    return Settings()
