"""Response models. Rows mirror the columns of the named queries (cypher/); every row that states
a fact carries the plan, section and clause it rests on. Lists come in ``XsPublic`` pages."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

Row = TypeVar("Row", bound=BaseModel)


class ExplainedQuery(BaseModel):
    """A named query the answer ran, to paste into Neo4j Browser."""

    name: str
    cypher: str
    parameters: dict[str, Any]


class Page(BaseModel, Generic[Row]):
    data: list[Row]
    count: int = Field(description="Rows in this page.")
    total: int = Field(description="Rows in the whole answer.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last one.")
    truncated: bool = Field(description="True when rows beyond this page exist.")
    explain: list[ExplainedQuery] | None = None


class RegionPublic(BaseModel):
    code: str
    name: str
    short_name: str | None
    level: str
    parent_code: str | None
    plans: int


class PlanPublic(BaseModel):
    id: str
    title: str | None
    region_code: str
    region_name: str
    kind: str | None
    issuer: str | None
    doc_number: str | None
    issued_on: str | None
    period_start: int | None
    period_end: int | None
    source: str
    sha256: str
    encoding: str | None
    source_format: str
    page_count: int | None
    source_url: str | None
    retrieved_on: str | None
    publisher: str | None
    programs: int
    target_groups: int
    targets: int
    fundings: int


class SectionPublic(BaseModel):
    section_id: str
    path: str
    heading: str | None
    level: int
    kind: str | None
    clauses: int


class TargetPublic(BaseModel):
    region_code: str
    region_name: str
    plan_id: str
    plan_title: str | None
    indicator: str
    indicator_id: str
    value: float | None
    value_text: str
    unit: str | None
    comparator: str
    year: int | None
    scope: str
    normalized_value: float | None
    normalized_unit: str | None
    baseline_value: float | None
    baseline_year: int | None
    attribute: str | None
    main: bool
    section_path: str
    clause_id: str
    evidence: str
    locator: str | None = None
    """Where the quote stands in the published file: ``p. 7`` (PDF), an element path (HTML)."""
    plan_source_url: str | None = None
    """Where the plan was published, to cite the quote from."""


class FundingPublic(BaseModel):
    program_id: str
    program_name: str
    program_kind: str | None
    instrument: str
    amount: float | None
    amount_unit: str | None
    amount_yuan: float | None
    section_path: str
    section_heading: str | None
    clause_id: str
    evidence: str
    locator: str | None = None


class ServingPublic(BaseModel):
    region_code: str
    region_name: str
    plan_id: str
    program_id: str
    program_name: str
    program_kind: str | None
    group_id: str
    group_name: str
    clause_id: str
    evidence: str
    plan_title: str | None = None
    locator: str | None = None
    plan_source_url: str | None = None


class CitationPublic(BaseModel):
    document_id: str
    title: str
    clause_id: str
    text: str


class EntityPublic(BaseModel):
    id: str
    name: str
    aliases: list[str]
    kind: str | None = None
    curated: bool | None = None
    unit: str | None = None
    plans: int


class RegionProgramPublic(BaseModel):
    region_code: str
    region_name: str
    region_level: str
    plan_id: str
    plan_title: str | None
    plan_region_code: str
    section_path: str
    section_heading: str | None
    clause_id: str
    evidence: str
    instrument: str | None
    amount_yuan: float | None
    locator: str | None = None
    plan_source_url: str | None = None


class CoveragePublic(BaseModel):
    region_code: str
    label: str
    entity_id: str
    name: str
    mentions: int


class MatrixCellPublic(BaseModel):
    region_code: str
    region_name: str
    entity_id: str
    entity_name: str
    clauses: int
    first_clause_id: str
    first_evidence: str


class SearchHitPublic(BaseModel):
    region_code: str
    plan_id: str
    plan_title: str | None
    section_path: str
    section_heading: str | None
    clause_id: str
    text: str
    locator: str | None = None
    plan_source_url: str | None = None
    highlight: str = Field(description="The clause with each match wrapped in <mark>…</mark>.")


class StatPublic(BaseModel):
    kind: str
    name: str
    count: int


class RegionDetailPublic(BaseModel):
    region: RegionPublic
    plans: list[PlanPublic]
    programs: int
    target_groups: int
    targets: int
    explain: list[ExplainedQuery] | None = None


class PlanDetailPublic(BaseModel):
    plan: PlanPublic
    outline: list[SectionPublic]
    explain: list[ExplainedQuery] | None = None


class PlanFactsPublic(BaseModel):
    plan_id: str
    targets: list[TargetPublic]
    fundings: list[FundingPublic]
    servings: list[ServingPublic]
    citations: list[CitationPublic]
    explain: list[ExplainedQuery] | None = None


class ProgramDetailPublic(BaseModel):
    program: EntityPublic
    covered_by: list[RegionProgramPublic]
    funded_by: list[RegionProgramPublic]
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
    regions: list[RegionPublic]
    programs: SetComparison
    target_groups: SetComparison
    targets: list[TargetPublic] = Field(description="Main targets of the regions' plans, side by side.")
    similarity: list[Similarity]
    explain: list[ExplainedQuery] | None = None


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
