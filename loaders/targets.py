"""SETS_TARGET facts: quantified targets from table rows and from prose.

A table row names its indicator and unit in the first cell (城镇新增就业（万人）) and
gives baseline and target by column (2020年, 2025年, 年均/累计). In prose a target is an
indicator followed by a quantity before the next indicator or clause break
(城镇新增就业100万人以上, 城镇调查失业率控制在5.5%以内).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from graph.model import GROUP, INDICATOR, Clause, Entity, PlanMeta, Target
from loaders.quantities import Quantity, first_quantity, normalised, parse_cell, quantities
from loaders.sections import SectionRoles
from loaders.vocabulary import Match, Matcher, Vocabulary, entity_id

_ROW_LABEL = re.compile(r"^(?:\d+[.、]|[一二三四五六七八九十]+、)?(?P<name>.+?)(?:（(?P<unit>[^（）]+)）)?$")
_YEAR_COLUMN = re.compile(r"(\d{4})年?")
_ATTRIBUTE = re.compile(r"^(预期性|约束性)$")
_LABEL_COLUMN = re.compile(r"指标|项目|名称")
_NUMBER_COLUMN = re.compile(r"序号|编号|序")
_TARGET_YEAR = re.compile(r"(?:到|至|在)(20\d{2})年|(20\d{2})年(?:前|底|末|实现|达到|全市|全省|全区)")
_STAR_NOTE = re.compile(r"带?\*号?的?(?:为|是)(\d{4})年(?:的)?数据")
_ANNUAL = re.compile(r"每年|年均|年度")
_CUMULATIVE = re.compile(r"累计|十四五期间|五年")
_BREAK = re.compile(r"[，；。：]")
_JOINER = re.compile(r"[和、及与]")
_RESPECTIVELY = re.compile(r"^分别(?:达到|为|控制在|保持在|提高到)?")
_COUNT_BEFORE = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万名|万人|万|名|人)?$")
_OUTCOME_AFTER = re.compile(r"^[^，；。]{0,24}?(?:(?:实现|稳定)再?就业|再就业)")
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


def _prose_target(
    indicator: Entity, clause: Clause, span: tuple[int, int], quantity: Quantity, ctx: TargetContext, year: int | None
) -> Target:
    value, norm_unit = normalised(quantity.value, quantity.unit, ctx.vocabulary.units)
    return Target(
        indicator_id=indicator.id,
        clause_id=clause.id,
        evidence=clause.text[span[0] : span[1]],
        value=quantity.value,
        value_text=quantity.text,
        unit=quantity.unit,
        comparator=quantity.comparator,
        year=year,
        scope=_scope(quantity, _stretch(clause.text, span), indicator),
        main=ctx.roles.is_main(clause.section_id),
        normalized_value=value,
        normalized_unit=norm_unit,
    )


def _stretch(text: str, span: tuple[int, int]) -> str:
    """The target's words with what leads into them since the last break (五年累计开展…)."""
    start = max(text.rfind(p, 0, span[0]) for p in "，；。：") + 1
    return text[start : span[1]]


def _respectively(
    clause: Clause, matches: list[Match], i: int, ctx: TargetContext, year: int | None
) -> list[Target]:
    """调解成功率和仲裁结案率分别达到60%和90%以上: indicators joined by 和/、, values after 分别.

    ``matches[i]`` is the first indicator of the run. A comparator written once at
    the end (以上) holds for every value.
    """
    run = [matches[i]]
    for nxt in matches[i + 1 :]:
        if not _JOINER.fullmatch(clause.text[run[-1].end : nxt.start]):
            break
        run.append(nxt)
    tail = clause.text[run[-1].end :]
    respectively = _RESPECTIVELY.match(tail)
    if len(run) < 2 or respectively is None:
        return []
    values_text = tail[respectively.end() :]
    if cut := _BREAK.search(values_text):
        values_text = values_text[: cut.start()]
    found = list(quantities(values_text))
    if len(found) < len(run):
        return []
    last = found[len(run) - 1].comparator
    shared = [q if q.comparator != "=" else replace(q, comparator=last) for q in found[: len(run)]]
    end = run[-1].end + respectively.end() + len(values_text)
    return [
        _prose_target(m.entity, clause, (run[0].start, end), q, ctx, year)
        for m, q in zip(run, shared, strict=True)
    ]


def _counted_groups(clause: Clause, ctx: TargetContext, matcher: Matcher, year: int | None) -> Iterator[Target]:
    """帮扶75万登记失业人员实现就业: a number of people of a group, then 实现(再)就业.

    The indicator is the group's (re-)employment indicator from the vocabulary.
    """
    for match in matcher.find(clause.text):
        if match.entity.label != GROUP:
            continue
        number = _COUNT_BEFORE.search(clause.text[: match.start])
        after = clause.text[match.end :]
        outcome = _OUTCOME_AFTER.match(after)
        if number is None or outcome is None:
            continue
        indicator = next(
            (
                e
                for name in (f"{match.surface}再就业", f"{match.surface}实现就业", f"{match.entity.name}再就业")
                if (e := ctx.vocabulary.resolve(name)) is not None and e.label == INDICATOR
            ),
            None,
        )
        if indicator is None:
            continue
        unit = "万人" if number["unit"] in ("万", "万名", "万人") else "人"
        quantity = Quantity(float(number["num"]), number.group().strip(), unit, "=", False, False)
        start = match.start - len(number.group())
        yield _prose_target(indicator, clause, (start, match.end + outcome.end()), quantity, ctx, year)


_COMPATIBLE_UNITS = [{"persons", "person_times"}, {"percent", "percentage_points"}]


def _fits(indicator: Entity, quantity: Quantity, ctx: TargetContext) -> bool:
    """高技能人才…3个 is not a number of people: the quantity's unit must suit the indicator."""
    unit = ctx.vocabulary.units.get(quantity.unit or "")
    if indicator.unit is None or unit is None or unit.canonical == indicator.unit:
        return True
    return any({unit.canonical, indicator.unit} <= group for group in _COMPATIBLE_UNITS)


def _indicator_matches(clause: Clause, matcher: Matcher) -> list[Match]:
    """Indicator names in the clause, less those inside a longer name (高技能人才 in 高技能人才培训基地)."""
    matches = list(matcher.find(clause.text))
    return [
        m
        for m in matches
        if m.entity.label == INDICATOR
        and not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in matches)
    ]


def prose_targets(clause: Clause, ctx: TargetContext, matcher: Matcher, year: int | None) -> Iterator[Target]:
    matches = _indicator_matches(clause, matcher)
    covered = 0
    for i, match in enumerate(matches):
        if match.start < covered:
            continue
        if together := _respectively(clause, matches, i, ctx, year):
            yield from together
            covered = clause.text.index(together[-1].evidence, match.start) + len(together[-1].evidence)
            continue
        stop = matches[i + 1].start if i + 1 < len(matches) else len(clause.text)
        window = clause.text[match.end : min(stop, match.end + _WINDOW)]
        if cut := _BREAK.search(window):
            window = window[: cut.start()]
        quantity = first_quantity(window)
        if quantity is None or quantity.value is None or not _fits(match.entity, quantity, ctx):
            continue
        end = match.end + window.index(quantity.text) + len(quantity.text)
        yield _prose_target(match.entity, clause, (match.start, end), quantity, ctx, year)
    yield from _counted_groups(clause, ctx, matcher, year)


def _deduplicated(targets: list[Target], clauses: dict[str, Clause]) -> list[Target]:
    """One main target per indicator, value and year: a plan that states a target in its
    table and again in prose states it once; the table row, with baseline and attribute, stays.
    """
    kept: dict[tuple[object, ...], Target] = {}
    rest: list[Target] = []
    for t in sorted(targets, key=lambda t: not clauses[t.clause_id].cells):
        if not t.main:
            rest.append(t)
            continue
        key = (t.indicator_id, t.normalized_value if t.normalized_value is not None else t.value, t.year)
        kept.setdefault(key, t)
    return sorted([*kept.values(), *rest], key=lambda t: clauses[t.clause_id].ordinal)


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
    return _deduplicated(targets, {c.id: c for c in clauses}), list(new_indicators.values())
