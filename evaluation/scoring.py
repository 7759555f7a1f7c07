"""An extraction scored against a person's gold annotations.

Gold names things as the plan writes them; the extractor names indicators and programs
it did not know from the clause. A gold fact and a found one are the same when the
value (targets) or the clause (FUNDS) agrees and the names agree: through the
vocabulary and what the extraction discovered, or — for names neither knows — by
sharing most of their characters inside the clause the gold quotes. Quotes are
normalised like plan text, so a Traditional quote matches its simplified clause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from evaluation.gold import METADATA_FIELDS, Accuracy, PlanScores, Score
from graph.model import GROUP, INDICATOR, PROGRAM, Entity, Funding, PlanExtraction, Target
from loaders.normalize import normalise_fragment
from loaders.vocabulary import Matcher, Vocabulary

_SIMILAR = 0.6
"""Dice coefficient over characters above which two names are one (城镇新增就业 ~ 新增就业)."""


def _plain(surface: str) -> str:
    """A name as text to compare: normalised, quotes dropped (“川字号”劳务品牌 = 川字号劳务品牌)."""
    return normalise_fragment(surface).replace("“", "").replace("”", "")


_CONTAINED = 4
"""A name of at least this many characters inside the other (群众演员用工 in 横店影视城年均提供群众演员用工)."""


def similar(a: str, b: str) -> bool:
    """Whether two names share most of their characters, or one lies inside the other."""
    a, b = _plain(a), _plain(b)
    short, long = sorted((a, b), key=len)
    if len(short) >= _CONTAINED and short in long:
        return True
    x, y = set(a), set(b)
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= _SIMILAR


class Resolver:
    """Gold surfaces → entity ids, among the entities a plan's extraction knows."""

    def __init__(self, entities: list[Entity]) -> None:
        # By label: a discovered program may share a surface with a group (高校毕业生…).
        self._by_surface = {
            (e.label, _plain(s)): e.id for e in entities for s in (e.name, *e.aliases)
        }
        self._matcher = Matcher(
            [
                replace(e, name=_plain(e.name), aliases=tuple(map(_plain, e.aliases)))
                for e in entities
            ]
        )

    def resolve(self, surface: str, label: str) -> str | None:
        """Exact name or alias first; else the longest known name covering half the surface."""
        text = _plain(surface)
        if (found := self._by_surface.get((label, text))) is not None:
            return found
        # Chinese names are head-final: 零就业家庭、登记失业人员、就业困难人员帮扶率 is a 帮扶率.
        suffixes = [
            m for m in self._matcher.find(text) if m.entity.label == label and m.end == len(text)
        ]
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


def _match(
    gold: list[Any], found: list[Any], same: Callable[[Any, Any], bool]
) -> tuple[list[int | None], list[bool]]:
    """Greedy one-to-one matching: for each gold item the index of its found item, or None."""
    pairs: list[int | None] = [None] * len(gold)
    taken = [False] * len(found)
    for i, g in enumerate(gold):
        for j, f in enumerate(found):
            if not taken[j] and same(g, f):
                pairs[i], taken[j] = j, True
                break
    return pairs, taken


def _score(pairs: list[int | None], taken: list[bool]) -> Score:
    return Score(sum(p is not None for p in pairs), len(pairs), sum(taken), len(taken))


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))


def _unit(unit: object) -> str:
    """个百分点 and 百分点 are one unit; a missing unit is the empty one."""
    return normalise_fragment(str(unit or "")).removeprefix("个")


class _Scorer:
    def __init__(self, x: PlanExtraction, gold: dict[str, Any], vocabulary: Vocabulary) -> None:
        entities = [*vocabulary.entities, *x.discovered]
        self.x = x
        self.gold = gold
        self.names = {e.id: e.name for e in entities}
        self.resolver = Resolver(entities)
        self.clause_text = {c.id: c.text for c in x.clauses}
        self.own_region = gold.get("metadata", {}).get("region_code")

    def _in_clause(self, quotes: list[str], clause_id: str) -> bool:
        text = self.clause_text[clause_id]
        return any(normalise_fragment(q) in text for q in quotes)

    def same_target(self, g: dict[str, Any], t: Target) -> bool:
        region = g.get("region_code")
        if region == self.own_region:
            region = None
        if (
            _number(g.get("value")) != t.value
            or _number(g.get("value_high")) != t.value_high
            or _unit(g.get("unit")) != _unit(t.unit)
            or (str(region) if region else None) != t.region_code
        ):
            return False
        indicator = str(g["indicator"])
        if self.resolver.resolve(indicator, INDICATOR) == t.indicator_id:
            return True
        quotes = [str(g["quote"]), *map(str, g.get("also") or [])]
        return self._in_clause(quotes, t.clause_id) and similar(
            indicator, self.names.get(t.indicator_id, "")
        )

    def same_funding(self, g: dict[str, Any], f: Funding) -> bool:
        if not self._in_clause([str(g["quote"])], f.clause_id):
            return False
        program = str(g["program"])
        return self.resolver.resolve(program, PROGRAM) == f.program_id or similar(
            program, self.names.get(f.program_id, "")
        )

    def _overlaps(self, quote: str, f: Funding) -> bool:
        text = self.clause_text[f.clause_id]
        q, e = normalise_fragment(quote), f.evidence
        if q not in text:
            return False
        qs, es = text.index(q), text.index(e)
        return qs < es + len(e) and es < qs + len(q)

    def targets(self, scores: PlanScores) -> None:
        found = self.x.targets
        complete = "targets" in self.gold
        gold_all = list(self.gold.get("targets") or []) if complete else []
        gold_main = (
            [g for g in gold_all if g.get("main")]
            if complete
            else list(self.gold.get("main_targets") or [])
        )
        found_main = [t for t in found if t.main]
        pairs, taken = _match(gold_main, found_main, self.same_target)
        scores.main_targets = _score(pairs, taken)
        scores.misses["main_targets"] = self._target_misses(gold_main, found_main, pairs, taken)
        if complete:
            pairs, taken = _match(gold_all, found, self.same_target)
            scores.targets = _score(pairs, taken)
            scores.misses["targets"] = self._target_misses(gold_all, found, pairs, taken)
            matched = [(g, found[j]) for g, j in zip(gold_all, pairs, strict=True) if j is not None]
            scores.main_flag = Accuracy(
                sum(bool(g.get("main")) == t.main for g, t in matched), len(matched)
            )
            reference, candidates = gold_all, found
        else:
            matched = [
                (g, found_main[j]) for g, j in zip(gold_main, pairs, strict=True) if j is not None
            ]
            reference, candidates = gold_main, found_main
        scores.year = Accuracy(sum(g.get("year") == t.year for g, t in matched), len(matched))
        scores.scope = Accuracy(sum(g.get("scope") == t.scope for g, t in matched), len(matched))
        scores.comparator = Accuracy(
            sum(g.get("comparator") == t.comparator for g, t in matched), len(matched)
        )
        scores.duplicates = sum(
            1
            for t, hit in zip(candidates, taken, strict=True)
            if not hit and any(self.same_target(g, t) for g in reference)
        )
        retrospective = self.gold.get("retrospective") or []
        scores.retrospective = sum(
            1
            for t in found
            if any(
                _number(r.get("value")) == t.value
                and self._in_clause([str(r["quote"])], t.clause_id)
                for r in retrospective
            )
        )

    def _target_misses(
        self,
        gold: list[dict[str, Any]],
        found: list[Target],
        pairs: list[int | None],
        taken: list[bool],
    ) -> list[str]:
        return [
            f"missed {g['indicator']} {g.get('value')}{g.get('unit') or ''}: {g['quote']}"
            for g, j in zip(gold, pairs, strict=True) if j is None
        ] + [
            f"wrong {self.names.get(t.indicator_id, t.indicator_id)} {t.value_text}: {t.evidence}"
            for t, hit in zip(found, taken, strict=True) if not hit
        ]  # fmt: skip

    def funds(self, scores: PlanScores) -> None:
        gold_funds = list(self.gold.get("funds") or [])
        found = self.x.fundings
        pairs, taken = _match(gold_funds, found, self.same_funding)
        scores.funds = _score(pairs, taken)
        with_amount = [
            (g, found[j])
            for g, j in zip(gold_funds, pairs, strict=True)
            if j is not None and g.get("amount_yuan") is not None
        ]
        scores.amount = Accuracy(
            sum(_number(g["amount_yuan"]) == f.amount_yuan for g, f in with_amount),
            len(with_amount),
        )
        look_alikes = [str(n["quote"]) for n in self.gold.get("not_funds") or []]
        scores.not_funds = sum(
            1
            for f, hit in zip(found, taken, strict=True)
            if not hit and any(self._overlaps(q, f) for q in look_alikes)
        )
        scores.misses["funds"] = [
            f"missed {g['program']}: {g['quote']}" for g, j in zip(gold_funds, pairs, strict=True) if j is None
        ] + [
            f"wrong {self.names.get(f.program_id, f.program_id)}: {f.evidence}"
            for f, hit in zip(found, taken, strict=True) if not hit
        ]  # fmt: skip

    def coverage(self, scores: PlanScores) -> None:
        covered = {m.entity_id for m in self.x.mentions}
        for measure, label in (("target_groups", GROUP), ("programs", PROGRAM)):
            surfaces = [str(s) for s in self.gold.get(measure) or []]
            hits = [self.resolver.resolve(s, label) in covered for s in surfaces]
            setattr(scores, measure, Score(sum(hits), len(hits)))
            scores.misses[measure] = [
                f"missed {s}" for s, hit in zip(surfaces, hits, strict=True) if not hit
            ]


def _metadata(x: PlanExtraction, gold: dict[str, Any], scores: PlanScores) -> None:
    expected = gold.get("metadata") or {}
    wrong = []
    for name in METADATA_FIELDS:
        want = expected.get(name)
        if name == "title" and want is not None:
            want = normalise_fragment(str(want))
        if want != getattr(x.meta, name):
            wrong.append(f"{name}: found {getattr(x.meta, name)!r}, gold {want!r}")
    scores.metadata = Accuracy(len(METADATA_FIELDS) - len(wrong), len(METADATA_FIELDS))
    scores.misses["metadata"] = wrong


def score_plan(x: PlanExtraction, gold: dict[str, Any], vocabulary: Vocabulary) -> PlanScores:
    scores = PlanScores(str(gold["plan"]), str(gold["set"]))
    _metadata(x, gold, scores)
    scorer = _Scorer(x, gold, vocabulary)
    scorer.targets(scores)
    scorer.funds(scores)
    scorer.coverage(scores)
    return scores


def score_failure(gold: dict[str, Any], error: str) -> PlanScores:
    """A document the extractor rejected: everything the gold lists is missed."""
    targets = list(gold.get("targets") or [])
    main = (
        [t for t in targets if t.get("main")]
        if "targets" in gold
        else list(gold.get("main_targets") or [])
    )
    return PlanScores(
        str(gold["plan"]),
        str(gold["set"]),
        main_targets=Score(0, len(main)),
        targets=Score(0, len(targets)),
        funds=Score(0, len(gold.get("funds") or [])),
        target_groups=Score(0, len(gold.get("target_groups") or [])),
        programs=Score(0, len(gold.get("programs") or [])),
        error=error,
        misses={"error": [error]},
    )
