"""Targets from table rows: indicator, unit and values read by column.

A row names its indicator in a label cell, with the unit in parentheses (城镇新增就业（万人）),
in a 单位 column, in the header, or inside the value cell (550万人以上); a note in the label
(（五年累计）) or a 类型 column gives the scope. The target is the value under the target
year or a 目标 column; the baseline is the value under an earlier year or a 基期/基数
column. A row whose label is a region inside the plan's own (a city row of a provincial
table) is that region's target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Clause, Entity, Target
from loaders.indicator_names import resolve_indicator
from loaders.quantities import Quantity, parse_cell
from loaders.target_context import TargetContext, quantity_target, scope_of

_ROW_NUMBER = re.compile(r"^(?:\d+[.、．]|[一二三四五六七八九十]+、)\s*")
_PAREN = re.compile(r"（([^（）]+)）")
_SCOPE_NOTE = re.compile(r"累计|年均|五年|期末|每年")
_YEAR_COLUMN = re.compile(r"(\d{4})年?")
_TARGET_COLUMN = re.compile(r"目标|预期|规划")
_BASELINE_COLUMN = re.compile(r"基期|基数|基准|现状|现值")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_LABEL_COLUMN = re.compile(r"指标|项目|名称|内容")
_UNIT_COLUMN = re.compile(r"^单位")
_SCOPE_COLUMN = re.compile(r"^(?:类型|类别|口径)$")
_NUMBER_COLUMN = re.compile(r"序号|编号|序")
_NO_UNIT = {"—", "-", "/", "无", ""}


@dataclass(frozen=True)
class _Row:
    """A table row split by what its columns hold."""

    label: str
    unit: str | None
    note: str
    """Scope words from the label or a 类型 column (五年累计, 年均)."""
    columns: list[str]
    values: list[str]


def _label(cell: str, units: set[str]) -> tuple[str, str | None, str]:
    """Name, unit and scope note of a label cell: 新增“东阳工匠”（五年累计） → 新增“东阳工匠”, None, 五年累计."""
    name, unit, notes = _ROW_NUMBER.sub("", cell.strip()), None, []
    for part in _PAREN.findall(name):
        if part in units or part == "%":
            unit = part
        elif _SCOPE_NOTE.search(part):
            notes.append(part)
        else:
            continue
        name = name.replace(f"（{part}）", "")
    return name.strip(), unit, " ".join(notes)


def _split_row(header: tuple[str, ...], cells: tuple[str, ...], units: set[str]) -> _Row | None:
    """Find the indicator, its unit, its scope note and the value columns.

    A row with fewer cells than the header (a cell lost in copying) keeps the label first
    and the values after it.
    """
    aligned = len(header) == len(cells)
    label_at = (
        next((i for i, h in enumerate(header) if _LABEL_COLUMN.search(h)), 0) if aligned else 0
    )
    unit_at = (
        next((i for i, h in enumerate(header) if _UNIT_COLUMN.match(h)), None) if aligned else None
    )
    scope_at = (
        next((i for i, h in enumerate(header) if _SCOPE_COLUMN.match(h)), None) if aligned else None
    )
    if label_at >= len(cells):
        return None
    name, unit, note = _label(cells[label_at], units)
    if not name:
        return None
    header_unit = _label(header[label_at], units)[1] if aligned and label_at < len(header) else None
    if unit_at is not None and cells[unit_at] not in _NO_UNIT:
        unit = cells[unit_at]
    unit = unit or header_unit
    if scope_at is not None:
        note = f"{note} {cells[scope_at]}"
    if not aligned:
        return _Row(name, unit, note, list(header[1:]), list(cells[1:]))
    skip = {label_at, unit_at, scope_at} | {
        i for i, h in enumerate(header) if _NUMBER_COLUMN.fullmatch(h)
    }
    # Columns before the label (类别: 就业规模) group rows; they hold no values.
    kept = [i for i in range(len(cells)) if i not in skip and i > label_at]
    return _Row(name, unit, note, [header[i] for i in kept], [cells[i] for i in kept])


def _year(column: str) -> int | None:
    found = _YEAR_COLUMN.match(column)
    return int(found.group(1)) if found else None


def _columns(columns: list[str], plan_end: int | None) -> tuple[int | None, int | None, int | None]:
    """(target column, baseline column, target year) among a row's value columns."""
    years = [y for c in columns if (y := _year(c)) is not None]
    target_year = max(years) if years else plan_end
    target = next((i for i, c in enumerate(columns) if _TARGET_COLUMN.search(c)), None)
    if target is None and years:
        target = next(i for i, c in enumerate(columns) if _year(c) == target_year)
    baseline = next((i for i, c in enumerate(columns) if _BASELINE_COLUMN.search(c)), None)
    if baseline is None:
        baseline = next(
            (
                i
                for i, c in enumerate(columns)
                if (y := _year(c)) is not None and y < (target_year or 0)
            ),
            None,
        )
    if target is None:
        target = next((i for i in range(len(columns)) if i != baseline), None)
    return target, baseline, target_year


def _cell(values: list[str], at: int | None, unit: str | None) -> Quantity | None:
    return parse_cell(values[at], unit) if at is not None and at < len(values) else None


_YEARLY = re.compile(r"年均|每年")
_CHANGE_LABEL = re.compile(r"(?:增长|增幅|增速|提高)$")
_TOTAL_ROW = re.compile(r"^(?:全(?:省|市|区|县|州|盟)|合计|总计)$")


def _target(
    clause: Clause,
    ctx: TargetContext,
    indicator: Entity,
    quantity: Quantity,
    *,
    year: int | None,
    scope_words: str,
    region: str | None,
    main: bool,
    baseline: Quantity | None = None,
    baseline_year: int | None = None,
    attribute: str | None = None,
) -> Target:
    return quantity_target(
        indicator, clause.id, clause.text, quantity, ctx.vocabulary.units,
        year=year, scope=scope_of(quantity, scope_words, indicator, ctx.vocabulary.units), main=main,
        baseline_value=baseline.value if baseline else None,
        baseline_year=baseline_year if baseline and baseline.value is not None else None,
        attribute=attribute, region_code=region,
        # A 约束性 row binds; a 预期性 row states an expectation, with no commitment word.
        strength="binding" if attribute == "约束性" else None,
    )  # fmt: skip


def _region_row(
    clause: Clause, ctx: TargetContext, row: _Row, region: str | None, caption: str
) -> list[tuple[Target, Entity]]:
    """A row of a breakdown by region: one target per column, the column naming the indicator."""
    units = set(ctx.vocabulary.units)
    years = [int(y) for y in re.findall(r"(20\d{2})年", caption)]
    year = max(years) if years else ctx.meta.period_end
    found = []
    for column, cell in zip(row.columns, row.values, strict=False):
        name, unit, note = _label(column, units)
        quantity = parse_cell(cell, unit)
        if quantity is None or quantity.value is None or not name:
            continue
        indicator = resolve_indicator(name, ctx.vocabulary, quantity.unit)
        target = _target(
            clause,
            ctx,
            indicator,
            quantity,
            year=year,
            scope_words=f"{note} {caption}",
            region=region,
            main=False,
        )
        found.append((target, indicator))
    return found


def table_targets(
    clause: Clause, ctx: TargetContext, caption: str = ""
) -> list[tuple[Target, Entity]]:
    """The targets of one table row; ``caption`` is the line that introduced the table."""
    units = set(ctx.vocabulary.units)
    row = _split_row(clause.header, clause.cells, units)
    if row is None:
        return []
    region = ctx.sub_region(row.label)
    if region is not None or _TOTAL_ROW.match(row.label):
        return _region_row(clause, ctx, row, region, caption)
    values = [v for v in row.values if not _ATTRIBUTE.match(v)]
    columns = [c for c, v in zip(row.columns, row.values, strict=False) if not _ATTRIBUTE.match(v)]
    attribute = next((v for v in row.values if _ATTRIBUTE.match(v)), None)
    target_at, baseline_at, target_year = _columns(columns, ctx.meta.period_end)
    quantity = _cell(values, target_at, row.unit)
    # An empty target cell (——) leaves the value to a later column (年均/累计).
    for other in range(len(values)):
        if quantity is not None:
            break
        if other not in (target_at, baseline_at):
            target_at, quantity = other, _cell(values, other, row.unit)
    if quantity is None:
        return []
    baseline = _cell(values, baseline_at, row.unit)
    indicator = resolve_indicator(row.label, ctx.vocabulary, quantity.unit)
    column_words = (
        ""
        if target_at is None or target_at >= len(columns) or _year(columns[target_at])
        else columns[target_at]
    )
    if _YEARLY.search(column_words) and "累计" in column_words:
        column_words = ""  # a 年均/累计 column says each row is one or the other, not which
    baseline_year = (ctx.star_year if baseline and baseline.starred else None) or (
        _year(columns[baseline_at]) if baseline is not None and baseline_at is not None else None
    )
    # A row named for a yearly rate (人均可支配收入年均增长) is annual, and a change.
    yearly = "年均" if _YEARLY.search(row.label) else ""
    target = _target(
        clause,
        ctx,
        indicator,
        quantity,
        year=target_year,
        scope_words=f"{row.note} {column_words} {yearly}",
        region=None,
        main=ctx.roles.is_main(clause.section_id),
        baseline=baseline,
        baseline_year=baseline_year,
        attribute=attribute,
    )
    target.change = bool(_CHANGE_LABEL.search(row.label))
    return [
        *_earlier_years(
            clause, ctx, indicator, target, columns, values, {target_at, baseline_at}, row.unit
        ),
        (target, indicator),
    ]


def _earlier_years(
    clause: Clause,
    ctx: TargetContext,
    indicator: Entity,
    final: Target,
    columns: list[str],
    values: list[str],
    taken: set[int | None],
    unit: str | None,
) -> list[tuple[Target, Entity]]:
    """A year-by-year breakdown (2021年 | 2022年 | … | 2025年): each year before the last is a
    target of its own year; a flow's yearly figure is annual."""
    found = []
    for i, column in enumerate(columns):
        year = _year(column)
        if (
            i in taken
            or year is None
            or final.year is None
            or year >= final.year
            or _BASELINE_COLUMN.search(column)
        ):
            continue
        if final.baseline_year is not None and year <= final.baseline_year:
            continue
        quantity = _cell(values, i, unit)
        if quantity is None or quantity.value is None:
            continue
        target = quantity_target(
            indicator, clause.id, clause.text, quantity, ctx.vocabulary.units,
            year=year, scope="annual" if final.scope == "cumulative" else final.scope, main=final.main,
            attribute=final.attribute, strength=final.strength,
        )  # fmt: skip
        found.append((target, indicator))
    return found
