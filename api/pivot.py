"""Answers pivoted by region, for reading side by side: targets one row per indicator, programs
and groups one row each, with a column group (a cell) per region."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from api.models import ComparedEntity, PivotedTarget, Quote, TargetCell
from graph.rows import MatrixCellRow, TargetRow

TARGET_COLUMNS = ("indicator", "indicator_id", "scope", "occurrence")
"""A pivoted target row's own columns in CSV, before the column groups of the regions."""
ENTITY_COLUMNS = ("id", "name", "shared", "count")
"""A compared program's or group's own columns in CSV."""

TargetKey = tuple[str, str]
"""Indicator id and scope: what makes two regions' targets comparable."""


def pivot_targets(rows: Sequence[TargetRow], codes: Sequence[str]) -> list[PivotedTarget]:
    """The targets as one row per indicator and scope with a cell per region in
    ``codes``; a region's second target of the same row goes to a second row (``occurrence``
    2), so no target is dropped. Rows most regions share come first."""
    cells: dict[tuple[TargetKey, int], dict[str, TargetCell]] = {}
    seen: Counter[tuple[TargetKey, str]] = Counter()
    names: dict[str, str] = {}
    for row in rows:
        key = (row.indicator_id, row.scope)
        seen[key, row.region_code] += 1
        cell = TargetCell.model_validate(row.model_dump(include=set(TargetCell.model_fields)))
        cells.setdefault((key, seen[key, row.region_code]), {})[row.region_code] = cell
        names[row.indicator_id] = row.indicator
    pivoted = [
        PivotedTarget(
            indicator=names[indicator_id],
            indicator_id=indicator_id,
            scope=scope,
            occurrence=occurrence,
            regions={code: found.get(code) for code in codes},
        )
        for ((indicator_id, scope), occurrence), found in cells.items()
    ]
    return sorted(
        pivoted, key=lambda row: (-_filled(row), row.indicator_id, row.scope, row.occurrence)
    )


def pivot_entities(
    cells: Sequence[MatrixCellRow],
    funded: set[tuple[str, str]] | None,
    codes: Sequence[str],
    loaded: Sequence[str],
) -> list[ComparedEntity]:
    """Matrix cells (region × program or group) as one row per entity with each region's first
    quote; ``funded`` (region code, program id) marks programs a region's plans put money in
    (None for groups, which are never funded). Shared (by every region of ``loaded``, those
    with plans) first, then by how many regions address them."""
    quotes: dict[str, dict[str, Quote]] = {}
    names: dict[str, str] = {}
    for cell in cells:
        names[cell.entity_id] = cell.entity_name
        quotes.setdefault(cell.entity_id, {})[cell.region_code] = Quote(
            clauses=cell.clauses,
            funded=None if funded is None else (cell.region_code, cell.entity_id) in funded,
            plan_id=cell.first_plan_id,
            section_path=cell.first_section_path,
            clause_id=cell.first_clause_id,
            evidence=cell.first_evidence,
            locator=cell.first_locator,
        )
    rows = [
        ComparedEntity(
            id=entity_id,
            name=names[entity_id],
            shared=all(code in found for code in loaded),
            count=len(found),
            regions={code: found.get(code) for code in codes},
        )
        for entity_id, found in quotes.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.id))


def _filled(row: PivotedTarget) -> int:
    return sum(cell is not None for cell in row.regions.values())
