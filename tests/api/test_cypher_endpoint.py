"""``POST /cypher`` against a real Neo4j: read queries answer with JSON rows; writes, ``LOAD CSV``,
procedures outside the allow-list and administration commands are refused and leave the graph
as it was; rows are capped, long queries stopped, and every error is a 400 in the project's shape."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.cypher_guard import check_plan
from graph.embedded_store import EmbeddedStore
from graph.errors import CypherRefused
from graph.neo4j_store import Neo4jStore
from graph.settings import ApiSettings, Settings
from tests.live_server import live_server
from tests.neo4j_server import server_state

pytestmark = pytest.mark.neo4j
REGIONS = {
    "150000": "内蒙古自治区",
    "150800": "巴彦淖尔市",
    "500000": "重庆市",
    "620000": "甘肃省",
    "640000": "宁夏回族自治区",
}
HEAVY = "MATCH (a), (b) UNWIND range(1, 100000000) AS i RETURN count(*) AS n"
"""About 4.5 million node pairs times 10^8: a read that never ends on its own."""


def _client(store: Any, **settings: Any) -> TestClient:
    return TestClient(
        create_app(Settings(api=ApiSettings(**settings)), store=store),
        raise_server_exceptions=False,
    )


@pytest.fixture
def client(neo4j_loaded: Neo4jStore) -> Iterator[TestClient]:
    with _client(neo4j_loaded, cypher=True) as test_client:
        yield test_client


def _post(client: TestClient, query: str, **parameters: Any) -> Any:
    return client.post("/cypher", json={"query": query, "parameters": parameters})


def _rows(client: TestClient, query: str, **parameters: Any) -> dict[str, Any]:
    response = _post(client, query, **parameters)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]  # type: ignore[no-any-return]


def _refused(client: TestClient, query: str, rule: str) -> str:
    error = _error(_post(client, query), 400, "cypher_refused")
    assert error["details"] == {"rule": rule}, error
    return error["message"]  # type: ignore[no-any-return]


# --- reads -------------------------------------------------------------------------------------


def test_a_read_query_returns_columns_and_rows(client: TestClient) -> None:
    answer = _rows(
        client,
        "MATCH (r:Region)-[:ISSUED]->(p:Plan) RETURN r.code AS code, r.name AS region, p.title AS plan ORDER BY code",
    )
    assert answer["columns"] == ["code", "region", "plan"]
    assert {code: region for code, region, _ in answer["rows"]} == REGIONS
    assert all(plan for _, _, plan in answer["rows"])
    assert answer["count"] == 5 and answer["truncated"] is False and answer["max_rows"] == 1000


def test_nodes_relationships_and_paths_come_back_as_objects(client: TestClient) -> None:
    [[region]] = _rows(client, "MATCH (r:Region {code: $code}) RETURN r", code="640000")["rows"]
    assert region["labels"] == ["Region"] and region["element_id"]
    assert (
        region["properties"]["name"] == "宁夏回族自治区"
        and region["properties"]["code"] == "640000"
    )

    [[path]] = _rows(
        client,
        "MATCH path = (:Region {name: '巴彦淖尔市'})-[:PART_OF*]->(:Region {code: '100000'}) RETURN path",
    )["rows"]
    names = [n["properties"]["name"] for n in path["nodes"]]
    assert names == ["巴彦淖尔市", "内蒙古自治区", "中华人民共和国"]
    for rel, (start, end) in zip(path["relationships"], pairwise(path["nodes"]), strict=True):
        assert rel["type"] == "PART_OF" and (rel["start"], rel["end"]) == (
            start["element_id"],
            end["element_id"],
        )


def test_values_without_a_json_type_become_text(client: TestClient) -> None:
    [row] = _rows(
        client,
        "RETURN 0.0 / 0.0 AS nan, 1.0 / 0 AS inf, date('2021-12-16') AS day, duration('P1DT2H') AS span, "
        "point({x: 1, y: 2}) AS here, [1, {a: date('2025-01-01')}] AS nested",
    )["rows"]
    assert row == [
        "NaN",
        "Infinity",
        "2021-12-16",
        "P1DT2H",
        "point({srid: 7203, x: 1.0, y: 2.0})",
        [1, {"a": "2025-01-01"}],
    ]


def test_allowed_procedures_and_subqueries_run(client: TestClient) -> None:
    labels = _rows(client, "CALL db.labels()")
    assert labels["columns"] == ["label"]
    assert {"Region", "Plan", "Clause", "Program"} <= {label for [label] in labels["rows"]}
    hits = _rows(
        client,
        "CALL db.index.fulltext.queryNodes('clause_text', $q) YIELD node RETURN node.text AS text LIMIT 3",
        q='"零工市场"',
    )["rows"]
    assert hits and all("零工市场" in text for [text] in hits)
    assert _rows(client, "CALL () { MATCH (p:Plan) RETURN count(p) AS plans } RETURN plans")[
        "rows"
    ] == [[5]]
    assert (
        _rows(
            client,
            "MATCH (p:Plan) CALL { WITH p MATCH (p)-[:HAS_SECTION]->(s) RETURN count(s) AS n } RETURN sum(n) AS n",
        )["rows"][0][0]
        > 0
    )
    assert _rows(client, "// a comment; with a semicolon\nMATCH (p:Plan) RETURN count(p) AS n; ")[
        "rows"
    ] == [[5]]


# --- refusals ----------------------------------------------------------------------------------

WRITES = [
    "CREATE (:Program {id: 'program:x', name: 'x'})",
    "MERGE (r:Region {code: '999999'}) RETURN r",
    "MATCH (r:Region) SET r.name = 'x'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (r:Region) REMOVE r:Region",
    "CREATE INDEX cypher_test IF NOT EXISTS FOR (n:Program) ON (n.kind)",
    "CREATE CONSTRAINT cypher_test IF NOT EXISTS FOR (n:Program) REQUIRE n.kind IS UNIQUE",
    "MATCH (p:Plan) CALL (p) { DETACH DELETE p } RETURN count(*)",
    "CALL { CREATE (:Program {id: 'program:y'}) } RETURN 1",
    "MATCH (r:Region) FOREACH (x IN [1] | SET r.hacked = x)",
    "MATCH (r:Region) WITH r LIMIT 1 CALL { WITH r SET r.name = 'x' } IN TRANSACTIONS RETURN 1",
]


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_refused_and_change_nothing(
    client: TestClient, neo4j_loaded: Neo4jStore, query: str
) -> None:
    before = server_state(neo4j_loaded)
    message = _refused(client, query, "not_read_only")
    assert "read-only" in message
    assert server_state(neo4j_loaded) == before


@pytest.mark.parametrize(
    "query",
    [
        "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "load csv with headers from 'file:///etc/passwd' as row return row",
        "LOAD /* hidden */ CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "LOAD\n\t CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "CALL () { LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row } RETURN row",
    ],
)
def test_load_csv_is_refused(client: TestClient, query: str) -> None:
    assert "LOAD CSV" in _refused(client, query, "load_csv")


@pytest.mark.parametrize(
    "query",
    [
        "CALL dbms.components()",
        "CALL dbms.security.listUsers()",
        "CALL db.createLabel('X')",
        "call `dbms`.`components`() yield name return name",
        "CALL/* x */dbms . components()",
        "CALL () { CALL dbms.components() YIELD name RETURN name } RETURN name",
        "MATCH (n) WHERE EXISTS { CALL dbms.components() YIELD name RETURN name } RETURN count(n)",
        "CALL db.index.fulltext.drop('clause_text')",
    ],
)
def test_procedures_outside_the_allow_list_are_refused(
    client: TestClient, neo4j_loaded: Neo4jStore, query: str
) -> None:
    before = server_state(neo4j_loaded)
    assert "is not allowed" in _refused(client, query, "procedure")
    assert server_state(neo4j_loaded) == before


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ("USE system MATCH (n) RETURN n", "use"),
        ("USE neo4j MATCH (n) RETURN count(n)", "use"),
        ("MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n", "multiple_statements"),
        ("PROFILE MATCH (n) RETURN count(n)", "execution_mode"),
        ("  // only a comment", "empty"),
        ("SHOW TRANSACTIONS", "administration"),
        ("SHOW SETTINGS YIELD name RETURN name", "administration"),
        ("TERMINATE TRANSACTION 'neo4j-transaction-1'", "administration"),
    ],
)
def test_other_databases_several_statements_and_administration_are_refused(
    client: TestClient, query: str, rule: str
) -> None:
    _refused(client, query, rule)


def test_schema_listings_are_allowed(client: TestClient) -> None:
    names = {
        row[0] for row in _rows(client, "SHOW FULLTEXT INDEXES YIELD name RETURN name")["rows"]
    }
    assert names == {"clause_text"}


def test_the_plan_check_catches_what_the_text_check_might_miss() -> None:
    def plan(operator: str, details: str) -> dict[str, Any]:
        return {
            "operatorType": "ProduceResults@neo4j",
            "args": {},
            "children": [{"operatorType": operator, "args": {"Details": details}}],
        }

    check_plan("r", plan("ProcedureCall@neo4j", "db.labels() :: (label :: STRING)"))
    for operator, details in [
        ("ProcedureCall@neo4j", "dbms.components() :: (name :: STRING)"),
        ("LoadCSV@neo4j", "row"),
    ]:
        with pytest.raises(CypherRefused):
            check_plan("r", plan(operator, details))
    for query_type in ("w", "rw", "s", None):
        with pytest.raises(CypherRefused):
            check_plan(query_type, plan("AllNodesScan@neo4j", "n"))


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "load_csv"),
        ("CALL dbms.components()", "procedure"),
        ("CALL db.createLabel('X')", "procedure"),
        ("CALL () { CALL dbms.components() YIELD name RETURN name } RETURN name", "procedure"),
    ],
)
def test_the_servers_plan_refuses_even_when_the_text_check_is_bypassed(
    client: TestClient,
    neo4j_loaded: Neo4jStore,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    rule: str,
) -> None:
    monkeypatch.setattr("graph.readonly_cypher.check_text", lambda text: text)
    before = server_state(neo4j_loaded)
    _refused(client, query, rule)
    assert server_state(neo4j_loaded) == before


# --- limits and server errors ------------------------------------------------------------------


def test_the_row_cap_sets_truncated(neo4j_loaded: Neo4jStore) -> None:
    with _client(neo4j_loaded, cypher=True, cypher_max_rows=10) as capped:
        many = _rows(capped, "MATCH (c:Clause) RETURN c.id AS id")
        assert (many["count"], len(many["rows"]), many["truncated"], many["max_rows"]) == (
            10,
            10,
            True,
            10,
        )
        exact = _rows(capped, "UNWIND range(1, 10) AS i RETURN i")
        assert (exact["count"], exact["truncated"]) == (10, False)
        assert _rows(capped, "UNWIND range(1, 11) AS i RETURN i")["truncated"] is True
        huge = _rows(capped, "UNWIND range(1, 50000000) AS i RETURN i")
        assert huge["rows"] == [[i] for i in range(1, 11)] and huge["truncated"] is True


def test_a_query_that_runs_too_long_is_stopped_with_a_400(neo4j_loaded: Neo4jStore) -> None:
    with _client(neo4j_loaded, cypher=True, cypher_timeout=1) as hurried:
        started = time.monotonic()
        error = _error(_post(hurried, HEAVY), 400, "cypher_timeout")
        assert time.monotonic() - started < 30
        assert "1 s" in error["message"] and "TimedOut" in error["details"]["neo4j_code"]
        assert _rows(hurried, "MATCH (p:Plan) RETURN count(p) AS n")["rows"] == [[5]], (
            "the store still answers"
        )


@pytest.mark.parametrize(
    ("query", "neo4j_code"),
    [
        ("MATCH (n RETURN n", "Neo.ClientError.Statement.SyntaxError"),
        ("RETURN $missing AS x", "Neo.ClientError.Statement.ParameterMissing"),
        ("RETURN 1 / 0 AS boom", "Neo.ClientError.Statement.ArithmeticError"),
    ],
)
def test_server_errors_are_400s_with_the_servers_message(
    client: TestClient, query: str, neo4j_code: str
) -> None:
    error = _error(_post(client, query), 400, "cypher_error")
    assert error["details"]["neo4j_code"] == neo4j_code and error["message"]


def test_syntax_errors_point_into_the_query_as_sent(client: TestClient) -> None:
    error = _error(_post(client, "MATCH (n RETURN n"), 400, "cypher_error")
    assert "EXPLAIN" not in error["message"], error
    assert "(line 1, column 10 (offset: 9))" in error["message"]
    assert '"MATCH (n RETURN n"\n          ^' in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"query": "RETURN 1" + " " * 10_000},
        {"query": ""},
        {"query": "RETURN 1", "params": {}},
        {"parameters": {}},
    ],
)
def test_bad_bodies_are_422s(client: TestClient, body: dict[str, Any]) -> None:
    _error(client.post("/cypher", json=body), 422, "invalid_parameter")


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('{"query": "RETURN $x", "parameters": {"x": ' + _nested(40) + "}}", "nested deeper"),
        ('{"query": "RETURN $x", "parameters": {"x": ' + _nested(300) + "}}", "nested deeper"),
        ('{"query": "RETURN $x", "parameters": {"x": ' + _nested(100_000) + "}}", "nested deeper"),
        ('{"query": "RETURN $x", "parameters": {"x": "a\\ud800b"}}', "lone surrogate"),
        ('{"query": "RETURN $x", "parameters": {"\\udc00": 1}}', "lone surrogate"),
        ('{"query": "RETURN $x", "parameters": {"x": [1, ' + str(10**30) + "]}}", "64 bits"),
        ('{"query": "RETURN 1", "parameters": {}', "not JSON"),
    ],
)
def test_parameters_no_driver_can_send_are_400s_naming_them(
    client: TestClient, body: str, problem: str
) -> None:
    response = client.post("/cypher", content=body, headers={"Content-Type": "application/json"})
    error = _error(response, 400, "invalid_input")
    assert problem in error["message"], error


def test_server_internals_stay_in_the_log(client: TestClient) -> None:
    """A full-text query Lucene cannot parse: the message names Neo4j's code, not Java's
    classes (which the log keeps)."""
    query = "CALL db.index.fulltext.queryNodes('clause_text', 'AND OR ((') YIELD node RETURN node"
    error = _error(_post(client, query), 400, "cypher_error")
    assert "org.apache" not in error["message"] and "Exception" not in error["message"], error
    assert "Neo.ClientError" in error["message"], error


def test_a_body_over_the_limit_is_413_and_never_read_when_off(neo4j_loaded: Neo4jStore) -> None:
    big = {"query": "RETURN 1", "parameters": {"x": "字" * 600_000}}
    with _client(neo4j_loaded, cypher=True, max_request_bytes=1024 * 1024) as on:
        _error(on.post("/cypher", json=big), 413, "too_large")
    with _client(neo4j_loaded) as off:
        _error(off.post("/cypher", json=big), 404)


def test_an_answer_is_capped_in_bytes_not_only_rows(neo4j_loaded: Neo4jStore) -> None:
    with _client(neo4j_loaded, cypher=True, cypher_max_bytes=4096) as capped:
        body = _rows(capped, "UNWIND range(1, 100) AS i RETURN i, $text AS text", text="字" * 200)
    assert body["truncated"] and body["truncated_by"] == "bytes"
    assert 0 < body["count"] < 100 and body["max_bytes"] == 4096


def test_queries_beyond_the_concurrency_limit_are_429s_and_the_api_stays_responsive(
    neo4j_loaded: Neo4jStore,
) -> None:
    """Through a real server (concurrent requests): one slot, a query that holds it until its
    timeout, a second query refused at once, and /health answering meanwhile."""
    settings = Settings(api=ApiSettings(cypher=True, cypher_concurrency=1, cypher_timeout=3))
    with (
        live_server(create_app(settings, store=neo4j_loaded)) as base,
        ThreadPoolExecutor(1) as pool,
        httpx2.Client(base_url=base, timeout=30) as http,
    ):
        slow = pool.submit(http.post, "/cypher", json={"query": HEAVY})
        time.sleep(0.5)  # the slow query holds the slot
        _error(http.post("/cypher", json={"query": "RETURN 1 AS n"}), 429, "too_many_queries")
        started = time.monotonic()
        assert http.get("/health").status_code == 200
        assert time.monotonic() - started < 1.0, "the rest of the API waited"
        assert slow.result().status_code == 400, "the slow query ends at its timeout"
        again = http.post("/cypher", json={"query": "RETURN 1 AS n"})
        assert again.status_code == 200, "the slot is free again"


# --- availability ------------------------------------------------------------------------------


def test_off_by_default(neo4j_loaded: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLICYGRAPH_CYPHER", raising=False)
    with TestClient(
        create_app(Settings(), store=neo4j_loaded), raise_server_exceptions=False
    ) as off:
        error = _error(_post(off, "MATCH (n) RETURN count(n)"), 404, "not_found")
        assert "POLICYGRAPH_CYPHER" in error["message"]
        _error(off.post("/cypher", json={"query": "x" * 20_000}), 404, "not_found")


def test_refused_on_the_embedded_store(seeds_store: EmbeddedStore) -> None:
    with _client(seeds_store, cypher=True) as embedded:
        error = _error(_post(embedded, "MATCH (n) RETURN count(n)"), 400, "cypher_not_available")
        assert "Neo4j" in error["message"]
