"""Extraction quality: an extraction scored against a person's gold annotations.

Gold files (tests/fixtures/gold/*.yaml, format in the README there) name things as the
plan writes them; scoring resolves those names through the same vocabulary the
extractor uses plus what it discovered, so a gold 返乡创业园 counts as the graph's
返乡入乡创业园. Quotes are normalised like plan text, so a Traditional quote from the
巴彦淖尔 file matches its simplified clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from graph.errors import InvalidInput
from graph.model import GROUP, INDICATOR, PROGRAM, Entity, PlanExtraction
from loaders.normalize import normalise_fragment
from loaders.vocabulary import Matcher, Vocabulary


@dataclass(frozen=True)
class Score:
    """Counts behind precision and recall; ``None`` where nothing was there to count."""

    matched_gold: int
    gold: int
    matched_found: int
    found: int

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


@dataclass
class PlanScores:
    plan: str
    main_targets: Score
    funds: Score
    target_groups: Score
    programs: Score
    misses: dict[str, list[str]] = field(default_factory=dict)
    """What was missed (gold not found) and what was wrong (found, not in gold), by measure."""


MEASURES = ("main_targets", "funds", "target_groups", "programs")


def read_gold(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidInput(f"{path}: cannot read gold annotations: {exc}") from exc
    if not isinstance(data, dict) or "plan" not in data:
        raise InvalidInput(f"{path}: a gold file is a mapping with a 'plan' key")
    return data


def _plain(surface: str) -> str:
    """A name as text to compare: normalised, quotes dropped (“川字号”劳务品牌 = 川字号劳务品牌)."""
    return normalise_fragment(surface).replace("“", "").replace("”", "")


class _Resolver:
    """Gold surfaces → entity ids, among the entities a plan's extraction knows."""

    def __init__(self, entities: list[Entity]) -> None:
        self._by_surface = {_plain(s): e.id for e in entities for s in (e.name, *e.aliases)}
        self._matcher = Matcher(
            [replace(e, name=_plain(e.name), aliases=tuple(map(_plain, e.aliases))) for e in entities]
        )

    def resolve(self, surface: str, label: str) -> str | None:
        """Exact name or alias first; else the longest known name covering half the surface."""
        text = _plain(surface)
        if (found := self._by_surface.get(text)) is not None:
            return found
        # Chinese names are head-final: 零就业家庭、登记失业人员、就业困难人员帮扶率 is a 帮扶率.
        suffixes = [m for m in self._matcher.find(text) if m.entity.label == label and m.end == len(text)]
        if suffixes:
            return max(suffixes, key=lambda m: m.end - m.start).entity.id
        best = max(
            (m for m in self._matcher.find(text) if m.entity.label == label),
            key=lambda m: m.end - m.start,
            default=None,
        )
        if best is not None and (best.end - best.start) * 2 >= len(text):
            return best.entity.id
        return None


def _match(gold: list[Any], found: list[Any], same: Any) -> tuple[list[bool], list[bool]]:
    """Greedy one-to-one matching; returns which gold items and which found items matched."""
    gold_hit, found_hit = [False] * len(gold), [False] * len(found)
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            if not found_hit[j] and same(g, f):
                gold_hit[i] = found_hit[j] = True
                break
    return gold_hit, found_hit


def _score(gold_hit: list[bool], found_hit: list[bool]) -> Score:
    return Score(sum(gold_hit), len(gold_hit), sum(found_hit), len(found_hit))


def score_plan(x: PlanExtraction, gold: dict[str, Any], vocabulary: Vocabulary) -> PlanScores:
    entities = [*vocabulary.entities, *x.discovered]
    names = {e.id: e.name for e in entities}
    resolver = _Resolver(entities)
    clause_text = {c.id: c.text for c in x.clauses}
    misses: dict[str, list[str]] = {}

    gold_targets = gold.get("main_targets") or []
    found_targets = [t for t in x.targets if t.main]

    def same_target(g: dict[str, Any], t: Any) -> bool:
        value = None if g.get("value") is None else float(g["value"])
        return (
            resolver.resolve(str(g["indicator"]), INDICATOR) == t.indicator_id
            and value == t.value
            and normalise_fragment(str(g.get("unit") or "")) == (t.unit or "")
        )

    g_hit, f_hit = _match(gold_targets, found_targets, same_target)
    targets = _score(g_hit, f_hit)
    misses["main_targets"] = [
        f"missed {g['indicator']} {g.get('value')}{g.get('unit') or ''}"
        for g, hit in zip(gold_targets, g_hit, strict=True) if not hit
    ] + [
        f"wrong {names.get(t.indicator_id, t.indicator_id)} {t.value_text}"
        for t, hit in zip(found_targets, f_hit, strict=True) if not hit
    ]  # fmt: skip

    gold_funds = gold.get("funds") or []

    def same_funding(g: dict[str, Any], f: Any) -> bool:
        return resolver.resolve(str(g["program"]), PROGRAM) == f.program_id and (
            normalise_fragment(str(g["quote"])) in clause_text[f.clause_id]
        )

    g_hit, f_hit = _match(gold_funds, x.fundings, same_funding)
    funds = _score(g_hit, f_hit)
    misses["funds"] = [
        f"missed {g['program']}: {g['quote']}" for g, hit in zip(gold_funds, g_hit, strict=True) if not hit
    ] + [
        f"wrong {names.get(f.program_id, f.program_id)}: {f.evidence}"
        for f, hit in zip(x.fundings, f_hit, strict=True) if not hit
    ]  # fmt: skip

    covered = {m.entity_id for m in x.mentions}
    coverage: dict[str, Score] = {}
    for measure, label in (("target_groups", GROUP), ("programs", PROGRAM)):
        surfaces = [str(s) for s in gold.get(measure) or []]
        hits = [resolver.resolve(s, label) in covered for s in surfaces]
        coverage[measure] = Score(sum(hits), len(hits), 0, 0)
        misses[measure] = [f"missed {s}" for s, hit in zip(surfaces, hits, strict=True) if not hit]
    return PlanScores(
        x.source, targets, funds, coverage["target_groups"], coverage["programs"], misses
    )


def total(scores: list[PlanScores]) -> dict[str, Score]:
    """Scores over all plans: counts added up (micro average)."""
    sums: dict[str, Score] = {}
    for measure in MEASURES:
        parts = [getattr(s, measure) for s in scores]
        sums[measure] = sum(parts[1:], parts[0]) if parts else Score(0, 0, 0, 0)
    return sums
