"""Normalised plan text → a published-looking web page, a .docx and a text PDF.

The differential tests render a plan's normalised lines into each format, read the result
back with the readers in ``loaders/`` and compare the extracted facts with those from the
text. Every format carries chrome a reader must drop (menus, related links, page headers and
footers) and the shapes a reader must cope with: ``<br>``-joined paragraphs, a spanned table
cell, Word tables, and PDF page breaks inside a sentence and inside a table.

Lines are classified as the outline does: a line with ``|`` is a table row (runs of them form
one table whose first row is the header; ``|---|:--:|`` separator rows are dropped), a line
with a heading style is a heading whose level is the order in which its style first occurs
(专栏/表 boxes one level below the heading they sit under), anything else is a paragraph.
The first line is the document's title.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import docx
import pypdf
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from loaders.outline import heading_style
from loaders.tables import is_table_line, parse_table

__all__ = [
    "Block",
    "ChromiumError",
    "apply_actual_text",
    "blocks",
    "render_docx",
    "render_html",
    "render_pdf",
]

MAX_LEVEL = 6
TITLE_MAX = 60
"""A first line longer than this is a paragraph (a 解读 may open with its lead), not a title."""
CANONICAL = "https://www.example.gov.cn/zwgk/plan.html"
DOCX_HEADER = "某某人民政府办公厅"
DOCX_FOOTER = "某某人民政府办公厅印发"
PDF_HEADER = "某某省人民政府办公厅文件"
CHROMIUM_TIMEOUT = 60.0

Kind = Literal["title", "heading", "paragraph", "table"]
Row = tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """One rendered unit: the title, a heading (with its level), a paragraph or a table."""

    kind: Kind
    text: str = ""
    level: int = 0
    rows: tuple[Row, ...] = ()
    """A table's rows, header first."""

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


def _cells(line: str) -> Row:
    return tuple(c.strip() for c in line.split("|") if c.strip())


def _is_separator(row: Row) -> bool:
    """``|---|:---:|`` (or a row with no cells at all)."""
    return all(set(cell) <= {"-", ":"} for cell in row)


def blocks(lines: list[str]) -> list[Block]:
    """Classify normalised lines into title, headings with levels, paragraphs and tables."""
    levels: dict[str, int] = {}
    current = 0
    """Level of the last non-box heading: a box goes one below it."""
    out: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        style = heading_style(line) if line else None
        level = 0
        if line and is_table_line(line) and style != "box" and i > 0:
            j = i
            while j < len(lines) and is_table_line(lines[j]):
                j += 1
            rows = tuple(r for r in (_cells(t) for t in lines[i:j]) if not _is_separator(r))
            if rows and max(map(len, rows)) == 1 and len(rows) > 1:
                # One cell per line (the 重庆 shape): published as the grid the text spells out.
                grid = parse_table(list(enumerate(lines[i:j])))
                rows = (grid.header, *(row.cells for row in grid.rows))
            if rows:
                out.append(Block("table", rows=rows))
            i = j
            continue
        if style == "box":
            level = min(current + 1, MAX_LEVEL)
        elif style is not None:
            level = min(levels.setdefault(style, len(levels) + 1), MAX_LEVEL)
            current = level
        if not line:
            pass
        elif i == 0 and len(line) <= TITLE_MAX:
            out.append(Block("title", line, 1))
        elif style is not None:
            out.append(Block("heading", line, level))
        else:
            out.append(Block("paragraph", line))
        i += 1
    return out


def _span_cell(tables: list[Block]) -> tuple[int, int, int, str] | None:
    """(table, row, column, "rowspan"|"colspan") of one body cell that may safely span.

    Safe means the spanned-over cell holds the same text, so a reader that repeats a span
    into the cells it covers (as a browser shows it) reads back the original rows. A
    vertical pair is preferred; rows must be full width so the grid stays aligned.
    """
    for attribute in ("rowspan", "colspan"):
        for t, table in enumerate(tables):
            width = table.width
            body = table.rows[1:]
            for r, row in enumerate(body, start=1):
                if len(row) != width:
                    continue
                for c, cell in enumerate(row):
                    if attribute == "rowspan":
                        below = table.rows[r + 1] if r + 1 < len(table.rows) else ()
                        if len(below) == width and below[c] == cell:
                            return t, r, c, attribute
                    elif c + 1 < width and row[c + 1] == cell:
                        return t, r, c, attribute
    return None


# --------------------------------------------------------------------------- HTML

_NAV = ["首页", "政务公开", "政策文件", "政策解读", "办事服务", "互动交流", "数据发布", "专题专栏"]
_RELATED = [
    "关于印发某某市稳就业若干措施的通知（某政办发〔2020〕12号）",
    "关于进一步做好高校毕业生就业创业工作的通知（某人社发〔2021〕35号）",
    "关于印发某某省职业技能提升行动实施办法的通知（某政发〔2019〕8号）",
]
_SCRIPT = """var _hmt = _hmt || [];
(function () { var s = document.createElement("script"); s.src = "/js/stat.js?v=20220108";
  document.getElementsByTagName("head")[0].appendChild(s); })();
function printPage() { window.print(); }"""
_STYLE = """body { margin: 0; font-family: "Microsoft YaHei", sans-serif; }
nav a { margin: 0 12px; color: #fff; } .article { width: 1000px; margin: 0 auto; }
.content p { text-indent: 2em; line-height: 2; } table { border-collapse: collapse; }
td, th { border: 1px solid #333; padding: 4px 8px; }"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_table(table: Block, span: tuple[int, int, str] | None) -> list[str]:
    """A table; ``span`` = (row, column, attribute) of the one spanned cell, if any."""
    width = table.width
    covered: tuple[int, int] | None = None
    if span is not None:
        r, c, attribute = span
        covered = (r + 1, c) if attribute == "rowspan" else (r, c + 1)
    out = ['<table border="1" cellspacing="0" cellpadding="4" width="100%">']
    for r, row in enumerate(table.rows):
        if r == 0:
            out.append("<thead>")
        elif r == 1:
            out.append("<tbody>")
        tag = "th" if r == 0 else "td"
        cells: list[str] = []
        for c, cell in enumerate(row + ("",) * (width - len(row))):
            if covered == (r, c):
                continue
            attrs = ""
            if span is not None and span[:2] == (r, c):
                attrs = f' {span[2]}="2"'
            cells.append(f"<{tag}{attrs}>{_e(cell)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
        if r == 0:
            out.append("</thead>")
    if len(table.rows) > 1:
        out.append("</tbody>")
    out.append("</table>")
    return out


def render_html(lines: list[str], *, title: str) -> bytes:
    """A government site's saved page: the plan in ``div.article``, wrapped in site chrome.

    Headings are ``<h1>``–``<h6>`` by level, tables real tables with a ``<thead>``; in every
    other run of paragraphs, pairs of paragraphs share one ``<p>`` split by ``<br>``; one
    table cell whose neighbour repeats its text is written once with a row or column span.
    """
    parsed = blocks(lines)
    tables = [b for b in parsed if b.kind == "table"]
    span = _span_cell(tables)
    body: list[str] = []
    run: list[str] = []
    runs = 0

    def flush() -> None:
        nonlocal runs
        if not run:
            return
        if runs % 2:
            for k in range(0, len(run), 2):
                body.append("<p>" + "<br>".join(_e(t) for t in run[k : k + 2]) + "</p>")
        else:
            body.extend(f"<p>{_e(t)}</p>" for t in run)
        run.clear()
        runs += 1

    table_index = 0
    for block in parsed:
        if block.kind == "paragraph":
            run.append(block.text)
            continue
        flush()
        if block.kind in ("title", "heading"):
            n = block.level
            body.append(f"<h{n}>{_e(block.text)}</h{n}>")
        else:
            here = span[1:] if span is not None and span[0] == table_index else None
            body.extend(_html_table(block, here))
            table_index += 1
    flush()

    nav = " | ".join(f'<a href="/{k}/index.html">{_e(name)}</a>' for k, name in enumerate(_NAV))
    related = "\n".join(
        f'<li><a href="/zwgk/doc{k}.html">{_e(text)}</a></li>' for k, text in enumerate(_RELATED)
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{_e(title)}</title>
<link rel="canonical" href="{CANONICAL}">
<style>
{_STYLE}
</style>
<script type="text/javascript">
{_SCRIPT}
</script>
</head>
<body>
<div class="top">某某省人民政府门户网站 | 无障碍浏览 | 长者模式 | 繁體</div>
<nav class="menu">{nav}</nav>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="article">
<div class="content">
{chr(10).join(body)}
</div>
<div class="tools">【<a href="javascript:printPage()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<aside class="related">
<h3>相关链接</h3>
<ul>
{related}
</ul>
</aside>
<footer>
<p>主办单位：某某省人民政府办公厅　承办：某某省大数据中心</p>
<p>网站标识码：1100000001　ICP备案：某ICP备05012345号</p>
<p>联系我们 | 网站地图 | 隐私声明</p>
</footer>
</body>
</html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------------------- DOCX


def _page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field to ``paragraph``."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def render_docx(lines: list[str]) -> bytes:
    """A Word document: Title, Heading 1–6, Normal paragraphs and Table Grid tables.

    The page header (某某人民政府办公厅) and footer (印发 line and page number) are chrome.
    """
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = DOCX_HEADER
    footer = section.footer.paragraphs[0]
    footer.text = f"{DOCX_FOOTER}　— "
    _page_field(footer)
    footer.add_run(" —")
    for block in blocks(lines):
        if block.kind == "title":
            document.add_paragraph(block.text, style="Title")
        elif block.kind == "heading":
            document.add_paragraph(block.text, style=f"Heading {block.level}")
        elif block.kind == "paragraph":
            document.add_paragraph(block.text, style="Normal")
        else:
            width = block.width
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row + ("",) * (width - len(row))):
                    table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- PDF

_LINE_PT = 22.0
"""Line height of body text (14pt type); table cells use 10.5pt type on 18pt lines."""
_PAGE_MM = 297 - 2 * 25
"""Height of an A4 page's content area with 25 mm top and bottom margins."""

_PRINT_CSS = """@page {
  size: A4;
  margin: 25mm 20mm;
  @top-center { content: "%(header)s"; font-family: "Noto Serif CJK SC"; font-size: 10.5pt; }
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC";
                   font-size: 10.5pt; }
}
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC"; font-size: 14pt;
       line-height: %(line)gpt; orphans: 1; widows: 1; text-align: left; }
p { margin: 0 0 4pt 0; text-indent: 2em; }
p.h { text-indent: 0; font-weight: bold; margin: 8pt 0 6pt 0; }
p.title { font-size: 22pt; line-height: 32pt; text-align: center; margin: 0 0 12pt 0; }
p.h1 { font-size: 18pt; line-height: 28pt; }
p.h2 { font-size: 16pt; line-height: 26pt; }
p.h3, p.h4, p.h5, p.h6 { font-size: 15pt; line-height: 24pt; }
div.spacer { break-before: page; margin: 0; padding: 0; }
table { border-collapse: collapse; margin: 0 0 8pt 0; }
thead { display: table-row-group; }
tr { break-inside: avoid; }
td, th { font-size: 10.5pt; line-height: 18pt; padding: 1pt 8pt; text-align: left;
         vertical-align: top; font-weight: normal; }
th { font-weight: bold; }
table.ruled td, table.ruled th { border: 1px solid black; }
table.plain td, table.plain th { border: none; }
"""


def _spacer(room_pt: float) -> str:
    """A blank block that starts a new page and leaves ``room_pt`` at its bottom."""
    return f'<div class="spacer" style="height: calc({_PAGE_MM}mm - {room_pt:g}pt)"></div>'


def _print_html(lines: list[str], *, ruled: bool) -> str:
    parsed = blocks(lines)
    paragraphs = [b for b in parsed if b.kind == "paragraph"]
    tables = [b for b in parsed if b.kind == "table"]
    longest = max(paragraphs, key=lambda b: len(b.text), default=None)
    biggest = max(tables, key=lambda b: len(b.rows), default=None)
    css = _PRINT_CSS % {"header": PDF_HEADER, "line": _LINE_PT}
    body: list[str] = []
    for block in parsed:
        if block.kind == "title":
            body.append(f'<p class="h title">{_e(block.text)}</p>')
        elif block.kind == "heading":
            body.append(f'<p class="h h{block.level}">{_e(block.text)}</p>')
        elif block.kind == "paragraph":
            if block is longest:
                # Two and a half lines left on the page: the paragraph runs onto the next.
                body.append(_spacer(2.5 * _LINE_PT))
            body.append(f"<p>{_e(block.text)}</p>")
        else:
            if block is biggest and len(block.rows) >= 3:
                # Room for the header and a row or more (rows are never split).
                lines_left = min(5.5, max(2.5, len(block.rows) / 2))
                body.append(_spacer(lines_left * _LINE_PT))
            width = block.width
            rows = []
            for r, row in enumerate(block.rows):
                tag = "th" if r == 0 else "td"
                cells = "".join(f"<{tag}>{_e(c)}</{tag}>" for c in row + ("",) * (width - len(row)))
                rows.append(f"<tr>{cells}</tr>")
            head, rest = rows[0], rows[1:]
            kind = "ruled" if ruled else "plain"
            body.append(
                f'<table class="{kind}"><thead>{head}</thead><tbody>{"".join(rest)}</tbody></table>'
            )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{_e(parsed[0].text if parsed else "")}</title>
<style>
{css}</style>
</head>
<body>
{chr(10).join(body)}
</body>
</html>
"""


# Chromium prints CJK text in Type 3 fonts whose ToUnicode maps come from the font's cmap,
# lowest code point first: a glyph that 人 shares with the Kangxi radical ⼈ (U+2F08) maps to
# the radical, and the full-width em dash that 'locl' picks maps to ― (U+2015). The real text
# is in /ActualText spans around those glyphs, which pdfium reads and pdfminer ignores.
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_TOKEN = re.compile(
    rb"/(?P<font>[^\s/<>\[\]()]+)\s+[-+\d.]+\s+Tf"
    rb"|/Span\s*<<\s*/ActualText\s*<(?P<actual>[0-9A-Fa-f]*)>\s*>>\s*BDC"
    rb"|(?P<emc>\bEMC\b)"
    rb"|<(?P<code>[0-9A-Fa-f]+)>\s*Tj"
)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])")


class _Pdf:
    """Just enough of a PDF with a classic xref table (as Skia writes it) to patch objects."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        start = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
        self.xref = start
        table = data[start : data.index(b"trailer", start)]
        self.offsets: dict[int, int] = {}
        for header in re.finditer(rb"(\d+) (\d+)\s*\r?\n((?:\d{10} \d{5} [nf]\s*)+)", table):
            first = int(header.group(1))
            entries = _XREF_ENTRY.findall(header.group(3))
            for k, (offset, _, kind) in enumerate(entries):
                if kind == b"n":
                    self.offsets[first + k] = int(offset)
        order = sorted(self.offsets, key=self.offsets.__getitem__)
        ends = [self.offsets[n] for n in order[1:]] + [start]
        self.spans = {n: (self.offsets[n], end) for n, end in zip(order, ends, strict=True)}
        self.trailer = data[data.index(b"trailer", start) : data.index(b"startxref", start)]

    def raw(self, number: int) -> bytes:
        begin, end = self.spans[number]
        return self.data[begin:end]

    def head(self, number: int) -> bytes:
        """The object's dictionary (or value), without its stream."""
        raw = self.raw(number)
        body = raw[raw.index(b"obj") + 3 :]
        cut = body.find(b"stream")
        return body[:cut] if cut >= 0 else body

    def stream(self, number: int) -> bytes:
        raw = self.raw(number)
        head = self.head(number)
        length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
        if length is None:
            raise ValueError(f"object {number} has no stream length")
        size = int(length.group(1))
        if length.group(2):
            size = int(self.head(size).strip())
        begin = raw.index(b"stream", raw.index(b"obj")) + len(b"stream")
        begin += 2 if raw[begin : begin + 2] == b"\r\n" else 1
        data = raw[begin : begin + size]
        return zlib.decompress(data) if b"/FlateDecode" in head else data

    def rebuilt(self, replaced: dict[int, bytes]) -> bytes:
        """The file with ``replaced`` objects (whole ``N 0 obj … endobj`` texts) and a new xref."""
        first = min(self.offsets.values())
        out = bytearray(self.data[:first])
        offsets: dict[int, int] = {}
        for number in sorted(self.offsets, key=self.offsets.__getitem__):
            offsets[number] = len(out)
            out += replaced.get(number, self.raw(number))
        xref = len(out)
        size = max(offsets) + 1
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for number in range(1, size):
            if number in offsets:
                out += b"%010d 00000 n \n" % offsets[number]
            else:
                out += b"0000000000 00000 f \n"
        out += self.trailer + b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def _refs(text: bytes) -> dict[bytes, int]:
    return {
        m.group(1): int(m.group(2)) for m in re.finditer(rb"/([^\s/<>]+)\s+(\d+)\s+0\s+R", text)
    }


def _page_fonts(pdf: _Pdf, page: int) -> dict[bytes, int]:
    head = pdf.head(page)
    resources = re.search(rb"/Resources\s+(\d+)\s+0\s+R", head)
    text = pdf.head(int(resources.group(1))) if resources else head
    fonts = re.search(rb"/Font\s*(?:<<(.*?)>>|(\d+)\s+0\s+R)", text, re.S)
    if fonts is None:
        return {}
    return _refs(fonts.group(1) if fonts.group(1) is not None else pdf.head(int(fonts.group(2))))


def _actual_texts(pdf: _Pdf) -> dict[tuple[int, int], str]:
    """(font object, glyph code) → the text an /ActualText span gives that single glyph."""
    found: dict[tuple[int, int], str] = {}
    clashes: set[tuple[int, int]] = set()
    for page, _ in pdf.offsets.items():
        head = pdf.head(page)
        if not re.search(rb"/Type\s*/Page\b", head):
            continue
        fonts = _page_fonts(pdf, page)
        contents = re.search(rb"/Contents\s+(?:(\d+)\s+0\s+R|\[([^\]]*)\])", head)
        if contents is None:
            continue
        numbers = (
            [int(contents.group(1))]
            if contents.group(1)
            else [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", contents.group(2))]
        )
        content = b"\n".join(pdf.stream(n) for n in numbers)
        font: int | None = None
        actual: str | None = None
        glyphs: list[tuple[int, int]] = []
        for token in _TOKEN.finditer(content):
            if token.group("font") is not None:
                font = fonts.get(token.group("font"))
            elif token.group("actual") is not None:
                actual = bytes.fromhex(token.group("actual").decode()).decode("utf-16-be")
                actual, glyphs = actual.removeprefix("\ufeff"), []
            elif token.group("emc") is not None:
                if actual and len(glyphs) == 1:
                    key = glyphs[0]
                    if found.setdefault(key, actual) != actual:
                        clashes.add(key)
                actual = None
            elif actual is not None and font is not None:
                code = token.group("code")
                glyphs.extend((font, c) for c in bytes.fromhex(code.decode()))
    return {key: text for key, text in found.items() if key not in clashes}


def _cmap_entries(cmap: bytes) -> dict[int, bytes]:
    """A ToUnicode CMap's code → destination (UTF-16BE hex), ranges spelt out."""
    entries: dict[int, bytes] = {}
    for block in _BFCHAR.findall(cmap):
        values = _HEX.findall(block)
        for code, target in zip(values[::2], values[1::2], strict=False):
            entries[int(code, 16)] = target.upper()
    for block in _BFRANGE.findall(cmap):
        for low, high, target in _RANGE.findall(block):
            first, last = int(low, 16), int(high, 16)
            if target.startswith(b"["):
                for k, value in enumerate(_HEX.findall(target)):
                    entries[first + k] = value.upper()
            else:
                base = int(target[1:-1], 16)
                width = len(target) - 2
                for k in range(last - first + 1):
                    entries[first + k] = b"%0*X" % (width, base + k)
    return entries


def _cmap(entries: dict[int, bytes], codespace: bytes) -> bytes:
    out = [
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo\n<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" + codespace
    ]
    codes = sorted(entries)
    for k in range(0, len(codes), 100):
        chunk = codes[k : k + 100]
        out.append(b"%d beginbfchar\n" % len(chunk))
        out.extend(b"<%02X> <%s>\n" % (code, entries[code]) for code in chunk)
        out.append(b"endbfchar\n")
    out.append(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return b"".join(out)


def apply_actual_text(data: bytes) -> bytes:
    """Rewrite ToUnicode maps so each glyph that an /ActualText span names maps to that text.

    Then text extractors that ignore /ActualText (pdfminer, pdfplumber) read 人民十 and
    ``2021—2025`` instead of ⼈⺠⼗ and ``2021―2025``.
    """
    pdf = _Pdf(data)
    actual = _actual_texts(pdf)
    replaced: dict[int, bytes] = {}
    for font in sorted({font for font, _ in actual}):
        link = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", pdf.head(font))
        if link is None:
            continue
        number = int(link.group(1))
        cmap = pdf.stream(number)
        entries = _cmap_entries(cmap)
        changed = False
        for (owner, code), text in actual.items():
            target = text.encode("utf-16-be").hex().upper().encode()
            if owner == font and entries.get(code) != target:
                entries[code] = target
                changed = True
        if not changed:
            continue
        space = re.search(rb"\d+\s+begincodespacerange.*?endcodespacerange\s*", cmap, re.S)
        codespace = (
            space.group() if space else b"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        )
        stream = zlib.compress(_cmap(entries, codespace))
        replaced[number] = (
            b"%d 0 obj\n<</Filter /FlateDecode\n/Length %d>> stream\n" % (number, len(stream))
            + stream
            + b"\nendstream\nendobj\n"
        )
    return pdf.rebuilt(replaced) if replaced else data


class ChromiumError(RuntimeError):
    """Headless Chromium did not produce a PDF."""


def render_pdf(
    lines: list[str],
    *,
    ruled: bool,
    chromium: Path = Path("/usr/bin/chromium"),
    raw: bool = False,
) -> bytes:
    """A text PDF printed by headless Chromium: A4, running header, page-number footer.

    Headings are bold paragraphs in larger type. Tables have borders on every cell when
    ``ruled``, none otherwise. The longest paragraph starts two and a half lines above the
    foot of a page, and the table with most rows a few lines above it, so the PDF always has
    a page break inside a sentence and one inside a table (each after a forced page break
    and a blank spacer, which needs no layout measurement).

    Unless ``raw``, the ToUnicode maps are patched from Chromium's /ActualText spans
    (``apply_actual_text``) so that pdfplumber reads 人民 rather than Kangxi radicals ⼈⺠.
    """
    with tempfile.TemporaryDirectory(prefix="render-pdf-") as tmp:
        source = Path(tmp) / "plan.html"
        target = Path(tmp) / "plan.pdf"
        source.write_text(_print_html(lines, ruled=ruled), encoding="utf-8")
        command = [
            str(chromium),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=CHROMIUM_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as error:
            stderr = (error.stderr or b"").decode("utf-8", "replace")
            raise ChromiumError(
                f"chromium timed out after {CHROMIUM_TIMEOUT:g} s:\n{stderr}"
            ) from error
        except OSError as error:
            raise ChromiumError(f"cannot run {chromium}: {error}") from error
        if done.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            stderr = done.stderr.decode("utf-8", "replace")
            raise ChromiumError(f"chromium exited {done.returncode} without a PDF:\n{stderr}")
        data = target.read_bytes()
    if not data.startswith(b"%PDF"):
        raise ChromiumError("chromium wrote a file that is not a PDF")
    return data if raw else apply_actual_text(data)


def blank_pdf(*, pages: int = 2, password: str | None = None) -> bytes:
    """A PDF of blank pages, as a scan without a text layer reads; encrypted with ``password``."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_archive(files: dict[str, str | bytes]) -> bytes:
    """A ZIP archive (a Word file is one) holding ``files``, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
