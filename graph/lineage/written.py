"""A set of plans' lineage as the rows a store writes: each aligned clause's label and score,
each plan's parents searched, an ECHOES relationship from a clause to each counterpart, and a
REUSES relationship from a clause to the root of its family of near-same clauses when the root is
of another region, and the family on the clause."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.lineage.reuse import Member
from graph.lineage.vertical import PlanLineage
from graph.schema import Rel


@dataclass
class LineageRows:
    clauses: list[dict[str, Any]] = field(default_factory=list)
    """``id``, ``label``, ``score``, ``nearest`` (a local clause's best parent clause, or None)."""
    plans: list[dict[str, Any]] = field(default_factory=list)
    """``id``, ``parents``."""
    echoes: list[dict[str, Any]] = field(default_factory=list)
    """``source``, ``target``, ``key``, ``properties``."""
    families: list[dict[str, Any]] = field(default_factory=list)
    """``id``, ``family``: the clauses of families that span two regions or more."""
    reuses: list[dict[str, Any]] = field(default_factory=list)
    """``source``, ``target``, ``key``, ``properties``."""


def lineage_rows(lineages: Iterable[PlanLineage], members: Iterable[Member]) -> LineageRows:
    rows = LineageRows()
    for member in members:
        rows.families.append({"id": member.clause_id, "family": member.family})
        if member.reuses:
            rows.reuses.append(
                {
                    "source": member.clause_id,
                    "target": member.family,
                    "key": f"{Rel.REUSES}:{member.clause_id}>{member.family}",
                    "properties": {
                        "score": member.score,
                        "plan_id": member.plan_id,
                        "other_plan_id": member.root_plan_id,
                    },
                }
            )
    for lineage in lineages:
        rows.plans.append({"id": lineage.plan.id, "parents": list(lineage.parents)})
        for aligned in lineage.clauses:
            nearest = aligned.nearest.id if aligned.nearest else None
            rows.clauses.append(
                {
                    "id": aligned.clause.id,
                    "label": aligned.label,
                    "score": aligned.score,
                    "nearest": nearest,
                }
            )
            for rank, counterpart in enumerate(aligned.counterparts, start=1):
                rows.echoes.append(
                    {
                        "source": aligned.clause.id,
                        "target": counterpart.clause.id,
                        "key": f"{Rel.ECHOES}:{aligned.clause.id}>{counterpart.clause.id}",
                        "properties": {
                            "lineage": aligned.label,
                            "score": counterpart.score,
                            "rank": rank,
                            "added": list(counterpart.added),
                            "plan_id": lineage.plan.id,
                            "parent_plan_id": counterpart.plan_id,
                        },
                    }
                )
    return rows
