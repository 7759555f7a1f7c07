"""Plans: metadata, outline, and the facts extracted from each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.coverage import coverage
from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, PlanDetailPublic, PlanFactsPublic
from api.routers.common import CSV_RESPONSE, PlanPath, RegionQuery
from api.tables import csv_response, download_name, question_table
from graph.questions import (
    IndicatorTargets,
    PlanCitations,
    PlanFundings,
    PlanOutline,
    Plans,
    ProgramsForGroup,
)
from graph.rows import CitationRow, FundingRow, PlanRow, Row, ServingRow, TargetRow

router = APIRouter(tags=["plans"])


@router.get("/plans", response_model=Page[PlanRow], responses=CSV_RESPONSE)
def list_plans(
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    region: RegionQuery = None,
) -> dict[str, object] | Response:
    """The plans, with metadata and how many programs, groups, targets and fundings each holds."""
    code = catalog.region_in_scope(region).code if region else None
    return question_table(Plans(region_code=code), paging, queries, as_csv=as_csv, filename="plans")


@router.get("/plans/{plan}", response_model=PlanDetailPublic)
def plan_detail(plan: PlanPath, catalog: CatalogDep, queries: QueriesDep) -> dict[str, object]:
    """A plan's metadata and its outline (sections in document order, with clause counts)."""
    found = catalog.plan(plan)
    (row,) = queries.ask(Plans(plan_id=found.id))
    return {
        "plan": row,
        "outline": queries.ask(PlanOutline(plan_id=found.id)),
        "explain": queries.explained,
    }


@router.get("/plans/{plan}/facts", response_model=PlanFactsPublic, responses=CSV_RESPONSE)
def plan_facts(
    plan: PlanPath,
    catalog: CatalogDep,
    queries: QueriesDep,
    as_csv: CsvDep,
    table_name: Annotated[
        Literal["targets", "fundings", "servings", "citations"],
        Query(alias="table", description="With CSV: which of the four tables."),
    ] = "targets",
) -> dict[str, object] | Response:
    """Everything extracted from one plan — targets, FUNDS, SERVES, CITES — each with its quote."""
    plan_id = catalog.plan(plan).id
    target_question = IndicatorTargets(plan_id=plan_id)
    targets = queries.ask(target_question)
    fundings = queries.ask(PlanFundings(plan_id=plan_id))
    servings = queries.ask(ProgramsForGroup(plan_id=plan_id))
    citations = queries.ask(PlanCitations(plan_id=plan_id))
    searched = coverage(catalog, target_question)
    if as_csv:
        tables: dict[str, tuple[Sequence[Row], type[Row]]] = {
            "targets": (targets, TargetRow),
            "fundings": (fundings, FundingRow),
            "servings": (servings, ServingRow),
            "citations": (citations, CitationRow),
        }
        rows, row = tables[table_name]
        return csv_response(rows, row, download_name(table_name, plan_id), searched)
    return {
        "plan_id": plan_id,
        "coverage": searched,
        "targets": targets,
        "fundings": fundings,
        "servings": servings,
        "citations": citations,
        "explain": queries.explained,
    }
