"""Scoring vertical alignment against the alignment gold (tests/fixtures/lineage/align_*.yaml).

Each gold clause is found by its ordinal and checked by its quote (a prefix of the clause text),
so a change of segmentation is an error here, not a silent misalignment. ``skip`` in the gold is
a clause that is no statement; the aligner's counterpart is its not being compared at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.gold import Score, read_yaml
from graph.errors import InvalidInput
from graph.lineage.align import ECHO, ELABORATION, LABELS, align_plan
from graph.lineage.corpus import from_extraction
from graph.model import PlanExtraction
from loaders.pipeline import extract_file

SKIP = "skip"
GOLD_LABELS = (*LABELS, SKIP)
ALIGNED = (ECHO, ELABORATION)


@dataclass
class AlignmentScores:
    child: str
    parent: str
    set: str
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(gold label, found label) → clauses."""
    counterpart_hits: int = 0
    """Clauses the gold aligns (echo or elaboration) whose best counterpart found is one of the
    gold's."""
    counterpart_total: int = 0

    def score(self, label: str) -> Score:
        gold = sum(n for (g, _), n in self.confusion.items() if g == label)
        found = sum(n for (_, f), n in self.confusion.items() if f == label)
        right = self.confusion[(label, label)]
        return Score(right, gold, right, found)


def find_extraction(stem: str, folders: list[Path]) -> PlanExtraction:
    for folder in folders:
        for path in sorted(folder.glob(f"{stem}*")):
            if path.name.split(".")[0] == stem:
                return extract_file(path)
    raise InvalidInput(f"plan {stem} not found in {', '.join(map(str, folders))}")


def _ordinals(x: PlanExtraction) -> dict[int, str]:
    return {c.ordinal: c.text for c in x.clauses}


def _check_quote(texts: dict[int, str], item: dict[str, Any], where: str) -> None:
    text = texts.get(int(item["ordinal"]))
    if text is None or not text.startswith(str(item["quote"])):
        raise InvalidInput(f"{where}: clause {item['ordinal']} does not begin {item['quote']!r}")


def score_alignment(gold_path: Path, folders: list[Path]) -> AlignmentScores:
    """The gold's child and parent are looked for in ``folders``, then in the ``plans`` folder
    beside the gold (a plan written for the tests)."""
    gold = _read(gold_path)
    folders = [*folders, gold_path.parent / "plans"]
    child_x = find_extraction(gold["child"], folders)
    parent_x = find_extraction(gold["parent"], folders)
    child_texts, parent_texts = _ordinals(child_x), _ordinals(parent_x)
    found = {
        a.clause.id: a for a in align_plan(from_extraction(child_x), [from_extraction(parent_x)])
    }
    by_ordinal = {c.ordinal: c.id for c in child_x.clauses}
    parent_ids = {c.ordinal: c.id for c in parent_x.clauses}
    scores = AlignmentScores(gold["child"], gold["parent"], gold.get("set", "seeds"))
    for item in gold["clauses"]:
        _check_quote(child_texts, item, str(gold_path))
        for parent in item.get("parents") or ():
            _check_quote(parent_texts, parent, f"{gold_path} (parent of {item['ordinal']})")
        alignment = found.get(by_ordinal[int(item["ordinal"])])
        label = alignment.label if alignment else SKIP
        scores.confusion[(item["label"], label)] += 1
        if alignment and alignment.counterparts and item["label"] in ALIGNED:
            scores.counterpart_total += 1
            wanted = {parent_ids[int(p["ordinal"])] for p in item["parents"]}
            scores.counterpart_hits += alignment.counterparts[0].clause.id in wanted
    return scores


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "alignment gold")
    if not isinstance(data, dict) or not {"child", "parent", "clauses"} <= data.keys():
        raise InvalidInput(f"{path}: alignment gold needs 'child', 'parent' and 'clauses'")
    for item in data["clauses"]:
        if item.get("label") not in GOLD_LABELS:
            raise InvalidInput(f"{path}: clause {item.get('ordinal')}: label {item.get('label')!r}")
    return data
