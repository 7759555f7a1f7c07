"""Normalised text → nested sections and clauses with offsets.

Heading styles differ between plans (第X章/第X节, 第X部分, 一、/（一）, 1.), so levels
are not fixed per style: the first style seen is level 1, the next new one level 2,
and so on, as a reader would infer. 专栏 boxes and 表 tables nest under the current
section. A table of contents (目录) is skipped; every other line becomes clauses:
sentences split at 。！？；, or one clause per table row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ids import clause_id, section_id
from graph.model import Clause, Section
from loaders.tables import Table, is_prose, is_table_line, parse_table

_NUM = "一二三四五六七八九十百零〇"
HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第[{_NUM}]+部分")),
    ("chapter", re.compile(rf"^第[{_NUM}]+章")),
    ("section", re.compile(rf"^第[{_NUM}]+节")),
    ("cn", re.compile(rf"^[{_NUM}]+、")),
    ("paren", re.compile(rf"^（[{_NUM}]+）")),
    ("num", re.compile(r"^\d{1,2}[.、](?!\d)")),
    # 1发展基础 / 1.1“十三五”时期主要成就 / 1.1.1就业规模保持稳定 (spaces are gone by now)
    ("decimal", re.compile(r"^\d{1,2}(?=[\u4e00-\u9fff“])(?![万亿个人名家年月户元项所])")),
    (
        "decimal2",
        re.compile(r"^\d{1,2}\.\d{1,2}(?=[\u4e00-\u9fff“])(?![万亿个人名家年月户元项所])"),
    ),
    (
        "decimal3",
        re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}(?=[\u4e00-\u9fff“])(?![万亿个人名家年月户元项所])"),
    ),
]
_BOX = re.compile(r"^(?:专栏\s*\d+|表\s*\d+|附表\s*\d*|延伸阅读|相关阅读)")
_QUESTION = re.compile(r"^问[：:].{2,60}？$")
"""A 解读's questions head their answers: 问：《规划》提出了哪些主要目标？"""
_MAX_HEADING = 40
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+$")


@dataclass
class Outline:
    sections: list[Section]
    clauses: list[Clause]
    tables: dict[str, Table]
    """Parsed tables by the id of the section that holds them."""


def heading_style(line: str) -> str | None:
    """The heading style of ``line``, or None when it is body text."""
    if _BOX.match(line) and len(line) <= _MAX_HEADING + 10:
        return "box"
    if is_table_line(line):
        return None
    if _QUESTION.match(line):
        return "question"
    if len(line) > _MAX_HEADING or "。" in line[:-1]:
        return None
    for style, pattern in HEADING_STYLES:
        if pattern.match(line):
            return style
    return None


def lead_heading(line: str) -> tuple[str, str] | None:
    """(style, heading) when a body line opens with a numbered lead sentence short enough to head it."""
    first = _SENTENCE.match(line)
    if first is None or first.end() == len(line) or not first.group().endswith("。"):
        return None
    style = heading_style(first.group())
    return (style, first.group()) if style not in (None, "box") else None


class _Builder:
    def __init__(self, plan_id: str) -> None:
        self.plan_id = plan_id
        self.sections: list[Section] = []
        self.clauses: list[Clause] = []
        self.tables: dict[str, Table] = {}
        self.levels: dict[str, int] = {}
        self.children: dict[str | None, int] = {}
        self.stack: list[tuple[Section, str]] = []
        self.leads: set[str] = set()
        front = Section(section_id(plan_id, "0"), "0", None, 0, 0, None, kind="front")
        self.sections.append(front)
        self.current = front

    def open_section(self, style: str, heading: str, line: int, *, lead: bool = False) -> None:
        """Open a section; ``lead`` marks one headed by a paragraph's lead sentence."""
        if style == "box":
            # A box belongs to the section around it, not to a paragraph, a box before it or
            # one of that box's numbered items (专栏2 after 专栏1's 3.技能提升：…).
            while any(open_style == "box" for _, open_style in self.stack):
                self.stack.pop()
            while self.stack and self.stack[-1][0].id in self.leads:
                self.stack.pop()
            level = (self.stack[-1][0].level if self.stack else 0) + 1
        else:
            level = self.levels.setdefault(style, len(self.levels) + 1)
            while self.stack and self._closes(self.stack[-1], level):
                self.stack.pop()
        parent = self.stack[-1][0] if self.stack else None
        parent_key = parent.id if parent else None
        self.children[parent_key] = self.children.get(parent_key, 0) + 1
        ordinal = self.children[parent_key]
        path = f"{parent.path}.{ordinal}" if parent else str(ordinal)
        section = Section(
            section_id(self.plan_id, path),
            path,
            heading,
            level,
            ordinal,
            parent_key,
            kind="box" if style == "box" else "section",
            line=line,
        )
        self.sections.append(section)
        self.stack.append((section, style))
        if lead:
            self.leads.add(section.id)
        self.current = section

    @staticmethod
    def _closes(open_section: tuple[Section, str], level: int) -> bool:
        """Whether a heading of ``level`` ends ``open_section``.

        A box ends at a heading as high as the section that holds it; deeper headings
        (专栏2's numbered items) are its own items.
        """
        section, style = open_section
        return level < section.level if style == "box" else level <= section.level

    def add_clause(self, text: str, start: int, line: int, **extra: object) -> None:
        ordinal = len(self.clauses) + 1
        self.clauses.append(
            Clause(
                clause_id(self.plan_id, ordinal),
                self.current.id,
                text,
                ordinal,
                start,
                start + len(text),
                line,
                **extra,  # type: ignore[arg-type]
            )
        )


def build_outline(plan_id: str, text: str, marked: dict[int, int] | None = None) -> Outline:
    """``marked``: lines (by number) that the published format set as headings, with their
    level (a Word Heading 2, an ``<h3>``); such a line with no numbering of its own (Word
    numbers headings itself) heads a section as a style of its own, ``marked<level>``."""
    builder = _Builder(plan_id)
    marked = marked or {}
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    toc: set[str] | None = None
    """Headings listed in a table of contents (目录) while we are inside it."""
    i = 0
    while i < len(lines):
        line, start = lines[i], offsets[i]
        if line.replace(" ", "") == "目录":
            toc = set()
            i += 1
            continue
        style = heading_style(line)
        if style is None and i in marked and len(line) <= _MAX_HEADING and not is_table_line(line):
            style = f"marked{marked[i]}"
        # The contents end at their first non-heading line, or where a listed heading
        # comes round again: the body starting without a preamble.
        if toc is not None and style is not None and line not in toc:
            toc.add(line)
            i += 1
            continue
        toc = None
        if is_table_line(line) and style != "box":
            j = i
            while j < len(lines) and is_table_line(lines[j]):
                j += 1
            if not is_prose(lines[i:j]):
                _add_table(builder, [(n, lines[n]) for n in range(i, j)], offsets, text)
                i = j
                continue
        if style is not None:
            builder.open_section(style, line, i)
            builder.add_clause(line, start, i, is_heading=True)
        elif lead := lead_heading(line):
            # 1．坚持就业优先。把稳就业作为…: a numbered lead sentence heads its paragraph.
            style, heading = lead
            builder.open_section(style, heading, i, lead=True)
            builder.add_clause(heading, start, i, is_heading=True)
            _add_sentences(builder, line[len(heading) :], start + len(heading), i)
        else:
            _add_sentences(builder, line, start, i)
        i += 1
    return Outline(builder.sections, builder.clauses, builder.tables)


def _add_sentences(builder: _Builder, line: str, start: int, number: int) -> None:
    """One clause per sentence; pipes around prose stay out of the clause text."""
    for match in _SENTENCE.finditer(line):
        sentence = match.group()
        core = sentence.strip(" |")
        if core:
            builder.add_clause(core, start + match.start() + sentence.index(core), number)


def _add_table(
    builder: _Builder, lines: list[tuple[int, str]], offsets: list[int], text: str
) -> None:
    table = parse_table(lines)
    builder.tables[builder.current.id] = table
    for row in table.rows:
        # The clause is the span of normalised text the row covers, so that evidence
        # stays a substring of it even for one-cell-per-line tables.
        start, end = offsets[row.line], offsets[row.end_line + 1] - 1
        builder.add_clause(text[start:end], start, row.line, cells=row.cells, header=table.header)
