"""Response models of the lineage answers (api/routers/lineage.py): where a plan's clauses come
from, how a program spread, which regions share text, which policy instruments they use."""

from __future__ import annotations

from typing import Generic, Literal

from pydantic import BaseModel, Field

from api.coverage import Coverage, LineageCoverage
from api.models import ExplainedQuery, Page, Row
from graph.rows import (
    DiffusionRow,
    InnovationRow,
    InstrumentCellRow,
    LineageRow,
    RegionRow,
    ReusePairRow,
)


class LabelCounts(BaseModel):
    """Statement clauses aligned with the parent plans, by label, with their shares."""

    statements: int = Field(description="Statement clauses aligned (headings and chrome are not).")
    echo: int
    elaboration: int
    local: int
    echo_share: float | None
    elaboration_share: float | None
    local_share: float | None


class ChapterKey(BaseModel):
    chapter: str = Field(description="The top-level section's path (0: before the first heading).")
    heading: str | None


class ChapterLineage(LabelCounts, ChapterKey):
    """A chapter's counts (its key first, as CSV columns)."""


class ParentPlan(BaseModel):
    plan_id: str
    region_code: str
    title: str | None


class PlanLineageReport(BaseModel):
    plan_id: str
    parents: list[ParentPlan] = Field(
        description="The plans of the nearest region above with any plan loaded; empty when none."
    )
    note: str | None = Field(
        description="Why nothing was aligned, when nothing was; or that the lineage is pending."
    )
    summary: LabelCounts
    chapters: list[ChapterLineage]
    innovations: list[InnovationRow] = Field(
        description="Programs and targets of the plan that none of its parent plans has, nor"
        " names in a clause."
    )
    clauses: list[LineageRow] = Field(
        description="Each aligned clause, one row per counterpart (best first), both quoted."
    )


class PlanLineagePublic(PlanLineageReport):
    coverage: LineageCoverage = Field(
        description="The plan and the parent plans it was aligned against."
    )
    explain: list[ExplainedQuery] | None = None


class PlanKey(BaseModel):
    role: Literal["own", "child"] = Field(
        description="own: a plan of the region, aligned with its parents; child: a plan aligned "
        "against one of the region's plans."
    )
    plan_id: str
    plan_title: str | None
    region_code: str
    region_name: str
    parents: list[str]
    plan_statements: int = Field(
        description="The plan's statement clauses, aligned or not: `statements` counts those "
        "aligned, none when no plan of a region above it is loaded (`parents` empty)."
    )
    reused: int = Field(
        description="Statement clauses in a family of near-same clauses with another region's."
    )


class PlanLineageSummary(LabelCounts, PlanKey):
    """A plan's counts (its key first, as CSV columns)."""


class RegionLineagePublic(BaseModel):
    coverage: LineageCoverage
    region: RegionRow
    plans: list[PlanLineageSummary]
    explain: list[ExplainedQuery] | None = None


class DiffusionPublic(BaseModel):
    coverage: LineageCoverage = Field(
        description="Every plan loaded: a plan not listed does not cover it."
    )
    program_id: str
    program_name: str
    adopters: list[DiffusionRow] = Field(
        description="By issue date (undated last), then level (country first) and region."
    )
    explain: list[ExplainedQuery] | None = None


class ReuseCell(BaseModel):
    region_code: str
    region_name: str
    other_region_code: str
    other_region_name: str
    statements: int = Field(description="Statement clauses of the region's plans.")
    reused: int = Field(
        description="Of those, the clauses in a family of near-same clauses with a clause of the "
        "other region's plans."
    )
    share: float | None


class ReusePair(ReusePairRow):
    score: float = Field(
        description="Jaccard similarity of the two clauses' Han trigrams: 0.6 or more for "
        "near-same clauses, less for two joined through others of their family."
    )


class ReusePublic(BaseModel):
    coverage: LineageCoverage
    matrix: list[ReuseCell] = Field(
        description="Region × region, both orders; the pairs themselves, quoted, at /reuse/pairs."
    )
    explain: list[ExplainedQuery] | None = None


class InstrumentShare(InstrumentCellRow):
    share: float = Field(description="Of the region's clauses behind a COVERS or FUNDS.")


class InstrumentsPublic(BaseModel):
    coverage: Coverage
    profile: list[InstrumentShare] = Field(
        description="Region × instrument sub-type; the clauses, quoted, at /instruments/clauses."
    )
    explain: list[ExplainedQuery] | None = None


class LineagePage(Page[Row], Generic[Row]):
    """A page of a lineage answer: its coverage says which plans' lineage is still pending."""

    coverage: LineageCoverage = Field(description="The plans searched, and those pending.")
