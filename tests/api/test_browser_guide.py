"""The Neo4j Browser guide: one slide per starter query, each query intact, each one running on
the real server over the seeds, and the README listing the same queries."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.browser_guide import Starter, read_starters
from graph.embedded_store import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.questions import ProgramDiffusion
from graph.settings import Settings

STARTERS = Settings().paths.cypher_dir / "browser" / "starters.cypher"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def starters() -> list[Starter]:
    found = read_starters(STARTERS)
    assert len(found) >= 5, "the starter file lost its queries"
    return found


def test_a_title_may_run_over_several_comment_lines_and_a_comment_alone_is_no_starter(
    tmp_path: Path,
) -> None:
    path = tmp_path / "starters.cypher"
    path.write_text(
        "// What this file holds\n// and how\n\n// Plans\nMATCH (p:Plan) RETURN p\n\n"
        "// Programs, with the clause the API quotes\n// (its first statement)\n"
        "MATCH (g:Program) RETURN g\n",
        encoding="utf-8",
    )
    assert read_starters(path) == [
        Starter("Plans", "MATCH (p:Plan) RETURN p"),
        Starter(
            "Programs, with the clause the API quotes (its first statement)",
            "MATCH (g:Program) RETURN g",
        ),
    ]


def test_the_guide_has_a_slide_per_starter_query_each_intact(
    seeds_store: EmbeddedStore, starters: list[Starter]
) -> None:
    with TestClient(create_app(Settings(), store=seeds_store)) as client:
        response = client.get("/browser-guide")
        preflight = client.options("/browser-guide", headers={"Origin": "http://localhost:7474"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    assert (
        preflight.status_code == 204 and "GET" in preflight.headers["access-control-allow-methods"]
    )
    page = response.text
    assert page.count("<slide") == len(starters) + 1, "an introduction, then a slide per query"
    shown = [
        html.unescape(q) for q in re.findall(r'<pre class="[^"]*runnable">(.*?)</pre>', page, re.S)
    ]
    assert shown == [s.cypher for s in starters]
    assert all(html.escape(s.title) in page for s in starters)


def test_the_readme_lists_the_starter_queries(starters: list[Starter]) -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [s.title for s in starters if s.cypher not in readme]
    assert not missing, f"README.md lacks the starter queries {missing}"


@pytest.mark.neo4j
def test_every_starter_query_answers_on_neo4j(
    neo4j_loaded: Neo4jStore, starters: list[Starter]
) -> None:
    for starter in starters:
        records, _, _ = neo4j_loaded.driver.execute_query(
            starter.cypher, database_=neo4j_loaded.database
        )
        assert records, f"{starter.title!r} answers nothing over the seeds"


@pytest.mark.neo4j
def test_the_diffusion_starter_quotes_what_the_diffusion_answer_quotes(
    neo4j_loaded: Neo4jStore, starters: list[Starter]
) -> None:
    (starter,) = [s for s in starters if "spread" in s.title]
    records, _, _ = neo4j_loaded.driver.execute_query(
        starter.cypher, database_=neo4j_loaded.database
    )
    answer = neo4j_loaded.ask(ProgramDiffusion(program_id="program:ling-gong-shi-chang"))
    assert sorted((r["region"], r["clause"]) for r in records) == sorted(
        (row.region_name, row.text) for row in answer
    )
