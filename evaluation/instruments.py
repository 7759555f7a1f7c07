"""Scoring the policy-instrument classifier against the instrument gold
(tests/fixtures/lineage/instruments*.yaml, one file per sample of clauses): accuracy of the class
and of the sub-type, per sample and document set and over all samples, and the class confusion
matrix.

The classifier learns from some of the gold (data/vocab/instrument_examples.yaml), so each
document's clauses are classified by one trained without that document's examples: every figure
is that of a plan the classifier never saw, for the samples it learns from as for those held out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.gold import read_yaml
from evaluation.lineage import find_extraction
from graph.errors import InvalidInput
from graph.model import PlanExtraction
from graph.settings import get_settings
from loaders.instruments import InstrumentClassifier, training_set

ALL_SAMPLES = "all"


@dataclass
class InstrumentScores:
    set: str
    sample: str
    """The gold file's sample (each drew other clauses), or ``all``."""
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold class, found class) → clauses."""
    subtypes_right: int = 0

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float | None:
        right = sum(n for (gold, found), n in self.confusion.items() if gold == found)
        return right / self.total if self.total else None

    @property
    def subtype_accuracy(self) -> float | None:
        return self.subtypes_right / self.total if self.total else None

    def __add__(self, other: InstrumentScores) -> InstrumentScores:
        return InstrumentScores(
            self.set,
            ALL_SAMPLES,
            self.confusion + other.confusion,
            self.subtypes_right + other.subtypes_right,
        )


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "instrument gold")
    if not isinstance(data, dict) or not {"sample", "sets", "clauses"} <= data.keys():
        raise InvalidInput(f"{path}: instrument gold needs 'sample', 'sets' and 'clauses'")
    return data


class WithoutDocument:
    """A classifier per document, each trained on the examples of the others."""

    def __init__(self) -> None:
        self.lexicon, self.examples = training_set(get_settings().paths.vocab_dir)
        self._trained: dict[str, InstrumentClassifier] = {}

    def __call__(self, document: str) -> InstrumentClassifier:
        if document not in self._trained:
            self._trained[document] = InstrumentClassifier.train(
                (e for e in self.examples if e.document != document), self.lexicon
            )
        return self._trained[document]


def score_instruments(
    gold_path: Path, folders: list[Path], without: Callable[[str], InstrumentClassifier]
) -> list[InstrumentScores]:
    """One score per document set, in the order the gold lists the sets; ``without(stem)`` is
    the classifier a document's clauses are classified with."""
    gold = _read(gold_path)
    set_of = {stem: name for name, stems in gold["sets"].items() for stem in stems}
    scores = {name: InstrumentScores(name, str(gold["sample"])) for name in gold["sets"]}
    plans: dict[str, PlanExtraction] = {}
    for item in gold["clauses"]:
        stem, _, clause = str(item["key"]).partition("/")
        if stem not in set_of:
            raise InvalidInput(f"{gold_path}: {stem} is in no set")
        if stem not in plans:  # setdefault would extract the plan again for every clause
            plans[stem] = find_extraction(stem, folders)
        x = plans[stem]
        clause_id = f"{x.id}/{clause}"
        text = next((c.text for c in x.clauses if c.id == clause_id), "")
        if not text.startswith(str(item["quote"])):
            raise InvalidInput(f"{gold_path}: {item['key']} does not begin {item['quote']!r}")
        if clause_id not in x.instruments:
            raise InvalidInput(f"{gold_path}: {item['key']} carries no FUNDS or COVERS")
        (found,) = without(stem).classify([text])
        score = scores[set_of[stem]]
        score.confusion[(item["class"], found.kind)] += 1
        score.subtypes_right += found.subtype == item["subtype"]
    return list(scores.values())


def score_instrument_samples(gold_dir: Path, folders: list[Path]) -> list[InstrumentScores]:
    """Each sample's scores (``instruments*.yaml`` in ``gold_dir``, in name order) and, when
    there are several, each set's over all of them."""
    without = WithoutDocument()
    scores = [
        score
        for path in sorted(gold_dir.glob("instruments*.yaml"))
        for score in score_instruments(path, folders, without)
    ]
    if len({score.sample for score in scores}) < 2:
        return scores
    sets = dict.fromkeys(score.set for score in scores)
    return [
        *scores,
        *(
            sum((s for s in scores if s.set == name), InstrumentScores(name, ALL_SAMPLES))
            for name in sets
        ),
    ]
