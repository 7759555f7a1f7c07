"""Cross-regional answers: two or more regions side by side, and the region × program matrix."""

from __future__ import annotations

from itertools import combinations
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.deps import CatalogDep, CsvDep, PagingDep, QueriesDep
from api.models import ComparisonPublic, Page
from api.routers.common import CSV_RESPONSE
from api.tables import csv_response, question_table
from graph.errors import InvalidInput
from graph.questions import IndicatorTargets, RegionCoverage, RegionMatrix
from graph.rows import MatrixCellRow, TargetRow

router = APIRouter(tags=["analysis"])


def jaccard(a: set[str], b: set[str]) -> float | None:
    """|a ∩ b| / |a ∪ b|; None when both are empty."""
    return len(a & b) / len(a | b) if a | b else None


def _sets(names: dict[str, set[str]]) -> dict[str, object]:
    shared = set.intersection(*names.values())
    return {
        "shared": sorted(shared),
        "only": {code: sorted(found - shared) for code, found in names.items()},
    }


@router.get("/compare", response_model=ComparisonPublic, responses=CSV_RESPONSE)
def compare(
    catalog: CatalogDep,
    queries: QueriesDep,
    as_csv: CsvDep,
    regions: Annotated[
        str,
        Query(
            description="Two or more regions, comma-separated codes or names.",
            examples=["重庆,宁夏"],
            max_length=1000,
            pattern=r"[^,，\s]",
        ),
    ],
) -> dict[str, object] | Response:
    """Programs and target groups both regions' plans address, and those only one does; their main
    targets side by side; and, per pair, the Jaccard similarity of programs, groups and both."""
    found = catalog.regions_list(regions)
    if len(found) < 2:
        raise InvalidInput("compare needs at least two different regions")
    codes = [r.code for r in found]
    by_label: dict[str, dict[str, set[str]]] = {
        label: {c: set() for c in codes} for label in ("Program", "TargetGroup")
    }
    for row in queries.ask(RegionCoverage(region_codes=codes)):
        by_label[row.label][row.region_code].add(row.name)
    targets = queries.ask(IndicatorTargets(region_codes=codes, main=True))
    if as_csv:
        return csv_response(targets, TargetRow, "compare-targets")
    programs, groups = by_label["Program"], by_label["TargetGroup"]
    similarity = [
        {
            "a": a,
            "b": b,
            "measure": "jaccard",
            "programs": jaccard(programs[a], programs[b]),
            "target_groups": jaccard(groups[a], groups[b]),
            "combined": jaccard(programs[a] | groups[a], programs[b] | groups[b]),
        }  # fmt: skip
        for a, b in combinations(codes, 2)
    ]
    return {
        "regions": found,
        "programs": _sets(programs),
        "target_groups": _sets(groups),
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
