"""Regions: the tree of regions that issued plans, and one region's plans and counts."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import NO_ROWS, CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, RegionDetailPublic
from api.routers.common import CSV_RESPONSE, RegionPath
from api.tables import question_table
from graph.questions import IndicatorTargets, Plans, RegionCoverage, Regions
from graph.rows import RegionRow

router = APIRouter(tags=["regions"])


@router.get("/regions", response_model=Page[RegionRow], responses=CSV_RESPONSE)
def list_regions(
    queries: QueriesDep, paging: PagingDep, as_csv: CsvDep
) -> dict[str, object] | Response:
    """Every region in the graph with its level and parent code (a tree: follow `parent_code`)."""
    return question_table(Regions(), paging, queries, as_csv=as_csv, filename="regions")


@router.get("/regions/{region}", response_model=RegionDetailPublic)
def region_detail(
    region: RegionPath, catalog: CatalogDep, queries: QueriesDep
) -> dict[str, object]:
    """A region's own plans, and how many programs, target groups and targets they hold."""
    found = catalog.region(region)
    codes = [found.code]
    coverage = queries.ask(RegionCoverage(region_codes=codes))
    return {
        "region": found,
        "plans": queries.ask(Plans(region_code=found.code)),
        "programs": sum(row.label == "Program" for row in coverage),
        "target_groups": sum(row.label == "TargetGroup" for row in coverage),
        "targets": queries.page(IndicatorTargets(region_codes=codes), NO_ROWS).total,
        "explain": queries.explained,
    }
