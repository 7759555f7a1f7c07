"""Lineage quality against gold annotated by reading (tests/fixtures/lineage): clause labels of
巴彦淖尔 (the aligner was tuned on it), 苏州 (dev: no number was fit on it, but its errors were
read), 齐齐哈尔 and 佛山 (fixture plans written for the tests; their errors were read too) and
哈密 (another, scored once and untouched), and policy instruments per sample and document set (each clause
classified by a classifier that learned from the other documents' examples only).
The tables are printed at the end of the run; the floors stop regressions. The issue's goal
(0.85 per label and for instruments) is reported, not asserted: the README says where it stands
(the instrument floors, weighted by their clauses, keep it for instruments)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cli.render import alignment_table, instrument_table
from evaluation.instruments import InstrumentScores, score_instrument_samples
from evaluation.lineage import GOLD_LABELS, AlignmentScores, find_extraction, score_alignment
from graph.lineage.corpus import statements
from tests.conftest import CORPUS, FIXTURES, LINEAGE_KEY, PLANS_DIR

LINEAGE_GOLD = FIXTURES / "lineage"
ALIGNMENT_GOLD = sorted(LINEAGE_GOLD.glob("align_*.yaml"))
FOLDERS = [PLANS_DIR, CORPUS, LINEAGE_GOLD / "plans"]

BAYANNUR, SUZHOU = "001_8f54833244d202dc", "09_suzhou"
# (child, label) → (precision floor, recall floor)
ALIGNMENT_FLOORS = {
    (BAYANNUR, "echo"): (0.70, 0.60),  # tuned
    (BAYANNUR, "elaboration"): (0.75, 0.85),
    (BAYANNUR, "local"): (0.65, 0.40),  # 2 of 3 found, of 5: one of 6 was a garbled half-sentence
    (SUZHOU, "echo"): (0.55, 0.70),  # dev
    (SUZHOU, "elaboration"): (0.72, 0.65),
    (SUZHOU, "local"): (0.50, 0.50),
    (SUZHOU, "skip"): (0.95, 0.90),
    ("qiqihar_plan", "echo"): (0.85, 0.90),  # fixture-dev
    ("qiqihar_plan", "elaboration"): (0.95, 0.90),
    ("qiqihar_plan", "local"): (0.75, 0.95),
    ("qiqihar_plan", "skip"): (0.95, 0.60),
    ("foshan_plan", "echo"): (0.70, 0.70),  # fixture-dev since its errors were read
    ("foshan_plan", "elaboration"): (0.80, 0.75),
    ("foshan_plan", "local"): (0.75, 0.75),
    ("foshan_plan", "skip"): (0.95, 0.95),
    ("hami_plan", "echo"): (0.75, 0.90),  # fixture-dev since its shares were read
    ("hami_plan", "elaboration"): (0.95, 0.70),
    ("hami_plan", "local"): (0.55, 0.85),
    ("hami_plan", "skip"): (0.95, 0.95),
    ("qujing_plan", "echo"): (0.80, 0.90),  # fixture-blind: scored once, untouched
    ("qujing_plan", "elaboration"): (0.90, 0.75),
    ("qujing_plan", "local"): (0.70, 0.80),
    ("qujing_plan", "skip"): (0.95, 0.95),
}
# (sample, set) → class accuracy floor, each clause classified without its document's examples
INSTRUMENT_FLOORS = {
    ("1", "seeds"): 0.90,
    ("1", "corpus-dev"): 0.93,
    ("1", "corpus-blind"): 0.87,
    ("2", "seeds"): 0.76,
    ("2", "corpus-dev"): 0.83,
    ("2", "corpus-blind"): 0.78,
    ("3", "seeds"): 0.76,
    ("3", "corpus-dev"): 0.85,
    ("3", "corpus-blind"): 0.84,
    ("4", "seeds"): 0.82,
    ("4", "corpus-dev"): 0.86,
    ("4", "corpus-blind"): 0.90,
    ("all", "seeds"): 0.83,
    ("all", "corpus-dev"): 0.88,
    ("all", "corpus-blind"): 0.85,
}


@pytest.fixture(scope="module")
def alignments(request: pytest.FixtureRequest) -> list[AlignmentScores]:
    return [score_alignment(path, FOLDERS) for path in ALIGNMENT_GOLD]


@pytest.fixture(scope="module")
def instruments() -> list[InstrumentScores]:
    return score_instrument_samples(LINEAGE_GOLD, FOLDERS)


@pytest.fixture(scope="module", autouse=True)
def report(
    request: pytest.FixtureRequest,
    alignments: list[AlignmentScores],
    instruments: list[InstrumentScores],
) -> None:
    request.config.stash[LINEAGE_KEY] = [alignment_table(alignments), instrument_table(instruments)]


@pytest.mark.parametrize("gold_file", ALIGNMENT_GOLD, ids=lambda p: p.stem)
def test_the_gold_labels_every_statement_of_the_child_once(gold_file: Path) -> None:
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    child = find_extraction(gold["child"], FOLDERS)
    ordinals = [item["ordinal"] for item in gold["clauses"]]
    compared = {c.id for c in statements(child)}
    assert sorted(ordinals) == [
        c.ordinal for c in child.clauses if not c.is_heading or c.id in compared
    ]  # a numbered item the outline took for a heading is a statement
    assert {item["label"] for item in gold["clauses"]} <= set(GOLD_LABELS)


def test_each_city_against_its_province_has_40_labelled_clauses_or_more(
    alignments: list[AlignmentScores],
) -> None:
    """The issue asks 40 or more for a city against its province beside 巴彦淖尔 (whose plan
    has 42 statements, fewer than the 80 it asks: the test above holds it to all of them)."""
    paired = [s for s in alignments if s.set != "tuned"]
    assert len(paired) == 5
    assert [s.child for s in paired if s.confusion.total() < 40] == []


def test_every_alignment_gold_has_floors(alignments: list[AlignmentScores]) -> None:
    assert {s.child for s in alignments} == {child for child, _ in ALIGNMENT_FLOORS}


@pytest.mark.parametrize(("child", "label"), sorted(ALIGNMENT_FLOORS))
def test_alignment_holds_its_floor(
    alignments: list[AlignmentScores], child: str, label: str
) -> None:
    precision, recall = ALIGNMENT_FLOORS[(child, label)]
    (score,) = [s.score(label) for s in alignments if s.child == child]
    assert (score.precision or 0) >= precision and (score.recall or 0) >= recall, score


def test_instrument_classification_holds_its_floor(instruments: list[InstrumentScores]) -> None:
    assert sum(s.total for s in instruments if s.sample == "all") >= 150
    assert {(s.sample, s.set) for s in instruments} == INSTRUMENT_FLOORS.keys()
    for score in instruments:
        assert (score.accuracy or 0) >= INSTRUMENT_FLOORS[(score.sample, score.set)], score
