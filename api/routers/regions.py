"""Regions: the tree of regions, one region's plans and counts, and what is loaded where."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.coverage import coverage
from api.deps import NO_ROWS, CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import Page, RegionDetailPublic
from api.routers.common import CSV_RESPONSE, RegionPath
from api.tables import csv_table, question_table, table
from graph.catalog import Catalog
from graph.coverage_table import CoverageTable, coverage_table
from graph.questions import Answer, IndicatorTargets, Plans, RegionCoverage, Regions
from graph.rows import RegionRow
from loaders.gazetteer import default_gazetteer

router = APIRouter(tags=["regions"])

COVERAGE_COLUMNS = (
    "code", "name", "level", "parent_code", "loaded", "plans", "plans_below", "kinds", "periods",
    "formats", "plan_ids",
)  # fmt: skip


def gazetteer_tree(catalog: Catalog) -> list[RegionRow]:
    """Every region of the gazetteer, with the plans each issued (0 for most)."""
    issued = Counter(plan.region_code for plan in catalog.plans)
    return [
        RegionRow(
            code=region.code,
            name=region.name,
            short_name=region.short_name,
            level=region.level,
            parent_code=region.parent_code,
            plans=issued[region.code],
        )
        for region in sorted(default_gazetteer().by_code.values(), key=lambda r: r.code)
    ]


@router.get("/regions", response_model=Page[RegionRow], responses=CSV_RESPONSE)
def list_regions(
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    with_plans: Annotated[
        bool,
        Query(
            description="true: the regions in the graph (with plans, and their parents); "
            "false: the gazetteer's whole tree, each with its plan count (0 for most)."
        ),
    ] = True,
) -> dict[str, object] | Response:
    """Regions with their level and parent code (a tree: follow `parent_code`)."""
    if with_plans:
        return question_table(Regions(), paging, queries, as_csv=as_csv, filename="regions")
    tree = gazetteer_tree(catalog)
    cut = tree[paging.offset : paging.offset + paging.limit]
    return table(
        Answer(cut, len(tree)),
        paging,
        queries,
        as_csv=as_csv,
        row=RegionRow,
        filename="regions",
        question=Regions(),
    )


@router.get("/coverage", response_model=CoverageTable, responses=CSV_RESPONSE)
def loaded_regions(catalog: CatalogDep, as_csv: CsvDep) -> CoverageTable | Response:
    """What the graph holds, region by region: every province-level unit of the gazetteer
    (loaded or not) and every region below with a plan of its own, each with its plans, their
    kinds, periods and formats. Read it before reading an absence."""
    found = coverage_table(catalog)
    if not as_csv:
        return found
    lines = (
        [
            row.code,
            row.name,
            row.level,
            row.parent_code,
            row.loaded,
            len(row.plans),
            row.plans_below,
            row.kinds,
            row.periods,
            row.formats,
            [p.id for p in row.plans],
        ]  # fmt: skip
        for row in found.regions
    )
    return csv_table(COVERAGE_COLUMNS, lines, "coverage", coverage(catalog, Regions()))


@router.get("/regions/{region}", response_model=RegionDetailPublic)
def region_detail(
    region: RegionPath, catalog: CatalogDep, queries: QueriesDep
) -> dict[str, object]:
    """A region's own plans, and how many programs, target groups and targets they hold."""
    found = catalog.region(region)
    codes = [found.code]
    coverage_rows = queries.ask(RegionCoverage(region_codes=codes))
    own_plans = Plans(region_code=found.code)
    return {
        "coverage": coverage(catalog, own_plans),
        "region": found,
        "plans": queries.ask(own_plans),
        "programs": sum(row.label == "Program" for row in coverage_rows),
        "target_groups": sum(row.label == "TargetGroup" for row in coverage_rows),
        "targets": queries.page(IndicatorTargets(region_codes=codes), NO_ROWS).total,
        "explain": queries.explained,
    }
