"""Pipe tables → rows of cells.

Two shapes occur: a row per line (``指标 | 2020年 | 2025年 | 属性``; tabs become
pipes during normalisation) and one cell per line (the 重庆 plan: ``1.城镇新增就业（万人）|``,
``【362】|``, …). In the second shape a row starts at a cell that labels an indicator:
a numbered cell (``1.``, ``一、``) or one that ends with a unit in parentheses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROW_START = re.compile(r"^(\d+[.、](?!\d)|[一二三四五六七八九十]+、)|（[^（）]{1,8}）$")
# A "table" whose cells are paragraphs is prose that a web copy wrapped in pipes.
_PROSE_CELL = 80
_CATEGORY = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class TableRow:
    line: int
    """Lines (0-based, in the normalised text) where the row starts and ends."""
    end_line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]


def is_table_line(line: str) -> bool:
    return "|" in line


def is_prose(lines: list[str]) -> bool:
    cells = [cell for line in lines for cell in _cells(line)]
    return len(cells) <= 1 or any(len(cell) > _PROSE_CELL for cell in cells)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|") if c.strip()]


def parse_table(lines: list[tuple[int, str]]) -> Table:
    """Parse consecutive table lines given as (line number, text)."""
    multi = sum(len(_cells(text)) >= 2 for _, text in lines)
    return _row_per_line(lines) if multi * 2 >= len(lines) else _cell_per_line(lines)


def _row_per_line(lines: list[tuple[int, str]]) -> Table:
    """``指标 | 2020年 | 2025年 | 属性``: the first row is the header."""
    rows = [TableRow(n, n, tuple(_cells(text))) for n, text in lines if _cells(text)]
    if not rows:
        return Table((), ())
    body = [r for r in rows[1:] if not _is_category(r.cells)]
    return Table(rows[0].cells, tuple(body))


def _cell_per_line(lines: list[tuple[int, str]]) -> Table:
    """The 重庆 shape: cells before the first row start are the header."""
    flat = [(n, cell) for n, text in lines for cell in _cells(text)]
    header: list[str] = []
    rows: list[TableRow] = []
    current: list[str] = []
    start = end = 0
    for n, cell in flat:
        if _ROW_START.search(cell):
            if current:
                rows.append(TableRow(start, end, tuple(current)))
            current, start = [cell], n
        elif current:
            current.append(cell)
        else:
            header.append(cell)
        end = n
    if current:
        rows.append(TableRow(start, end, tuple(current)))
    return Table(tuple(header), tuple(r for r in rows if not _is_category(r.cells)))


def _is_category(cells: tuple[str, ...]) -> bool:
    """A row that only names a group of indicators (一、就业创业)."""
    return len(cells) == 1 and bool(_CATEGORY.match(cells[0]))
