"""Targets from table rows: indicator, unit and values read by column.

A row names its indicator in a label cell, with the unit in parentheses (城镇新增就业（万人）)
or in a 单位 column, and gives baseline and target by column (2020年, 2025年, 年均/累计, 属性).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import INDICATOR, Clause, Entity, Target
from loaders.quantities import normalised, parse_cell
from loaders.target_context import TargetContext, scope_of
from loaders.vocabulary import Vocabulary, entity_id

_ROW_LABEL = re.compile(r"^(?:\d+[.、]|[一二三四五六七八九十]+、)?(?P<name>.+?)(?:（(?P<unit>[^（）]+)）)?$")
_YEAR_COLUMN = re.compile(r"(\d{4})年?")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_LABEL_COLUMN = re.compile(r"指标|项目|名称")
_NUMBER_COLUMN = re.compile(r"序号|编号|序")


def _indicator_for(name: str, vocabulary: Vocabulary, unit: str | None) -> Entity:
    """The curated indicator a row label names, or a new one named by the label."""
    if (entity := vocabulary.resolve(name)) and entity.label == INDICATOR:
        return entity
    for match in vocabulary.matcher.find(name):
        if match.entity.label == INDICATOR and len(match.surface) * 2 >= len(name):
            return match.entity
    canonical = vocabulary.units[unit].canonical if unit in vocabulary.units else None
    return Entity(entity_id(INDICATOR, name), INDICATOR, name, unit=canonical, curated=False)


@dataclass(frozen=True)
class _Row:
    """A table row split by what its columns hold."""

    label: str
    unit: str | None
    columns: list[str]
    values: list[str]


def _split_row(header: tuple[str, ...], cells: tuple[str, ...]) -> _Row | None:
    """Find the indicator, its unit and the value columns.

    Tables put the unit in the label (城镇新增就业（万人）) or in a column of its own (单位),
    and may number rows in a 序号 column. A row with fewer cells than the header (a cell
    lost in copying) keeps the label first and the values after it.
    """
    label_at, unit_at, skip = 0, None, {0}
    if len(header) == len(cells):
        label_at = next((i for i, h in enumerate(header) if _LABEL_COLUMN.search(h)), 0)
        unit_at = next((i for i, h in enumerate(header) if h.startswith("单位")), None)
        skip = {label_at, unit_at} | {i for i, h in enumerate(header) if _NUMBER_COLUMN.fullmatch(h)}
    label = _ROW_LABEL.match(cells[label_at])
    if label is None:
        return None
    unit = label["unit"] or (cells[unit_at] if unit_at is not None else None)
    if len(header) == len(cells):
        kept = [i for i in range(len(cells)) if i not in skip]
        return _Row(label["name"], unit, [header[i] for i in kept], [cells[i] for i in kept])
    return _Row(label["name"], unit, list(header[1:]), list(cells[1:]))


def table_targets(clause: Clause, ctx: TargetContext) -> tuple[Target, Entity] | None:
    row = _split_row(clause.header, clause.cells)
    if row is None:
        return None
    unit = row.unit
    indicator = _indicator_for(row.label, ctx.vocabulary, unit)
    columns, values = row.columns, row.values
    attribute = next((v for v in values if _ATTRIBUTE.match(v)), None)
    values = [v for v in values if not _ATTRIBUTE.match(v)]
    columns = [c for c in columns if "属性" not in c]
    years = [int(m.group(1)) for c in columns if (m := _YEAR_COLUMN.match(c))]
    target_year = max(years) if years else ctx.meta.period_end
    baseline_column = next(
        (i for i, c in enumerate(columns) if (m := _YEAR_COLUMN.match(c)) and int(m.group(1)) < (target_year or 0)),
        None,
    )
    if len(values) != len(columns) and baseline_column is not None:
        # Rows with fewer cells than columns: the baseline comes first, then targets.
        columns = [columns[baseline_column]] + [c for i, c in enumerate(columns) if i != baseline_column][: len(values) - 1]
        baseline_column = 0
    baseline = parse_cell(values[baseline_column], unit) if baseline_column is not None and baseline_column < len(values) else None
    for i, (column, cell) in enumerate(zip(columns, values, strict=False)):
        if i == baseline_column:
            continue
        quantity = parse_cell(cell, unit)
        if quantity is None:
            continue
        scope = scope_of(quantity, "" if _YEAR_COLUMN.match(column) else column.split("/")[0], indicator)
        value, norm_unit = normalised(quantity.value, quantity.unit, ctx.vocabulary.units)
        baseline_year = (ctx.star_year if baseline and baseline.starred else None) or (
            years[0] if years and baseline else None
        )
        return (
            Target(
                indicator_id=indicator.id,
                clause_id=clause.id,
                evidence=clause.text,
                value=quantity.value,
                value_text=quantity.text,
                unit=quantity.unit,
                comparator=quantity.comparator,
                year=target_year,
                scope=scope,
                main=ctx.roles.is_main(clause.section_id),
                baseline_value=baseline.value if baseline else None,
                baseline_year=baseline_year if baseline and baseline.value is not None else None,
                attribute=attribute,
                normalized_value=value,
                normalized_unit=norm_unit,
            ),
            indicator,
        )
    return None

