"""What an answer searched: the plans a question could read, by region, so a researcher can
tell "no plan says so" from "no plan of that region was loaded"."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel, Field

from graph.catalog import Catalog
from graph.questions import Question
from graph.rows import RegionRelationRow
from loaders.gazetteer import default_gazetteer


class SearchedRegion(BaseModel):
    code: str
    name: str
    level: str
    plans: int = Field(description="Plans of this region that were searched.")


class Coverage(BaseModel):
    """The plans behind an answer; a region or plan that is not here was not searched."""

    plans: int = Field(description="Plans searched.")
    regions: list[SearchedRegion] = Field(description="The regions whose plans were searched.")


def coverage(catalog: Catalog, question: Question[Any]) -> Coverage:
    """The plans ``question`` reads: the one it names (``plan_id``), those of the regions it
    names (``region_code``, ``region_codes``), else every plan loaded."""
    values = question.model_dump()
    plans = catalog.plans
    if values.get("plan_id") is not None:
        plans = [p for p in plans if p.id == values["plan_id"]]
    codes = values.get("region_codes") or (
        [values["region_code"]] if values.get("region_code") is not None else None
    )
    if codes is not None:
        plans = [p for p in plans if p.region_code in codes]
    regions = {row.code: row for row in catalog.regions}
    counts = Counter(plan.region_code for plan in plans)
    return Coverage(
        plans=len(plans),
        regions=[
            SearchedRegion(
                code=code, name=regions[code].name, level=regions[code].level, plans=count
            )
            for code, count in sorted(counts.items())
        ],
    )


Status = Literal["funds", "covers", "silent", "not_loaded"]


class RegionStatus(BaseModel):
    code: str
    name: str
    level: str
    status: Status = Field(
        description="funds: a plan commits money to it; covers: mentioned, not funded; silent: "
        "plans loaded, none mentions it; not_loaded: no plan of this region is loaded."
    )


def program_split(
    catalog: Catalog,
    relations: list[RegionRelationRow],
    level: str | None,
    include_subregions: bool,
) -> list[RegionStatus]:
    """Every region in scope with what its plans do about a program (``relations``: which
    regions fund it and which cover it): those with plans loaded (at ``level``, counting
    sub-regions' plans with ``include_subregions``), and — when a level is asked — the
    gazetteer's regions of that level with no plan loaded."""
    gazetteer = default_gazetteer()
    loaded: set[str] = set()
    for plan in catalog.plans:
        chain = gazetteer.ancestors(plan.region_code)
        for region in chain if include_subregions else chain[:1]:
            if level is None or region.level == level:
                loaded.add(region.code)
    funding = {row.region_code for row in relations if row.relation == "FUNDS"}
    covering = {row.region_code for row in relations if row.relation == "COVERS"} - funding
    in_scope = loaded | {
        code
        for code, region in gazetteer.by_code.items()
        if level is not None and region.level == level
    }
    statuses: list[RegionStatus] = []
    for code in sorted(in_scope):
        region = gazetteer.by_code[code]
        status: Status = (
            "funds" if code in funding
            else "covers" if code in covering
            else "silent" if code in loaded
            else "not_loaded"
        )  # fmt: skip
        statuses.append(
            RegionStatus(code=code, name=region.name, level=region.level, status=status)
        )
    return statuses
