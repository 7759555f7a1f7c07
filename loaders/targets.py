"""SETS_TARGET facts of a plan: table rows and prose, one fact per target however often stated.

The row and prose readers live in ``table_targets`` and ``prose_targets``; this module
walks the clauses, skips the retrospective ones, keeps the year a section speaks of, and
merges restatements: a target stated in the table, the prose and a 专栏 is one fact whose
evidence is the table row, with the other clauses kept as ``restated_*``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.model import Clause, Entity, Target
from loaders.indicator_names import same_indicator_name
from loaders.prose_targets import prose_targets
from loaders.table_targets import table_targets
from loaders.target_context import TargetContext

_TARGET_YEAR = re.compile(
    r"(?:到|至|在)(20\d{2})年|(20\d{2})年(?:前|底|末|实现|达到|全市|全省|全区)"
)


def _key(t: Target) -> tuple[object, ...]:
    """What makes two statements one target, besides the indicator. Scope counts only as
    annual or not: prose that restates a table's 【75】 rarely repeats 累计, but 每年500万人
    is not the 500万 of 2025."""
    value = t.normalized_value if t.normalized_value is not None else t.value
    return (t.region_code, t.scope == "annual", t.year, value, t.value_high, t.change)


def _one_indicator(a: Target, b: Target, names: dict[str, str], curated: set[str]) -> bool:
    """The same indicator, or near names of which one at least is not curated (two curated
    indicators, 城镇调查失业率 and 城镇登记失业率, stay apart whatever their values)."""
    if a.indicator_id == b.indicator_id:
        return True
    if a.indicator_id in curated and b.indicator_id in curated:
        return False
    return same_indicator_name(names.get(a.indicator_id, ""), names.get(b.indicator_id, ""))


def merge_restatements(
    targets: list[Target], clauses: dict[str, Clause], names: dict[str, str], curated: set[str]
) -> list[Target]:
    """One fact per indicator, scope, year and value; table rows first, then by position.

    Prose often names a table's indicator a little differently (人力资源服务机构 for
    人力资源服务机构数量): with the same value, names one inside the other are one
    indicator. The kept fact is main when any statement is; conflicting comparators
    (以内 in the table, 不超过 in the prose) keep the table's.
    """
    kept: dict[tuple[object, ...], list[Target]] = {}
    for t in sorted(
        targets, key=lambda t: (not clauses[t.clause_id].cells, clauses[t.clause_id].ordinal)
    ):
        same = kept.setdefault(_key(t), [])
        at = next((i for i, k in enumerate(same) if _one_indicator(k, t, names, curated)), None)
        if at is None:
            same.append(t)
            continue
        first = same[at]
        same[at] = replace(
            first,
            main=first.main or t.main,
            restated_clause_ids=(*first.restated_clause_ids, t.clause_id),
            restated_evidence=(*first.restated_evidence, t.evidence),
        )
    return sorted(
        (t for same in kept.values() for t in same), key=lambda t: clauses[t.clause_id].ordinal
    )


def extract_targets(
    clauses: list[Clause], ctx: TargetContext, past: set[str]
) -> tuple[list[Target], list[Entity]]:
    """All targets of a plan, and the indicators it names that the vocabulary does not know."""
    targets: list[Target] = []
    new_indicators: dict[str, Entity] = {}
    section_year: dict[str, int] = {}
    # With no plan period, a section without a year of its own aims at the last year named.
    latest_year: int | None = None
    caption = ""
    for clause in clauses:
        if not clause.cells:
            caption = clause.text
        if clause.id in past:
            continue
        if found := _TARGET_YEAR.search(clause.text):
            latest_year = section_year[clause.section_id] = int(found.group(1) or found.group(2))
        if clause.cells:
            for target, indicator in table_targets(clause, ctx, caption):
                targets.append(target)
                if not indicator.curated:
                    new_indicators[indicator.id] = indicator
            continue
        year = section_year.get(clause.section_id, ctx.meta.period_end or latest_year)
        found_targets, indicators = prose_targets(clause, ctx, year)
        targets.extend(found_targets)
        new_indicators.update((i.id, i) for i in indicators)
    names = {e.id: e.name for e in [*ctx.vocabulary.entities, *new_indicators.values()]}
    curated = {e.id for e in ctx.vocabulary.entities}
    merged = merge_restatements(targets, {c.id: c for c in clauses}, names, curated)
    used = {t.indicator_id for t in merged}
    return merged, [i for i in new_indicators.values() if i.id in used]
