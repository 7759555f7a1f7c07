"""The graph file: built plan by plan it holds the graph built at once; a failed build leaves the
previous file; every thread reads through its own connection."""

from __future__ import annotations

import re
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

from graph.embedded_store import EmbeddedStore
from graph.errors import GraphFileError
from graph.graph_file import FORMAT, writing
from graph.model import PlanExtraction
from graph.questions import ExportNodes, ExportRelationships, GraphStats, Plans, RegionsForProgram
from loaders.pipeline import build_knowledge_graph


def _write(path: Path, extractions: list[PlanExtraction]) -> None:
    with writing(path) as writer:
        for extraction in extractions:
            writer.add(build_knowledge_graph([extraction]))


def test_a_file_built_plan_by_plan_holds_the_graph_built_at_once(
    extractions: dict[str, PlanExtraction], tmp_path: Path
) -> None:
    plans = sorted(extractions.values(), key=lambda x: (x.source, x.id))
    _write(tmp_path / "g.db", plans)
    streamed = EmbeddedStore.open(tmp_path / "g.db")
    at_once = EmbeddedStore.from_graph(build_knowledge_graph(plans))
    for question in (ExportNodes(), ExportRelationships()):
        assert streamed.ask(question) == at_once.ask(question)
    shared = [row for row in streamed.ask(ExportNodes()) if row.labels == ["Program"]]
    assert any(len(row.properties["aliases"]) > 1 for row in shared), "aliases gathered"


def test_a_failed_build_leaves_the_previous_file_and_no_partial_one(
    extractions: dict[str, PlanExtraction], tmp_path: Path
) -> None:
    path = tmp_path / "g.db"
    first, *rest = extractions.values()
    _write(path, [first])
    with pytest.raises(RuntimeError), writing(path) as writer:
        writer.add(build_knowledge_graph(rest))
        raise RuntimeError("the build failed")
    assert [plan.id for plan in EmbeddedStore.open(path).ask(Plans())] == [first.id]
    assert [p.name for p in tmp_path.iterdir()] == ["g.db"]


def test_threads_read_through_their_own_connections(
    extractions: dict[str, PlanExtraction], tmp_path: Path
) -> None:
    _write(tmp_path / "g.db", list(extractions.values()))
    store = EmbeddedStore.open(tmp_path / "g.db")
    question = RegionsForProgram(program_id="program:fan-xiang-ru-xiang-chuang-ye-yuan")
    expected = store.ask(question)
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: store.ask(question), range(16)))
    assert expected and all(answer == expected for answer in answers)
    assert sum(row.count for row in store.ask(GraphStats()) if row.name == "Plan") == 5


@pytest.mark.parametrize(
    "older",
    [
        "policygraph-graph/2",  # before statement rules were recorded
        "policygraph-graph/2+statements-3",  # before alignment rules were
        "policygraph-graph/2+statements-3+alignment-2",  # older rules of both
    ],
)
def test_a_file_of_other_lineage_rules_is_refused_by_name(
    extractions: dict[str, PlanExtraction], tmp_path: Path, older: str
) -> None:
    """A file whose clauses were told apart, or aligned, by other rules would answer
    differently from one built now."""
    path = tmp_path / "g.db"
    _write(path, list(extractions.values())[:1])
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (older,))
    refused = f"format {re.escape(repr(older))}; .* reads {re.escape(repr(FORMAT))}"
    with pytest.raises(GraphFileError, match=refused):
        EmbeddedStore.open(path)
