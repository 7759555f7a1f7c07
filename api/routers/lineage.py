"""Lineage: where a plan's clauses come from (its parent plans), how a program spread, which
regions share text, and which policy instruments they use."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from fastapi.exceptions import RequestValidationError

from api.coverage import lineage_coverage, plans_coverage
from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.lineage_models import (
    ChapterLineage,
    DiffusionPublic,
    InstrumentShare,
    InstrumentsPublic,
    LineagePage,
    PlanLineagePublic,
    PlanLineageSummary,
    RegionLineagePublic,
    ReuseCell,
    ReusePair,
    ReusePublic,
)
from api.lineage_tables import (
    instrument_shares,
    plan_coverage,
    plan_report,
    region_coverage,
    reuse_matrix,
    summary_counts,
)
from api.models import Page
from api.patterns import NOT_ONLY_SEPARATORS
from api.routers.common import CSV_RESPONSE, PlanPath, RegionPath
from api.routers.entities import ProgramPath
from api.tables import csv_response, download_name, json_page, page_headers, question_table
from graph.catalog import Catalog
from graph.lineage.reuse import similarity
from graph.questions import (
    Answer,
    InstrumentClauses,
    InstrumentProfile,
    LineageSummary,
    ProgramDiffusion,
    ReuseMatrix,
    ReusePairs,
)
from graph.rows import DiffusionRow, InnovationRow, InstrumentClauseRow, LineageRow, RegionRow

router = APIRouter(tags=["lineage"])

RegionsQuery = Annotated[
    str | None,
    Query(
        description="Regions, codes or names separated by , ， or 、 "
        "(default: every region with a plan).",
        examples=["内蒙古,巴彦淖尔,江苏,苏州"],
        max_length=1000,
        pattern=NOT_ONLY_SEPARATORS,
    ),
]


def _codes(catalog: Catalog, regions: str | None) -> list[str] | None:
    return [r.code for r in catalog.scope(regions)] if regions else None


def _between(catalog: Catalog, regions: str | None) -> list[RegionRow] | None:
    """The regions reuse is asked between: two or more, or None for all. One region shares
    nothing with itself (reuse is between regions), so it is refused, not answered empty."""
    if not regions:
        return None
    scope = catalog.scope(regions)
    if len(scope) < 2:
        raise RequestValidationError(
            [
                {
                    "loc": ("query", "regions"),
                    "msg": f"names one region ({scope[0].name}): reuse is between regions, "
                    "give two or more, or none for all",
                }
            ]
        )
    return scope


@router.get("/plans/{plan}/lineage", response_model=PlanLineagePublic, responses=CSV_RESPONSE)
def plan_lineage(
    plan: PlanPath,
    catalog: CatalogDep,
    queries: QueriesDep,
    as_csv: CsvDep,
    table_name: Annotated[
        Literal["clauses", "innovations", "chapters"],
        Query(alias="table", description="With CSV: which of the three tables."),
    ] = "clauses",
) -> dict[str, object] | Response:
    """Each statement clause of the plan aligned with the plans of the nearest region above
    that has any (a city's province, a province's country): echo (same policy, near-same
    words), elaboration (adds a figure, program, group or money) or local (no counterpart), with
    its counterparts quoted; the shares per plan and per chapter; the programs and targets the
    parents lack (local innovations)."""
    found = catalog.plan(plan)
    report = plan_report(catalog, queries, found)
    searched = plan_coverage(catalog, found, report)
    if as_csv:
        if table_name == "innovations":
            return csv_response(
                report.innovations,
                InnovationRow,
                download_name("lineage-innovations", found.id),
                searched,
            )
        if table_name == "chapters":
            return csv_response(
                report.chapters,
                ChapterLineage,
                download_name("lineage-chapters", found.id),
                searched,
            )
        return csv_response(
            report.clauses, LineageRow, download_name("lineage", found.id), searched
        )
    return {**dict(report), "coverage": searched, "explain": queries.explained}


@router.get("/regions/{region}/lineage", response_model=RegionLineagePublic, responses=CSV_RESPONSE)
def region_lineage(
    region: RegionPath, catalog: CatalogDep, queries: QueriesDep, as_csv: CsvDep
) -> dict[str, object] | Response:
    """The region's plans, each with the shares of its clauses that echo, elaborate on or
    depart from its parent plans (`own`); and the plans aligned against the region's plans,
    with how much of them echoes it (`child`)."""
    found = catalog.region(region)
    below = {plan.region_code for plan in catalog.plans_under(found.code)}
    every = queries.ask(LineageSummary(region_codes=[found.code, *sorted(below)]))
    own_ids = {p.id for p in catalog.plans if p.region_code == found.code}
    listed = [row for row in every if row.plan_id in own_ids or own_ids & set(row.parents)]
    plans = [
        PlanLineageSummary(
            role="own" if row.plan_id in own_ids else "child",
            **row.model_dump(exclude={"statements", "echo", "elaboration", "local"}),
            plan_statements=row.statements,
            **summary_counts(row).model_dump(),
        )
        for row in listed
    ]
    searched = region_coverage(catalog, found.code, listed)
    if as_csv:
        return csv_response(
            plans, PlanLineageSummary, download_name("region-lineage", found.code), searched
        )
    return {
        "coverage": searched,
        "region": found,
        "plans": plans,
        "explain": queries.explained,
    }


@router.get("/programs/{name}/diffusion", response_model=DiffusionPublic, responses=CSV_RESPONSE)
def program_diffusion(
    name: ProgramPath, catalog: CatalogDep, queries: QueriesDep, as_csv: CsvDep
) -> dict[str, object] | Response:
    """How a program spread: every plan that covers or funds it, by issue date and level, with
    its first statement on the program (of a plan that funds it, its first funding clause) and
    its `antecedents`: each clause on the program, of a parent plan (`relation` echo or
    elaboration) or of another region's earlier plan (reuse), that one of its own clauses on it
    follows; both clauses cited and quoted."""
    program = catalog.entity("Program", name)
    adopters = queries.ask(ProgramDiffusion(program_id=program.id))
    searched = lineage_coverage(catalog)
    if as_csv:
        return csv_response(
            adopters, DiffusionRow, download_name("diffusion", program.id), searched
        )
    return {
        "coverage": searched,
        "program_id": program.id,
        "program_name": program.name,
        "adopters": adopters,
        "explain": queries.explained,
    }


@router.get("/reuse", response_model=ReusePublic, responses=CSV_RESPONSE)
def reuse(
    catalog: CatalogDep, queries: QueriesDep, as_csv: CsvDep, regions: RegionsQuery = None
) -> dict[str, object] | Response:
    """The region × region reuse matrix: for each ordered pair, the share of the first region's
    statement clauses that are near-same (trigram Jaccard ≥ 0.6, or through a chain of such
    clauses: a family) as a clause of the second's."""
    scope = _between(catalog, regions)
    codes = None if scope is None else [r.code for r in scope]
    matrix = reuse_matrix(
        catalog.regions if scope is None else scope,
        queries.ask(LineageSummary(region_codes=codes)),
        queries.ask(ReuseMatrix(region_codes=codes)),
    )
    searched = lineage_coverage(catalog, region_codes=codes)
    if as_csv:
        return csv_response(matrix, ReuseCell, download_name("reuse", *(codes or [])), searched)
    return {"coverage": searched, "matrix": matrix, "explain": queries.explained}


@router.get("/reuse/pairs", response_model=LineagePage[ReusePair], responses=CSV_RESPONSE)
def reuse_pairs(
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    regions: RegionsQuery = None,
) -> dict[str, object] | Response:
    """The pairs `/reuse` counts: each statement clause of a family of near-same clauses with,
    for each other region holding a clause of the family, that region's earliest such clause;
    both quoted, with their similarity; with `regions`, both sides among those regions."""
    scope = _between(catalog, regions)
    question = ReusePairs(region_codes=None if scope is None else [r.code for r in scope])
    found = queries.page(question, paging)
    answer = Answer(
        [
            ReusePair(**row.model_dump(), score=similarity(row.text, row.other_text))
            for row in found.rows
        ],
        found.total,
    )
    searched = lineage_coverage(catalog, region_codes=question.region_codes)
    if as_csv:
        return csv_response(
            answer.rows,
            ReusePair,
            download_name("reuse-pairs", *(question.region_codes or [])),
            searched,
            page_headers(answer, paging),
        )
    return json_page(answer, paging, queries, searched)


@router.get("/instruments", response_model=InstrumentsPublic, responses=CSV_RESPONSE)
def instruments(
    catalog: CatalogDep, queries: QueriesDep, as_csv: CsvDep, regions: RegionsQuery = None
) -> dict[str, object] | Response:
    """The region × policy instrument profile (Rothwell–Zegveld: supply, demand, environment,
    with sub-types): how many of a region's clauses behind a COVERS or FUNDS use each, their
    share, and the first of them."""
    codes = _codes(catalog, regions)
    profile = instrument_shares(queries.ask(InstrumentProfile(region_codes=codes)))
    searched = plans_coverage(catalog, region_codes=codes)  # instruments come with the plans
    if as_csv:
        filename = download_name("instruments", *(codes or []))
        return csv_response(profile, InstrumentShare, filename, searched)
    return {"coverage": searched, "profile": profile, "explain": queries.explained}


@router.get(
    "/instruments/clauses", response_model=Page[InstrumentClauseRow], responses=CSV_RESPONSE
)
def instrument_clauses(
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    regions: RegionsQuery = None,
    kind: Annotated[
        Literal["supply", "demand", "environment"] | None,
        Query(description="Only clauses of this instrument class."),
    ] = None,
) -> dict[str, object] | Response:
    """The clauses behind a COVERS or FUNDS with their policy instrument, quoted."""
    question = InstrumentClauses(region_codes=_codes(catalog, regions), policy_instrument=kind)
    filename = download_name("instrument-clauses", *(question.region_codes or []), kind)
    return question_table(question, paging, queries, as_csv=as_csv, filename=filename)
