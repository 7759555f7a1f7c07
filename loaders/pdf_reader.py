"""A text PDF → blocks: paragraphs re-joined across lines and pages, tables as rows.

Every character with its position is what the three hard parts need. A page with no rules
(no path objects) is read with PDFium (pypdfium2, Apache-2.0): seven times faster than
pdfminer, and it reads ``/ActualText``, the text a producer gives for its glyphs. A page with
rules is read with pdfplumber (MIT, on pdfminer.six, MIT), whose table finder follows them;
its radicals-for-ideographs are put right by ``pdf_text_map``.

- **Tables.** Ruled tables come from pdfplumber's line-based finder. An unruled table is a
  run of lines whose words stand apart, split into cells at the gaps that run through all of
  its lines, so each line becomes a ``cell | cell`` row like a ruled one's. A ruled frame of
  one cell (a 专栏 box) is no table: its lines are paragraphs with the frame's margins.
- **Headers, footers and page numbers.** A line in a page's top or bottom margin band that
  recurs on most pages (digits aside), or that is a page number (— 3 —, 第3页, 3/12), is
  dropped.
- **Paragraphs.** CJK text has no hyphens: a line continues the one before it unless that
  line ends a sentence short of the right edge, the new line is indented, numbered like a
  heading or set in another size, or a gap wider than a line lies between them — across a
  page break too. Two centred lines are one title.

Each block's locator is its page, ``p. 7`` (``pp. 7–8`` for a paragraph that runs over).
A PDF with no text at all is a scan: an error names the file and its page count.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
import pypdfium2

from graph.errors import UnreadableDocument
from loaders.document import Block, ReadDocument
from loaders.outline import heading_style
from loaders.pdf_text_map import has_radicals, ideograph_map

logging.getLogger("pdfminer").setLevel(
    logging.ERROR
)  # one warning per embedded Type 3 font, not the user's business

_WORD_GAP = 3.0
"""Points between two characters that still make one word (pdfplumber's default)."""
_MARGIN_BAND = 0.09
"""Share of the page height at the top and the bottom where headers and footers stand."""
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－\s]*$"
)
_CELL_GAP = 2.0
"""A gap between words this many character widths wide separates the cells of a lone row."""
_COLUMN_GAP = 0.6
"""Rows with gaps this wide in a run of lines are an unruled table's rows."""
_RIVER = 0.2
"""A gap this wide through every row of such a run separates two columns (the characters of
one CJK word touch)."""
_SHORT = 1.5
"""A line ending a sentence this many character widths before the right edge ends its
paragraph (ragged-right text also wraps early before a number or an opening quote)."""
_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", "」")


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    row: bool = False
    """A table row: cells joined by `` | ``."""
    box: int = 0
    """The ruled box (a one-cell table: a 专栏 frame) the line stands in, 0 for none."""
    words: list[tuple[float, float, str]] = field(default_factory=list)
    """(x0, x1, text) of the line's words: far-apart words make a table row."""
    chars: list[tuple[float, float, str]] = field(default_factory=list)
    """(x0, x1, text) of its characters: an unruled table's columns are found among them."""
    sizes: list[float] = field(default_factory=list)
    """Its characters' sizes: the line's size is the most common (a few glyphs are boxed tight)."""


def _ruled_lines_of(page: Any, number: int) -> list[_Line]:
    """A page with rules, by pdfplumber: its ruled tables as rows, the text outside them as
    lines, one-cell frames as boxes."""
    finder = page.debug_tablefinder()
    tables = finder.tables
    in_tables = {cell for table in tables for cell in table.cells}
    boxes = [cell for cell in finder.cells if cell not in in_tables]
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    words = outside.extract_words(
        keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"], return_chars=True
    )
    lines = _lines_from_words(words, number, boxes)
    for table in tables:
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        for index, row in enumerate(r for r in rows if any(r)):
            top = table.bbox[1] + index * 0.001  # keep the rows in order inside the table's place
            lines.append(
                _Line(
                    number, top, top, table.bbox[0], table.bbox[2], 0.0, " | ".join(row), row=True
                )
            )
    return sorted(lines, key=lambda line: line.top)


def _plain_lines_of(page: pypdfium2.PdfPage, number: int) -> list[_Line]:
    """A page without rules, by PDFium: several times faster than pdfminer, and it reads the
    text a producer marked as what its glyphs mean (``/ActualText``)."""
    height = page.get_height()
    textpage = page.get_textpage()
    chars = []
    for index in range(textpage.count_chars()):
        text = textpage.get_text_range(index, 1)
        if text.strip():
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            font_size = pypdfium2.raw.FPDFText_GetFontSize(textpage.raw, index)
            chars.append(
                (
                    {
                        "x0": left,
                        "x1": right,
                        "top": height - top,
                        "bottom": height - bottom,
                        "text": text,
                    },
                    top - bottom,
                    font_size,
                )
            )
    # The font size in the text's own units, scaled to points by how tall a character's box is
    # on this page (a glyph boxed tightly, as /ActualText ones are, is no measure of its size).
    ratios = sorted(box / size for _, box, size in chars if size > 0)
    scale = ratios[len(ratios) // 2] if ratios else 1.0
    words: list[dict[str, Any]] = []
    for char, box, font_size in chars:
        char["size"] = font_size * scale if font_size > 0 else box
        last = words[-1] if words else None
        if (
            last is not None
            and abs(_middle(char) - _middle(last)) < last["size"] / 4
            and -1 <= char["x0"] - last["x1"] < _WORD_GAP
        ):
            last.update(x1=char["x1"], text=last["text"] + char["text"])
            last["chars"].append(char)
        else:
            words.append({**char, "chars": [char]})
    return sorted(_lines_from_words(words, number, []), key=lambda line: line.top)


def _middle(box: dict[str, Any]) -> float:
    """Where a word or character stands vertically: the middle of its box (a flat glyph such
    as 一 boxed tightly has its top well below its neighbours')."""
    return (float(box["top"]) + float(box["bottom"])) / 2


def _has_rules(page: pypdfium2.PdfPage) -> bool:
    return any(obj.type == pypdfium2.raw.FPDF_PAGEOBJ_PATH for obj in page.get_objects())


def _lines_from_words(
    words: list[dict[str, Any]], number: int, boxes: list[tuple[float, float, float, float]]
) -> list[_Line]:
    """Words whose middles line up make a line; far-apart ones make an unruled table's cells."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=_middle):
        if rows and abs(_middle(word) - _middle(rows[-1][0])) < float(rows[-1][0]["size"]) * 0.5:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))
        first = row[0]
        box = next((k for k, (x0, top, x1, bottom) in enumerate(boxes, start=1)
                    if x0 <= first["x0"] and first["x1"] <= x1 and top <= first["top"] and first["bottom"] <= bottom), 0)  # fmt: skip
        line = _Line(
            number,
            first["top"],
            first["bottom"],
            first["x0"],
            first["x1"],
            float(first["size"]),
            "",
            box=box,
        )
        for word in row:
            gap = word["x0"] - line.x1
            line.text += (
                word["text"] if not line.text or gap < line.size * 0.25 else " " + word["text"]
            )
            line.x1 = max(line.x1, word["x1"])
            line.bottom = max(line.bottom, word["bottom"])
            line.words.append((word["x0"], word["x1"], word["text"]))
            line.chars.extend((c["x0"], c["x1"], c["text"]) for c in word["chars"])
            line.sizes.extend(float(c.get("size", word["size"])) for c in word["chars"])
        line.size = Counter(round(size * 2) / 2 for size in line.sizes).most_common(1)[0][0]
        lines.append(line)
    _unruled_tables(lines)
    return lines


def _gapped(line: _Line, gap: float) -> bool:
    """Whether two of the line's words stand at least ``gap`` character widths apart."""
    return any(
        b[0] - a[1] >= gap * line.size for a, b in zip(line.words, line.words[1:], strict=False)
    )


def _columns(run: list[_Line]) -> list[tuple[float, float]]:
    """The x-ranges of an unruled table's columns: between the gaps no line of it covers."""
    spans = sorted((x0, x1) for line in run for x0, x1, _ in line.chars)
    size = min(line.size for line in run)
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 - columns[-1][1] < _RIVER * size:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _unruled_tables(lines: list[_Line]) -> None:
    """Lines of an unruled table become rows of cells, in place.

    A run of two or more lines whose words stand apart by gaps is a table; its columns are
    the x-ranges its characters cover together, so a narrow gap in one row (a header whose
    cells almost touch) still separates cells that line up with the other rows. A lone line
    is a row only when its gaps are wide.
    """
    runs: list[list[_Line]] = []
    for index, line in enumerate(lines):
        if _gapped(line, _COLUMN_GAP) and not line.row:
            if (
                runs
                and index
                and runs[-1][-1] is lines[index - 1]
                and lines[index - 1].box == line.box
            ):
                runs[-1].append(line)
                continue
            runs.append([line])
    for run in runs:
        if len(run) == 1 and not _gapped(run[0], _CELL_GAP):
            continue
        columns = _columns(run)
        if len(columns) < 2:
            continue
        for line in run:
            cells = ["" for _ in columns]
            for x0, x1, text in line.chars:
                middle = (x0 + x1) / 2
                cells[next((k for k, (a, b) in enumerate(columns) if a <= middle <= b), 0)] += text
            line.text = " | ".join(cells)
            line.row = True


def _chrome(pages: list[list[_Line]], heights: list[float]) -> set[tuple[int, int]]:
    """(page, index) of header, footer and page-number lines."""

    def in_band(line: _Line, height: float) -> bool:
        return line.top < height * _MARGIN_BAND or line.bottom > height * (1 - _MARGIN_BAND)

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    recurring = Counter(
        shape(line.text)
        for page, height in zip(pages, heights, strict=True)
        for line in page
        if in_band(line, height)
    )
    often = max(2, len(pages) // 2)
    return {
        (p, i)
        for p, (page, height) in enumerate(zip(pages, heights, strict=True))
        for i, line in enumerate(page)
        if in_band(line, height)
        and (recurring[shape(line.text)] >= often or _PAGE_NUMBER.match(line.text))
    }


def _centred(line: _Line, left: float, right: float) -> bool:
    inset = line.x0 > left + line.size / 4 and line.x1 < right - line.size / 4
    return inset and abs((line.x0 + line.x1) / 2 - (left + right) / 2) < line.size / 2


def _margins(lines: list[_Line]) -> dict[tuple[int, int], tuple[float, float]]:
    """(left, right) of the text body and of each box: where a full line starts and ends."""
    margins: dict[tuple[int, int], tuple[float, float]] = {}
    for line in lines:
        key = (line.page, line.box) if line.box else (0, 0)
        left, right = margins.get(key, (line.x0, line.x1))
        margins[key] = (min(left, line.x0), max(right, line.x1))
    return margins


def _paragraphs(lines: list[_Line]) -> list[Block]:
    margins = _margins([line for line in lines if not line.row])
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            first, last = current[0].page, current[-1].page
            where = f"p. {first}" if first == last else f"pp. {first}–{last}"
            blocks.append(Block(text="".join(line.text for line in current), locator=where))
            current.clear()

    for line in lines:
        if line.row:
            flush()
            blocks.append(
                Block(
                    rows=(tuple(c.strip() for c in line.text.split(" | ")),),
                    locator=f"p. {line.page}",
                )
            )
            continue
        left, right = margins[(line.page, line.box) if line.box else (0, 0)]
        if current and (
            current[-1].box != line.box or (line.box and current[-1].page != line.page)
        ):
            flush()
        if current:
            previous = current[-1]
            same_page_gap = (
                line.page == previous.page and line.top - previous.bottom > previous.size * 1.2
            )
            centred = _centred(previous, left, right) and _centred(
                line, left, right
            )  # a title on two lines
            ends = not centred and (
                (
                    previous.x1 < right - _SHORT * previous.size
                    and previous.text.endswith(_SENTENCE_END)
                )
                or line.x0 > left + previous.size * 0.8
                or abs(line.size - previous.size) > 0.5
                or same_page_gap
                or heading_style(line.text) is not None
            )
            if ends:
                flush()
        current.append(line)
    flush()
    return blocks


def _repair_radicals(document: pypdfium2.PdfDocument, pages: list[list[_Line]]) -> None:
    """Radicals read for ideographs (``pdf_text_map``) put right, in place."""
    texts = ["".join(line.text.replace(" | ", "") for line in page) for page in pages]
    if not any(has_radicals(text) for text in texts):
        return
    table = str.maketrans(ideograph_map(document, texts))
    for page in pages:
        for line in page:
            line.text = line.text.translate(table)


def _unreadable(exc: Exception, source: str) -> UnreadableDocument:
    locked = "password" in repr(exc).lower() or "encrypt" in repr(exc).lower()
    reason = "encrypted (a password is needed)" if locked else "not a readable PDF"
    return UnreadableDocument(f"{reason} ({type(exc).__name__})", source=source)


def read_pdf(data: bytes, *, source: str) -> ReadDocument:
    """A text PDF as blocks; a scan, an encrypted or a corrupt file is an error naming it."""
    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # noqa: BLE001 — PDFium raises one error type for every bad file
        raise _unreadable(exc, source) from exc
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page_count = len(pdf.pages)
            pages = [
                _ruled_lines_of(page, n)
                if _has_rules(document[n - 1])
                else _plain_lines_of(document[n - 1], n)
                for n, page in enumerate(pdf.pages, start=1)
            ]
            heights = [float(page.height) for page in pdf.pages]
        _repair_radicals(document, pages)
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many kinds on bad files; each is this file's error
        raise _unreadable(exc, source) from exc
    finally:
        document.close()
    if not any(pages):
        raise UnreadableDocument(
            f"no text layer in its {page_count} pages: a scan? OCR it first (e.g. ocrmypdf) or use the text version",
            source=source,
        )
    chrome = _chrome(pages, heights)
    body = [
        line for p, page in enumerate(pages) for i, line in enumerate(page) if (p, i) not in chrome
    ]
    return ReadDocument(blocks=tuple(_paragraphs(body)), source_format="pdf", page_count=page_count)
