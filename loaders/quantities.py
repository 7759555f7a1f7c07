"""Numbers as plans write them: 100万人以上, 控制在5.5%以内, 【300】, ＜5, 3—5万人, 三十万人, 6.5 % 左右.

The grammar: an optional comparator before (不低于, ≥, ＜ …), an optional bracket
(【】, [ ], 〔〕: a five-year total in Chinese plan tables), a number in Arabic or Chinese
numerals or a range of two numbers, an optional unit, and an optional comparator after
(以上, 以内, 左右). Chinese numerals count only with the units of large counts and changes
(三十万人, 两个百分点): 一个, 两个, 一人 are words, and 五年 is a period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import cn2an

from loaders.vocabulary import Unit
from loaders.word_boundaries import ends_a_word

_PRE = {
    "不低于": ">=", "不少于": ">=", "≥": ">=", "≧": ">=", ">=": ">=",
    "不超过": "<=", "不高于": "<=", "≤": "<=", "≦": "<=", "<=": "<=",
    "超过": ">", "高于": ">", "大于": ">", ">": ">", "＞": ">",
    "低于": "<", "小于": "<", "<": "<", "＜": "<",
}  # fmt: skip
_POST = {"以上": ">=", "以内": "<=", "以下": "<=", "左右": "~"}
UNITS_WRITTEN = (
    "万人次", "人次", "万人年", "人年", "万人", "万名", "人", "名", "个百分点", "百分点", "%",
    "万户", "户", "万个", "个", "万家", "家", "所", "亿元", "万元", "元", "年", "万",
)  # fmt: skip
_CN_DIGITS = "〇零一二两三四五六七八九十百千"
_NUMBER = rf"(?<![\d.A-Za-z])\d+(?:\.\d+)?(?![\d.]*[eE][+\-]?\d)|[{_CN_DIGITS}]+"
"""A number in Arabic or Chinese numerals; digits inside a token (1e309, v2.5, 0x1F) are none."""
_LARGEST = 1e15
"""No plan states a quantity beyond a thousand trillion: a longer number is noise, not a value."""
_OPEN, _CLOSE = "【[〔", "】]〕"
QUANTITY = re.compile(
    r"(?P<pre>" + "|".join(sorted(map(re.escape, _PRE), key=len, reverse=True)) + r")?\s?"
    rf"(?P<open>[{re.escape(_OPEN)}])?"
    rf"(?P<sign>[-−－](?=\d))?(?P<num>{_NUMBER})(?:\s?(?P<dash>[—–\-~～至])\s?(?P<high>{_NUMBER}))?"
    rf"(?P<close>[{re.escape(_CLOSE)}])?(?P<star>\*)?\s?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS_WRITTEN)) + r")?\s?"
    r"(?P<post>以上|以内|以下|左右)?"
)
_EMPTY = {"", "—", "——", "-", "--", "/", "无", "…"}
_ENCLOSED = re.compile(
    rf"^[{re.escape(_OPEN)}](?P<inner>[^{re.escape(_CLOSE)}]*)[{re.escape(_CLOSE)}]$"
)


@dataclass(frozen=True)
class Quantity:
    value: float | None
    text: str
    unit: str | None
    comparator: str
    bracketed: bool
    """Written in 【】, [ ] or 〔〕: a cumulative value in Chinese plan tables."""
    starred: bool
    """Marked with *: a footnoted value (often data from an earlier year)."""
    high: float | None = None
    """The high end of a range (3—5万人)."""


def number(written: str) -> float | None:
    """An Arabic or Chinese numeral as a float (三十 → 30, 两 → 2); None when it is not one, or
    is larger than any plan's quantity."""
    try:
        value = float(written)
    except ValueError:
        try:
            value = float(cn2an.cn2an(written, "smart"))
        except (ValueError, KeyError, OverflowError):
            return None
    return value if abs(value) <= _LARGEST else None


def _from_match(match: re.Match[str]) -> Quantity | None:
    value = number(match["num"])
    high = number(match["high"]) if match["high"] else None
    if value is None or (match["high"] and high is None):
        return None
    if match["sign"]:
        value = -value
    comparator = (
        _PRE.get(match["pre"] or "")
        or _POST.get(match["post"] or "")
        or ("range" if high is not None else "=")
    )
    return Quantity(
        value=value,
        text=match.group().strip(),
        unit=match["unit"],
        comparator=comparator,
        bracketed=bool(match["open"] and match["close"]),
        starred=bool(match["star"]),
        high=high,
    )


def _with_unit(quantity: Quantity, unit: str | None) -> Quantity:
    """A column's unit for a cell: 1.2万 under a 人次 header is 1.2万人次."""
    if quantity.unit == "万" and unit and not unit.startswith("万"):
        return replace(quantity, unit="万" + unit)
    return quantity if quantity.unit else replace(quantity, unit=unit)


def parse_cell(cell: str, unit: str | None = None) -> Quantity | None:
    """A table cell: a number with an optional comparator, or words (comparator ``text``).

    A bracket around the whole cell marks a five-year total, whatever it holds
    (〔550万人以上〕, [725.87]).
    """
    cell = cell.strip()
    if cell in _EMPTY:
        return None
    bracketed = False
    if enclosed := _ENCLOSED.match(cell):
        cell, bracketed = enclosed["inner"].strip(), True
        if cell in _EMPTY:
            return None
    match = QUANTITY.fullmatch(cell)
    quantity = _from_match(match) if match else None
    if quantity is None:
        return Quantity(None, cell, unit, "text", bracketed, False)
    return _with_unit(replace(quantity, bracketed=quantity.bracketed or bracketed), unit)


_CN_UNITS = {"万人", "万名", "万人次", "万户", "万个", "万家", "个百分点", "百分点"}
"""Units a Chinese numeral may carry in a target (三十万人, 两个百分点); 一个, 两个, 一人 are words."""


def _is_quantity(match: re.Match[str]) -> bool:
    """A number with a unit that is not a year (较2020年), a period (五年), a word (一个) or a bare 万."""
    unit = match["unit"]
    if not unit or unit == "万":
        return False
    arabic = match["num"][0].isdigit()
    if not arabic:
        return unit in _CN_UNITS
    if unit == "年":
        return not (1949 <= float(match["num"]) <= 2100)
    return True


def _unit_ends_a_word(text: str, match: re.Match[str]) -> bool:
    """A person unit that runs into the word after it counts no persons: 100万人才 is a million
    talents (人才), not a million people (人) and then 才."""
    unit = match["unit"]
    return not unit.endswith(("人", "名")) or ends_a_word(text, match.end("unit"))


def quantities(text: str) -> Iterator[tuple[int, int, Quantity]]:
    """Numbers with a unit in a stretch of prose, in order, with their spans."""
    for match in QUANTITY.finditer(text):
        if (
            _is_quantity(match)
            and _unit_ends_a_word(text, match)
            and (quantity := _from_match(match))
        ):
            yield match.start(), match.end(), quantity


def normalised(
    value: float | None, unit: str | None, units: dict[str, Unit]
) -> tuple[float | None, str | None]:
    """37.5, 万人 → 375000, persons."""
    if value is None or unit is None or unit not in units:
        return None, None
    u = units[unit]
    return round(value * u.factor, 6), u.canonical
