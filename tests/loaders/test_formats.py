"""Published formats read like their text: web pages, Word files and PDFs give the same facts.

Each plan's text is rendered (tests/renderers.py) into a government-style web page, a .docx
and a text PDF, read back, and extracted: targets, FUNDS, groups, programs and metadata must
equal those of the text. Then what goes wrong: scans, encrypted and corrupt files, .doc with
and without LibreOffice, a PDF named .txt, a folder mixing all of them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import docx
import docx.document
import lxml.html
import networkx as nx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from typer.testing import CliRunner

from cli.main import app
from graph.embedded_store import EmbeddedStore
from graph.errors import PlanError, UnreadableDocument
from graph.export import graph_from_store, write_graphml
from graph.model import PlanExtraction
from graph.questions import (
    ClauseSearch,
    IndicatorTargets,
    Plans,
    ProgramsForGroup,
    RegionsForProgram,
)
from graph.rows import ClauseHitRow, RegionProgramRow, ServingRow, TargetRow
from loaders import reading
from loaders.encoding import decode_plan
from loaders.normalize import normalise
from loaders.pipeline import build_knowledge_graph, extract_file, extract_text
from loaders.reading import read_plan_file
from loaders.table_layout import pipe_tables
from tests.documents import documents
from tests.renderers import blank_pdf, render_docx, render_html, render_pdf, zip_archive

CHROMIUM = Path("/usr/bin/chromium")
SEEDS_AND_DEV = documents("seeds", "corpus-dev")
PDF_DOCUMENTS = [*documents("seeds"), *documents("corpus-dev")[:4]]
"""The five seeds and four corpus documents: a PDF takes Chromium a few seconds to print."""


def _needs(path: Path) -> None:
    if not path.exists() and shutil.which(path.name) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing in CI (make test installs it)")
        pytest.skip(f"{path} is not installed")


def _lines(path: Path) -> list[str]:
    return normalise(pipe_tables(decode_plan(path.read_bytes(), source=path.name).text)).split("\n")


def _facts(x: PlanExtraction) -> dict[str, object]:
    """What a researcher gets from a plan, without ids that depend on its bytes."""
    return {
        "targets": sorted(
            repr(
                (
                    t.indicator_id,
                    t.value,
                    t.value_high,
                    t.unit,
                    t.comparator,
                    t.year,
                    t.scope,
                    t.main,
                    t.change,
                )
            )
            for t in x.targets
        ),
        "funds": sorted(
            repr((f.program_id, f.amount_yuan, f.amount_kind, f.instrument_kind))
            for f in x.fundings
        ),
        "mentions": sorted({m.entity_id for m in x.mentions}),
        "meta": (
            x.meta.title,
            x.meta.region_code,
            x.meta.kind,
            x.meta.doc_number,
            x.meta.issued_on,
        ),
    }


def _same_facts(path: Path, published: bytes, suffix: str) -> None:
    text = extract_text(path.read_bytes(), source=path.name)
    read = extract_text(published, source=path.stem + suffix)
    assert _facts(read) == _facts(text)
    assert read.targets and read.mentions  # the comparison compared something


@pytest.mark.parametrize("path", SEEDS_AND_DEV, ids=lambda p: p.name)
def test_a_web_page_gives_the_facts_of_its_text(path: Path) -> None:
    lines = _lines(path)
    _same_facts(path, render_html(lines, title=lines[0]), ".html")


@pytest.mark.parametrize("path", SEEDS_AND_DEV, ids=lambda p: p.name)
def test_a_word_file_gives_the_facts_of_its_text(path: Path) -> None:
    _same_facts(path, render_docx(_lines(path)), ".docx")


@pytest.mark.parametrize("path", PDF_DOCUMENTS, ids=lambda p: p.name)
def test_a_pdf_gives_the_facts_of_its_text(path: Path) -> None:
    """Ruled tables for some, unruled for the others; each PDF breaks a page inside its
    longest sentence and inside its biggest table, and its character map gives radicals
    (⼈⺠ for 人民), as Chromium's does."""
    _needs(CHROMIUM)
    ruled = PDF_DOCUMENTS.index(path) % 2 == 0
    _same_facts(path, render_pdf(_lines(path), ruled=ruled, raw=True), ".pdf")


def test_a_clause_keeps_where_it_stands_in_the_original() -> None:
    path = documents("seeds")[3]
    lines = _lines(path)
    page = render_html(lines, title=lines[0])
    x = extract_text(page, source="plan.html")
    tree = lxml.html.document_fromstring(page.decode())
    target = x.targets[0]
    clause = next(c for c in x.clauses if c.id == target.clause_id)
    assert clause.locator is not None
    [element] = tree.xpath(clause.locator)  # a path into the page as published
    assert clause.text[:10] in " ".join(element.text_content().split()).replace(" ", "")


def test_a_sentence_across_a_page_break_is_one_clause_with_both_pages() -> None:
    _needs(CHROMIUM)
    path = documents("seeds")[0]
    x = extract_text(render_pdf(_lines(path), ruled=True), source="plan.pdf")
    assert x.page_count is not None and x.page_count > 2
    assert any(c.locator and c.locator.startswith("pp. ") for c in x.clauses)
    assert all(c.locator and c.locator.startswith("p") for c in x.clauses)


def test_the_page_says_where_it_was_published() -> None:
    lines = _lines(documents("seeds")[0])
    x = extract_text(render_html(lines, title=lines[0]), source="plan.html")
    assert (x.source_format, x.source_url, x.encoding) == (
        "html",
        "https://www.example.gov.cn/zwgk/plan.html",
        "utf-8",
    )


def test_a_page_in_gb2312_is_read_in_the_encoding_it_declares() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>某省就业促进规划</title></head><body><p>某省就业促进规划</p>"
        "<p>到2025年，城镇新增就业50万人以上，城镇调查失业率控制在5.5%以内。</p></body></html>"
    )
    read = read_plan_file(page.encode("gb18030"), source="page.htm")
    assert read.encoding == "gb18030" and "城镇新增就业50万人以上" in read.text


def test_format_comes_from_the_bytes_not_the_name() -> None:
    _needs(CHROMIUM)
    pdf = render_pdf(_lines(documents("seeds")[1]), ruled=True)
    assert read_plan_file(pdf, source="plan.txt").source_format == "pdf"


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (blank_pdf(pages=3), "scan.pdf", "no text layer in its 3 pages"),
        (blank_pdf(password="secret"), "locked.pdf", "encrypted"),
        (b"%PDF-1.7\n1 0 obj <<garbage", "broken.pdf", "not a readable PDF"),
        (
            zip_archive({"word/document.xml": "<w:document>not xml"}),
            "broken.docx",
            "not a readable Word file",
        ),
        (zip_archive({"content.xml": "<x/>"}), "plan.odt", "not a Word (.docx) file"),
        (
            b"<html><body><nav><a href='/'>home</a></nav></body></html>",
            "empty.html",
            "no article text",
        ),
    ],
)
def test_an_unreadable_file_is_named_with_its_problem(data: bytes, name: str, says: str) -> None:
    with pytest.raises(UnreadableDocument) as raised:
        read_plan_file(data, source=name)
    assert str(raised.value).startswith(f"{name}: ") and says in str(raised.value)


def _doc(tmp_path: Path) -> bytes:
    """A .doc made the way LibreOffice writes one (from .odt: its direct .docx → .doc export
    drops python-docx tables)."""
    (tmp_path / "plan.docx").write_bytes(render_docx(_lines(documents("seeds")[4])))
    for target, source in (("odt", "plan.docx"), ("doc", "plan.odt")):
        reading.subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", target,
             "--outdir", str(tmp_path), str(tmp_path / source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    return (tmp_path / "plan.doc").read_bytes()


def test_a_doc_file_is_read_through_libreoffice(tmp_path: Path) -> None:
    _needs(Path("soffice"))
    doc = _doc(tmp_path)
    assert doc.startswith(b"\xd0\xcf\x11\xe0")
    x = extract_text(doc, source="plan.doc")
    assert x.source_format == "doc"
    assert _facts(x) == _facts(extract_text(documents("seeds")[4].read_bytes(), source="plan.txt"))


def test_without_libreoffice_a_doc_file_says_how_to_convert_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading.shutil, "which", lambda _: None)
    with pytest.raises(
        UnreadableDocument, match=r"plan\.doc: .*soffice --headless --convert-to docx"
    ):
        read_plan_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), source="plan.doc")


def test_a_mixed_folder_builds_the_good_files_and_names_the_bad(tmp_path: Path) -> None:
    _needs(CHROMIUM)
    seeds = documents("seeds")
    lines = [_lines(p) for p in seeds[:3]]
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(seeds[3], folder / "a.txt")
    (folder / "b.html").write_bytes(render_html(lines[0], title=lines[0][0]))
    (folder / "c.docx").write_bytes(render_docx(lines[1]))
    (folder / "d.pdf").write_bytes(render_pdf(lines[2], ruled=False))
    (folder / "e_scan.pdf").write_bytes(blank_pdf())
    (folder / "f_locked.pdf").write_bytes(blank_pdf(password="secret"))
    (folder / "g_broken.docx").write_bytes(
        zip_archive({"word/document.xml": "<w:document>not xml"})
    )
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "g.json")])
    assert built.exit_code == 1, built.output  # built, with files rejected
    assert "built 4 plans" in built.stdout
    reported = "".join(
        built.stderr.split()
    )  # rich wraps at the runner's width, at spaces or inside words
    for name, says in (
        ("e_scan.pdf", "notextlayer"),
        ("f_locked.pdf", "encrypted"),
        ("g_broken.docx", "notareadableWord"),
    ):
        assert f"{name}:{says}" in reported
    strict = runner.invoke(
        app, ["build", str(folder), "--strict", "--out", str(tmp_path / "s.json")]
    )
    assert strict.exit_code == 3 and "e_scan.pdf" in "".join(strict.stderr.split())
    assert not (tmp_path / "s.json").exists()


def test_a_sidecar_says_where_the_file_came_from(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    shutil.copy(documents("seeds")[0], plan)
    (tmp_path / "plan.source.yaml").write_text(
        "url: https://www.nmg.gov.cn/plan.html\nretrieved: 2026-11-02\npublisher: 内蒙古自治区人民政府办公厅\n",
        encoding="utf-8",
    )
    x = extract_file(plan)
    assert (x.source_url, x.retrieved_on, x.publisher) == (
        "https://www.nmg.gov.cn/plan.html",
        "2026-11-02",
        "内蒙古自治区人民政府办公厅",
    )
    store = EmbeddedStore.from_graph(build_knowledge_graph([x]))
    [row] = store.ask(Plans(plan_id=x.id))
    assert (row.source_format, row.source_url, row.retrieved_on) == (
        "text",
        x.source_url,
        "2026-11-02",
    )
    servings = store.ask(ProgramsForGroup(plan_id=x.id))
    quoting: list[Sequence[TargetRow | RegionProgramRow | ServingRow | ClauseHitRow]] = [
        store.ask(IndicatorTargets(plan_id=x.id)),
        store.ask(RegionsForProgram(program_id=servings[0].program_id, relation="COVERS")),
        servings,
        store.ask(ClauseSearch(terms=["就业"])),
    ]
    for rows in quoting:  # every question whose rows quote a plan says where to cite the plan from
        assert rows and {r.plan_source_url for r in rows} == {x.source_url}, rows[0]
    write_graphml(graph_from_store(store), tmp_path / "g.graphml")
    exported = nx.read_graphml(tmp_path / "g.graphml").nodes[x.id]
    assert (exported["source_url"], exported["publisher"], exported["sha256"]) == (
        x.source_url,
        x.publisher,
        x.sha256,
    )


def test_a_sidecar_with_a_typo_is_an_error_naming_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    shutil.copy(documents("seeds")[0], plan)
    (tmp_path / "plan.source.yaml").write_text("ulr: https://example.gov.cn/\n", encoding="utf-8")
    with pytest.raises(
        PlanError,
        match=r"plan\.txt: plan\.source\.yaml: expected the keys url, retrieved, publisher, region, not \['ulr'\]",
    ):
        extract_file(plan)


def test_source_url_names_one_file_only(tmp_path: Path) -> None:
    runner = CliRunner()
    seeds = documents("seeds")
    one = runner.invoke(
        app,
        [
            "build",
            str(seeds[0]),
            "--source-url",
            "https://example.gov.cn/a.html",
            "--out",
            str(tmp_path / "a.json"),
        ],
    )
    assert one.exit_code == 0, one.output
    plan = next(
        n for n in json.loads((tmp_path / "a.json").read_text())["nodes"] if "Plan" in n["labels"]
    )
    assert plan["source_url"] == "https://example.gov.cn/a.html"
    two = runner.invoke(
        app,
        ["build", str(seeds[0]), str(seeds[1]), "--source-url", "https://example.gov.cn/a.html"],
    )
    assert two.exit_code == 2 and "--source-url" in two.output


def test_word_headings_without_numbers_still_head_sections() -> None:
    """Word numbers headings itself, so their text has no 一、: the Heading style says what they are."""
    document = docx.Document()
    document.add_paragraph("江苏省“十四五”就业促进规划", style="Title")
    for heading, body in (
        ("总体要求", "坚持就业优先战略，实施更加积极的就业政策。"),
        ("主要目标", "到2025年，城镇新增就业50万人以上，城镇调查失业率控制在5.5%以内。"),
        ("重点任务", "每年开展补贴性职业技能培训10万人次以上。"),
    ):
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    out = io.BytesIO()
    document.save(out)
    x = extract_text(out.getvalue(), source="plan.docx")
    assert [s.heading for s in x.sections if s.heading] == ["总体要求", "主要目标", "重点任务"]
    main = {t.value: t.main for t in x.targets}
    assert main == {50.0: True, 5.5: True, 10.0: False}


def test_a_bold_paragraph_heads_a_section_and_a_bold_lead_stays_in_its_paragraph() -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>南京市就业促进实施方案</title></head><body>"
        "<p>南京市就业促进实施方案</p>"
        "<p><strong>总体要求</strong></p><p>坚持就业优先战略，实施更加积极的就业政策。</p>"
        "<p><span style='font-weight: bold'><b>主要目标</b></span></p>"
        "<p>到2025年，城镇新增就业5万人以上。</p>"
        "<p><b>重点任务</b></p><p><b>（一）稳定重点群体就业。</b>每年开展补贴性职业技能培训1万人次以上。</p>"
        "<p>支持<b>高校毕业生</b>到基层就业。</p>"
        "</body></html>"
    ).encode()
    x = extract_text(page, source="plan.html")
    assert [s.heading for s in x.sections if s.heading] == [
        "总体要求",
        "主要目标",
        "重点任务",
        "（一）稳定重点群体就业。",
    ]
    assert any(
        c.text.startswith("支持高校毕业生") for c in x.clauses
    )  # a bold word is not a heading
    assert {t.value: t.main for t in x.targets} == {5.0: True, 1.0: False}


def _numbered(document: docx.document.Document, text: str, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
    )


def test_the_numbers_word_writes_itself_are_read() -> None:
    """一、 and （一） from Word's numbering, not the text: the outline sees the headings a reader sees."""
    document = docx.Document()
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{text}"/></w:lvl>'
        for n, text in enumerate(("%1、", "（%2）"))
    )
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    document.add_paragraph("江苏省“十四五”就业促进规划", style="Title")
    _numbered(document, "总体要求", 0)
    _numbered(document, "指导思想", 1)
    _numbered(document, "主要目标", 1)
    document.add_paragraph("到2025年，城镇新增就业50万人以上。")
    _numbered(document, "重点任务", 0)
    _numbered(document, "扩大就业", 1)
    document.add_paragraph("每年开展补贴性职业技能培训10万人次以上。")
    out = io.BytesIO()
    document.save(out)
    x = extract_text(out.getvalue(), source="plan.docx")
    headings = [s.heading for s in x.sections if s.heading]
    assert headings == [
        "一、总体要求",
        "（一）指导思想",
        "（二）主要目标",
        "二、重点任务",
        "（一）扩大就业",
    ]
    assert {t.value: t.main for t in x.targets} == {50.0: True, 10.0: False}


def test_a_footnote_that_carries_a_figure_is_read() -> None:
    document = docx.Document()
    document.add_paragraph("江苏省“十四五”就业促进规划", style="Title")
    document.add_paragraph("到2025年，城镇新增就业50万人以上。")
    notes = (
        f'<w:footnotes {nsdecls("w")}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>城镇调查失业率控制在5.5%以内。</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, notes.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    x = extract_text(out.getvalue(), source="plan.docx")
    assert {t.value for t in x.targets} == {50.0, 5.5}
    [clause] = [c for c in x.clauses if "5.5%" in c.text]
    assert clause.locator == "footnote 1"
