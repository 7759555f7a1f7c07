"""Programs, target groups and indicators: lists, one program, and the cross-regional tables."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from api.coverage import RegionStatus, coverage, region_split
from api.deps import CatalogDep, CsvDep, PagingDep, Queries, QueriesDep
from api.models import (
    IndicatorTargetsPage,
    Page,
    PivotedTargetsPage,
    ProgramDetailPublic,
    ProgramRegionsPage,
    TargetCell,
)
from api.patterns import NOT_BLANK
from api.pivot import TARGET_COLUMNS, pivot_targets
from api.routers.common import CSV_RESPONSE, RegionQuery
from api.tables import download_name, json_page, page_headers, question_table, wide_csv
from graph.catalog import Catalog, clean
from graph.questions import (
    Answer,
    Entities,
    EntityLabel,
    IndicatorRegionRelations,
    IndicatorTargets,
    ProgramRegionRelations,
    ProgramsForGroup,
    RegionsForProgram,
)
from graph.rows import EntityRow, RegionRow, ServingRow
from graph.schema import Level, ProgramKind, Scope

router = APIRouter()
ProgramPath = Annotated[
    str,
    Path(
        description="A name, alias, id or Traditional spelling.",
        examples=["返乡创业园", "三支一扶", "返鄉創業園"],
        max_length=100,
        pattern=NOT_BLANK,
    ),
]
GroupPath = Annotated[
    str,
    Path(
        description="A target group's name or alias.",
        examples=["高校毕业生", "农牧民工"],
        max_length=100,
        pattern=NOT_BLANK,
    ),
]
IndicatorPath = Annotated[
    str,
    Path(
        description="An indicator's name or alias.",
        examples=["城镇新增就业", "城镇调查失业率"],
        max_length=100,
        pattern=NOT_BLANK,
    ),
]


def _entities(
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    label: EntityLabel,
    q: str | None = None,
    kind: ProgramKind | None = None,
) -> dict[str, object] | Response:
    """One label's entities as a table, filtered by part of a name or alias and by kind."""
    question = Entities(label=label, text=clean(q) if q else None, kind=kind)
    filename = {"Program": "programs", "TargetGroup": "target-groups", "Indicator": "indicators"}[
        label
    ]
    return question_table(question, paging, queries, as_csv=as_csv, filename=filename)


@router.get("/programs", response_model=Page[EntityRow], responses=CSV_RESPONSE, tags=["programs"])
def list_programs(
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    q: Annotated[
        str | None,
        Query(
            description="Part of a name or alias.",
            examples=["创业园"],
            max_length=100,
            pattern=NOT_BLANK,
        ),
    ] = None,
    kind: Annotated[ProgramKind | None, Query(description="program, carrier, instrument …")] = None,
) -> dict[str, object] | Response:
    """Programs, carriers, instruments, brands, activities and platforms; `curated: false` ones were found in the text."""
    return _entities(queries, paging, as_csv, "Program", q, kind)


@router.get("/programs/{name}", response_model=ProgramDetailPublic, tags=["programs"])
def program_detail(
    name: ProgramPath, catalog: CatalogDep, queries: QueriesDep
) -> dict[str, object]:
    """One program: the plans that cover it and those that fund it, with their clauses."""
    program = catalog.entity("Program", name)
    covering = RegionsForProgram(program_id=program.id, relation="COVERS")
    covered_by = queries.ask(covering)
    funded_by = queries.ask(RegionsForProgram(program_id=program.id, relation="FUNDS"))
    return {
        "coverage": coverage(catalog, covering),
        "program": program,
        "covered_by": covered_by,
        "funded_by": funded_by,
        "explain": queries.explained,
    }


@router.get(
    "/programs/{name}/regions",
    response_model=ProgramRegionsPage,
    responses=CSV_RESPONSE,
    tags=["programs"],
)
def program_regions(
    name: ProgramPath,
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    relation: Annotated[
        Literal["funds", "covers"],
        Query(description="funds: money committed; covers: named at all."),
    ] = "funds",
    level: Annotated[Level | None, Query(description="Only regions of this level.")] = None,
    include_subregions: Annotated[
        bool, Query(description="Count a sub-region's plan for its ancestor at `level`.")
    ] = False,
) -> dict[str, object] | Response:
    """Which regions fund (or cover) a program — each row with plan, section and quote — and,
    in `by_region`, every region in scope: funds, covers (mentioned, not funded), silent (plans
    loaded, none mentions it) or not_loaded (with `level`: the gazetteer's regions of that level
    without a plan). The flagship: `/programs/返乡创业园/regions?relation=funds&level=province`."""
    program = catalog.entity("Program", name)
    question = RegionsForProgram(
        program_id=program.id,
        relation="FUNDS" if relation == "funds" else "COVERS",
        level=level,
        include_subregions=include_subregions,
    )
    filename = download_name("regions", program.id, relation, level)
    page = question_table(question, paging, queries, as_csv=as_csv, filename=filename)
    if isinstance(page, Response):
        return page
    relations = queries.ask(
        ProgramRegionRelations(
            program_id=program.id, level=level, include_subregions=include_subregions
        )
    )
    split = region_split(catalog, relations, level=level, include_subregions=include_subregions)
    return {**page, "by_region": split}


@router.get(
    "/target-groups", response_model=Page[EntityRow], responses=CSV_RESPONSE, tags=["target groups"]
)
def list_groups(
    queries: QueriesDep, paging: PagingDep, as_csv: CsvDep
) -> dict[str, object] | Response:
    """Target groups with their aliases and how many plans address each."""
    return _entities(queries, paging, as_csv, "TargetGroup")


@router.get(
    "/target-groups/{name}/programs",
    response_model=Page[ServingRow],
    responses=CSV_RESPONSE,
    tags=["target groups"],
)
def group_programs(
    name: GroupPath,
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    region: RegionQuery = None,
) -> dict[str, object] | Response:
    """The programs plans direct at a target group, region by region, with evidence."""
    group = catalog.entity("TargetGroup", name)
    code = catalog.region_in_scope(region).code if region else None
    question = ProgramsForGroup(group_id=group.id, region_code=code)
    filename = download_name("programs", group.id)
    return question_table(question, paging, queries, as_csv=as_csv, filename=filename)


@router.get(
    "/indicators", response_model=Page[EntityRow], responses=CSV_RESPONSE, tags=["indicators"]
)
def list_indicators(
    queries: QueriesDep, paging: PagingDep, as_csv: CsvDep
) -> dict[str, object] | Response:
    """Indicators with their canonical unit and aliases."""
    return _entities(queries, paging, as_csv, "Indicator")


@router.get(
    "/indicators/{name}/targets",
    response_model=IndicatorTargetsPage | PivotedTargetsPage,
    responses=CSV_RESPONSE,
    tags=["indicators"],
)
def indicator_targets(
    name: IndicatorPath,
    catalog: CatalogDep,
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    regions: Annotated[
        str | None,
        Query(
            description="Codes or names separated by , ， or 、.",
            examples=["重庆,宁夏"],
            max_length=1000,
        ),
    ] = None,
    year: Annotated[int | None, Query(ge=1949, le=2100, examples=[2025])] = None,
    scope: Annotated[Scope | None, Query(description="cumulative, annual or level.")] = None,
    pivot: Annotated[
        Literal["region"] | None,
        Query(description="region: one row per scope, a column group per region."),
    ] = None,
) -> dict[str, object] | Response:
    """One row per region and target: value as written and normalised, unit, comparator, scope,
    baseline and the quote it rests on; or, with `pivot=region`, the regions side by side. In
    `by_region`, every region in scope (those asked for, else those with plans): sets_target,
    mentions (named, no target), silent or not_loaded."""
    indicator = catalog.entity("Indicator", name)
    asked = catalog.scope(regions) if regions else None
    question = IndicatorTargets(
        indicator_id=indicator.id,
        region_codes=[r.code for r in asked] if asked is not None else None,
        year=year,
        scope=scope,
    )
    filename = download_name("targets", indicator.id)
    if pivot is None:
        page = question_table(question, paging, queries, as_csv=as_csv, filename=filename)
        if isinstance(page, Response):
            return page
        return {**page, "by_region": _indicator_split(catalog, queries, indicator.id, asked)}
    rows = queries.ask(question)
    known = {region.code: region for region in catalog.regions}
    columns = asked or [known[code] for code in sorted({row.region_code for row in rows})]
    codes = [region.code for region in columns]
    pivoted = pivot_targets(rows, codes)
    sheet: Answer[Any] = Answer(pivoted[paging.offset : paging.offset + paging.limit], len(pivoted))
    searched = coverage(catalog, question)
    if as_csv:
        headers = page_headers(sheet, paging)
        return wide_csv(sheet.rows, TARGET_COLUMNS, TargetCell, codes, filename, searched, headers)
    return {
        **json_page(sheet, paging, queries, searched),
        "regions": columns,
        "by_region": _indicator_split(catalog, queries, indicator.id, asked),
    }


def _indicator_split(
    catalog: Catalog, queries: Queries, indicator_id: str, asked: list[RegionRow] | None
) -> list[RegionStatus]:
    """Every region in scope (those asked for, else those with plans) with what its plans do
    about the indicator."""
    relations = queries.ask(IndicatorRegionRelations(indicator_id=indicator_id))
    codes = [r.code for r in asked] if asked is not None else None
    return region_split(catalog, relations, asked=codes)
