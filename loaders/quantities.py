"""Numbers as plans write them: 100万人以上, 控制在5.5%以内, 【300】, >67, 高于gdp增长."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loaders.vocabulary import Unit

_PRE = {
    "不低于": ">=", "不少于": ">=", "≥": ">=", ">=": ">=",
    "不超过": "<=", "不高于": "<=", "≤": "<=", "<=": "<=",
    "超过": ">", "高于": ">", "大于": ">", ">": ">",
    "低于": "<", "小于": "<", "<": "<",
}  # fmt: skip
_POST = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}
UNITS_WRITTEN = (
    "万人次", "人次", "万人", "万名", "人", "名", "个百分点", "%",
    "万户", "户", "万个", "个", "家", "所", "亿元", "万元", "元", "年",
)  # fmt: skip
QUANTITY = re.compile(
    r"(?P<pre>" + "|".join(sorted(map(re.escape, _PRE), key=len, reverse=True)) + r")?"
    r"(?P<open>【)?(?P<num>\d+(?:\.\d+)?)(?P<close>】)?(?P<star>\*)?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS_WRITTEN)) + r")?"
    r"(?P<post>以上|以内|以下|左右)?"
)
_EMPTY = {"", "—", "——", "-", "--", "/", "无"}


@dataclass(frozen=True)
class Quantity:
    value: float | None
    text: str
    unit: str | None
    comparator: str
    bracketed: bool
    """Written in 【】: a cumulative value in Chinese plan tables."""
    starred: bool
    """Marked with *: a footnoted value (often data from an earlier year)."""


def _from_match(match: re.Match[str]) -> Quantity:
    comparator = _PRE.get(match["pre"] or "") or _POST.get(match["post"] or "") or "="
    return Quantity(
        value=float(match["num"]),
        text=match.group().strip(),
        unit=match["unit"],
        comparator=comparator,
        bracketed=bool(match["open"] and match["close"]),
        starred=bool(match["star"]),
    )


def parse_cell(cell: str, unit: str | None = None) -> Quantity | None:
    """A table cell: a number with an optional comparator, or words (comparator ``text``)."""
    cell = cell.strip()
    if cell in _EMPTY:
        return None
    match = QUANTITY.fullmatch(cell)
    if match is None:
        return Quantity(None, cell, unit, "text", False, False)
    quantity = _from_match(match)
    return quantity if quantity.unit else Quantity(
        quantity.value, quantity.text, unit, quantity.comparator, quantity.bracketed,
        quantity.starred,
    )


def _is_year(match: re.Match[str]) -> bool:
    """较2020年提高5个百分点: a year is a date, not a quantity."""
    return match["unit"] == "年" and "." not in match["num"] and 1949 <= int(match["num"]) <= 2100


def quantities(text: str) -> Iterator[Quantity]:
    """Numbers with a unit in a stretch of prose, in order; years are skipped."""
    for match in QUANTITY.finditer(text):
        if match["unit"] and not _is_year(match):
            yield _from_match(match)


def first_quantity(text: str) -> Quantity | None:
    """The first number with a unit in a stretch of prose."""
    return next(quantities(text), None)


def normalised(value: float | None, unit: str | None, units: dict[str, Unit]) -> tuple[float | None, str | None]:
    """37.5, 万人 → 375000, persons."""
    if value is None or unit is None or unit not in units:
        return None, None
    u = units[unit]
    return round(value * u.factor, 6), u.canonical
