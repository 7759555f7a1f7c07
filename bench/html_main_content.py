"""Which main-content extractor keeps a plan's web page best: body, tables, no chrome.

Renders each seed plan and each development-half corpus document into a government-style
web page (``tests/renderers.render_html``: nav bar, breadcrumb, scripts, related links with
other documents' 文号, footer, a real ``<table>`` with a spanned cell, ``<br>``-joined
paragraphs), reads it back with each candidate main-content extractor and
reports, over all pages (``stripped`` is the reader's own; the others are the libraries):

- body lines kept: the plan's prose lines found again after normalisation;
- table rows kept: the rendered tables' rows found again as rows with the same cells;
- chrome leaked: words of the page's chrome (not of the plan's own text) found in the text the
  pipeline reads;
- facts equal: pages whose targets and FUNDS equal those read from the text file;
- milliseconds per page.

    python bench/html_main_content.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from lxml.etree import _Element  # noqa: E402
from readability import Document  # noqa: E402

from loaders.document import as_lines  # noqa: E402
from loaders.encoding import decode_plan  # noqa: E402
from loaders.html_reader import read_html, stripped_main  # noqa: E402
from loaders.normalize import normalise  # noqa: E402
from loaders.pipeline import extract_text  # noqa: E402
from loaders.table_layout import pipe_tables  # noqa: E402
from loaders.tables import is_table_line  # noqa: E402
from tests.documents import documents as annotated  # noqa: E402
from tests.renderers import blocks, render_html  # noqa: E402

CHROME = (
    "门户网站",
    "无障碍",
    "当前位置",
    "打印本页",
    "关闭窗口",
    "相关链接",
    "主办单位",
    "网站标识码",
    "网站地图",
    "政办发〔2020〕",
)
"""Words of the rendered page's chrome (tests/renderers.py) that no plan's text holds."""


def readability_main(page: _Element) -> _Element:
    """The article as readability-lxml (Apache-2.0) finds it, as a new tree."""
    summary = Document(lxml.html.tostring(page, encoding="unicode")).summary(html_partial=True)
    return lxml.html.fragment_fromstring(summary, create_parent="div")


def trafilatura_main(page: _Element) -> _Element:
    """The article as trafilatura (Apache-2.0) finds it, tables included, as a new tree."""
    found = trafilatura.extract(page, output_format="html", include_tables=True, favor_recall=True)
    return lxml.html.fragment_fromstring(found or "<p></p>", create_parent="div")


CANDIDATES = {
    "stripped": stripped_main,
    "readability": readability_main,
    "trafilatura": trafilatura_main,
}


def _cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.split("|") if c.strip())


def _facts(text: str, source: str) -> tuple[object, ...]:
    x = extract_text(text.encode(), source=source)
    return (
        sorted((t.indicator_id, t.value, t.year) for t in x.targets),
        sorted(f.program_id for f in x.fundings),
    )


def main() -> None:
    documents = annotated("seeds", "corpus-dev")
    print(f"{len(documents)} pages (the five seeds and the development half of the corpus)")
    print(
        f"{'method':12} {'body kept':>14} {'table rows kept':>16} {'chrome leaked':>14} {'facts equal':>12} {'ms/page':>8}"
    )
    for method, main_content in CANDIDATES.items():
        body = body_total = rows = rows_total = leaked = equal = 0
        times: list[float] = []
        for path in documents:
            data = path.read_bytes()
            lines = normalise(pipe_tables(decode_plan(data, source=path.name).text)).split("\n")
            page = render_html(lines, title=lines[0])
            start = time.perf_counter()
            document = read_html(page, source=path.name, main_content=main_content)
            times.append(time.perf_counter() - start)
            read = normalise(
                pipe_tables("\n".join(line.text for line in as_lines(document.blocks)))
            ).split("\n")
            read_rows = {_cells(line) for line in read if is_table_line(line)}
            read_text = set(read)
            prose = [line for line in lines if not is_table_line(line)]
            table = [row for block in blocks(lines) if block.kind == "table" for row in block.rows]
            body += sum(line in read_text for line in prose)
            body_total += len(prose)
            rows += sum(row in read_rows for row in table)
            rows_total += len(table)
            own = "\n".join(lines)  # a saved page's text may hold chrome words of its own
            leaked += sum(
                any(chrome in line for line in read) for chrome in CHROME if chrome not in own
            )
            equal += _facts("\n".join(read), path.name) == _facts("\n".join(lines), path.name)
        print(
            f"{method:12} {body / body_total:>8.3f} {body}/{body_total:<5}"
            f" {rows / max(rows_total, 1):>8.3f} {rows}/{rows_total:<4} {leaked:>14} {equal:>6}/{len(documents):<5}"
            f" {statistics.median(times) * 1000:>8.1f}"
        )


if __name__ == "__main__":
    main()
