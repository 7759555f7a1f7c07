"""Response models: pages and details made of the questions' rows (graph/rows.py), which are the
API's row shapes too. Every row that states a fact carries the plan, section and clause it rests on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, Protocol, TypeVar

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
    coverage: Coverage = Field(description="The region's own plans, read for the counts.")
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
    coverage: Coverage = Field(description="The one plan read.")
    targets: list[TargetRow]
    fundings: list[FundingRow]
    servings: list[ServingRow]
    citations: list[CitationRow]
    explain: list[ExplainedQuery] | None = None


class ProgramDetailPublic(BaseModel):
    coverage: Coverage = Field(description="The plans searched: every plan loaded.")
    program: EntityRow
    covered_by: list[RegionProgramRow]
    funded_by: list[RegionProgramRow]
    explain: list[ExplainedQuery] | None = None


class RegionCells(Protocol):
    """A row with a cell per region compared (null where the region has none): one column group
    per region in CSV."""

    @property
    def regions(self) -> Mapping[str, BaseModel | None]: ...


class Quote(BaseModel):
    """Where a region's plans address a program or group: how often, and the first clause."""

    clauses: int = Field(description="Clauses of the region's plans that address it.")
    funded: bool | None = Field(
        description="Programs: whether a plan of the region commits money to it; null for groups."
    )
    plan_id: str
    section_path: str
    clause_id: str
    evidence: str
    locator: str | None


class ComparedEntity(BaseModel):
    id: str
    name: str
    shared: bool = Field(description="Every region compared that has a plan loaded addresses it.")
    count: int = Field(description="Regions that address it.")
    regions: dict[str, Quote | None] = Field(description="Region code → its first quote, or null.")


class TargetCell(BaseModel):
    """One region's target in a pivoted table: value as written and normalised, and its quote."""

    value_text: str
    value: float | None
    normalized_value: float | None
    normalized_unit: str | None
    unit: str | None
    comparator: str
    year: int | None
    baseline_value: float | None
    baseline_year: int | None
    attribute: str | None = Field(
        description="约束性 (binding) or 预期性 (expected), as the table says."
    )
    plan_id: str
    section_path: str
    clause_id: str
    evidence: str
    locator: str | None


class PivotedTarget(BaseModel):
    """One row per indicator and scope; a region with two such targets fills the next row of
    the same indicator (``occurrence``)."""

    indicator: str
    indicator_id: str
    scope: str
    occurrence: int = Field(description="1, or 2… for a region's further targets of this row.")
    regions: dict[str, TargetCell | None] = Field(description="Region code → its target, or null.")


class Similarity(BaseModel):
    a: str
    b: str
    measure: str = "jaccard"
    programs: float | None
    target_groups: float | None
    combined: float | None = Field(description="Jaccard over programs and groups together.")
    note: str | None = Field(
        default=None, description="Why the figures are null (a region with no plan loaded)."
    )


class ComparisonPublic(BaseModel):
    coverage: Coverage = Field(description="The plans compared, and regions with none loaded.")
    regions: list[RegionRow]
    programs: list[ComparedEntity] = Field(
        description="Programs any region's plans address, shared ones first, with a quote each."
    )
    target_groups: list[ComparedEntity]
    targets: list[PivotedTarget] = Field(
        description="Main targets: one row per indicator, a column group per region."
    )
    similarity: list[Similarity]
    explain: list[ExplainedQuery] | None = None


class SearchHitPublic(ClauseHitRow):
    highlight: str = Field(description="The clause with each match wrapped in <mark>…</mark>.")


class SearchPage(Page[SearchHitPublic]):
    terms: list[str] = Field(
        description="What was searched: the text, and the other names of what it names."
    )


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


class IndicatorTargetsPage(Page[TargetRow]):
    """Targets for one indicator, and every region in scope with what its plans do about it."""

    by_region: list[RegionStatus]


class PivotedTargetsPage(Page[PivotedTarget]):
    """Targets for one indicator pivoted by region, and every region in scope with what its
    plans do about it."""

    regions: list[RegionRow] = Field(description="The column groups, in order.")
    by_region: list[RegionStatus]
