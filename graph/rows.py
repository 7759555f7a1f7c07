"""The rows the named questions answer with: one model per shape, shared by both stores, the API
(whose response models they are), the CLI and the tests.

Every row that states a fact carries the plan, section and clause it rests on; the field names
are the columns the ``.cypher`` files return, which ``graph.questions`` checks when it loads them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    """A row of an answer: immutable, and exactly the columns its question returns."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class RegionRow(Row):
    code: str
    name: str
    short_name: str | None
    level: str
    parent_code: str | None
    plans: int


class PlanRow(Row):
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
    replaces: list[str]
    """Ids of earlier versions of the same file that this plan replaced in the store."""
    duplicate_sources: list[str]
    """Other files with the very same bytes, read as this one plan."""
    lineage_pending: bool
    """Written by a bulk load into Neo4j whose lineage is not computed yet."""
    programs: int
    target_groups: int
    targets: int
    fundings: int


class RegionRelationRow(Row):
    region_code: str
    relation: str
    """FUNDS or COVERS (programs), SETS_TARGET or MENTIONS (indicators)."""


class SectionRow(Row):
    section_id: str
    path: str
    heading: str | None
    level: int
    kind: str | None
    clauses: int


class TargetRow(Row):
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
    locator: str | None
    """Where the quote stands in the published file: ``p. 7`` (PDF), an element path (HTML)."""
    plan_source_url: str | None
    """Where the plan was published, to cite the quote from."""


class FundingRow(Row):
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
    locator: str | None


class ServingRow(Row):
    region_code: str
    region_name: str
    plan_id: str
    plan_title: str | None
    program_id: str
    program_name: str
    program_kind: str | None
    group_id: str
    group_name: str
    clause_id: str
    evidence: str
    locator: str | None
    plan_source_url: str | None


class CitationRow(Row):
    document_id: str
    title: str
    clause_id: str
    text: str


class EntityRow(Row):
    id: str
    name: str
    aliases: list[str]
    kind: str | None
    curated: bool | None
    unit: str | None
    plans: int


class RegionProgramRow(Row):
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
    locator: str | None
    plan_source_url: str | None


class CoverageRow(Row):
    region_code: str
    label: str
    entity_id: str
    name: str
    mentions: int


class MatrixCellRow(Row):
    region_code: str
    region_name: str
    entity_id: str
    entity_name: str
    clauses: int
    first_plan_id: str
    first_section_path: str
    first_clause_id: str
    first_evidence: str
    first_locator: str | None


class ClauseHitRow(Row):
    region_code: str
    plan_id: str
    plan_title: str | None
    section_path: str
    section_heading: str | None
    clause_id: str
    text: str
    locator: str | None
    plan_source_url: str | None


class StatRow(Row):
    kind: str
    name: str
    count: int


class ScopeRow(Row):
    id: str


class NodeRow(Row):
    id: str
    labels: list[str]
    properties: dict[str, Any]


class RelationshipRow(Row):
    source: str
    target: str
    type: str
    properties: dict[str, Any]


class LineageRow(Row):
    """A clause of a plan with its lineage label and one counterpart in the parent plans: both
    quotes, each with its plan, section and clause. A local clause's row has its nearest parent
    clause in the ``parent_`` fields, with no ``rank`` or ``added`` (none when no parent clause
    shares a word with it)."""

    plan_id: str
    clause_id: str
    section_path: str
    text: str
    locator: str | None
    label: str
    score: float
    rank: int | None
    parent_plan_id: str | None
    parent_region_code: str | None
    parent_clause_id: str | None
    parent_section_path: str | None
    parent_text: str | None
    parent_locator: str | None
    counterpart_score: float | None
    added: list[str] | None


class InnovationRow(Row):
    """A program the plan covers, or an indicator it sets a target for, that none of its parent
    plans does, with a clause that says so."""

    plan_id: str
    entity_id: str
    entity_name: str
    entity_label: str
    relation: str
    clause_id: str
    section_path: str
    text: str
    lineage: str | None


class LineageSummaryRow(Row):
    plan_id: str
    plan_title: str | None
    region_code: str
    region_name: str
    parents: list[str]
    statements: int
    echo: int
    elaboration: int
    local: int
    reused: int


class DiffusionAntecedent(Row):
    """A clause on a program that a plan's own clause on it follows: a parent plan's counterpart
    (``relation`` echo or elaboration, the child clause's label) or the earliest near-same clause
    of another region (``relation`` reuse); both clauses named and quoted."""

    clause_id: str
    """The adopting plan's clause."""
    section_path: str
    text: str
    relation: str
    score: float
    """Echo, elaboration: the share of the clause's bigram weight this counterpart covers.
    Reuse: the two clauses' Han-trigram Jaccard similarity."""
    other_region_code: str
    other_region_name: str
    other_plan_id: str
    other_clause_id: str
    other_section_path: str
    other_text: str


class DiffusionRow(Row):
    """A plan that covers or funds a program, with its first statement on it (of a plan that
    funds it, its first funding clause: the evidence of ``relation`` funds) and the clauses on
    it, of other plans, that its own clauses on it follow."""

    region_code: str
    region_name: str
    level: str
    plan_id: str
    plan_title: str | None
    issued_on: str | None
    period_start: int | None
    relation: str
    clause_id: str
    section_path: str
    text: str
    locator: str | None
    antecedents: list[DiffusionAntecedent]


class ReusePairRow(Row):
    region_code: str
    region_name: str
    plan_id: str
    clause_id: str
    section_path: str
    text: str
    other_region_code: str
    other_region_name: str
    other_plan_id: str
    other_clause_id: str
    other_section_path: str
    other_text: str
    family: str
    """The family's root clause."""


class ReuseCountRow(Row):
    region_code: str
    region_name: str
    other_region_code: str
    other_region_name: str
    reused: int


class InstrumentCellRow(Row):
    region_code: str
    region_name: str
    policy_instrument: str
    policy_instrument_type: str
    clauses: int
    funds: int
    first_plan_id: str
    first_clause_id: str
    first_section_path: str
    first_text: str


class InstrumentClauseRow(Row):
    region_code: str
    region_name: str
    plan_id: str
    clause_id: str
    section_path: str
    text: str
    locator: str | None
    policy_instrument: str
    policy_instrument_type: str
    funds: bool
    about: list[str]
    """The programs and groups the clause covers or funds, by name: why it is in the profile."""
