"""The named-query registry: headers that match their queries, every file used, no name missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graph.embedded_store import question_queries
from graph.errors import QueryFileError
from graph.graph_file import sql_queries
from graph.queries import SQL, QueryRegistry, parse_query
from graph.questions import QUESTIONS, checked_registry, default_registry
from graph.schema import Label
from graph.settings import get_settings


def test_every_question_has_an_embedded_answer_and_nothing_else() -> None:
    assert (
        {q.name for q in default_registry().read_queries()}
        == {spec.name for spec in QUESTIONS}
        == {q.name for q in question_queries().read_queries()}
    )


def _cypher_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "cypher"
    shutil.copytree(get_settings().paths.cypher_dir, copy)
    return copy


@pytest.mark.parametrize(
    ("edits", "refusal"),
    [
        (
            [
                ("// Parameters: $plan_id", "// Parameters: $plan_id, $year"),
                ("{id: $plan_id}", "{id: $plan_id, year: $year}"),
            ],
            r"plan_fundings: header lists parameters \['plan_id', 'year'\], the spec \['plan_id'\]",
        ),
        ([("evidence, locator", "evidence")], r"plan_fundings: header returns .*, FundingRow has"),
    ],
)
def test_a_file_that_drifts_from_its_spec_is_refused(
    tmp_path: Path, edits: list[tuple[str, str]], refusal: str
) -> None:
    folder = _cypher_copy(tmp_path)
    path = folder / "plan_fundings.cypher"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryFileError, match=refusal):
        checked_registry(folder)


def test_a_question_without_a_file_or_a_file_without_a_spec_is_refused(tmp_path: Path) -> None:
    folder = _cypher_copy(tmp_path)
    (folder / "plan_citations.cypher").rename(folder / "plan_cited.cypher")
    with pytest.raises(QueryFileError, match="plan_cited: a question file with no spec"):
        checked_registry(folder)
    (folder / "plan_cited.cypher").unlink()
    with pytest.raises(QueryFileError, match=r"no query file in .* for \['plan_citations'\]"):
        checked_registry(folder)


def test_every_store_query_is_used_by_the_neo4j_store() -> None:
    graph_dir = Path(get_settings().paths.cypher_dir).parent / "graph"
    source = "".join(
        (graph_dir / name).read_text(encoding="utf-8")
        for name in ("neo4j_store.py", "neo4j_load.py")
    )
    store_queries = [name for name in default_registry().names if "/" in name]
    assert store_queries
    for name in store_queries:
        assert f'"{name}"' in source, name


def _returned_columns(text: str) -> list[str]:
    """The column names of the final RETURN, split at top-level commas."""
    clause = re.split(r"\bORDER BY\b|\bLIMIT\b", text.rsplit("RETURN", 1)[1])[0]
    items, depth, current = [], 0, ""
    for ch in clause:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [item.split(" AS ")[-1].strip().split(".")[-1] for item in items]


def test_headers_list_exactly_the_parameters_and_say_what_comes_back() -> None:
    for query in default_registry().read_queries():
        assert query.purpose and query.columns, query.name
        assert list(query.columns) == _returned_columns(query.text), query.name


def test_sql_headers_say_what_comes_back() -> None:
    """An SQL question answers with one JSON object per row; its keys are the header's columns."""
    for query in question_queries().read_queries():
        final = query.text.rsplit("SELECT json_object(", 1)[1]
        keys = re.findall(r"'([a-z0-9_]+)',\s*(?!')", final.split("\nFROM")[0])
        assert query.purpose and list(query.columns) == keys, query.name


def test_a_sql_file_that_drifts_from_its_spec_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "sql"
    shutil.copytree(sql_queries().directory, folder)
    path = folder / "plan_fundings.sql"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("-- Parameters: :plan_id", "-- Parameters: :plan_id, :x")
        .replace("WHERE funds.source = :plan_id", "WHERE funds.source = :plan_id AND :x"),
        encoding="utf-8",
    )
    with pytest.raises(QueryFileError, match=r"header lists parameters \['plan_id', 'x'\]"):
        checked_registry(folder, SQL)


def test_a_header_that_drifts_from_its_query_is_refused() -> None:
    with pytest.raises(
        QueryFileError, match=r"header lists \['a'\] but the query uses \['a', 'b'\]"
    ):
        parse_query("drift", "// Drifted.\n// Parameters: $a\n// Returns: x\nRETURN $a + $b AS x")


def test_unknown_names_fail_fast(tmp_path: Path) -> None:
    (tmp_path / "one.cypher").write_text(
        "// One.\n// Parameters: none\n// Returns: x\nRETURN 1 AS x", encoding="utf-8"
    )
    registry = QueryRegistry(tmp_path)
    assert registry["one"].parameters == frozenset()
    with pytest.raises(QueryFileError, match="no named query 'two'"):
        registry["two"]


def test_tokens_are_filled_only_as_declared() -> None:
    query = default_registry()["load/merge_nodes"]
    assert ":Program {id: row.id}" in query.fill(label="Program")
    with pytest.raises(QueryFileError):
        query.fill(label="Program", extra="x")


def test_schema_statements_cover_every_label() -> None:
    statements = default_registry()["schema/constraints"].statements()
    for label in Label:
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in statements), label
    assert any("fulltext.analyzer`: 'cjk'" in s for s in statements)
