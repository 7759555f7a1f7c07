"""Which plans each plan is aligned against, and the alignment of a whole set of plans.

A plan's parents are the plans of its nearest ancestor region that has any: a city's province,
a province's country; a county whose prefecture has no plan loaded goes to its province. Plans of
the plan's own region are never its parents (a 解读 does not descend from its own plan).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from graph.lineage.align import ClauseLineage, align_plan
from graph.lineage.corpus import LineagePlan


@dataclass(frozen=True)
class PlanLineage:
    plan: LineagePlan
    parents: tuple[str, ...]
    """The plans searched for counterparts; empty when no ancestor region has a plan."""
    clauses: tuple[ClauseLineage, ...]


def parent_plans(plans: list[LineagePlan]) -> dict[str, list[LineagePlan]]:
    """Each plan's parents among ``plans``."""
    by_region: dict[str, list[LineagePlan]] = defaultdict(list)
    for plan in plans:
        by_region[plan.region_code].append(plan)
    parents: dict[str, list[LineagePlan]] = {}
    for plan in plans:
        nearest = next((code for code in plan.ancestors if by_region.get(code)), None)
        parents[plan.id] = sorted(by_region[nearest], key=lambda p: p.id) if nearest else []
    return parents


def stale(
    plans: list[LineagePlan], aligned_to: dict[str, tuple[str, ...]], changed: set[str]
) -> set[str]:
    """The plans whose lineage must be computed again after the plans ``changed`` were written:
    those, and every plan whose parents are not the ones it was aligned against
    (``aligned_to``) or include one of them."""
    parents = parent_plans(plans)
    return {
        plan.id
        for plan in plans
        if plan.id in changed
        or aligned_to.get(plan.id, ()) != tuple(p.id for p in parents[plan.id])
        or any(p.id in changed for p in parents[plan.id])
    }


def align_all(plans: list[LineagePlan], only: set[str] | None = None) -> Iterator[PlanLineage]:
    """Every plan with a parent (of ``only``, when given), aligned; plans are taken in id order,
    so the output is stable."""
    parents = parent_plans(plans)
    for plan in sorted(plans, key=lambda p: p.id):
        if parents[plan.id] and (only is None or plan.id in only):
            yield PlanLineage(
                plan,
                tuple(p.id for p in parents[plan.id]),
                tuple(align_plan(plan, parents[plan.id])),
            )
