"""Plans made to break the loader (issue 12, items 1–6): each is refused by name or read right,
and never stops the plans beside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import AmbiguousRegion, EncodingError, ExtractionFailed, PlanError, PlanTooLarge
from graph.settings import get_settings
from loaders import quantities
from loaders.pipeline import Duplicate, extract_each, extract_file, extract_text, plan_files
from tests.conftest import PLANS_DIR

runner = CliRunner()
NINGXIA = PLANS_DIR / "003_0dc92ecbe2a20814.txt"
CHONGQING = PLANS_DIR / "002_6d2c12a576236476.txt"
NOT_XML = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"
HEAD = "宁夏回族自治区就业促进规划\n一、主要目标\n"
IGRAPH_COUNT = "import igraph, sys; print(igraph.Graph.Read_GraphML(sys.argv[1]).vcount())"


@pytest.fixture
def limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings read again from the environment the test sets, and restored after it."""
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def _plan(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_control_characters_never_reach_the_graph_and_every_graphml_parses(
    tmp_path: Path,
) -> None:
    text = NINGXIA.read_text(encoding="utf-8")
    cut = text.index("城镇新增就业")
    dirty = text[:cut] + "\x01\x0b\x1b[31m\ufffe" + text[cut:]
    data = dirty.encode()
    data = data[:9000] + b"\x00" + data[9000:]  # a NUL past the binary sniff's 8,192 bytes
    (tmp_path / "dirty.txt").write_bytes(data)
    out = tmp_path / "g.graphml"
    result = runner.invoke(app, ["build", str(tmp_path / "dirty.txt"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    texts = [str(value) for _, attrs in graph.nodes(data=True) for value in attrs.values()]
    assert not [t for t in texts if any(ch in t for ch in NOT_XML)]
    # In a process of its own: igraph's C reader can crash on a file that is not XML.
    read = subprocess.run(
        [sys.executable, "-c", IGRAPH_COUNT, str(out)], capture_output=True, text=True, timeout=60
    )
    assert read.returncode == 0 and int(read.stdout) == graph.number_of_nodes(), read.stderr


def test_an_error_inside_one_plan_is_that_plans_error_naming_the_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(written: str) -> float | None:
        if written == "37.5":
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return float(written) if written.replace(".", "").isdigit() else None

    monkeypatch.setattr(quantities, "number", broken)
    errors: list[PlanError] = []
    built = list(extract_each([NINGXIA, CHONGQING], errors=errors))
    assert [x.source for x in built] == [CHONGQING.name]
    (error,) = errors
    assert isinstance(error, ExtractionFailed) and error.source == str(NINGXIA)
    assert error.stage == "quantities" and "ValueError" in str(error)


def test_a_numeral_too_long_for_a_float_is_no_quantity(tmp_path: Path) -> None:
    """九 × 4,400 before 万人 in a 分别为 sentence raised OverflowError and stopped the build."""
    bad = _plan(tmp_path, "bad.txt", HEAD + "城镇新增就业分别为" + "九" * 4400 + "万人和12万人。\n")
    shutil.copy(CHONGQING, tmp_path)
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "g.db")])
    assert result.exit_code == 0, result.output
    assert "built 2 plans" in result.output
    targets = extract_file(bad).targets
    assert all(t.value is None or abs(t.value) <= 1e15 for t in targets)


@pytest.mark.parametrize(
    ("written", "value"),
    [("1e309万人", None), ("下降-5%", -5.0), ("－3个百分点", -3.0), ("PM2.5万人", None)],
)
def test_numbers_are_read_whole_with_their_sign(written: str, value: float | None) -> None:
    found = [q.value for _, _, q in quantities.quantities(written)]
    assert found == ([] if value is None else [value])


def test_limits_refuse_a_huge_plan_by_name_and_keep_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limits: None
) -> None:
    monkeypatch.setenv("POLICYGRAPH_MAX_PLAN_CHARS", "30000")
    shutil.copy(NINGXIA, tmp_path)
    huge = _plan(tmp_path, "huge.txt", HEAD + "城镇新增就业10万人。\n" * 3000)
    errors: list[PlanError] = []
    built = list(extract_each(sorted(tmp_path.iterdir()), errors=errors))
    assert [x.source for x in built] == [NINGXIA.name]
    (error,) = errors
    assert isinstance(error, PlanTooLarge) and error.source == str(huge)
    assert "POLICYGRAPH_MAX_PLAN_CHARS" in str(error)
    monkeypatch.setenv("POLICYGRAPH_MAX_PLAN_BYTES", "1000")
    get_settings.cache_clear()
    with pytest.raises(PlanTooLarge, match="bytes, more than the limit of 1,000"):
        extract_file(NINGXIA)
    monkeypatch.setenv("POLICYGRAPH_MAX_PLAN_BYTES", "100000000")
    monkeypatch.setenv("POLICYGRAPH_MAX_PLAN_CLAUSES", "50")
    get_settings.cache_clear()
    with pytest.raises(PlanTooLarge, match="clauses, more than the limit of 50"):
        extract_file(NINGXIA)


def test_identical_files_are_one_plan_with_every_name_and_another_encoding_is_reported(
    tmp_path: Path,
) -> None:
    shutil.copy(NINGXIA, tmp_path / "a.txt")
    shutil.copy(NINGXIA, tmp_path / "b.txt")
    (tmp_path / "c.txt").write_bytes(NINGXIA.read_text(encoding="utf-8").encode("gb18030"))
    files = sorted(tmp_path.iterdir())
    duplicates: list[Duplicate] = []
    built = list(extract_each(files, errors=[], duplicates=duplicates))
    assert [(x.source, x.duplicate_sources) for x in built] == [("a.txt", ["b.txt"]), ("c.txt", [])]
    assert built[0].text_sha256 == built[1].text_sha256 and built[0].sha256 != built[1].sha256
    assert [(d.source, d.of, d.same, d.kept) for d in duplicates] == [
        ("b.txt", "a.txt", "bytes", True),
        ("c.txt", "a.txt", "text", True),
    ]
    skipped = list(extract_each(files, errors=[], same_text="skip"))
    assert [x.source for x in skipped] == ["a.txt"]
    out = tmp_path / "g.db"
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(out)])
    assert "built 2 plans" in result.output and "b.txt: the same bytes as a.txt" in result.output


def test_utf16_with_a_bom_is_read_and_a_cut_file_says_where(tmp_path: Path) -> None:
    text = NINGXIA.read_text(encoding="utf-8")
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        read = extract_text(bom + text.encode(codec), source=f"{codec}.txt")
        assert read.meta.region_code == "640000" and read.encoding == codec
    data = text.rstrip().encode()
    with pytest.raises(
        EncodingError, match=rf"cut short: .* from byte {len(data) - 3} of {len(data) - 1}"
    ):
        extract_text(data[:-1], source="cut.txt")


def test_a_title_naming_two_regions_is_an_error_the_sidecar_settles(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path, "joint.txt", "四川省重庆市就业协同发展规划\n一、主要目标\n城镇新增就业10万人。\n"
    )
    with pytest.raises(AmbiguousRegion, match="四川省、重庆市"):
        extract_file(plan)
    (tmp_path / "joint.source.yaml").write_text("region: 重庆\n", encoding="utf-8")
    assert extract_file(plan).meta.region_code == "500000"


def test_a_folders_readme_and_subfolders_are_not_plans(tmp_path: Path) -> None:
    shutil.copy(NINGXIA, tmp_path / "ningxia.txt")
    (tmp_path / "README.md").write_text(
        "# 宁夏回族自治区的规划\n城镇新增就业：2 个", encoding="utf-8"
    )
    (tmp_path / "old.txt").mkdir()
    assert plan_files([tmp_path]) == [tmp_path / "ningxia.txt"]
    assert plan_files([tmp_path / "README.md"]) == [tmp_path / "README.md"]  # named: read
