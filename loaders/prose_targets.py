"""Targets from prose, whatever the indicator: every number that states a target.

Each number with a unit in a forward-looking clause is a candidate; the words around
it decide whether it is a target and of what. Not targets: conditions (吸纳10人以上的
企业, 稳定就业3个月以上), money (给予1万元 is FUNDS, not a target), durations and years,
and the start of a change (由60%提高到70%: 60% is a baseline). The indicator is named
from the words before the number (``indicator_names``); a number with no words of its
own (…25万人以上，年均5万人以上) is another target of the indicator before it.
调解成功率和仲裁结案率分别达到60%和90%以上 pairs names and numbers in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph.model import Clause, Entity, Target
from loaders.commitment import strength
from loaders.counted_groups import counted_groups
from loaders.indicator_names import indicator_name, resolve_indicator, with_subject
from loaders.money import MONEY_UNITS
from loaders.quantities import Quantity, quantities
from loaders.sections import past_at
from loaders.target_context import TargetContext, quantity_target, scope_of

_BREAKS = "，；。：、"
_CONDITION_AFTER = re.compile(r"^(?:的|内|后|及以上的|以下的|（含）的)")
_DURATION_AFTER = re.compile(r"^(?:月|工作日|小时|季度|学时|课时)")
_BASELINE_AFTER = re.compile(r"^(?:提高|增加|提升|下降|降低|增长|上升|减少)(?:到|至)")
_CONDITION_BEFORE = re.compile(r"^(?:对|凡|符合|经|按照?|招用|吸纳)")
_PER_UNIT = re.compile(r"(?:按|对)?每(?:增加|带|吸纳|招用|安置|新增)$")
"""按每带1名学徒, 每增加1人: the unit a rate is paid for, not a target."""
_MONEY_WORDS = re.compile(
    r"补贴|补助|奖励|资助|奖补|贴息|资金|报酬|经费|津贴|额度|最高|给予|安排|标准|每人|每户"
)
_MONEY_INDICATOR = re.compile(r"贷款|收入|产值|规模|营业|发放|融资|投资|总量")
"""Money is a target only when it measures something (营业收入, 贷款发放额), not when it is paid."""
_RESPECTIVELY = re.compile(
    r"(?P<names>[^，；。：]+?)分别(?:达到|为|控制在|保持在|稳定在|提高到|达)?"
)
_JOINER = re.compile(r"[和、及与]")
_NUMBERING = re.compile(
    r"^(?:专栏\s*\d+|表\s*\d+|第[一二三四五六七八九十百零〇]+[章节部分]|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{1,2}[.、](?!\d))"
)
_HEADING_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}")
"""A list item's number (1．, （3）), or a heading's (1.1.2人才集聚): never part of a quantity. A
body clause that opens with a number (15万名高校毕业生…) keeps it."""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _breaks(text: str) -> list[int]:
    """Positions of the marks that end a stretch; a 、 inside （…） (县（市、区）) is not one."""
    found, depth = [], 0
    for i, ch in enumerate(text):
        depth += (ch == "（") - (ch == "）")
        if ch in _BREAKS and not (ch == "、" and depth > 0):
            found.append(i)
    return found


def _segment(text: str, start: int, end: int, marks: list[int] | None = None) -> _Span:
    """The comma-delimited stretch around a number (``marks``: the text's breaks, if known)."""
    marks = _breaks(text) if marks is None else marks
    left = max((i for i in marks if i < start), default=-1) + 1
    return _Span(left, min((i for i in marks if i >= end), default=len(text)))


def _not_a_target(text: str, seg: _Span, start: int, end: int, quantity: Quantity) -> bool:
    after = text[end : seg.end]
    before = text[seg.start : start]
    if (
        _CONDITION_AFTER.match(after)
        or _DURATION_AFTER.match(after)
        or _BASELINE_AFTER.match(after)
    ):
        return True
    if (_CONDITION_BEFORE.match(before) and "的" in after) or _PER_UNIT.search(before):
        return True
    if quantity.unit == "年" and "年限" not in before:
        return True
    if quantity.unit in MONEY_UNITS and not _MONEY_INDICATOR.search(before):
        return True
    money = quantity.unit in MONEY_UNITS or quantity.unit == "%"
    return money and bool(_MONEY_WORDS.search(text[seg.start : seg.end]))


class ProseTargets:
    """Targets of one clause, with the discovered indicators they introduce."""

    def __init__(self, clause: Clause, ctx: TargetContext, year: int | None) -> None:
        self.clause, self.ctx, self.year = clause, ctx, year
        self.targets: list[Target] = []
        self.indicators: list[Entity] = []

    def _add(
        self,
        indicator: Entity,
        span: tuple[int, int],
        quantity: Quantity,
        change: bool,
        stretch_end: int | None = None,
    ) -> None:
        """``stretch_end``: where the number's stretch ends, so that words after it (…2万人左右／年)
        count for its scope."""
        text, units = self.clause.text, self.ctx.vocabulary.units
        self.targets.append(
            quantity_target(
                indicator,
                self.clause.id,
                text[span[0] : span[1]],
                quantity,
                units,
                change=change,
                year=self.year,
                scope=scope_of(
                    quantity,
                    text[span[0] : stretch_end or span[1]],
                    indicator,
                    units,
                    lead=text[: span[0]],
                ),
                main=self.ctx.roles.is_main(self.clause.section_id),
                strength=strength(text),
            )  # fmt: skip
        )
        if not indicator.curated:
            self.indicators.append(indicator)

    def _respectively(self, found: list[tuple[int, int, Quantity]]) -> set[int]:
        """A和B分别达到X和Y: the i-th name takes the i-th number; returns the numbers used."""
        text, used = self.clause.text, set[int]()
        if "分别" not in text:
            return used
        for match in _RESPECTIVELY.finditer(text):
            names = [n for n in _JOINER.split(match["names"]) if n]
            stretch_end = min(
                (i for b in "，；。：" if (i := text.find(b, match.end())) >= 0), default=len(text)
            )
            after = [q for q in found if match.end() <= q[0] < stretch_end][: len(names)]
            if len(names) < 2 or len(after) < len(names):
                continue
            # A comparator written once at the end (…和90%以上) holds for every number.
            last = after[-1][2].comparator
            for name, (start, end, quantity) in zip(names, after, strict=True):
                named = indicator_name(name, "")
                if named is None or _not_a_target(
                    text, _segment(text, start, end), start, end, quantity
                ):
                    continue
                shared = (
                    quantity if quantity.comparator != "=" else replace(quantity, comparator=last)
                )
                indicator = resolve_indicator(named.name, self.ctx.vocabulary, quantity.unit)
                self._add(indicator, (match.start(), end), shared, named.change)
                used.add(start)
        return used

    def read(self) -> ProseTargets:
        text = self.clause.text
        numbering = _NUMBERING.match(text) or (
            _HEADING_NUMBER.match(text) if self.clause.is_heading else None
        )
        counted = list(counted_groups(text, self.ctx.vocabulary))
        found = [
            q for q in quantities(text)
            if (not numbering or q[0] >= numbering.end()) and not any(a <= q[0] < b for _, (a, b), _ in counted)
        ]  # fmt: skip
        used = self._respectively(found)
        for group_indicator, span, count in counted:
            if not past_at(text, span[0]):
                self._add(group_indicator, span, count, change=False)
        previous: Entity | None = None
        marks = _breaks(text) if found else []
        for start, end, quantity in found:
            if start in used:
                continue
            seg = _segment(text, start, end, marks)
            named = indicator_name(text[seg.start : start], text[end : seg.end])
            if past_at(text, start):
                # 十三五…433.6万人，“十四五”目标确定为350万人: the past number still names what follows.
                if named is not None:
                    previous = resolve_indicator(
                        with_subject(named.name, previous), self.ctx.vocabulary, quantity.unit
                    )
                continue
            if _not_a_target(text, seg, start, end, quantity):
                continue
            indicator: Entity | None = (
                resolve_indicator(
                    with_subject(named.name, previous), self.ctx.vocabulary, quantity.unit
                )
                if named
                else previous
            )
            if indicator is None or not self.ctx.fits(indicator, quantity):
                continue
            self._add(
                indicator, (seg.start, end), quantity, named.change if named else False, seg.end
            )
            previous = indicator
        return self


_NUMBER_HINT = re.compile(r"\d|万|百分点")


def _may_hold_a_target(text: str) -> bool:
    """A target needs a number: Arabic digits, or Chinese numerals with 万 or 百分点."""
    return _NUMBER_HINT.search(text) is not None


def prose_targets(
    clause: Clause, ctx: TargetContext, year: int | None
) -> tuple[list[Target], list[Entity]]:
    if not _may_hold_a_target(clause.text):
        return [], []
    read = ProseTargets(clause, ctx, year).read()
    return read.targets, read.indicators
