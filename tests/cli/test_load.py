"""`policygraph load` against the session's real Neo4j: a plan the server refuses is reported by
name and the plans beside it are still loaded (issue 12, item 3)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.neo4j_store import Neo4jStore
from graph.questions import Plans
from graph.settings import Neo4jSettings, get_settings
from tests.conftest import PLANS_DIR
from tests.neo4j_server import cli_environment

pytestmark = pytest.mark.neo4j
runner = CliRunner()
NINGXIA = PLANS_DIR / "003_0dc92ecbe2a20814.txt"
CHONGQING = PLANS_DIR / "002_6d2c12a576236476.txt"


@pytest.fixture
def titles_unique(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """A constraint the seeds keep but a second version of a plan, under its own file name,
    breaks: a real refusal by the server, for one plan only."""
    create = (
        "CREATE CONSTRAINT test_plan_title IF NOT EXISTS FOR (p:Plan) REQUIRE p.title IS UNIQUE"
    )
    neo4j_store.driver.execute_query(create, database_=neo4j_store.database)
    yield neo4j_store
    drop = "DROP CONSTRAINT test_plan_title IF EXISTS"
    neo4j_store.driver.execute_query(drop, database_=neo4j_store.database)


def test_a_plan_neo4j_refuses_is_named_and_the_others_load(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    neo4j_server_settings: tuple[Neo4jSettings, str | None],
    titles_unique: Neo4jStore,
) -> None:
    for name, value in cli_environment(neo4j_server_settings[0]).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    shutil.copy(NINGXIA, tmp_path / "a-ningxia.txt")
    shutil.copy(CHONGQING, tmp_path / "b-chongqing.txt")
    (tmp_path / "c-ningxia-v2.txt").write_bytes(NINGXIA.read_bytes() + "\n附：修订版。\n".encode())
    try:
        result = runner.invoke(app, ["load", str(tmp_path)], env={"COLUMNS": "250"})
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1, result.output
    assert (
        "c-ningxia-v2.txt: Neo4j refused it (Neo.ClientError.Schema.ConstraintValidationFailed)"
        in result.output
    )
    assert "loaded 2 plans" in result.output
    plans = titles_unique.ask(Plans())
    assert sorted(row.source for row in plans) == ["a-ningxia.txt", "b-chongqing.txt"]
    assert not any(row.lineage_pending for row in plans)  # computed once, after the last chunk
