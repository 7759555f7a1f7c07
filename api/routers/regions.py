"""Regions: the tree of regions that issued plans, and one region's plans and counts."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, RegionDetailPublic, RegionPublic
from api.routers.common import CSV_RESPONSE, RegionPath
from api.tables import table

router = APIRouter(tags=["regions"])


@router.get("/regions", response_model=Page[RegionPublic], responses=CSV_RESPONSE)
def list_regions(queries: QueriesDep, paging: PagingDep, as_csv: CsvDep) -> dict[str, object] | Response:
    """Every region in the graph with its level and parent code (a tree: follow `parent_code`)."""
    return table(queries.run("regions"), paging, queries, as_csv=as_csv, columns=list(RegionPublic.model_fields), filename="regions")


@router.get("/regions/{region}", response_model=RegionDetailPublic)
def region_detail(region: RegionPath, catalog: CatalogDep, queries: QueriesDep) -> dict[str, object]:
    """A region's own plans, and how many programs, target groups and targets they hold."""
    found = catalog.region(region)
    codes = [found["code"]]
    coverage = queries.run("region_coverage", region_codes=codes, plan_id=None)
    targets = queries.run(
        "indicator_targets", indicator_id=None, plan_id=None, region_codes=codes, year=None, scope=None
    )
    return {
        "region": found,
        "plans": queries.run("plans", region_code=found["code"], plan_id=None),
        "programs": sum(row["label"] == "Program" for row in coverage),
        "target_groups": sum(row["label"] == "TargetGroup" for row in coverage),
        "targets": len(targets),
        "explain": queries.explained,
    }
