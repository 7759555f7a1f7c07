"""What every format's reader gives the pipeline: blocks of text in reading order.

A web page, a PDF and a Word file differ in how they mark paragraphs, headings and
tables, but once read they are the same thing: paragraphs, headings (with a level where
the format marks one) and tables as rows of cells, each with a locator back into the
original (``p. 7`` in a PDF, an element path in HTML, ``paragraph 12`` in Word). The
pipeline reads them as text lines — a table row as ``| cell | cell |``, a shape the
text plans already use — so extraction, evidence and ids are the same for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Block:
    """A paragraph (``rows`` empty) or a table (``text`` empty), and where it stands."""

    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    locator: str = ""
    heading_level: int | None = None
    """1–6 where the format marks a heading (<h2>, a Heading 2 style); None otherwise."""


@dataclass(frozen=True)
class ReadDocument:
    """A published file as read: its blocks, and what the file itself says about it."""

    blocks: tuple[Block, ...]
    source_format: str
    """text, html, pdf, docx, or doc (a .doc or .wps file read after LibreOffice made it .docx)."""
    encoding: str | None = None
    """The text encoding, for formats that have one (HTML); None for PDF and Word."""
    page_count: int | None = None
    source_url: str | None = None
    """Where the file says it was published (a web page's canonical link)."""


def cell_text(text: str) -> str:
    """A cell's text on one line, with no pipe of its own (a pipe separates cells)."""
    return " ".join(text.replace("|", "｜").split())


@dataclass(frozen=True)
class Line:
    """A line the pipeline reads, where it stands, and its heading level when it is one."""

    text: str
    locator: str
    heading_level: int | None = None


def as_lines(blocks: tuple[Block, ...]) -> list[Line]:
    """Every line the blocks make, in reading order."""
    lines: list[Line] = []
    for block in blocks:
        if block.rows:
            lines.extend(
                Line("| " + " | ".join(cell_text(c) for c in row) + " |", block.locator)
                for row in block.rows
                if any(row)
            )
        else:
            lines.extend(
                Line(line, block.locator, block.heading_level)
                for line in block.text.split("\n")
                if line.strip()
            )
    return lines


_WINDOW = 200
"""How far ahead of the last match a normalised line's source is looked for."""


def source_lines(
    lines: list[Line], normalised: list[str], key: Callable[[str], str]
) -> list[Line | None]:
    """The read line each normalised line comes from, found by walking both in step:
    normalisation drops and rewrites lines (``key`` does to a read line what it did) but
    never reorders them. A line whose source is not found takes the one before it, and is
    never a heading."""
    keys = [key(line.text) for line in lines]
    found: list[Line | None] = []
    at = -1
    for line in normalised:
        for k in range(max(at, 0), min(max(at, 0) + _WINDOW, len(keys))):
            if keys[k] and (keys[k] == line or line in keys[k] or keys[k] in line):
                at = k
                found.append(lines[k] if keys[k] == line else replace(lines[k], heading_level=None))
                break
        else:
            found.append(replace(lines[at], heading_level=None) if at >= 0 else None)
    return found
