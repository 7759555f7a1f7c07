"""The Neo4j Browser guide (``:play <api>/browser-guide``): the starter queries of
``cypher/browser/starters.cypher`` as slides whose queries a click puts in the editor."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Starter:
    title: str
    cypher: str


def read_starters(path: Path) -> list[Starter]:
    """The file's blocks (separated by blank lines) that hold a query: ``//`` title lines (a
    title may run over several), then the query; a block of comments alone, such as the file's
    opening one, is skipped."""
    starters: list[Starter] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        titled = 0
        while titled < len(lines) and lines[titled].startswith("//"):
            titled += 1
        if titled == 0 or titled == len(lines):
            continue
        title = " ".join(line.removeprefix("//").strip() for line in lines[:titled])
        starters.append(Starter(title, "\n".join(lines[titled:])))
    return starters


def _slide(title: str, body: str) -> str:
    return (
        '<slide class="row-fluid"><div class="col-sm-12">'
        f"<h3>{html.escape(title)}</h3>{body}</div></slide>"
    )


def render_guide(starters: list[Starter]) -> str:
    """The guide as Browser reads it: an ``article.guide`` with a carousel of slides."""
    intro = _slide(
        "policygraph",
        "<p class='lead'>Chinese employment-promotion plans as a graph: regions issue plans; "
        "plans cover target groups and programs, fund programs and set targets for indicators; "
        "every fact keeps the clause it comes from (<code>clause_id</code>, "
        "<code>evidence</code>).</p><p>Click a query to put it in the editor, then run it. "
        "The API's <code>?explain=true</code> shows the Cypher behind any of its answers.</p>",
    )
    slides = [
        _slide(s.title, f'<pre class="pre-scrollable code runnable">{html.escape(s.cypher)}</pre>')
        for s in starters
    ]
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>policygraph</title></head><body>'
        '<article class="guide"><carousel class="deck container-fluid">'
        + intro
        + "".join(slides)
        + "</carousel></article></body></html>"
    )
