"""Targets from prose: an indicator, then a quantity before the next indicator or break.

城镇新增就业100万人以上, 城镇调查失业率控制在5.5%以内; also 调解成功率和仲裁结案率分别达到
60%和90%以上, and 帮扶75万登记失业人员实现就业.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from graph.model import GROUP, INDICATOR, Clause, Entity, Target
from loaders.quantities import Quantity, first_quantity, normalised, quantities
from loaders.target_context import TargetContext, scope_of
from loaders.vocabulary import Match, Matcher

_BREAK = re.compile(r"[，；。：]")
_JOINER = re.compile(r"[和、及与]")
_RESPECTIVELY = re.compile(r"^分别(?:达到|为|控制在|保持在|提高到)?")
_COUNT_BEFORE = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万名|万人|万|名|人)?$")
_OUTCOME_AFTER = re.compile(r"^[^，；。]{0,24}?(?:(?:实现|稳定)再?就业|再就业)")
_WINDOW = 30


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
        scope=scope_of(quantity, _stretch(clause.text, span), indicator),
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

