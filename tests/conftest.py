"""Shared fixtures: the five source plans extracted once per session, and the graph built from them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from api.render import quality_table
from graph.build import Graph
from graph.model import PlanExtraction
from graph.settings import get_settings
from loaders.gazetteer import Gazetteer, default_gazetteer
from loaders.gold import PlanScores
from loaders.pipeline import build_knowledge_graph, extract_file, plan_files
from loaders.vocabulary import Vocabulary, default_vocabulary

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_DIR = FIXTURES / "gold"
FIXTURE_PLANS = FIXTURES / "plans"
PLANS_DIR = get_settings().plans_dir


def plan_path(name: str) -> Path:
    """A plan file by name, from data/plans or the fixture plans."""
    for folder in (PLANS_DIR, FIXTURE_PLANS):
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


def by_prefix(extractions: dict[str, PlanExtraction], prefix: str) -> PlanExtraction:
    return next(x for name, x in extractions.items() if name.startswith(prefix))



QUALITY_KEY = pytest.StashKey[list[PlanScores]]()
"""Where the quality tests leave their scores for the end-of-run report."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print the extraction quality report when the quality tests ran."""
    scores = config.stash.get(QUALITY_KEY, None)
    if scores:
        console = Console(file=io.StringIO(), width=140, record=True)
        console.print(quality_table(scores))
        terminalreporter.write(console.export_text())
