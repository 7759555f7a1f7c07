"""Shared fixtures: the five source plans extracted once per session, and the graph built from them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from cli.render import QUALITY_WIDTH, quality_table
from evaluation.gold import PlanScores
from graph.build import Graph
from graph.errors import StoreUnavailable
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.settings import Neo4jSettings
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.pipeline import build_knowledge_graph, extract_file, plan_files
from loaders.vocabulary import Vocabulary, default_vocabulary
from tests.neo4j_server import neo4j_server, unavailable

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_DIR = FIXTURES / "gold"
FIXTURE_PLANS = FIXTURES / "plans"
CORPUS = FIXTURES / "corpus"
PLANS_DIR = FIXTURES / "seeds"
"""The five seed plans, copied from data/plans: the tests own them, so a plan added to data/
changes no test."""
PLAN_FOLDERS = [PLANS_DIR, FIXTURE_PLANS, CORPUS]
"""Where annotated documents are: the seeds, the fixture plans and the development corpus."""


def plan_path(name: str) -> Path:
    """A plan file by name, from the seeds, the fixture plans or the corpus."""
    for folder in PLAN_FOLDERS:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return default_vocabulary()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="session")
def extractions() -> dict[str, PlanExtraction]:
    """The five source plans, by file name."""
    return {p.name: extract_file(p) for p in plan_files([PLANS_DIR])}


@pytest.fixture(scope="session")
def graph(extractions: dict[str, PlanExtraction]) -> Graph:
    return build_knowledge_graph(list(extractions.values()))


@pytest.fixture(scope="session")
def neo4j_server_settings(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Neo4jSettings, str | None]]:
    """A real Neo4j for the session: NEO4J_URI when set, else a private local server."""
    with neo4j_server(tmp_path_factory.mktemp("neo4j-home")) as server:
        yield server


@pytest.fixture(scope="session")
def neo4j_session_store(
    neo4j_server_settings: tuple[Neo4jSettings, str | None],
) -> Iterator[Neo4jStore]:
    try:
        store = Neo4jStore.connect(neo4j_server_settings[0])
    except StoreUnavailable as exc:
        unavailable(str(exc))
    with store:
        yield store


@pytest.fixture
def neo4j_store(neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """The session's store, emptied, with the schema in place."""
    neo4j_session_store.driver.execute_query(CLEAR_DATABASE, database_=neo4j_session_store.database)
    neo4j_session_store.setup_schema()
    return neo4j_session_store


@pytest.fixture(scope="module")
def neo4j_loaded(
    neo4j_session_store: Neo4jStore, extractions: dict[str, PlanExtraction]
) -> Neo4jStore:
    """The five plans in the session's Neo4j, loaded once per module (emptied and the schema set
    up first, as ``neo4j_store`` does); for modules whose tests only read."""
    neo4j_session_store.driver.execute_query(CLEAR_DATABASE, database_=neo4j_session_store.database)
    neo4j_session_store.setup_schema()
    for x in extractions.values():
        neo4j_session_store.load_plan(build_knowledge_graph([x]), plan_id=x.id, source=x.source)
    return neo4j_session_store


def by_prefix(extractions: dict[str, PlanExtraction], prefix: str) -> PlanExtraction:
    return next(x for name, x in extractions.items() if name.startswith(prefix))


CLEAR_DATABASE = "MATCH (n) DETACH DELETE n"
"""Tests only: empty the test database between tests."""

QUALITY_KEY = pytest.StashKey[list[PlanScores]]()
"""Where the quality tests leave their scores for the end-of-run report."""
LINEAGE_KEY = pytest.StashKey[list[Table]]()
"""Where the lineage quality tests leave their tables for the end-of-run report."""


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Print the extraction quality report when the quality tests ran."""
    scores = config.stash.get(QUALITY_KEY, None)
    tables = [quality_table(scores)] if scores else []
    tables += config.stash.get(LINEAGE_KEY, [])
    if tables:
        console = Console(file=io.StringIO(), width=QUALITY_WIDTH, record=True)
        for table in tables:
            console.print(table)
        terminalreporter.write(console.export_text())
