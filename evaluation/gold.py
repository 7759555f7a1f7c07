"""Gold annotations: reading them, and the counts that scores are made of.

Gold files (tests/fixtures/gold/*.yaml, format in the README there) name things as the
plan writes them. Each file says which document set it belongs to (``set``: seeds,
fixtures, corpus-dev, corpus-blind), so that figures on documents the rules were tuned
on are never mixed with figures on documents they were not. Scoring lives in
``evaluation.scoring``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InvalidInput

SETS = ("seeds", "fixtures", "corpus-dev", "corpus-blind")
METADATA_FIELDS = (
    "title",
    "region_code",
    "kind",
    "issuer",
    "doc_number",
    "issued_on",
    "period_start",
    "period_end",
)


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall; ``None`` where nothing was there to count."""

    matched_gold: int = 0
    gold: int = 0
    matched_found: int = 0
    found: int = 0

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.matched_found / self.found if self.found else None

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched_gold + other.matched_gold,
            self.gold + other.gold,
            self.matched_found + other.matched_found,
            self.found + other.found,
        )


@dataclass(frozen=True)
class Accuracy:
    """How many of the matched facts got one attribute right (year, scope, comparator …)."""

    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.right + other.right, self.total + other.total)


@dataclass
class PlanScores:
    """One document's scores; every field but ``plan``, ``set``, ``error`` and ``misses`` adds up."""

    plan: str
    set: str
    main_targets: Score = Score()
    targets: Score = Score()
    """All targets, main or not: only where the gold lists every target (the corpus)."""
    funds: Score = Score()
    target_groups: Score = Score()
    programs: Score = Score()
    main_flag: Accuracy = Accuracy()
    year: Accuracy = Accuracy()
    scope: Accuracy = Accuracy()
    comparator: Accuracy = Accuracy()
    metadata: Accuracy = Accuracy()
    """Metadata fields (title, region, kind, issuer, 文号, date, period) equal to the gold's."""
    amount: Accuracy = Accuracy()
    """FUNDS whose gold states an amount: the amount in 元 found right."""
    not_funds: int = 0
    """FUNDS found on a clause the gold marks as a look-alike (building, past, optional …)."""
    duplicates: int = 0
    """Targets found twice: a second SETS_TARGET for a target already matched."""
    retrospective: int = 0
    """Past figures (十三五, 2020) taken as targets."""
    error: str | None = None
    """Why the document could not be extracted at all (everything then counts as missed)."""
    misses: dict[str, list[str]] = field(default_factory=dict)
    """What was missed (gold not found) and what was wrong (found, not in gold), by measure."""


ADDITIVE = tuple(
    f.name for f in fields(PlanScores) if f.name not in ("plan", "set", "error", "misses")
)


def total(scores: list[PlanScores], name: str = "overall") -> PlanScores:
    """Scores over several documents: counts added up (micro average)."""
    summed = PlanScores(name, name)
    for score in scores:
        for measure in ADDITIVE:
            setattr(summed, measure, getattr(summed, measure) + getattr(score, measure))
    return summed


def read_yaml(path: Path, what: str) -> Any:
    """A YAML file's content; a file that cannot be read is an error naming it and ``what``."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(f"{path}: cannot read {what}: {exc}") from exc


def read_gold(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "gold annotations")
    if not isinstance(data, dict) or "plan" not in data:
        raise InvalidInput(f"{path}: a gold file is a mapping with a 'plan' key")
    if data.get("set") not in SETS:
        raise InvalidInput(
            f"{path}: 'set' must be one of {', '.join(SETS)}, not {data.get('set')!r}"
        )
    return data


def gold_quotes(gold: dict[str, Any]) -> list[str]:
    """Every quote a gold file holds, for checking that each lies inside the plan."""
    quotes: list[str] = []
    for key in ("main_targets", "targets", "funds", "retrospective", "not_funds"):
        for entry in gold.get(key) or []:
            quotes.append(str(entry["quote"]))
            quotes.extend(str(q) for q in entry.get("also") or [])
    return quotes
