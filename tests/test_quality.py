"""Extraction quality against the gold annotations in tests/fixtures/gold, per document set.

The sets are the five seed plans, the two fixture plans, and the two halves of the
sixteen-document corpus (tests/fixtures/README.md): the development half the rules were
written against and the blind half they were not. The report (per set; ``policygraph
evaluate --per-plan`` for each document) is printed at the end of the test run.

``FLOORS`` holds what each set must not fall below; the issue's goals are in
``GOALS`` and the README says how far each set is from them. A floor is raised as the
extractor improves, never lowered to let a change through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.gold import PlanScores, gold_quotes, read_gold, total
from evaluation.run import evaluate
from evaluation.scoring import score_plan
from loaders.encoding import decode_plan
from loaders.normalize import normalise
from loaders.pipeline import extract_file
from loaders.vocabulary import Vocabulary
from tests.conftest import GOLD_DIR, PLAN_FOLDERS, PLANS_DIR, QUALITY_KEY, plan_path

GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))

# (set, measure) → (recall floor, precision floor); None where not measured.
FLOORS: dict[tuple[str, str], tuple[float | None, float | None]] = {
    ("seeds", "main_targets"): (0.97, 0.97),
    ("seeds", "funds"): (0.95, 0.85),
    ("seeds", "target_groups"): (0.92, None),
    ("fixtures", "main_targets"): (0.96, 0.96),
    ("fixtures", "funds"): (0.90, 0.85),
    ("fixtures", "target_groups"): (0.92, None),
    ("corpus-dev", "main_targets"): (0.98, 0.98),
    ("corpus-dev", "targets"): (0.95, 0.97),
    ("corpus-dev", "funds"): (0.92, 0.94),
    ("corpus-dev", "target_groups"): (0.92, None),
    ("corpus-blind", "main_targets"): (0.95, 0.97),
    ("corpus-blind", "targets"): (0.88, 0.92),
    ("corpus-blind", "funds"): (0.82, 0.82),
    ("corpus-blind", "target_groups"): (0.92, None),
}
# Counts that must not exceed these, per set (goal: zero).
MAX_ERRORS: dict[tuple[str, str], int] = {
    ("corpus-dev", "not_funds"): 0,
    ("corpus-dev", "duplicates"): 0,
    ("corpus-dev", "retrospective"): 0,
    ("corpus-blind", "not_funds"): 5,
    ("corpus-blind", "duplicates"): 1,
    ("corpus-blind", "retrospective"): 0,
}
GOALS = {
    "main_targets": (0.92, 0.92),
    "targets": (0.85, None),
    "funds": (0.85, 0.85),
    "target_groups": (0.92, None),
}
"""The open-world issue's goals, on the blind half and overall (reported, not yet asserted)."""


@pytest.fixture(scope="session")
def quality(vocabulary: Vocabulary, request: pytest.FixtureRequest) -> list[PlanScores]:
    scores = evaluate(GOLD_DIR, PLAN_FOLDERS, vocabulary)
    request.config.stash[QUALITY_KEY] = scores
    return scores


def test_every_source_plan_and_corpus_document_has_gold() -> None:
    names = {read_gold(f)["plan"] for f in GOLD_FILES}
    corpus = {p.name for p in PLAN_FOLDERS[2].glob("*.txt")}
    assert {p.name for p in PLANS_DIR.glob("*.txt")} <= names
    assert corpus <= names and len(corpus) == 16


def test_the_blind_half_is_six_documents() -> None:
    blind = [f for f in GOLD_FILES if read_gold(f)["set"] == "corpus-blind"]
    assert len(blind) == 6


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_quotes_lie_inside_the_plan(gold_file: Path) -> None:
    """A gold quote the plan does not contain would make every score meaningless."""
    gold = read_gold(gold_file)
    path = plan_path(gold["plan"])
    text = decode_plan(path.read_bytes(), source=path.name).text
    normalised = normalise(text)
    for quote in gold_quotes(gold):
        assert quote in text, quote
        assert not set(quote) & set("。；！？\n"), quote
        assert normalise(quote) in normalised, quote


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_amounts_are_numbers(gold_file: Path) -> None:
    for entry in read_gold(gold_file).get("funds") or []:
        assert entry.get("amount_yuan") is None or isinstance(entry["amount_yuan"], int | float), (
            entry
        )


def _problems(scores: list[PlanScores], name: str) -> list[str]:
    summed = total([s for s in scores if s.set == name], name)
    problems = []
    for (set_name, measure), (recall, precision) in FLOORS.items():
        if set_name != name:
            continue
        score = getattr(summed, measure)
        if recall is not None and (score.recall or 0) < recall:
            problems.append(f"{measure} recall {score.recall} < {recall}")
        if precision is not None and score.precision is not None and score.precision < precision:
            problems.append(f"{measure} precision {score.precision:.2f} < {precision}")
    for (set_name, measure), most in MAX_ERRORS.items():
        if set_name == name and getattr(summed, measure) > most:
            problems.append(f"{measure} {getattr(summed, measure)} > {most}")
    return problems


@pytest.mark.parametrize("name", ["seeds", "fixtures", "corpus-dev", "corpus-blind"])
def test_quality_holds_its_floor(quality: list[PlanScores], name: str) -> None:
    assert not _problems(quality, name)


def test_no_corpus_document_is_rejected(quality: list[PlanScores]) -> None:
    assert not [s.plan for s in quality if s.error], "every corpus document must be read"


def test_a_rejected_document_counts_as_missing_everything(tmp_path: Path) -> None:
    """A failed extraction must not make a set look better: its gold counts as missed."""
    (tmp_path / "gold").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bad.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "gold" / "bad.yaml").write_text(
        "set: corpus-dev\nplan: bad.txt\ntargets:\n  - {indicator: x, value: 1, quote: x, main: true}\n",
        encoding="utf-8",
    )
    [score] = evaluate(tmp_path / "gold", [tmp_path / "plans"])
    assert score.error and score.targets.gold == 1 and score.targets.recall == 0


def test_scores_count_what_the_extractor_found_not_the_gold(vocabulary: Vocabulary) -> None:
    """The same gold scored against an extraction that lost its targets and FUNDS: nothing matches."""
    gold = read_gold(GOLD_FILES[0])
    x = extract_file(plan_path(gold["plan"]))
    full = score_plan(x, gold, vocabulary)
    x.targets, x.fundings = [], []
    emptied = score_plan(x, gold, vocabulary)
    assert full.main_targets.matched_gold > 0 and full.funds.matched_gold > 0
    assert (emptied.main_targets.matched_gold, emptied.funds.matched_gold) == (0, 0)
    assert (emptied.main_targets.gold, emptied.funds.gold) == (
        full.main_targets.gold,
        full.funds.gold,
    )
