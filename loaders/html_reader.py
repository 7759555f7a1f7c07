"""A saved web page → blocks: the article only, its tables as rows, its headings marked.

The page's encoding is the one its ``<meta>`` declares (GB2312 and GBK read as GB18030, of
which they are subsets), else the one the text plans are sniffed with. Navigation,
breadcrumbs, related links, scripts, styles and footers are dropped where they stand
(``stripped_main``: by tag, by id or class, by link density), which keeps every element's
path into the original page; ``bench/html_main_content.py`` measured it against
readability-lxml and trafilatura (same body and tables as readability, fewer table rows lost
than trafilatura, four times faster than either). Then the article is walked in document
order: ``<h1>``–``<h6>`` as headings, a paragraph set wholly in bold as a heading below them
(a bold run-in heading, ``<b>（一）稳岗位。</b>正文``, stays in its paragraph, whose numbered lead
sentence heads it as in text), ``<table>`` rows as rows of cells (row and column spans repeated
into the cells they cover), ``<br>`` as a line break, every other block element as a paragraph.
Each block keeps its element path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import lxml.html
from lxml.etree import ParserError, _Element
from lxml.html import HtmlElement

from graph.errors import UnreadableDocument
from loaders.document import Block, ReadDocument
from loaders.encoding import decode_plan

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p",
    "div",
    "li",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "section",
    "article",
    "td",
    "th",
    "center",
    "font",
}
_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
}
_BOLD = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_BOLD_LEVEL = 7
"""The heading level of a bold paragraph: below any ``<h6>``, as a style of its own."""
_SITE_SUFFIX = re.compile(r"\s*(?:_|\||｜|\s-\s)\s*")
"""宁夏…规划_政策文件_宁夏回族自治区人民政府: a page title's site part."""
_CANONICAL = '//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'


def decode_page(data: bytes, *, source: str) -> tuple[str, str]:
    """The page's text and encoding: as declared when the bytes agree, else sniffed."""
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        encoding = _SUPERSETS.get(name, name)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall back to sniffing
    decoded = decode_plan(data, source=source)
    return decoded.text, decoded.encoding


_CHROME_NAME = re.compile(
    r"nav|menu|crumb|position|location|footer|banner|share|related|relate|friend|sidebar|toolbar|print"
    r"|copyright|search|login|(?:^|[\s_-])(?:top|head|header|foot|bottom|tools?|links?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_TEXT_MAX = 300
"""An element named like chrome is chrome only when it is short and holds no heading or table:
an article container may be named ``main-top`` too."""
_ARTICLE = {"article", "main"}
_LINK_SHARE = 0.5
"""A block whose text is mostly link text is a menu or a list of related links."""


def _holds_content(element: _Element) -> bool:
    return any(
        isinstance(e.tag, str) and (e.tag in ("h1", "h2", "h3", "table")) for e in element.iter()
    )


def _is_chrome(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True
    if element.tag == "header":
        # A page's header is chrome; an article's header holds its title.
        return not any(a.tag in _ARTICLE for a in element.iterancestors())
    if element.tag in _SKIP:
        return True
    text = element.text_content()
    names = f"{element.get('id', '')} {element.get('class', '')}"
    if _CHROME_NAME.search(names) and len(text) < _CHROME_TEXT_MAX and not _holds_content(element):
        return True
    if not text.strip() or element.tag == "table":
        return False
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return linked / len(text) > _LINK_SHARE


def stripped_main(page: HtmlElement) -> HtmlElement:
    """The page's body with chrome removed in place: chrome elements by tag (nav, footer,
    aside …), by id or class (nav, crumb, footer, related …) and by link density. Paths of
    what is left are the original page's."""
    body = page.find("body")
    root = body if body is not None else page
    for element in list(root.iter()):
        if element is not root and element.getparent() is not None and _is_chrome(element):
            element.drop_tree()
    return root


def _text(element: _Element) -> str:
    """An element's text with ``<br>`` as a line break and other markup dropped."""
    parts: list[str] = []

    def walk(node: _Element) -> None:
        if isinstance(node.tag, str) and node.tag in _SKIP:
            return
        if node.tag == "br":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))


def _is_bold(node: _Element) -> bool:
    return node.tag in _BOLD or bool(_BOLD_STYLE.search(node.get("style", "")))


def _wholly_bold(paragraph: _Element) -> bool:
    """Whether every character of the paragraph stands inside bold markup."""
    if _is_bold(paragraph):
        return True
    if (paragraph.text or "").strip():
        return False
    children = [c for c in paragraph if isinstance(c.tag, str) and c.tag != "br"]
    return bool(children) and all(
        (_is_bold(c) or _wholly_bold(c)) and not (c.tail or "").strip() for c in children
    )


def table_rows(table: _Element) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts; a cell spanning rows or columns fills each position it covers."""
    rows: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column → (rows still covered, text)
    for tr in table.iter("tr"):
        row: list[str] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        column = 0
        for cell in cells:
            while column in pending:
                left, text = pending[column]
                row.append(text)
                pending = _advance(pending, column, left)
                column += 1
            text = " ".join(_text(cell).split())
            span = _span(cell, "colspan")
            down = _span(cell, "rowspan")
            for _ in range(span):
                row.append(text)
                if down > 1:
                    pending[column] = (down - 1, text)
                column += 1
        while column in pending:
            left, text = pending[column]
            row.append(text)
            pending = _advance(pending, column, left)
            column += 1
        if any(row):
            rows.append(row)
    return tuple(tuple(r) for r in rows)


def _advance(
    pending: dict[int, tuple[int, str]], column: int, left: int
) -> dict[int, tuple[int, str]]:
    rest = dict(pending)
    if left > 1:
        rest[column] = (left - 1, pending[column][1])
    else:
        del rest[column]
    return rest


def _span(cell: _Element, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), 50))
    except ValueError:
        return 1


def _blocks(root: _Element) -> Iterator[Block]:
    tree = root.getroottree()

    def walk(node: _Element) -> Iterator[Block]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP:
            return
        if tag == "table":
            yield Block(rows=table_rows(node), locator=tree.getpath(node))
            return
        if tag in _HEADINGS:
            yield Block(text=_text(node), locator=tree.getpath(node), heading_level=_HEADINGS[tag])
            return
        has_blocks = any(
            isinstance(c.tag, str) and (c.tag in _BLOCKS or c.tag in _HEADINGS or c.tag == "table")
            for c in node
        )
        if tag in _BLOCKS and not has_blocks:
            level = _BOLD_LEVEL if _wholly_bold(node) else None
            yield Block(text=_text(node), locator=tree.getpath(node), heading_level=level)
            return
        # Mixed content: text between block children is a paragraph of its own.
        if node.text and node.text.strip():
            yield Block(text=" ".join(node.text.split()), locator=tree.getpath(node))
        for child in node:
            yield from walk(child)
            if child.tail and child.tail.strip():
                yield Block(text=" ".join(child.tail.split()), locator=tree.getpath(node))

    yield from walk(root)


def read_html(
    data: bytes, *, source: str, main_content: Callable[[HtmlElement], _Element] = stripped_main
) -> ReadDocument:
    """A saved web page as blocks; a page with no article text is an error naming the file."""
    page, encoding = decode_page(data, source=source)
    try:
        whole = lxml.html.document_fromstring(page)
    except (ParserError, ValueError) as exc:
        raise UnreadableDocument(f"not a readable web page ({exc})", source=source) from exc
    canonical = whole.xpath(_CANONICAL)
    title = whole.findtext(".//title")
    blocks = tuple(b for b in _blocks(main_content(whole)) if b.rows or b.text.strip())
    if not blocks:
        raise UnreadableDocument("a web page with no article text", source=source)
    title = _SITE_SUFFIX.split(" ".join((title or "").split()), maxsplit=1)[0]
    if title and not any(title in b.text for b in blocks[:3]):
        # A page whose title stands only in <title> (less the site's name) keeps it.
        blocks = (Block(text=title, locator="/html/head/title", heading_level=1), *blocks)
    return ReadDocument(
        blocks=blocks,
        source_format="html",
        encoding=encoding,
        source_url=str(canonical[0]).strip() if canonical else None,
    )
