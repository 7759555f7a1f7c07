"""Tables as published → one pipe-separated line per row, before text is normalised.

Plans copied from PDFs, Word files and web pages lay their indicator tables out in many
ways; normalising would destroy most of them (it collapses spaces and drops blank
lines). This stage rewrites each shape it recognises as ``a | b | c`` rows, which the
outline reads as a table, and leaves every other line as it was:

- cells aligned by runs of two or more spaces or ideographic spaces;
- cells separated by single spaces, in a block of three or more lines with the same
  number of cells (text extracted from a PDF);
- one cell per line, a blank line between rows (every row with as many lines as the
  header);
- records: a numbered name line, then ``单位：…；基期值：…；目标值：…`` under it;
- ASCII-art borders (``+----+``) and Markdown separator rows (``|---|:--:|``) are dropped.
"""

from __future__ import annotations

import re

_WIDE_GAP = re.compile(r"(?:[ \t\u3000]{2,}|\t)")
_BORDER = re.compile(r"^\s*[|+]?(?:[-=:+|]\s*){3,}$")
_SENTENCE = re.compile(r"[。；，！？]")
_RECORD = re.compile(r"^(?:[^：；]{1,5}：[^：；]{1,20}；){2,}[^：；]{1,5}：[^：；]{1,20}$")
_NUMBERED = re.compile(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]+、)\s*\S")
_MAX_CELL = 30
_MIN_ROWS = 3


def _cells_by_gap(line: str) -> list[str] | None:
    """Cells of a line aligned by wide gaps, or None when it is not such a row."""
    stripped = line.strip(" \t\u3000")
    if "|" in stripped or _SENTENCE.search(stripped):
        return None
    cells = [c.replace("\u3000", "").replace(" ", "") for c in _WIDE_GAP.split(stripped)]
    if len(cells) < 3 or any(not c or len(c) > _MAX_CELL for c in cells):
        return None
    return cells


def _is_short(line: str) -> bool:
    stripped = line.strip(" \t\u3000")
    return 0 < len(stripped) <= _MAX_CELL and not _SENTENCE.search(stripped) and "|" not in stripped


def _single_space_block(lines: list[str], i: int) -> int:
    """Length of a block of lines from ``i`` that split on spaces into the same ≥3 cells."""
    width = len(lines[i].split())
    if width < 3 or not _is_plain_row(lines[i]):
        return 0
    j = i
    while j < len(lines) and len(lines[j].split()) == width and _is_plain_row(lines[j]):
        j += 1
    return j - i if j - i >= _MIN_ROWS else 0


def _is_plain_row(line: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and "|" not in stripped
        and not _SENTENCE.search(stripped)
        and len(stripped) <= 120
    )


def _cell_blocks(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Blank-line separated blocks of short lines from ``i``, all as long as the first (≥3),
    and where they end."""
    blocks: list[list[str]] = []
    j = end = i
    while j < len(lines):
        block: list[str] = []
        k = j
        while k < len(lines) and _is_short(lines[k]):
            block.append(lines[k].strip(" \t\u3000"))
            k += 1
        if len(block) < 3 or (blocks and len(block) != len(blocks[0])):
            break
        blocks.append(block)
        end = j = k
        while j < len(lines) and not lines[j].strip():
            j += 1
    return (blocks, end) if len(blocks) >= _MIN_ROWS else ([], i)


def _records(lines: list[str], i: int) -> tuple[list[str], int]:
    """Numbered name lines each followed by a ``key：value；…`` record → header and rows."""
    rows: list[str] = []
    header: list[str] = []
    j = i
    while (
        j + 1 < len(lines)
        and _NUMBERED.match(lines[j].strip())
        and _RECORD.match(lines[j + 1].strip(" \t\u3000"))
    ):
        fields = [f.split("：", 1) for f in lines[j + 1].strip(" \t\u3000").split("；")]
        header = header or ["指标", *(k for k, _ in fields)]
        rows.append(" | ".join([lines[j].strip(), *(v for _, v in fields)]))
        j += 2
        while j < len(lines) and not lines[j].strip():
            j += 1
    if len(rows) < 2:
        return [], i
    return [" | ".join(header), *rows], j


def pipe_tables(text: str) -> str:
    """The text with every recognised table shape rewritten as pipe rows."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _BORDER.match(line):
            i += 1
            continue
        records, end = _records(lines, i)
        if records:
            out.extend(records)
            i = end
            continue
        if (cells := _cells_by_gap(line)) is not None:
            out.append(" | ".join(cells))
            i += 1
            continue
        if n := _single_space_block(lines, i):
            out.extend(" | ".join(row.split()) for row in lines[i : i + n])
            i += n
            continue
        blocks, end = _cell_blocks(lines, i)
        if blocks:
            out.extend(" | ".join(block) for block in blocks)
            i = end
            continue
        out.append(line)
        i += 1
    return "\n".join(out)
