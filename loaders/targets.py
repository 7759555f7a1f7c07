"""SETS_TARGET facts of a plan: table rows and prose, one main target per stated value.

The row and prose readers live in ``table_targets`` and ``prose_targets``; this module
walks the clauses, keeps the year a section speaks of, and removes restatements.
"""

from __future__ import annotations

import re

from graph.model import Clause, Entity, Target
from loaders.prose_targets import prose_targets
from loaders.table_targets import table_targets
from loaders.target_context import TargetContext
from loaders.vocabulary import Matcher

_TARGET_YEAR = re.compile(r"(?:到|至|在)(20\d{2})年|(20\d{2})年(?:前|底|末|实现|达到|全市|全省|全区)")


def _deduplicated(targets: list[Target], clauses: dict[str, Clause]) -> list[Target]:
    """One main target per indicator, value and year: a plan that states a target in its
    table and again in prose states it once; the table row, with baseline and attribute, stays.
    """
    kept: dict[tuple[object, ...], Target] = {}
    rest: list[Target] = []
    for t in sorted(targets, key=lambda t: not clauses[t.clause_id].cells):
        if not t.main:
            rest.append(t)
            continue
        key = (t.indicator_id, t.normalized_value if t.normalized_value is not None else t.value, t.year)
        kept.setdefault(key, t)
    return sorted([*kept.values(), *rest], key=lambda t: clauses[t.clause_id].ordinal)


def extract_targets(clauses: list[Clause], ctx: TargetContext, matcher: Matcher) -> tuple[list[Target], list[Entity]]:
    """All targets of a plan, and the indicators that table rows introduced."""
    targets: list[Target] = []
    new_indicators: dict[str, Entity] = {}
    section_year: dict[str, int] = {}
    for clause in clauses:
        if clause.is_heading or ctx.roles.is_past(clause):
            continue
        if found := _TARGET_YEAR.search(clause.text):
            section_year[clause.section_id] = int(found.group(1) or found.group(2))
        if clause.cells:
            if row := table_targets(clause, ctx):
                targets.append(row[0])
                if not row[1].curated:
                    new_indicators[row[1].id] = row[1]
            continue
        year = section_year.get(clause.section_id, ctx.meta.period_end)
        targets.extend(prose_targets(clause, ctx, matcher, year))
    return _deduplicated(targets, {c.id: c for c in clauses}), list(new_indicators.values())

