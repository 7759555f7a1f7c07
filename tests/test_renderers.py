"""The renderers that the differential tests feed to the readers: web page, .docx, text PDF."""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import docx
import lxml.html  # type: ignore[import-untyped, unused-ignore]
import pdfplumber
import pytest

from loaders.encoding import decode_plan
from loaders.normalize import normalise
from loaders.table_layout import pipe_tables
from tests.renderers import PDF_HEADER, Block, blocks, render_docx, render_html, render_pdf

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = [
    "某某市就业促进规划",
    "第一章总体要求",
    "第一节发展目标",
    "到2025年，城镇新增就业<50万人>，失业率控制在5.5%以内 & 更低。",
    "专栏1主要指标",
    "指标|2020年|2025年",
    "|---|:---:|---|",
    "城镇新增就业（万人）|45|50",
    "第二章保障措施",
    "加强组织领导。",
]


def plan_lines(name: str) -> list[str]:
    path = CORPUS / name
    text = normalise(pipe_tables(decode_plan(path.read_bytes(), source=path.name).text))
    return text.split("\n")


@pytest.fixture(autouse=True)
def quiet_pdfminer(caplog: pytest.LogCaptureFixture) -> None:
    """pdfminer warns of every Chromium Type 3 font without a FontBBox in its descriptor."""
    caplog.set_level(logging.ERROR, logger="pdfminer")


@pytest.fixture(scope="module")
def jiangsu() -> list[str]:
    return plan_lines("01_jiangsu.txt")


def first_table(lines: list[str]) -> Block:
    return next(b for b in blocks(lines) if b.kind == "table")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_blocks_levels_and_tables() -> None:
    parsed = blocks(SAMPLE)
    assert [(b.kind, b.level) for b in parsed] == [
        ("title", 1),
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
        ("heading", 3),
        ("table", 0),
        ("heading", 1),
        ("paragraph", 0),
    ]
    assert parsed[5].rows == (("指标", "2020年", "2025年"), ("城镇新增就业（万人）", "45", "50"))


def test_html_page(jiangsu: list[str]) -> None:
    page = render_html(jiangsu, title=jiangsu[0])
    text = page.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    root = lxml.html.document_fromstring(page)
    assert root.findtext(".//title") == jiangsu[0]
    assert root.xpath('//link[@rel="canonical"]/@href') == [
        "https://www.example.gov.cn/zwgk/plan.html"
    ]
    assert len(root.xpath("//nav//a")) >= 8
    assert "当前位置" in root.xpath('string(//div[@class="breadcrumb"])')
    assert root.xpath("//script") and root.xpath("//style")
    related = root.xpath("string(//aside)")
    assert "相关链接" in related and related.count("〕") == 3
    footer = root.xpath("string(//footer)")
    assert all(word in footer for word in ("主办单位", "网站标识码", "ICP备"))
    assert "【" in text and "打印本页" in text and "关闭窗口" in text

    content = root.xpath('//div[@class="article"]/div[@class="content"]')[0]
    assert content.findtext("h1") == jiangsu[0]
    assert content.xpath(".//h2") and content.xpath(".//p/br")
    table = content.xpath(".//table")[0]
    header = [th.text_content() for th in table.xpath("./thead/tr/th")]
    assert header == list(first_table(jiangsu).rows[0])
    assert len(table.xpath("./tbody/tr")) == len(first_table(jiangsu).rows) - 1
    assert len(content.xpath(".//*[@rowspan or @colspan]")) == 1


def test_html_escapes_text() -> None:
    page = render_html(SAMPLE, title="a<b>&c").decode("utf-8")
    assert "<title>a&lt;b&gt;&amp;c</title>" in page
    assert "&lt;50万人&gt;" in page and "更低" in page
    assert "---" not in page


def test_docx(jiangsu: list[str]) -> None:
    document = docx.Document(io.BytesIO(render_docx(jiangsu)))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles[0] == "Title"
    assert {"Heading 1", "Heading 2", "Heading 3", "Normal"} <= set(styles)
    assert document.paragraphs[0].text == jiangsu[0]
    table = document.tables[0]
    assert table.style is not None and table.style.name == "Table Grid"
    expected = first_table(jiangsu)
    assert len(table.rows) == len(expected.rows)
    assert tuple(c.text for c in table.rows[0].cells) == expected.rows[0]
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "某某人民政府办公厅"
    assert section.footer.paragraphs[0].text.strip()


def test_docx_pads_short_rows() -> None:
    document = docx.Document(io.BytesIO(render_docx(["标题", "甲|乙|丙", "一|", "二|三"])))
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["甲", "乙", "丙"], ["一", "", ""], ["二", "三", ""]]


def need_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing")


@pytest.fixture(scope="module")
def ruled_pdf(jiangsu: list[str]) -> bytes:
    need_chromium()
    return render_pdf(jiangsu, ruled=True)


@pytest.fixture(scope="module")
def ruled_pages(ruled_pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(ruled_pdf)) as document:
        return [page.extract_text() for page in document.pages]


def test_pdf_pages_text_and_margin_boxes(jiangsu: list[str], ruled_pages: list[str]) -> None:
    pages = ruled_pages
    assert len(pages) >= 2
    assert "— 2 —" in pages[1]
    for number, text in enumerate(pages, start=1):
        lines = text.split("\n")
        assert lines[0] == PDF_HEADER and lines[-1] == f"— {number} —"
    assert jiangsu[0] in pages[0]
    body = squash("".join(pages))
    for row in first_table(jiangsu).rows:
        assert all(squash(cell) in body for cell in row)
    # Every character comes back, none as a Kangxi radical (⼈ for 人).
    source = squash("".join(jiangsu).replace("|", ""))
    assert sorted(squash("".join("".join(p.split("\n")[1:-1]) for p in pages))) == sorted(source)


def test_pdf_breaks_inside_a_sentence_and_a_table(
    jiangsu: list[str], ruled_pdf: bytes, ruled_pages: list[str]
) -> None:
    pages = [squash("".join(p.split("\n")[1:-1])) for p in ruled_pages]
    parsed = blocks(jiangsu)
    longest = squash(max((b.text for b in parsed if b.kind == "paragraph"), key=len))
    splits = [
        k
        for n in range(len(pages) - 1)
        for k in range(2, len(longest) - 1)
        if pages[n].endswith(longest[:k]) and pages[n + 1].startswith(longest[k:])
    ]
    assert splits and longest[splits[0] - 1] not in "。！？；"

    biggest = max((b for b in parsed if b.kind == "table"), key=lambda b: len(b.rows))
    wanted = [tuple(squash(c) for c in row) for row in biggest.rows]
    pages_of: dict[int, int] = {}
    near = {n for n, text in enumerate(pages) if wanted[0][0] in text or wanted[-1][-1] in text}
    with pdfplumber.open(io.BytesIO(ruled_pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            if number - 1 not in near:
                continue
            for table in page.extract_tables():
                for row in table:
                    cells = tuple(squash(c or "") for c in row if squash(c or ""))
                    if cells in wanted:
                        pages_of.setdefault(wanted.index(cells), number)
    assert len(pages_of) == len(wanted)
    header_page = pages_of[0]
    body_pages = [pages_of[k] for k in range(1, len(wanted))]
    assert header_page in body_pages and header_page + 1 in body_pages


def test_pdf_unruled_tables_have_no_borders() -> None:
    need_chromium()
    lines = SAMPLE[:5] + ["指标|2020年|2025年", "城镇新增就业（万人）|45|50", "失业率（%）|5|5.5"]
    plain, ruled = (render_pdf(lines, ruled=r) for r in (False, True))
    with pdfplumber.open(io.BytesIO(plain)) as document:
        assert "城镇新增就业（万人）" in "".join(page.extract_text() for page in document.pages)
        for page in document.pages:
            assert not page.lines and not page.rects and not page.find_tables()
    with pdfplumber.open(io.BytesIO(ruled)) as document:
        rows = [row for page in document.pages for t in page.extract_tables() for row in t]
    assert rows == [
        ["指标", "2020年", "2025年"],
        ["城镇新增就业（万人）", "45", "50"],
        ["失业率（%）", "5", "5.5"],
    ]
