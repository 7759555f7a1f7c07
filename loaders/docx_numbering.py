"""The numbers Word writes before paragraphs itself (一、, （一）, 1.), which their text lacks.

A numbered paragraph holds only ``<w:numPr>`` (a list and a level, on the paragraph or its
style); the label comes from the numbering part: the level's format (decimal,
chineseCounting …), its pattern (``%1、``, ``（%1）``, ``%1.%2``) and its start, counted
through the document with deeper levels restarting under a new higher one. Chinese plans
number their headings this way, and the outline reads headings by their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cn2an
from docx.oxml.ns import qn
from lxml.etree import _Element

_CHINESE = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "taiwaneseCounting",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _val(element: _Element | None, tag: str) -> str | None:
    found = element.find(qn(tag)) if element is not None else None
    return found.get(qn("w:val")) if found is not None else None


def _number(n: int, fmt: str) -> str:
    if fmt in _CHINESE:
        return str(cn2an.an2cn(n))
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Labels for numbered paragraphs, in document order (each call counts one)."""

    lists: dict[str, dict[int, _Level]]
    """numId → level → how it is numbered."""
    style_numbers: dict[str, tuple[str, int]]
    """A style's own numbering: style id → (numId, level)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, numbering: _Element | None, styles: _Element | None) -> Numbering:
        abstract: dict[str, dict[int, _Level]] = {}
        lists: dict[str, dict[int, _Level]] = {}
        if numbering is not None:
            for definition in numbering.iterfind(qn("w:abstractNum")):
                levels = {}
                for lvl in definition.iterfind(qn("w:lvl")):
                    start = _val(lvl, "w:start")
                    levels[int(lvl.get(qn("w:ilvl"), "0"))] = _Level(
                        _val(lvl, "w:numFmt") or "decimal",
                        _val(lvl, "w:lvlText") or "",
                        int(start) if start else 1,
                    )
                abstract[definition.get(qn("w:abstractNumId"), "")] = levels
            for num in numbering.iterfind(qn("w:num")):
                lists[num.get(qn("w:numId"), "")] = abstract.get(
                    _val(num, "w:abstractNumId") or "", {}
                )
        style_numbers = {}
        for style in styles.iterfind(qn("w:style")) if styles is not None else ():
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and (num_id := _val(num_pr, "w:numId")):
                style_numbers[style.get(qn("w:styleId"), "")] = (
                    num_id,
                    int(_val(num_pr, "w:ilvl") or "0"),
                )
        return cls(lists, style_numbers)

    def label(self, paragraph: _Element, style_id: str | None) -> str:
        """The number Word shows before this paragraph, or "" for an unnumbered one."""
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            num_id, level = _val(num_pr, "w:numId") or "", int(_val(num_pr, "w:ilvl") or "0")
        elif style_id in self.style_numbers:
            num_id, level = self.style_numbers[style_id]
        else:
            return ""
        levels = self.lists.get(num_id)
        if not levels or level not in levels or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [d for d in counts if d > level]:
            del counts[deeper]
        text = levels[level].text
        for shown in range(level + 1):
            if shown in levels:
                value = counts.get(shown, levels[shown].start)
                text = text.replace(f"%{shown + 1}", _number(value, levels[shown].fmt))
        return text
