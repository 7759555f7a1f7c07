"""Cross-regional answers: two or more regions side by side, and the region × program matrix."""

from __future__ import annotations

from itertools import combinations
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.coverage import coverage
from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import ComparedEntity, ComparisonPublic, Page, Quote, Similarity, TargetCell
from api.patterns import NOT_ONLY_SEPARATORS
from api.pivot import ENTITY_COLUMNS, TARGET_COLUMNS, pivot_entities, pivot_targets
from api.routers.common import CSV_RESPONSE
from api.tables import csv_response, download_name, question_table, wide_csv
from graph.errors import InvalidInput
from graph.questions import IndicatorTargets, RegionMatrix
from graph.rows import MatrixCellRow, RegionRow

router = APIRouter(tags=["analysis"])


def jaccard(a: set[str], b: set[str]) -> float | None:
    """|a ∩ b| / |a ∪ b|; None when both are empty."""
    return len(a & b) / len(a | b) if a | b else None


def _addressed(rows: list[ComparedEntity], code: str) -> set[str]:
    return {row.id for row in rows if row.regions[code] is not None}


def similarities(
    regions: list[RegionRow], programs: list[ComparedEntity], groups: list[ComparedEntity]
) -> list[Similarity]:
    """Per pair of regions, the Jaccard similarity of the programs, the groups and both; null
    with a note for a pair with a region whose plans are not loaded (nothing to compare)."""
    found = {r.code: (_addressed(programs, r.code), _addressed(groups, r.code)) for r in regions}
    pairs: list[Similarity] = []
    for a, b in combinations(regions, 2):
        if unloaded := [r.name for r in (a, b) if r.plans == 0]:
            note = f"{'、'.join(unloaded)}: no plan loaded"
            pairs.append(
                Similarity(
                    a=a.code, b=b.code, programs=None, target_groups=None, combined=None, note=note
                )
            )
            continue
        (programs_a, groups_a), (programs_b, groups_b) = found[a.code], found[b.code]
        pairs.append(
            Similarity(
                a=a.code,
                b=b.code,
                programs=jaccard(programs_a, programs_b),
                target_groups=jaccard(groups_a, groups_b),
                combined=jaccard(programs_a | groups_a, programs_b | groups_b),
            )
        )
    return pairs


CompareTable = Literal["targets", "programs", "groups", "similarity"]


@router.get("/compare", response_model=ComparisonPublic, responses=CSV_RESPONSE)
def compare(
    catalog: CatalogDep,
    queries: QueriesDep,
    as_csv: CsvDep,
    regions: Annotated[
        str,
        Query(
            description="Two or more regions, codes or names separated by , ， or 、.",
            examples=["重庆,宁夏"],
            max_length=1000,
            pattern=NOT_ONLY_SEPARATORS,
        ),
    ],
    table_name: Annotated[
        CompareTable,
        Query(alias="table", description="With CSV: which of the four tables."),
    ] = "targets",
) -> dict[str, object] | Response:
    """Regions side by side: the programs and target groups their plans address, each with a
    quote per region (shared ones first); their main targets pivoted, one row per indicator and
    a column group per region; and, per pair, the Jaccard similarity of programs, groups and
    both. A region with no plan loaded is compared too: its cells are empty and `coverage`
    lists it as not loaded."""
    found = catalog.scope(regions)
    if len(found) < 2:
        raise InvalidInput("compare needs at least two different regions")
    codes = [r.code for r in found]
    loaded = [r.code for r in found if r.plans > 0]
    target_question = IndicatorTargets(region_codes=codes, main=True)
    targets = pivot_targets(queries.ask(target_question), codes)
    funded = {
        (cell.region_code, cell.entity_id)
        for cell in queries.ask(RegionMatrix(relation="FUNDS", label="Program", region_codes=codes))
    }
    programs = pivot_entities(
        queries.ask(RegionMatrix(relation="COVERS", label="Program", region_codes=codes)),
        funded,
        codes,
        loaded,
    )
    groups = pivot_entities(
        queries.ask(RegionMatrix(relation="COVERS", label="TargetGroup", region_codes=codes)),
        None,
        codes,
        loaded,
    )
    similarity = similarities(found, programs, groups)
    searched = coverage(catalog, target_question)
    if as_csv:
        filename = download_name(f"compare-{table_name}", *codes)
        if table_name == "similarity":
            return csv_response(similarity, Similarity, filename, searched)
        if table_name == "targets":
            return wide_csv(targets, TARGET_COLUMNS, TargetCell, codes, filename, searched)
        entities = programs if table_name == "programs" else groups
        return wide_csv(entities, ENTITY_COLUMNS, Quote, codes, filename, searched)
    return {
        "coverage": searched,
        "regions": found,
        "programs": programs,
        "target_groups": groups,
        "targets": targets,
        "similarity": similarity,
        "explain": queries.explained,
    }


@router.get("/matrix", response_model=Page[MatrixCellRow], responses=CSV_RESPONSE)
def matrix(
    queries: QueriesDep,
    paging: PagingDep,
    as_csv: CsvDep,
    relation: Annotated[Literal["covers", "funds"], Query()] = "covers",
    rows: Annotated[Literal["region"], Query(description="Rows are regions.")] = "region",
    cols: Annotated[
        Literal["program", "target_group"], Query(description="Columns: programs or target groups.")
    ] = "program",
) -> dict[str, object] | Response:
    """The region × program (or × target group) matrix as cells: clause count and first quote each.
    Plans fund programs, not groups: funds × target_group is an empty matrix."""
    question = RegionMatrix(
        relation="FUNDS" if relation == "funds" else "COVERS",
        label="Program" if cols == "program" else "TargetGroup",
    )
    return question_table(question, paging, queries, as_csv=as_csv, filename="matrix")
