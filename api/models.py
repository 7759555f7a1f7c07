"""Response models: pages and details made of the questions' rows (graph/rows.py), which are the
API's row shapes too. Every row that states a fact carries the plan, section and clause it rests on."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from api.coverage import Coverage, RegionStatus
from graph.rows import (
    CitationRow,
    ClauseHitRow,
    EntityRow,
    FundingRow,
    PlanRow,
    RegionProgramRow,
    RegionRow,
    SectionRow,
    ServingRow,
    TargetRow,
)

Row = TypeVar("Row", bound=BaseModel)


class ExplainedQuery(BaseModel):
    """A named query the answer ran, to paste into Neo4j Browser."""

    name: str
    cypher: str
    parameters: dict[str, Any]


class Page(BaseModel, Generic[Row]):
    coverage: Coverage = Field(description="The plans the answer searched, by region.")
    data: list[Row]
    count: int = Field(description="Rows in this page.")
    total: int = Field(description="Rows in the whole answer.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last one.")
    truncated: bool = Field(description="True when rows beyond this page exist.")
    explain: list[ExplainedQuery] | None = None


class RegionDetailPublic(BaseModel):
    region: RegionRow
    plans: list[PlanRow]
    programs: int
    target_groups: int
    targets: int
    explain: list[ExplainedQuery] | None = None


class PlanDetailPublic(BaseModel):
    plan: PlanRow
    outline: list[SectionRow]
    explain: list[ExplainedQuery] | None = None


class PlanFactsPublic(BaseModel):
    plan_id: str
    targets: list[TargetRow]
    fundings: list[FundingRow]
    servings: list[ServingRow]
    citations: list[CitationRow]
    explain: list[ExplainedQuery] | None = None


class ProgramDetailPublic(BaseModel):
    program: EntityRow
    covered_by: list[RegionProgramRow]
    funded_by: list[RegionProgramRow]
    explain: list[ExplainedQuery] | None = None


class SetComparison(BaseModel):
    shared: list[str]
    only: dict[str, list[str]] = Field(description="Region code → names only that region has.")


class Similarity(BaseModel):
    a: str
    b: str
    measure: str = "jaccard"
    programs: float | None
    target_groups: float | None
    combined: float | None = Field(description="Jaccard over programs and groups together.")


class ComparisonPublic(BaseModel):
    regions: list[RegionRow]
    programs: SetComparison
    target_groups: SetComparison
    targets: list[TargetRow] = Field(
        description="Main targets of the regions' plans, side by side."
    )
    similarity: list[Similarity]
    explain: list[ExplainedQuery] | None = None


class SearchHitPublic(ClauseHitRow):
    highlight: str = Field(description="The clause with each match wrapped in <mark>…</mark>.")


class HealthPublic(BaseModel):
    status: str
    store: str
    neo4j: str = Field(description="up, down, or not configured")


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorPublic(BaseModel):
    error: ErrorBody


class ProgramRegionsPage(Page[RegionProgramRow]):
    """The flagship's answer: the rows of the page, and every region in scope with what its plans
    do about the program."""

    by_region: list[RegionStatus]
