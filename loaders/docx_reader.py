"""A Word file → blocks: paragraphs with their Heading styles and the numbers Word writes
before them (``docx_numbering``), tables as rows, text boxes, footnotes and endnotes.

python-docx (MIT) reads the document body in order. A cell merged across columns is
repeated in each column it covers, one merged down rows is repeated in each row (as a web
table's spans are), so a row always has the cells a reader sees. Text boxes are read where
they stand; footnotes and endnotes follow the body. Page headers and footers are not part of
the body and are left out. Each block keeps its locator: ``paragraph N`` or ``table N``,
counted in the body from 1, or ``footnote N``.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from lxml.etree import XMLSyntaxError, _Element

from graph.errors import UnreadableDocument
from loaders.document import Block, ReadDocument
from loaders.docx_numbering import Numbering

_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.IGNORECASE)
_TEXT_BOX_PARAGRAPHS = ".//" + qn("w:txbxContent") + "//" + qn("w:p")


def _heading_level(style: str) -> int | None:
    if style == "Title":
        return 1
    found = _HEADING_STYLE.match(style)
    return min(int(found.group(1)), 6) if found else None


def _cell_texts(table: Table) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts: python-docx repeats a horizontally merged cell in each grid column
    it covers; a vertically merged one is read from the cell above."""
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells = []
        for column, cell in enumerate(row.cells):
            text = " ".join(cell.text.split())
            continued = (
                cell._tc.tcPr is not None
                and cell._tc.tcPr.vMerge is not None
                and cell._tc.tcPr.vMerge.val != "restart"
            )
            if continued and rows and column < len(rows[-1]):
                text = rows[-1][column]
            cells.append(text)
        rows.append(tuple(cells))
    return tuple(rows)


def _text_boxes(element: _Element) -> list[str]:
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in element.iterfind(_TEXT_BOX_PARAGRAPHS)
    ]


def _footnotes(document: Any) -> list[Block]:
    """Footnotes and endnotes that carry text (a 注 under a table, a source), after the body."""
    blocks = []
    for rel in document.part.rels.values():
        if rel.reltype not in (RT.FOOTNOTES, RT.ENDNOTES) or rel.is_external:
            continue
        kind = "footnote" if rel.reltype == RT.FOOTNOTES else "endnote"
        for note in etree.fromstring(rel.target_part.blob).iterfind(qn(f"w:{kind}")):
            if note.get(qn("w:type"), "normal") != "normal":
                continue  # the separator lines Word keeps among the notes
            for paragraph in note.iterfind(qn("w:p")):
                text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
                if text.strip():
                    blocks.append(Block(text=text, locator=f"{kind} {note.get(qn('w:id'))}"))
    return blocks


def read_docx(data: bytes, *, source: str) -> ReadDocument:
    """A .docx as blocks; a file python-docx cannot open is an error naming it."""
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise UnreadableDocument(
            f"not a readable Word file ({type(exc).__name__}: {exc})", source=source
        ) from exc
    # A style name by its id, looked up once (python-docx looks it up per paragraph, slowly).
    styles = {style.style_id: style.name or "" for style in document.styles}
    numbering = Numbering.of(document.part.numbering_part.element, document.styles.element)
    blocks: list[Block] = []
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraphs += 1
            paragraph = Paragraph(element, document)
            locator = f"paragraph {paragraphs}"
            if paragraph.text.strip():
                level = _heading_level(styles.get(element.style or "", ""))
                text = numbering.label(element, element.style) + paragraph.text
                blocks.append(Block(text=text, locator=locator, heading_level=level))
            blocks.extend(
                Block(text=box, locator=locator) for box in _text_boxes(element) if box.strip()
            )
        elif element.tag == qn("w:tbl"):
            tables += 1
            blocks.append(
                Block(rows=_cell_texts(Table(element, document)), locator=f"table {tables}")
            )
    blocks.extend(_footnotes(document))
    if not blocks:
        raise UnreadableDocument("a Word file with no text", source=source)
    return ReadDocument(blocks=tuple(blocks), source_format="docx")
