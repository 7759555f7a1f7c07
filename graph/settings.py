"""Settings from the environment (prefix ``POLICYGRAPH_``), read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_")

    data_dir: Path = _REPO / "data"
    """Plans (``plans/``), vocabularies (``vocab/``) and the gazetteer (``regions/``)."""

    cypher_dir: Path = _REPO / "cypher"
    """The named queries (one ``.cypher`` file per question)."""

    neo4j_batch_size: int = Field(default=2000, ge=1)
    """Rows per ``UNWIND`` when loading into Neo4j."""

    neo4j_query_timeout: float = Field(default=30.0, gt=0)
    """Seconds a read query may run on the server before it is stopped."""

    @property
    def plans_dir(self) -> Path:
        return self.data_dir / "plans"

    @property
    def vocab_dir(self) -> Path:
        return self.data_dir / "vocab"

    @property
    def regions_file(self) -> Path:
        return self.data_dir / "regions" / "regions.csv"


class Neo4jSettings(BaseSettings):
    """Where the Neo4j server is: ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str = "neo4j"


@cache
def get_settings() -> Settings:
    return Settings()
