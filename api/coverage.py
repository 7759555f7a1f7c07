"""What an answer searched: the plans a question could read, by region, so a researcher can
tell "no plan says so" from "no plan of that region was loaded"."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.catalog import Catalog
from graph.questions import Question
from graph.rows import PlanRow, RegionRelationRow
from loaders.gazetteer import default_gazetteer


class SearchedRegion(BaseModel):
    code: str
    name: str
    level: str
    plans: int = Field(description="Plans of this region that were searched.")


class UnloadedRegion(BaseModel):
    code: str
    name: str
    level: str


class Coverage(BaseModel):
    """The plans behind an answer; a region or plan that is not here was not searched."""

    plans: int = Field(description="Plans searched.")
    regions: list[SearchedRegion] = Field(description="The regions whose plans were searched.")
    not_loaded: list[UnloadedRegion] = Field(
        description="Regions the question names that have no plan loaded: nothing of theirs "
        "could be found."
    )

    def headers(self) -> dict[str, str]:
        """The same, for a CSV answer's headers."""
        return {
            "X-Plans-Searched": str(self.plans),
            "X-Regions-Searched": ",".join(region.code for region in self.regions),
            "X-Regions-Not-Loaded": ",".join(region.code for region in self.not_loaded),
        }


def coverage(catalog: Catalog, question: Question[Any]) -> Coverage:
    """The plans ``question`` reads: the one it names (``plan_id``), those of the regions it
    names (``region_code``, ``region_codes``), else every plan loaded."""
    values = question.model_dump()
    codes = values.get("region_codes") or (
        [values["region_code"]] if values.get("region_code") is not None else None
    )
    plan_ids = [values["plan_id"]] if values.get("plan_id") is not None else None
    return plans_coverage(catalog, plan_ids=plan_ids, region_codes=codes)


def plans_coverage(
    catalog: Catalog,
    *,
    plan_ids: list[str] | None = None,
    region_codes: list[str] | None = None,
) -> Coverage:
    """The plans read: those of ``plan_ids`` (all when None) of the regions ``region_codes``
    (all when None); a region named that has no plan loaded is listed as not loaded."""
    return _coverage(catalog, _searched(catalog, plan_ids, region_codes), region_codes)


def _searched(
    catalog: Catalog, plan_ids: list[str] | None, region_codes: list[str] | None
) -> list[PlanRow]:
    ids = None if plan_ids is None else set(plan_ids)
    codes = None if region_codes is None else set(region_codes)
    return [
        plan
        for plan in catalog.plans
        if (ids is None or plan.id in ids) and (codes is None or plan.region_code in codes)
    ]


def _coverage(catalog: Catalog, plans: list[PlanRow], region_codes: list[str] | None) -> Coverage:
    loaded = {plan.region_code for plan in catalog.plans}
    regions = {row.code: row for row in catalog.regions}
    counts = Counter(plan.region_code for plan in plans)
    gazetteer = default_gazetteer()
    return Coverage(
        plans=len(plans),
        regions=[
            SearchedRegion(
                code=code, name=regions[code].name, level=regions[code].level, plans=count
            )
            for code, count in sorted(counts.items())
        ],
        not_loaded=[
            UnloadedRegion(code=code, name=region.name, level=region.level)
            for code in region_codes or ()
            if code not in loaded and (region := gazetteer.by_code.get(code)) is not None
        ],
    )


class LineageCoverage(Coverage):
    lineage_pending: list[str] = Field(
        description="Plans searched whose lineage is not computed yet or not by this "
        "policygraph's rules: a bulk load into Neo4j is still writing or stopped before its end, "
        "or the database was written by another version (the next load computes it again; when "
        "that load stops with store_outdated, empty the database and load the plans again; with "
        "store_newer, load with the newer version). "
        "Their clauses' echo, elaboration or local labels and reuse are missing or out of date "
        "in this answer."
    )

    def headers(self) -> dict[str, str]:
        return {**super().headers(), "X-Lineage-Pending": ",".join(self.lineage_pending)}


def lineage_coverage(
    catalog: Catalog,
    *,
    plan_ids: list[str] | None = None,
    region_codes: list[str] | None = None,
) -> LineageCoverage:
    """``plans_coverage``, and which of the plans have their lineage still to come."""
    plans = _searched(catalog, plan_ids, region_codes)
    return LineageCoverage(
        **_coverage(catalog, plans, region_codes).model_dump(),
        lineage_pending=[plan.id for plan in plans if plan.lineage_pending],
    )


Status = Literal["funds", "covers", "sets_target", "mentions", "silent", "not_loaded"]


class RegionStatus(BaseModel):
    code: str
    name: str
    level: str
    status: Status = Field(
        description="For a program — funds: a plan commits money to it; covers: mentioned, not "
        "funded. For an indicator — sets_target: a plan sets a target for it; mentions: "
        "mentioned, no target. For both — silent: plans loaded, none mentions it; not_loaded: "
        "no plan of this region is loaded."
    )


RELATION_STATUS: dict[str, Status] = {
    "FUNDS": "funds",
    "COVERS": "covers",
    "SETS_TARGET": "sets_target",
    "MENTIONS": "mentions",
}
"""What a region's plans do about an entity, firmest first: a region gets the first it has."""


def region_split(
    catalog: Catalog,
    relations: list[RegionRelationRow],
    *,
    asked: list[str] | None = None,
    level: str | None = None,
    include_subregions: bool = False,
) -> list[RegionStatus]:
    """Every region in scope with what its plans do about an entity (``relations``: which
    regions fund, cover, set a target for or mention it). In scope are the regions ``asked``
    for; else those with plans loaded (at ``level``, counting sub-regions' plans with
    ``include_subregions``) and — when a level is given — the gazetteer's regions of that level
    with no plan loaded."""
    gazetteer = default_gazetteer()
    loaded: set[str] = set()
    for plan in catalog.plans:
        chain = gazetteer.ancestors(plan.region_code)
        for region in chain if include_subregions else chain[:1]:
            if level is None or region.level == level:
                loaded.add(region.code)
    status_of: dict[str, Status] = {}
    for relation, status in RELATION_STATUS.items():
        for row in relations:
            if row.relation == relation:
                status_of.setdefault(row.region_code, status)
    if asked is not None:
        in_scope = set(asked)
    else:
        unloaded = {code for code, region in gazetteer.by_code.items() if region.level == level}
        in_scope = loaded | unloaded
    statuses: list[RegionStatus] = []
    for code in sorted(in_scope):
        region = gazetteer.by_code[code]
        status = status_of.get(code, "silent" if code in loaded else "not_loaded")
        statuses.append(
            RegionStatus(code=code, name=region.name, level=region.level, status=status)
        )
    return statuses
