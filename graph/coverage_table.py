"""What the graph holds, region by region: every province-level unit of the gazetteer, loaded
or not, and every region below with a plan loaded — the first thing to read before trusting
an absence ("no province funds X" means little when four provinces are loaded)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.catalog import Catalog
from graph.model import Region
from graph.rows import PlanRow
from loaders.gazetteer import default_gazetteer

SHOWN_ALWAYS = frozenset({"country", "province"})
"""Levels listed whether or not a plan is loaded; below them only regions with plans are."""


class LoadedPlan(BaseModel):
    id: str
    title: str | None
    kind: str | None
    period: str | None = Field(description="2021–2025, as the plan states its period.")
    issued_on: str | None
    source_format: str


class RegionPlans(BaseModel):
    code: str
    name: str
    level: str
    parent_code: str | None
    loaded: bool = Field(description="A plan of this region itself is loaded.")
    plans: list[LoadedPlan]
    plans_below: int = Field(description="Plans loaded of regions under this one.")
    kinds: list[str] = Field(description="The kinds of its plans (plan, implementation_scheme …).")
    periods: list[str]
    formats: list[str] = Field(description="The formats its plans were read from.")


class CoverageSummary(BaseModel):
    plans: int
    provinces: int = Field(description="Province-level units of the gazetteer.")
    provinces_loaded: int = Field(description="Of them, those with a plan of their own loaded.")
    provinces_reached: int = Field(
        description="Of them, those with a plan of their own or of a region under them."
    )
    regions_loaded: int = Field(description="Regions of any level with a plan of their own.")


class CoverageTable(BaseModel):
    summary: CoverageSummary
    regions: list[RegionPlans]


def _period(plan: PlanRow) -> str | None:
    if plan.period_start is None and plan.period_end is None:
        return None
    return "–".join(str(year) for year in (plan.period_start, plan.period_end) if year is not None)


def _row(region: Region, own: list[PlanRow], below: int) -> RegionPlans:
    loaded = [
        LoadedPlan(
            id=plan.id,
            title=plan.title,
            kind=plan.kind,
            period=_period(plan),
            issued_on=plan.issued_on,
            source_format=plan.source_format,
        )
        for plan in own
    ]
    return RegionPlans(
        code=region.code,
        name=region.name,
        level=region.level,
        parent_code=region.parent_code,
        loaded=bool(own),
        plans=loaded,
        plans_below=below,
        kinds=sorted({p.kind for p in loaded if p.kind}),
        periods=sorted({p.period for p in loaded if p.period}),
        formats=sorted({p.source_format for p in loaded}),
    )


def coverage_table(catalog: Catalog) -> CoverageTable:
    """Every country- and province-level region of the gazetteer and every region with a plan,
    in code order (a prefecture after its province), each with its plans."""
    gazetteer = default_gazetteer()
    own: dict[str, list[PlanRow]] = {}
    below: dict[str, int] = {}
    for plan in catalog.plans:
        own.setdefault(plan.region_code, []).append(plan)
        for ancestor in gazetteer.ancestors(plan.region_code)[1:]:
            below[ancestor.code] = below.get(ancestor.code, 0) + 1
    shown = sorted(
        (
            region
            for region in gazetteer.by_code.values()
            if region.level in SHOWN_ALWAYS or region.code in own
        ),
        key=lambda region: region.code,
    )
    rows = [_row(region, own.get(region.code, []), below.get(region.code, 0)) for region in shown]
    provinces = [row for row in rows if row.level == "province"]
    return CoverageTable(
        summary=CoverageSummary(
            plans=len(catalog.plans),
            provinces=len(provinces),
            provinces_loaded=sum(row.loaded for row in provinces),
            provinces_reached=sum(row.loaded or row.plans_below > 0 for row in provinces),
            regions_loaded=len(own),
        ),
        regions=rows,
    )
