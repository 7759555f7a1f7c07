"""SETS_TARGET facts: quantified targets from table rows and from prose.

A table row names its indicator and unit in the first cell (城镇新增就业（万人）) and
gives baseline and target by column (2020年, 2025年, 年均/累计). In prose a target is an
indicator followed by a quantity before the next indicator or clause break
(城镇新增就业100万人以上, 城镇调查失业率控制在5.5%以内).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.model import INDICATOR, Clause, Entity, PlanMeta, Target
from loaders.quantities import Quantity, first_quantity, normalised, parse_cell
from loaders.sections import SectionRoles
from loaders.vocabulary import Matcher, Vocabulary, entity_id

_ROW_LABEL = re.compile(r"^(?:\d+[.、]|[一二三四五六七八九十]+、)?(?P<name>.+?)(?:（(?P<unit>[^（）]+)）)?$")
_YEAR_COLUMN = re.compile(r"(\d{4})年?")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_TARGET_YEAR = re.compile(r"(?:到|至|在)(20\d{2})年|(20\d{2})年(?:前|底|末|实现|达到|全市|全省|全区)")
_STAR_NOTE = re.compile(r"带?\*号?的?(?:为|是)(\d{4})年(?:的)?数据")
_ANNUAL = re.compile(r"每年|年均|年度")
_CUMULATIVE = re.compile(r"累计|十四五期间|五年")
_BREAK = re.compile(r"[，；。：]")
_WINDOW = 30


@dataclass
class TargetContext:
    meta: PlanMeta
    roles: SectionRoles
    vocabulary: Vocabulary
    text: str

    @property
    def star_year(self) -> int | None:
        note = _STAR_NOTE.search(self.text)
        return int(note.group(1)) if note else None


def _scope(quantity: Quantity, context: str, indicator: Entity) -> str:
    if quantity.bracketed or _CUMULATIVE.search(context):
        return "cumulative"
    if _ANNUAL.search(context):
        return "annual"
    return indicator.default_scope or "level"


def _indicator_for(name: str, vocabulary: Vocabulary, unit: str | None) -> Entity:
    """The curated indicator a row label names, or a new one named by the label."""
    if (entity := vocabulary.resolve(name)) and entity.label == INDICATOR:
        return entity
    for match in vocabulary.matcher.find(name):
        if match.entity.label == INDICATOR and len(match.surface) * 2 >= len(name):
            return match.entity
    canonical = vocabulary.units[unit].canonical if unit in vocabulary.units else None
    return Entity(entity_id(INDICATOR, name), INDICATOR, name, unit=canonical, curated=False)


def table_targets(clause: Clause, ctx: TargetContext) -> tuple[Target, Entity] | None:
    label = _ROW_LABEL.match(clause.cells[0])
    if label is None:
        return None
    unit = label["unit"]
    indicator = _indicator_for(label["name"], ctx.vocabulary, unit)
    columns = list(clause.header[1:])
    values = list(clause.cells[1:])
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
        scope = _scope(quantity, "" if _YEAR_COLUMN.match(column) else column.split("/")[0], indicator)
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


def prose_targets(clause: Clause, ctx: TargetContext, matcher: Matcher, year: int | None) -> Iterator[Target]:
    matches = [m for m in matcher.find(clause.text) if m.entity.label == INDICATOR]
    for i, match in enumerate(matches):
        stop = matches[i + 1].start if i + 1 < len(matches) else len(clause.text)
        window = clause.text[match.end : min(stop, match.end + _WINDOW)]
        if cut := _BREAK.search(window):
            window = window[: cut.start()]
        quantity = first_quantity(window)
        if quantity is None or quantity.value is None:
            continue
        end = match.end + window.index(quantity.text) + len(quantity.text)
        value, norm_unit = normalised(quantity.value, quantity.unit, ctx.vocabulary.units)
        yield Target(
            indicator_id=match.entity.id,
            clause_id=clause.id,
            evidence=clause.text[match.start : end],
            value=quantity.value,
            value_text=quantity.text,
            unit=quantity.unit,
            comparator=quantity.comparator,
            year=year,
            scope=_scope(quantity, clause.text[: end], match.entity),
            main=ctx.roles.is_main(clause.section_id),
            normalized_value=value,
            normalized_unit=norm_unit,
        )


def extract_targets(clauses: list[Clause], ctx: TargetContext, matcher: Matcher) -> tuple[list[Target], list[Entity]]:
    """All targets of a plan, and the indicators that table rows introduced."""
    targets: list[Target] = []
    new_indicators: dict[str, Entity] = {}
    section_year: dict[str, int] = {}
    for clause in clauses:
        if clause.is_heading or ctx.roles.is_past(clause):
            continue
        if found := _TARGET_YEAR.search(clause.text):
            section_year[clause.section_id] = int(found.group(1) or found.group(2))
        if clause.cells:
            if row := table_targets(clause, ctx):
                targets.append(row[0])
                if not row[1].curated:
                    new_indicators[row[1].id] = row[1]
            continue
        year = section_year.get(clause.section_id, ctx.meta.period_end)
        targets.extend(prose_targets(clause, ctx, matcher, year))
    return targets, list(new_indicators.values())
