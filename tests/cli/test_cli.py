"""The policygraph command line: outputs, exit codes, and one bad plan among good ones."""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli.main import app
from evaluation.lineage import GOLD_LABELS
from graph.embedded_store import EmbeddedStore
from graph.questions import Plans
from graph.settings import get_settings
from loaders.gazetteer import default_gazetteer
from tests.conftest import PLANS_DIR

runner = CliRunner()
NINGXIA = PLANS_DIR / "003_0dc92ecbe2a20814.txt"
CHONGQING = PLANS_DIR / "002_6d2c12a576236476.txt"


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Two good plans, and an empty, a binary and a region-less file."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(NINGXIA, folder)
    shutil.copy(CHONGQING, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "nowhere.txt").write_text(
        "某某就业促进规划\n一、总体要求\n城镇新增就业10万人以上。\n", encoding="utf-8"
    )
    return folder


def test_build_writes_the_format_the_extension_names(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(NINGXIA), "--out", str(tmp_path / "g.graphml")])
    assert result.exit_code == 0, result.output
    assert "built 1 plans" in result.output
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 100


def test_bad_files_are_reported_and_the_others_still_built(
    mixed_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.db"
    result = runner.invoke(
        app, ["build", str(mixed_folder), "--out", str(out)], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 1
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("nowhere.txt", "no region"),
    ]:
        assert f"{name}" in result.output and reason in result.output, result.output
    assert {plan.source for plan in EmbeddedStore.open(out).ask(Plans())} == {
        NINGXIA.name,
        CHONGQING.name,
    }


def test_strict_makes_a_bad_file_fatal_and_writes_nothing(
    mixed_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "g.db"
    result = runner.invoke(app, ["build", str(mixed_folder), "--out", str(out), "--strict"])
    assert result.exit_code == 3
    assert not out.exists()


def test_stats_counts_labels_and_types(tmp_path: Path) -> None:
    out = tmp_path / "g.db"
    runner.invoke(app, ["build", str(NINGXIA), "--out", str(out)])
    result = runner.invoke(app, ["stats", "--graph", str(out)])
    assert result.exit_code == 0
    for name in ("(:Plan)", "[:FUNDS]", "[:SETS_TARGET]", "nodes"):
        assert name in result.output


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such graph file"),
        (b"not a database at all" * 100, "not a graph file written by policygraph build"),
        (b"", "not a graph file written by policygraph build"),
    ],
)
def test_a_graph_file_that_is_not_one_is_named_in_one_line(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "g.db"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["stats", "--graph", str(path)], env={"COLUMNS": "300"})
    assert result.exit_code == 3
    assert str(path) in result.output and problem in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_an_unknown_output_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(NINGXIA), "--out", str(tmp_path / "g.csv")])
    assert result.exit_code == 2 and "g.csv" in result.output
    assert not (tmp_path / "g.csv").exists()


def test_explain_shows_metadata_outline_and_facts() -> None:
    result = runner.invoke(app, ["explain", str(NINGXIA)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in (
        "宁政办发〔2021〕96号",
        "第三节主要目标",
        "SETS_TARGET",
        "城镇新增就业",
        "37.5万人以上",
        "FUNDS",
    ):
        assert text in result.output


def test_funders_answers_with_quotes_and_accepts_traditional_aliases(tmp_path: Path) -> None:
    out = tmp_path / "g.db"
    runner.invoke(app, ["build", str(PLANS_DIR), "--out", str(out)])
    result = runner.invoke(
        app, ["funders", "創業擔保貸款", "--graph", str(out)], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "宁夏回族自治区" in result.output and "贴息" in result.output


def test_lineage_shows_a_plans_alignment_and_its_json_the_api_report(tmp_path: Path) -> None:
    out = tmp_path / "g.db"
    runner.invoke(app, ["build", str(PLANS_DIR), "--out", str(out)])
    shown = runner.invoke(app, ["lineage", "巴彦淖尔", "--graph", str(out)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    for text in (
        "内蒙古自治区“十四五”就业促进规划",
        "elaboration",
        "local innovations",
        "parent section",
    ):
        assert text in shown.output
    as_json = runner.invoke(app, ["lineage", "巴彦淖尔", "--graph", str(out), "--json"])
    report = json.loads(as_json.output)
    assert report["parents"][0]["region_code"] == "150000" and report["summary"]["statements"] > 40
    searched = report["coverage"]  # as the API's: the plan and its parents
    assert {r["code"] for r in searched["regions"]} == {"150800", "150000"}
    alone = runner.invoke(app, ["lineage", "重庆", "--graph", str(out)])
    assert alone.exit_code == 0 and "nothing to align against" in alone.output
    missing = runner.invoke(app, ["lineage", "no-such-plan", "--graph", str(out)])
    assert missing.exit_code == 4
    ambiguous = runner.invoke(app, ["lineage", "鼓楼区", "--graph", str(out)])  # four regions
    assert ambiguous.exit_code == 4 and "320106" in ambiguous.output  # 南京市鼓楼区, by code


def test_evaluate_lineage_reports_both_alignment_sets_and_the_instrument_sets() -> None:
    result = runner.invoke(app, ["evaluate", "--lineage"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in result.output.splitlines()
        if line.startswith("│")
    ]
    label_rows = [row for row in rows if row[2] in GOLD_LABELS]
    assert {row[0] for row in label_rows if row[2] == "echo"} == {
        "tuned", "dev", "fixture-dev", "fixture-blind"
    }  # fmt: skip
    for pair in {(row[0], row[1]) for row in label_rows}:  # fixture-dev has two pairs
        labels = [row for row in label_rows if (row[0], row[1]) == pair]
        confusion = [[int(n) for n in row[7].split(" / ")] for row in labels]
        assert [sum(found) for found in confusion] == [int(row[3]) for row in labels]
        assert [sum(column) for column in zip(*confusion, strict=True)] == [
            int(row[4]) for row in labels
        ]
        assert [confusion[i][i] for i in range(len(labels))] == [
            round(float(row[6]) * int(row[3])) if row[6] != "—" else 0 for row in labels
        ]
    instrument_rows = {(row[0], row[1]) for row in rows if len(row) == 8 and row[2].isdigit()}
    samples = {sample for sample, _ in instrument_rows}
    assert {"1", "2", "all"} <= samples
    assert {(s, part) for s in samples for part in ("seeds", "corpus-dev", "corpus-blind")} == (
        instrument_rows
    )


def test_coverage_lists_every_province_and_the_plans_loaded(tmp_path: Path) -> None:
    result = runner.invoke(app, ["coverage", str(NINGXIA), str(CHONGQING), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    provinces = [row for row in found["regions"] if row["level"] == "province"]
    assert len(provinces) == sum(
        1 for region in default_gazetteer().by_code.values() if region.level == "province"
    )
    assert {row["code"] for row in provinces if row["loaded"]} == {"500000", "640000"}
    (ningxia,) = (row for row in provinces if row["code"] == "640000")
    assert ningxia["kinds"] == ["plan"] and ningxia["periods"] == ["2021–2025"]
    assert found["summary"]["provinces_loaded"] == 2
    table = runner.invoke(app, ["coverage", str(NINGXIA)], env={"COLUMNS": "200"})
    assert "宁夏回族自治区" in table.output and "四川省" in table.output


def test_unknown_names_exit_4_with_suggestions(tmp_path: Path) -> None:
    result = runner.invoke(app, ["funders", "创业担保", str(NINGXIA)])
    assert result.exit_code == 4
    assert "创业担保贷款" in result.output
    result = runner.invoke(app, ["explain", "no-such-plan"])
    assert result.exit_code == 4
    result = runner.invoke(app, ["explain", "鼓楼区"])
    assert result.exit_code == 4 and "give its code" in result.output


def test_vocab_discovered_lists_names_beyond_the_vocabulary_with_quotes() -> None:
    result = runner.invoke(
        app, ["vocab", "discovered", str(NINGXIA), str(CHONGQING), "--label", "indicator"]
    )
    assert result.exit_code == 0, result.output
    assert "discovered, not in data/vocab" in result.output and ".txt: " in result.output
    as_yaml = runner.invoke(
        app, ["vocab", "discovered", str(CHONGQING), "--yaml", "--label", "program"]
    )
    assert as_yaml.exit_code == 0 and as_yaml.output.startswith("- {name: ")
    assert "kind: " in as_yaml.output.splitlines()[0]


def test_vocab_discovered_refuses_an_unknown_label() -> None:
    result = runner.invoke(app, ["vocab", "discovered", str(NINGXIA), "--label", "groups"])
    assert result.exit_code == 2 and "--label" in result.output


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings read again from the environment the test sets, and again after it."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("content", [None, b"not a graph file" * 100])
def test_serve_refuses_a_graph_file_that_is_not_one_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_settings: None, content: bytes | None
) -> None:
    path = tmp_path / "g.db"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setenv("POLICYGRAPH_STORE", "embedded")
    monkeypatch.setenv("POLICYGRAPH_GRAPH_FILE", str(path))
    result = runner.invoke(app, ["serve", "--port", "9"], env={"COLUMNS": "300"})
    assert result.exit_code == 3, result.output
    assert str(path) in result.output and len(result.output.strip().splitlines()) == 1


def test_serve_with_neo4j_down_exits_5_in_one_line(
    monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setenv("POLICYGRAPH_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    result = runner.invoke(app, ["serve", "--port", "9"], env={"COLUMNS": "300"})
    assert result.exit_code == 5, result.output
    assert "does not answer" in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["g.db", "g.graphml", "g.json"])
def test_written_files_get_the_usual_permissions(tmp_path: Path, name: str) -> None:
    """As any file the user writes (umask), not the 0600 of a temporary file renamed into place."""
    umask = os.umask(0)
    os.umask(umask)
    result = runner.invoke(app, ["build", str(NINGXIA), "--out", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask


def test_evaluate_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path)], env={"COLUMNS": "300"})
    assert result.exit_code == 3 and "no gold annotations" in result.output


def test_funders_without_a_funder_says_how_many_plans_mention_it(tmp_path: Path) -> None:
    out = tmp_path / "g.db"
    runner.invoke(app, ["build", str(PLANS_DIR), "--out", str(out)])
    result = runner.invoke(
        app, ["funders", "零工市场", "--graph", str(out)], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "no plan commits money to 零工市场" in result.output
    assert "5 of 5 plans mention it" in result.output


def test_explain_takes_a_region_with_one_plan() -> None:
    result = runner.invoke(app, ["explain", "宁夏"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "宁政办发〔2021〕96号" in result.output
