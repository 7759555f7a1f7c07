"""Ingest throughput per published format, and the build time of a 100-page PDF.

Renders the five seeds and the development half of the corpus into a web page, a .docx and
a ruled text PDF (tests/renderers.py; rendering is not timed), then times reading and
extracting each (``loaders.pipeline.extract_text``: format sniffing, the format's reader,
normalisation, outline, extraction) against the text files, in characters of plan text per
second; PDFs also in pages per second. Then a 100-page PDF (the seeds' text repeated) is
built alone, as one plan.

    python bench/format_throughput.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.encoding import decode_plan  # noqa: E402
from loaders.normalize import normalise  # noqa: E402
from loaders.pipeline import extract_text  # noqa: E402
from loaders.table_layout import pipe_tables  # noqa: E402
from tests.documents import documents  # noqa: E402
from tests.renderers import render_docx, render_html, render_pdf  # noqa: E402

PAGES = 100


def _lines(path: Path) -> list[str]:
    return normalise(pipe_tables(decode_plan(path.read_bytes(), source=path.name).text)).split("\n")


def _timed(files: list[tuple[str, bytes]], rounds: int) -> float:
    """Median seconds to extract every file once."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for name, data in files:
            extract_text(data, source=name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    paths = documents("seeds", "corpus-dev")
    lines = {p.name: _lines(p) for p in paths}
    chars = sum(len("\n".join(v)) for v in lines.values())
    formats = {
        "text": [(p.name, p.read_bytes()) for p in paths],
        "html": [
            (p.stem + ".html", render_html(lines[p.name], title=lines[p.name][0])) for p in paths
        ],
        "docx": [(p.stem + ".docx", render_docx(lines[p.name])) for p in paths],
        "pdf": [(p.stem + ".pdf", render_pdf(lines[p.name], ruled=True, raw=True)) for p in paths],
    }
    pdf_pages = sum(
        extract_text(data, source=name).page_count or 0 for name, data in formats["pdf"]
    )
    for files in formats.values():
        extract_text(files[0][1], source=files[0][0])  # warm-up: vocabulary, gazetteer, jieba
    print(
        f"machine   {platform.processor() or platform.machine()}, {os.cpu_count()} cpus; pinned to 1"
    )
    print(
        f"python    {platform.python_version()}; pdfplumber {version('pdfplumber')}; pypdfium2 {version('pypdfium2')};"
        f" python-docx {version('python-docx')}; lxml {version('lxml')}"
    )
    print(
        f"data      {len(paths)} plans, {chars} characters of text; {pdf_pages} PDF pages; {args.rounds} rounds, median"
    )
    for name, files in formats.items():
        seconds = _timed(files, args.rounds)
        per_page = f", {pdf_pages / seconds:,.1f} pages/s" if name == "pdf" else ""
        print(f"{name:5}     {seconds:7.2f} s  {chars / seconds:>10,.0f} characters/s{per_page}")
    repeated: list[str] = []
    while True:
        for path in documents("seeds"):
            repeated.extend(lines[path.name] if not repeated else lines[path.name][1:])
        big = render_pdf(repeated, ruled=True, raw=True)
        start = time.perf_counter()
        x = extract_text(big, source="big.pdf")
        seconds = time.perf_counter() - start
        if (x.page_count or 0) >= PAGES:
            break
    print(
        f"big pdf   {x.page_count} pages, {len(x.text)} characters: built in {seconds:.1f} s"
        f" ({x.page_count / seconds:.1f} pages/s), {len(x.targets)} targets, {len(x.fundings)} FUNDS"
    )
    print(f"peak RSS  {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
