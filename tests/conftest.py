"""Shared fixtures: the five source plans extracted once per session, and the graph built from them."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from cli.render import QUALITY_WIDTH, quality_table
from evaluation.gold import PlanScores
from graph.build import Graph
from graph.embedded_store import EmbeddedStore
from graph.errors import StoreUnavailable
from graph.model import PlanExtraction
from graph.neo4j_load import PlanGraph
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
def seeds_store(graph: Graph) -> EmbeddedStore:
    """The five plans in an in-memory graph file, built once: the embedded store only reads,
    and building it (lineage and reuse among them) takes about a second."""
    return EmbeddedStore.from_graph(graph)


@pytest.fixture(scope="session")
def neo4j_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the session's private Neo4j lives (unused when NEO4J_URI names a server)."""
    return tmp_path_factory.mktemp("neo4j-home")


@pytest.fixture(scope="session")
def neo4j_server_settings(neo4j_home: Path) -> Iterator[tuple[Neo4jSettings, str | None]]:
    """A real Neo4j for the session: NEO4J_URI when set, else a private local server."""
    with neo4j_server(neo4j_home) as server:
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


def _emptied(store: Neo4jStore) -> Neo4jStore:
    """``store`` emptied, with the schema in place."""
    store.driver.execute_query(CLEAR_DATABASE, database_=store.database)
    store.setup_schema()
    return store


def plan_graphs(extractions: Iterable[PlanExtraction]) -> list[PlanGraph]:
    """Each plan's own graph, as ``Neo4jStore.load_plans`` takes them."""
    return [PlanGraph(x.id, x.source, build_knowledge_graph([x])) for x in extractions]


@pytest.fixture
def neo4j_store(neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """The session's store, emptied, with the schema in place."""
    return _emptied(neo4j_session_store)


SEEDS_IN_NEO4J = pytest.StashKey[bool]()
"""Whether the session's Neo4j holds the five plans as ``neo4j_loaded`` left them."""


@pytest.fixture
def neo4j_loaded(
    neo4j_session_store: Neo4jStore,
    extractions: dict[str, PlanExtraction],
    request: pytest.FixtureRequest,
) -> Neo4jStore:
    """The five plans in the session's Neo4j, for tests that only read: emptied, the schema set
    up and the plans loaded (in one load, which gives what loading them one by one gives) when
    a test that could write has run since the last time (see pytest_runtest_teardown)."""
    if not request.config.stash.get(SEEDS_IN_NEO4J, False):
        _emptied(neo4j_session_store).load_plans(plan_graphs(extractions.values()))
        request.config.stash[SEEDS_IN_NEO4J] = True
    return neo4j_session_store


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """A test that reaches the session's Neo4j otherwise than through ``neo4j_loaded`` may
    have written to it: the next ``neo4j_loaded`` loads the plans again."""
    if "neo4j_server_settings" in item.fixturenames and "neo4j_loaded" not in item.fixturenames:
        item.config.stash[SEEDS_IN_NEO4J] = False


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
