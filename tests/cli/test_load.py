"""`policygraph load` against the session's real Neo4j: a plan the server refuses is reported by
name and the plans beside it are still loaded (issue 12, item 3); lineage is computed after the
last plan, and a load that fails computing it leaves it for the next load."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.common import EXIT_NOTHING
from cli.main import app
from graph.neo4j_store import Neo4jStore
from graph.questions import LineageSummary, Plans
from graph.settings import Neo4jSettings, get_settings
from tests.conftest import PLANS_DIR
from tests.neo4j_server import cli_environment

pytestmark = pytest.mark.neo4j
runner = CliRunner()
NINGXIA = PLANS_DIR / "003_0dc92ecbe2a20814.txt"
CHONGQING = PLANS_DIR / "002_6d2c12a576236476.txt"
INNER_MONGOLIA = PLANS_DIR / "000_9d9a5122f386a2c0.txt"
BAYANNUR = PLANS_DIR / "001_8f54833244d202dc.txt"


@pytest.fixture
def cli_neo4j(
    monkeypatch: pytest.MonkeyPatch, neo4j_server_settings: tuple[Neo4jSettings, str | None]
) -> Iterator[None]:
    """The CLI's settings point at the session's server."""
    for name, value in cli_environment(neo4j_server_settings[0]).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _constraint(store: Neo4jStore, name: str, requirement: str) -> Iterator[Neo4jStore]:
    """A constraint only tests add: a real refusal by the server, of a write it names."""
    create = f"CREATE CONSTRAINT {name} IF NOT EXISTS {requirement}"
    store.driver.execute_query(create, database_=store.database)
    yield store
    store.driver.execute_query(f"DROP CONSTRAINT {name} IF EXISTS", database_=store.database)


@pytest.fixture
def titles_unique(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """The seeds keep it, but a second version of a plan under its own file name breaks it:
    a refusal of one plan only."""
    yield from _constraint(neo4j_store, "test_plan_title", "FOR (p:Plan) REQUIRE p.title IS UNIQUE")


@pytest.fixture
def lineage_unique(neo4j_store: Neo4jStore) -> Iterator[Neo4jStore]:
    """Loading keeps it, lineage breaks it (two clauses get the same label): a refusal of the
    load's last transaction only."""
    yield from _constraint(
        neo4j_store, "test_clause_lineage", "FOR (c:Clause) REQUIRE c.lineage IS UNIQUE"
    )


def _load(*paths: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["load", *map(str, paths)], env={"COLUMNS": "250"})
    return result.exit_code, result.output


@pytest.mark.usefixtures("cli_neo4j")
def test_a_plan_neo4j_refuses_is_named_and_the_others_load_with_their_lineage(
    tmp_path: Path, titles_unique: Neo4jStore
) -> None:
    shutil.copy(NINGXIA, tmp_path / "a-ningxia.txt")
    shutil.copy(BAYANNUR, tmp_path / "b-bayannur.txt")
    (tmp_path / "c-ningxia-v2.txt").write_bytes(NINGXIA.read_bytes() + "\n附：修订版。\n".encode())
    shutil.copy(INNER_MONGOLIA, tmp_path / "d-inner-mongolia.txt")
    code, output = _load(tmp_path)
    assert code == 1, output
    assert (
        "c-ningxia-v2.txt: Neo4j refused it (Neo.ClientError.Schema.ConstraintValidationFailed)"
        in output
    )
    assert "loaded 3 plans" in output
    plans = {row.source: row for row in titles_unique.ask(Plans())}
    assert sorted(plans) == ["a-ningxia.txt", "b-bayannur.txt", "d-inner-mongolia.txt"]
    assert not any(row.lineage_pending for row in plans.values())  # computed after the last
    (bayannur,) = [
        row
        for row in titles_unique.ask(LineageSummary())
        if row.plan_id == plans["b-bayannur.txt"].id
    ]
    assert bayannur.parents == [plans["d-inner-mongolia.txt"].id] and bayannur.echo > 0


@pytest.mark.usefixtures("cli_neo4j")
def test_a_load_whose_lineage_fails_keeps_its_plans_and_the_next_load_computes_it(
    lineage_unique: Neo4jStore,
) -> None:
    code, output = _load(INNER_MONGOLIA, BAYANNUR)
    assert code == 1, output
    assert (
        "the plans are loaded, but Neo4j failed computing their lineage "
        "(Neo.ClientError.Schema.ConstraintValidationFailed)" in output
    )
    assert [row.lineage_pending for row in lineage_unique.ask(Plans())] == [True, True]
    lineage_unique.driver.execute_query(
        "DROP CONSTRAINT test_clause_lineage", database_=lineage_unique.database
    )
    code, output = _load(INNER_MONGOLIA, BAYANNUR)  # the same bytes: nothing new to write
    assert code == 0, output
    assert not any(row.lineage_pending for row in lineage_unique.ask(Plans()))
    assert any(row.echo for row in lineage_unique.ask(LineageSummary()))


@pytest.mark.usefixtures("cli_neo4j")
def test_a_load_into_a_database_of_a_newer_policygraph_stops_by_name_and_writes_nothing(
    neo4j_store: Neo4jStore,
) -> None:
    """An older version would align the newer one's plans again by its own rules."""
    assert _load(INNER_MONGOLIA)[0] == 0
    neo4j_store.driver.execute_query(
        "MATCH (info:GraphInfo {id: 'graph'}) SET info.alignment_rules = 99",
        database_=neo4j_store.database,
    )
    code, output = _load(BAYANNUR)
    assert code == EXIT_NOTHING, output
    assert "written by a newer policygraph, under alignment rules 99" in output
    assert [row.source for row in neo4j_store.ask(Plans())] == [INNER_MONGOLIA.name]
