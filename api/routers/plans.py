"""Plans: metadata, outline, and the facts extracted from each."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import (
    CitationPublic,
    FundingPublic,
    Page,
    PlanDetailPublic,
    PlanFactsPublic,
    PlanPublic,
    ServingPublic,
    TargetPublic,
)
from api.routers.common import CSV_RESPONSE, PlanPath, RegionQuery
from api.tables import csv_response, table

router = APIRouter(tags=["plans"])
FACT_TABLES = {
    "targets": TargetPublic,
    "fundings": FundingPublic,
    "servings": ServingPublic,
    "citations": CitationPublic,
}


@router.get("/plans", response_model=Page[PlanPublic], responses=CSV_RESPONSE)
def list_plans(
    catalog: CatalogDep, queries: QueriesDep, paging: PagingDep, as_csv: CsvDep, region: RegionQuery = None
) -> dict[str, object] | Response:
    """The plans, with metadata and how many programs, groups, targets and fundings each holds."""
    code = catalog.region(region)["code"] if region else None
    rows = queries.run("plans", region_code=code, plan_id=None)
    return table(rows, paging, queries, as_csv=as_csv, columns=list(PlanPublic.model_fields), filename="plans")


@router.get("/plans/{plan}", response_model=PlanDetailPublic)
def plan_detail(plan: PlanPath, catalog: CatalogDep, queries: QueriesDep) -> dict[str, object]:
    """A plan's metadata and its outline (sections in document order, with clause counts)."""
    found = catalog.plan(plan)
    (row,) = queries.run("plans", region_code=None, plan_id=found["id"])
    return {"plan": row, "outline": queries.run("plan_outline", plan_id=found["id"]), "explain": queries.explained}


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
    plan_id = catalog.plan(plan)["id"]
    facts = {
        "targets": queries.run(
            "indicator_targets", indicator_id=None, plan_id=plan_id, region_codes=None, year=None, scope=None
        ),
        "fundings": queries.run("plan_fundings", plan_id=plan_id),
        "servings": queries.run("programs_for_group", group_id=None, region_code=None, plan_id=plan_id),
        "citations": queries.run("plan_citations", plan_id=plan_id),
    }
    if as_csv:
        return csv_response(facts[table_name], list(FACT_TABLES[table_name].model_fields), f"{table_name}")
    return {"plan_id": plan_id, **facts, "explain": queries.explained}
