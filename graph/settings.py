"""Settings from the environment (prefix ``POLICYGRAPH_``), read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

_REPO = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_")

    data_dir: Path = _REPO / "data"
    """Plans (``plans/``), vocabularies (``vocab/``) and the gazetteer (``regions/``)."""

    @property
    def plans_dir(self) -> Path:
        return self.data_dir / "plans"

    @property
    def vocab_dir(self) -> Path:
        return self.data_dir / "vocab"

    @property
    def regions_file(self) -> Path:
        return self.data_dir / "regions" / "regions.csv"


@cache
def get_settings() -> Settings:
    return Settings()
