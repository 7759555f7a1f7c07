"""The read-only Cypher gate without a server: what the text check sees through (comments, strings,
odd spacing, backticks), what it lets pass (subqueries, allowed procedures), and the plan check on
hand-made plans. The same rules against a real Neo4j are in tests/api/test_cypher_endpoint.py."""

from __future__ import annotations

from typing import Any

import pytest

from graph.cypher_guard import (
    called_procedures,
    check_plan,
    check_text,
    mask,
    procedure_name,
    unexplain,
)
from graph.errors import CypherRefused, InvalidInput


def _rule(query: str) -> str:
    with pytest.raises(CypherRefused) as refused:
        check_text(query)
    return refused.value.rule


# --- the text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'it''s' AS s",
        "RETURN 'a // not a comment' AS s, \"/* nor this */\" AS t",
        "RETURN 'it\\'s; LOAD CSV' AS s",
        "MATCH (n:`we``ird`) RETURN n",
        "RETURN 'unterminated",
        "RETURN 1 /* unterminated",
        "",
    ],
)
def test_mask_keeps_length_so_positions_match(query: str) -> None:
    assert len(mask(query)) == len(query)


def test_mask_blanks_comments_and_empties_strings_but_keeps_names() -> None:
    assert (
        mask("RETURN 'LOAD CSV' AS s // CALL x\n")
        == "RETURN 'xxxxxxxx' AS s " + " " * len("// CALL x") + "\n"
    )
    assert mask("/* a\nb */MATCH (`n;`)") == "    \n    MATCH (`n;`)"


@pytest.mark.parametrize(
    "query",
    [
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "load csv with headers from 'x' as row return row",
        "LOAD /* hidden */ CSV FROM 'x' AS row RETURN row",
        "LOAD // hidden\nCSV FROM 'x' AS row RETURN row",
        "LOAD\n\t CSV FROM 'x' AS row RETURN row",
        "CALL () { LOAD CSV FROM 'x' AS row RETURN row } RETURN row",
    ],
)
def test_load_csv_is_found_however_it_is_spelled(query: str) -> None:
    assert _rule(query) == "load_csv"


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'LOAD CSV FROM x' AS s",
        "// LOAD CSV FROM 'x'\nRETURN 1",
        "/* CALL dbms.components() */ RETURN 1",
        'RETURN "CALL dbms.components()" AS s',
    ],
)
def test_words_in_strings_and_comments_are_not_code(query: str) -> None:
    assert check_text(query) == query


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("db.labels", "db.labels"),
        ("db . `labels`", "db.labels"),
        ("`dbms`.`components`", "dbms.components"),
        ("`we``ird`.x", "we`ird.x"),
    ],
)
def test_procedure_names_are_read_as_the_server_reads_them(text: str, name: str) -> None:
    assert procedure_name(text) == name


@pytest.mark.parametrize(
    ("query", "called"),
    [
        ("CALL db.labels()", ["db.labels"]),
        ("call `dbms`.`components`() yield name return name", ["dbms.components"]),
        ("CALL/* x */dbms . components()", ["dbms.components"]),
        ("CALL { MATCH (n) RETURN n } RETURN n", []),
        ("CALL () { MATCH (n) RETURN n } RETURN n", []),
        ("MATCH (p) CALL (p) { RETURN 1 AS one } RETURN one", []),
        ("MATCH (n:CALL) RETURN n.call, $call", []),
        (
            "MATCH (n) WHERE EXISTS { CALL dbms.components() YIELD name RETURN name } RETURN n",
            ["dbms.components"],
        ),
    ],
)
def test_called_procedures_skip_subqueries_and_names_that_only_look_like_call(
    query: str, called: list[str]
) -> None:
    assert called_procedures(mask(query)) == called


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.labels()",
        "CALL DB.LABELS()",
        "CALL `db`.`labels`()",
        "CALL db.index.fulltext.queryNodes('clause_text', $q) YIELD node RETURN node",
        "CALL () { MATCH (p:Plan) RETURN count(p) AS plans } RETURN plans",
        "MATCH (p:Plan) CALL { WITH p MATCH (p)-[:HAS_SECTION]->(s) RETURN count(s) AS n } RETURN sum(n) AS n",
    ],
)
def test_allowed_procedures_and_subqueries_pass(query: str) -> None:
    assert check_text(query) == query


@pytest.mark.parametrize(
    "query",
    [
        "CALL dbms.components()",
        "call `dbms`.`components`() yield name return name",
        "CALL db . createLabel('X')",
        "CALL () { CALL dbms.security.listUsers() } RETURN 1",
        "CALL `db.labels`.x()",
    ],
)
def test_procedures_outside_the_allow_list_are_refused(query: str) -> None:
    assert _rule(query) == "procedure"


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ("USE system MATCH (n) RETURN n", "use"),
        ("use `neo4j` MATCH (n) RETURN n", "use"),
        ("RETURN 1; RETURN 2", "multiple_statements"),
        ("MATCH (n) RETURN count(n);\nMATCH (n) DETACH DELETE n;", "multiple_statements"),
        ("PROFILE MATCH (n) RETURN n", "execution_mode"),
        ("  explain MATCH (n) RETURN n", "execution_mode"),
        ("  // only a comment", "empty"),
        ("/* nothing */ ;", "empty"),
    ],
)
def test_other_graphs_several_statements_and_own_execution_modes_are_refused(
    query: str, rule: str
) -> None:
    assert _rule(query) == rule


def test_a_trailing_semicolon_and_comment_are_dropped_inner_ones_in_strings_kept() -> None:
    assert check_text("MATCH (n) RETURN count(n) ; // done") == "MATCH (n) RETURN count(n) "
    assert (
        check_text("// a comment; with a semicolon\nRETURN ';' AS s")
        == "// a comment; with a semicolon\nRETURN ';' AS s"
    )
    assert check_text("MATCH (n) WHERE n.use = 1 RETURN n") == "MATCH (n) WHERE n.use = 1 RETURN n"


def test_refusals_are_invalid_input_with_a_rule_and_a_reason() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_text("CALL dbms.components()")
    assert isinstance(refused.value, CypherRefused) and refused.value.rule == "procedure"
    assert str(refused.value).startswith(
        "procedure dbms.components is not allowed; allowed: db.index.fulltext"
    )


# --- the plan ------------------------------------------------------------------------------------


def _plan(*operators: tuple[str, str]) -> dict[str, Any]:
    """A chain of operators under ProduceResults, each the only child of the one before."""
    plan: dict[str, Any] = {"operatorType": "ProduceResults@neo4j", "args": {}, "children": []}
    parent = plan
    for operator, details in operators:
        child = {"operatorType": operator, "args": {"Details": details}, "children": []}
        parent["children"].append(child)
        parent = child
    return plan


def _plan_rule(query_type: str | None, plan: dict[str, Any] | None) -> str:
    with pytest.raises(CypherRefused) as refused:
        check_plan(query_type, plan)
    return refused.value.rule


def test_read_plans_with_allowed_operators_pass() -> None:
    check_plan("r", _plan(("Filter@neo4j", "n:Plan"), ("AllNodesScan@neo4j", "n")))
    check_plan("r", _plan(("ProcedureCall@neo4j", "db.labels() :: (label :: STRING)")))
    check_plan("r", _plan(("ShowIndexes@neo4j", "fulltext")))


@pytest.mark.parametrize(
    ("operators", "rule"),
    [
        (
            [
                ("Apply@neo4j", ""),
                ("ProcedureCall@neo4j", "`dbms`.`components`() :: (name :: STRING)"),
            ],
            "procedure",
        ),
        ([("LoadCSV@neo4j", "row")], "load_csv"),
        ([("ShowTransactions@neo4j", "allColumns")], "administration"),
        ([("ShowSettings@neo4j", "")], "administration"),
        ([("TerminateTransactions@neo4j", "")], "administration"),
    ],
)
def test_plans_with_forbidden_operators_are_refused_at_any_depth(
    operators: list[tuple[str, str]], rule: str
) -> None:
    assert _plan_rule("r", _plan(*operators)) == rule


@pytest.mark.parametrize("query_type", ["w", "rw", "s", None, ""])
def test_only_read_only_query_types_pass(query_type: str | None) -> None:
    assert _plan_rule(query_type, _plan(("AllNodesScan@neo4j", "n"))) == "not_read_only"


def test_no_plan_is_refused() -> None:
    assert _plan_rule("r", None) == "no_plan"


# --- the server's messages -----------------------------------------------------------------------


def test_unexplain_counts_positions_in_the_query_as_sent() -> None:
    message = (
        "Invalid input 'RETURN' (line 1, column 18 (offset: 17))\n"
        '"EXPLAIN MATCH (n RETURN n"\n' + " " * 18 + "^"
    )
    assert (
        unexplain(message) == "Invalid input 'RETURN' (line 1, column 10 (offset: 9))\n"
        '"MATCH (n RETURN n"\n' + " " * 10 + "^"
    )
    assert (
        unexplain("Variable `x` not defined (line 2, column 3 (offset: 20))")
        == "Variable `x` not defined (line 2, column 3 (offset: 12))"
    )
