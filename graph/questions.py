"""The named questions: one typed spec per question, its parameters with their defaults and the
row it answers with.

A spec is the only place a question is spelled. Its ``name`` is the ``.cypher`` file that
answers it on Neo4j and the ``.sql`` file in ``graph/sql/`` that answers it in the embedded store;
``check_registry`` refuses a query folder whose file headers do not list exactly a spec's
parameters and its row's columns. Callers build a spec (``IndicatorTargets(plan_id=…)``) and
ask a store for it: ``store.ask(question)`` gives typed rows, ``store.ask_page(question,
offset=…, limit=…)`` one page and the total, counted by the store.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from graph.errors import QueryFileError
from graph.lineage.align import ALIGNMENT_RULES
from graph.lineage.corpus import STATEMENT_RULES
from graph.queries import CYPHER, Dialect, QueryRegistry, lucene_phrase
from graph.rows import (
    CitationRow,
    ClauseHitRow,
    CoverageRow,
    DiffusionRow,
    EntityRow,
    FundingRow,
    InnovationRow,
    InstrumentCellRow,
    InstrumentClauseRow,
    LineageRow,
    LineageSummaryRow,
    MatrixCellRow,
    NodeRow,
    PlanRow,
    RegionProgramRow,
    RegionRelationRow,
    RegionRow,
    RelationshipRow,
    ReuseCountRow,
    ReusePairRow,
    Row,
    ScopeRow,
    SectionRow,
    ServingRow,
    StatRow,
    TargetRow,
)
from graph.schema import Level, ProgramKind, Scope
from graph.settings import get_settings

RowT = TypeVar("RowT", bound=Row)
PAGING = frozenset({"skip", "limit"})
"""The parameters a store binds to cut a page; a query file may take them itself."""


class Question(BaseModel, Generic[RowT]):
    """A question's parameters; the class says which file answers it and with what rows."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: ClassVar[str]
    row: ClassVar[type[Row]]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        for base in cls.__mro__:
            meta = getattr(base, "__pydantic_generic_metadata__", None)
            if meta and meta["origin"] is Question and meta["args"]:
                cls.row = meta["args"][0]
                return

    def parameters(self) -> dict[str, Any]:
        """The values the query text reads as ``$name``."""
        return self.model_dump()

    @classmethod
    def parameter_names(cls) -> set[str]:
        return set(cls.model_fields) | set(cls.model_computed_fields)

    def rows(self, records: list[dict[str, Any]]) -> list[RowT]:
        """Records as this question's rows (checked: a column missing or extra is an error)."""
        return [self.row.model_validate(record) for record in records]  # type: ignore[misc]


@dataclass(frozen=True)
class Answer(Generic[RowT]):
    """One page of an answer and how many rows the whole answer has."""

    rows: list[RowT]
    total: int


class Reader(Protocol):
    """What answers the questions: a store, or one snapshot of it."""

    def version(self) -> str:
        """What is read: it changes with every load, so what was read from an older version
        (the name catalogue) is read again."""
        ...

    def ask(self, question: Question[RowT]) -> list[RowT]: ...

    def ask_page(self, question: Question[RowT], *, offset: int, limit: int) -> Answer[RowT]: ...


class Store(Reader, Protocol):
    """What both stores answer: each question on its own, or several from one snapshot."""

    def snapshot(self) -> AbstractContextManager[Reader]:
        """The store as it is now, for the questions of one request: a load that lands
        meanwhile is seen by none of them or all (one transaction; one version of the file)."""
        ...


Relation = Literal["FUNDS", "COVERS"]
EntityLabel = Literal["Program", "TargetGroup", "Indicator"]


class RegionsForProgram(Question[RegionProgramRow]):
    name = "regions_for_program"
    program_id: str
    relation: Relation = "FUNDS"
    level: Level | None = None
    include_subregions: bool = False


class ProgramRegionRelations(Question[RegionRelationRow]):
    name = "program_region_relations"
    program_id: str
    level: Level | None = None
    include_subregions: bool = False


class IndicatorRegionRelations(Question[RegionRelationRow]):
    name = "indicator_region_relations"
    indicator_id: str


class ProgramsForGroup(Question[ServingRow]):
    name = "programs_for_group"
    group_id: str | None = None
    region_code: str | None = None
    plan_id: str | None = None


class IndicatorTargets(Question[TargetRow]):
    name = "indicator_targets"
    indicator_id: str | None = None
    plan_id: str | None = None
    region_codes: list[str] | None = None
    year: int | None = None
    scope: Scope | None = None
    main: bool | None = None
    """Only the plans' headline targets (True), only the others (False), or all (None)."""


class RegionCoverage(Question[CoverageRow]):
    name = "region_coverage"
    region_codes: list[str] | None = None
    plan_id: str | None = None


class RegionMatrix(Question[MatrixCellRow]):
    name = "region_matrix"
    relation: Relation = "COVERS"
    label: Literal["Program", "TargetGroup"] = "Program"
    region_codes: list[str] | None = None


class ClauseSearch(Question[ClauseHitRow]):
    name = "clause_search"
    terms: list[str] = Field(min_length=1)
    """A clause matches when it contains any of them: a term and the other names of what it
    names (返乡创业园, 返乡入乡创业园)."""
    region_code: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def lucene(self) -> str:
        """The terms as phrases for the full-text index, never read as query syntax."""
        return " OR ".join(lucene_phrase(term) for term in self.terms)


class PlanOutline(Question[SectionRow]):
    name = "plan_outline"
    plan_id: str


class GraphStats(Question[StatRow]):
    name = "graph_stats"


class RegionScope(Question[ScopeRow]):
    name = "region_scope"
    region_code: str


class ExportNodes(Question[NodeRow]):
    name = "export_nodes"
    ids: list[str] | None = None


class ExportRelationships(Question[RelationshipRow]):
    name = "export_relationships"
    ids: list[str] | None = None


class Regions(Question[RegionRow]):
    name = "regions"


class Plans(Question[PlanRow]):
    name = "plans"
    region_code: str | None = None
    plan_id: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def statement_rules(self) -> int:
        """The rules this policygraph tells statements by: in Neo4j, a plan whose clauses were
        told apart by others reads as pending (a graph file of others is not opened at all)."""
        return STATEMENT_RULES

    @computed_field  # type: ignore[prop-decorator]
    @property
    def alignment_rules(self) -> int:
        """The rules this policygraph aligns by: a plan whose lineage was computed by others
        reads as pending, likewise."""
        return ALIGNMENT_RULES


class Entities(Question[EntityRow]):
    name = "entities"
    label: EntityLabel
    text: str | None = None
    """Part of the name or of an alias."""
    kind: ProgramKind | None = None


class PlanFundings(Question[FundingRow]):
    name = "plan_fundings"
    plan_id: str


class PlanCitations(Question[CitationRow]):
    name = "plan_citations"
    plan_id: str


class PlanLineage(Question[LineageRow]):
    name = "plan_lineage"
    plan_id: str


class LineageInnovations(Question[InnovationRow]):
    name = "lineage_innovations"
    plan_id: str


class LineageSummary(Question[LineageSummaryRow]):
    name = "lineage_summary"
    region_codes: list[str] | None = None
    """Plans of these regions (null for all)."""


class ProgramDiffusion(Question[DiffusionRow]):
    name = "program_diffusion"
    program_id: str


class ReusePairs(Question[ReusePairRow]):
    name = "reuse_pairs"
    region_codes: list[str] | None = None
    """Pairs whose two plans are both of these regions (null for all)."""


class ReuseMatrix(Question[ReuseCountRow]):
    name = "reuse_matrix"
    region_codes: list[str] | None = None
    """Both regions of a cell among these (null for all)."""


class InstrumentProfile(Question[InstrumentCellRow]):
    name = "instrument_profile"
    region_codes: list[str] | None = None


class InstrumentClauses(Question[InstrumentClauseRow]):
    name = "instrument_clauses"
    region_codes: list[str] | None = None
    policy_instrument: Literal["supply", "demand", "environment"] | None = None


QUESTIONS: tuple[type[Question[Any]], ...] = (
    RegionsForProgram, ProgramRegionRelations, IndicatorRegionRelations, ProgramsForGroup, IndicatorTargets, RegionCoverage, RegionMatrix,
    ClauseSearch, PlanOutline, GraphStats, RegionScope, ExportNodes, ExportRelationships,
    Regions, Plans, Entities, PlanFundings, PlanCitations, PlanLineage, LineageInnovations,
    LineageSummary, ProgramDiffusion, ReusePairs, ReuseMatrix, InstrumentProfile, InstrumentClauses,
)  # fmt: skip


def check_registry(registry: QueryRegistry) -> QueryRegistry:
    """``registry``, once every question's file lists the spec's parameters and row columns, and
    every question file has a spec."""
    specs = {spec.name: spec for spec in QUESTIONS}
    for query in registry.read_queries():
        spec = specs.pop(query.name, None)
        if spec is None:
            raise QueryFileError(
                f"{query.name}: a question file with no spec in graph/questions.py"
            )
        # A computed parameter is one store's concern: ClauseSearch.lucene is Neo4j's spelling
        # of the fields, Plans' rules matter where a database outlives its writer (a graph file
        # of other rules is not opened). Another store may leave them out. A store may cut its
        # own pages (PAGING).
        if not set(spec.model_fields) <= query.parameters - PAGING <= spec.parameter_names():
            raise QueryFileError(
                f"{query.name}: header lists parameters {sorted(query.parameters)}, "
                f"the spec {sorted(spec.parameter_names())}"
            )
        if set(query.columns) != set(spec.row.model_fields):
            raise QueryFileError(
                f"{query.name}: header returns {sorted(query.columns)}, "
                f"{spec.row.__name__} has {sorted(spec.row.model_fields)}"
            )
    if specs:
        raise QueryFileError(f"no query file in {registry.directory} for {sorted(specs)}")
    return registry


def checked_registry(directory: Path, dialect: Dialect = CYPHER) -> QueryRegistry:
    return check_registry(QueryRegistry(directory, dialect))


@cache
def default_registry() -> QueryRegistry:
    """The project's queries, checked against the specs once per process."""
    return checked_registry(get_settings().paths.cypher_dir)


def paged(text: str) -> str:
    """A question's statement cut to one page: its ORDER BY decides which rows a page holds."""
    return f"{text}\nSKIP $skip LIMIT $limit"


def counted(text: str) -> str:
    """A statement that counts a question's rows without returning them."""
    return f"CALL {{\n{text}\n}}\nRETURN count(*) AS total"
