"""The REST API through HTTP, on both stores: the researchers' questions answered with evidence,
tables as JSON and CSV, names resolved, and bad input never a 500."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

import networkx as nx
import pytest
from fastapi._compat import ModelField
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from graph.build import Graph
from graph.neo4j_store import Neo4jStore
from graph.questions import Store, default_registry, paged
from graph.settings import Settings
from loaders.gazetteer import default_gazetteer
from tests.conftest import PLANS_DIR

FLAGSHIP = "/programs/返乡创业园/regions?relation=funds&level=province"
NEW_JOBS = {
    "150000": (100, "万人"),
    "150800": (7500, "人"),
    "500000": (300, "万人"),
    "620000": (150, "万人"),
    "640000": (37.5, "万人"),
}
INJECTIONS = [
    "'}) DETACH DELETE n //",
    '" OR 1=1 --',
    "$program_id",
    "x` MATCH (n) DETACH DELETE n //",
    "%00",
    "<script>",
]


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]  # type: ignore[no-any-return]


def test_the_flagship_question_answers_with_the_funding_plans_and_their_quotes(
    client: TestClient,
) -> None:
    rows = client.get(FLAGSHIP).json()["data"]
    assert {r["region_code"] for r in rows} == {"150000", "620000"}
    for row in rows:
        assert row["plan_title"] and row["section_path"] and row["clause_id"]
        assert "创业园" in row["evidence"]
    covering = {
        r["region_code"] for r in client.get(FLAGSHIP.replace("funds", "covers")).json()["data"]
    }
    assert covering - {"150000", "620000"} >= {"500000", "640000"}, (
        "building or mentioning is not funding"
    )


def test_sub_regions_roll_up_to_their_province(client: TestClient) -> None:
    rows = client.get(
        "/programs/一次性创业补贴/regions?relation=funds&level=province&include_subregions=true"
    ).json()["data"]
    bayannur = [r for r in rows if r["plan_region_code"] == "150800"]
    assert bayannur and all(r["region_code"] == "150000" for r in bayannur)


def test_new_urban_jobs_are_one_row_per_plan_with_values_and_units(client: TestClient) -> None:
    rows = client.get("/indicators/城镇新增就业/targets").json()["data"]
    assert {r["region_code"]: (r["value"], r["unit"]) for r in rows} == NEW_JOBS
    assert len(rows) == len(NEW_JOBS)
    assert all(r["evidence"] and r["normalized_unit"] == "persons" for r in rows)


def test_csv_parses_back_to_the_same_rows(client: TestClient) -> None:
    json_rows = client.get("/indicators/城镇新增就业/targets").json()["data"]
    for response in (
        client.get("/indicators/城镇新增就业/targets?format=csv"),
        client.get("/indicators/城镇新增就业/targets", headers={"Accept": "text/csv"}),
    ):
        assert response.headers["content-type"].startswith("text/csv")
        assert response.content.startswith("\ufeff".encode())
        csv_rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [r["clause_id"] for r in csv_rows] == [r["clause_id"] for r in json_rows]
        for parsed, original in zip(csv_rows, json_rows, strict=True):
            assert parsed == {k: _as_csv(v) for k, v in original.items()}
        assert {r["main"] for r in csv_rows} <= {"true", "false"}  # as JSON spells them


@pytest.mark.parametrize(
    ("accept", "csv_expected"),
    [
        ("text/csv", True),
        ("text/csv;q=0.1, application/json", False),
        ("application/json;q=0.5, text/csv", True),
        ("text/*", True),
        ("*/*", False),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),  # a browser
        ("text/csv;q=0", False),
        ("not a media type", False),
    ],
)
def test_the_accept_header_is_ranked_by_its_q_values(
    client: TestClient, accept: str, csv_expected: bool
) -> None:
    response = client.get("/plans", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv") is csv_expected


@pytest.mark.parametrize(
    ("url", "unknown", "taken"),
    [
        ("/reuse?region=重庆", ["region"], "regions"),  # a typo for regions: never every region
        ("/plans/重庆/lineage?limit=5&ofset=2", ["limit", "ofset"], "table"),
        ("/indicators/城镇新增就业/targets?regoins=重庆", ["regoins"], "regions"),
    ],
)
def test_a_parameter_the_endpoint_does_not_take_is_a_422_naming_it(
    client: TestClient, url: str, unknown: list[str], taken: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert [d["parameter"] for d in error["details"]] == [f"query.{n}" for n in unknown]
    assert all(taken in d["problem"] for d in error["details"])


def test_a_parameter_given_twice_is_a_422_not_one_of_the_two(client: TestClient) -> None:
    response = client.get("/plans/巴彦淖尔/lineage?table=clauses&table=chapters&format=csv")
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail["parameter"] == "query.table" and "more than once" in detail["problem"]


@pytest.mark.parametrize(
    ("url", "parameter", "problem"),
    [
        ("/reuse?regions=", "query.regions", "names nothing: give one or more codes or names"),
        ("/reuse/pairs?regions=,，", "query.regions", "separated by , ， or 、"),
        ("/regions/%20/lineage", "path.region", "is blank: give a value"),
        ("/plans?region=%20", "query.region", "is blank"),
    ],
)
def test_a_blank_value_is_a_422_that_says_what_it_lacks_not_a_pattern(
    client: TestClient, url: str, parameter: str, problem: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail["parameter"] == parameter and problem in detail["problem"]


def test_the_schema_lists_every_query_parameter_a_route_takes() -> None:
    """The refusal trusts the OpenAPI schema: a parameter hidden from it would be refused."""
    app = create_app(Settings())
    listed = {
        (path, method.upper()): {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
        for path, ops in app.openapi()["paths"].items()
        for method, op in ops.items()
    }
    included = [getattr(r, "original_router", None) for r in app.routes]
    every = [*app.routes, *(r for router in included if router for r in router.routes)]
    routes = [r for r in every if isinstance(r, APIRoute) and r.include_in_schema]
    assert len(routes) > 20
    for route in routes:
        taken = {p.alias for p in _query(route)}
        for method in route.methods:
            assert listed[(route.path, method)] == taken, (route.path, method)


def _query(route: APIRoute) -> list[ModelField]:
    """The query parameters of a route and of every dependency it has."""
    found: list[ModelField] = []
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        found += dependant.query_params
        pending += dependant.dependencies
    return found


def test_every_parameter_the_schema_lists_is_taken(client: TestClient) -> None:
    """None of an endpoint's own parameters is refused: each documented one, given at once."""
    response = client.get(
        "/indicators/城镇新增就业/targets",
        params={"regions": "重庆", "year": 2025, "scope": "cumulative", "limit": 5, "offset": 0},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert client.get("/plans", params={"format": "csv", "explain": "true"}).status_code == 200


def _as_csv(value: Any) -> str:
    """A JSON value as a CSV cell holds it: nothing empty, truth values and lists as JSON."""
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (bool, list)) else str(value)


def test_region_export_is_graphml_networkx_can_read(client: TestClient, tmp_path: Any) -> None:
    response = client.get("/export/graphml?region=620000")
    assert response.status_code == 200
    path = tmp_path / "gansu.graphml"
    path.write_bytes(response.content)
    g = nx.read_graphml(path)
    plans = {a.get("region_code") for _, a in g.nodes(data=True) if a["labels"] == ":Plan"}
    assert plans == {"620000"}


@pytest.mark.parametrize(
    "spelling",
    ["返乡入乡创业园", "返乡创业园", "返鄉創業園", "program:fan-xiang-ru-xiang-chuang-ye-yuan"],
)
def test_program_names_resolve_from_any_spelling(client: TestClient, spelling: str) -> None:
    assert client.get(f"/programs/{spelling}").json()["program"]["name"] == "返乡入乡创业园"


@pytest.mark.parametrize("spelling", ["重庆", "重庆市", "500000", "重慶"])
def test_regions_resolve_from_codes_and_names(client: TestClient, spelling: str) -> None:
    assert client.get(f"/regions/{spelling}").json()["region"]["code"] == "500000"


def _region_facts(graph: Graph, relation: str) -> dict[str, set[str]]:
    """Region code → ids of the programs and groups its plans have ``relation`` to."""
    found: dict[str, set[str]] = {}
    for plan, target, attrs in graph.edges(data=True):
        if attrs["type"] == relation:
            found.setdefault(graph.nodes[plan]["region_code"], set()).add(target)
    return found


def test_compare_gives_each_program_and_group_a_quote_per_region(
    client: TestClient, graph: Graph
) -> None:
    body = client.get("/compare?regions=重庆,宁夏").json()
    covered, funded = _region_facts(graph, "COVERS"), _region_facts(graph, "FUNDS")
    codes = ("500000", "640000")
    for table, label in (("programs", "Program"), ("target_groups", "TargetGroup")):
        ids = {
            n for n in covered["500000"] | covered["640000"] if graph.nodes[n]["labels"] == (label,)
        }
        assert {row["id"] for row in body[table]} == ids, table
        for row in body[table]:
            assert row["shared"] == all(row["id"] in covered[code] for code in codes)
            for code in codes:
                quote = row["regions"][code]
                assert (quote is not None) == (row["id"] in covered[code]), (row["id"], code)
                if quote is None:
                    continue
                clause = graph.nodes[quote["clause_id"]]
                assert quote["evidence"] in clause["text"] and clause["plan_id"] == quote["plan_id"]
                expected = row["id"] in funded.get(code, set()) if label == "Program" else None
                assert quote["funded"] == expected, (row["id"], code)
    assert [row["shared"] for row in body["programs"]] == sorted(
        (row["shared"] for row in body["programs"]), reverse=True
    ), "shared programs first"
    (pair,) = body["similarity"]
    programs = {code: {n for n in covered[code] if n.startswith("program:")} for code in codes}
    assert pair["measure"] == "jaccard"
    assert pair["programs"] == pytest.approx(
        len(programs["500000"] & programs["640000"]) / len(programs["500000"] | programs["640000"])
    )


def test_compare_pivots_main_targets_one_row_per_indicator(
    client: TestClient, graph: Graph
) -> None:
    body = client.get("/compare?regions=重庆,宁夏").json()
    main = sorted(
        (graph.nodes[plan]["region_code"], indicator, attrs["clause_id"], attrs["value_text"])
        for plan, indicator, attrs in graph.edges(data=True)
        if attrs["type"] == "SETS_TARGET"
        and attrs["main"]
        and graph.nodes[plan]["region_code"] in ("500000", "640000")
    )
    cells = sorted(
        (code, row["indicator_id"], cell["clause_id"], cell["value_text"])
        for row in body["targets"]
        for code, cell in row["regions"].items()
        if cell is not None
    )
    assert cells == main, "every main target in exactly one cell"
    keys = [(row["indicator_id"], row["scope"], row["occurrence"]) for row in body["targets"]]
    assert len(keys) == len(set(keys))
    both = [row for row in body["targets"] if None not in row["regions"].values()]
    assert any(row["indicator"] == "城镇新增就业" for row in both), "a shared row pairs the regions"
    assert body["targets"][: len(both)] == both, "shared rows first"


def test_compare_csv_gives_every_table_with_a_column_group_per_region(client: TestClient) -> None:
    body = client.get("/compare?regions=重庆,宁夏").json()
    sizes = {
        "targets": len(body["targets"]),
        "programs": len(body["programs"]),
        "groups": len(body["target_groups"]),
        "similarity": 1,
    }
    for table, size in sizes.items():
        response = client.get(f"/compare?regions=重庆,宁夏&format=csv&table={table}")
        rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
        assert len(rows) == size, table
        assert response.headers["x-regions-searched"] == "500000,640000"
        if table in ("targets", "programs", "groups"):
            assert {"500000.evidence", "640000.evidence", "500000.clause_id"} <= set(rows[0])
    targets = client.get("/compare?regions=重庆,宁夏&format=csv&table=targets").text
    new_jobs = next(r for r in csv.DictReader(io.StringIO(targets.lstrip("\ufeff")))
                    if r["indicator"] == "城镇新增就业" and r["scope"] == "cumulative")  # fmt: skip
    assert float(new_jobs["500000.value"]) == NEW_JOBS["500000"][0]
    assert float(new_jobs["640000.value"]) == NEW_JOBS["640000"][0]


def test_a_region_without_plans_is_compared_as_not_loaded(client: TestClient) -> None:
    body = client.get("/compare?regions=重庆,四川").json()
    assert [r["code"] for r in body["coverage"]["not_loaded"]] == ["510000"]
    assert all(row["regions"]["510000"] is None for row in body["programs"] + body["targets"])
    assert any(row["shared"] for row in body["programs"]), "shared among regions with plans"
    (pair,) = body["similarity"]
    assert pair["programs"] is None and "四川省" in pair["note"]


def test_regions_may_be_listed_with_the_enumeration_comma(client: TestClient) -> None:
    listed = client.get("/compare", params={"regions": "重庆、宁夏"}).json()
    assert listed == client.get("/compare", params={"regions": "重庆,宁夏"}).json()


@pytest.mark.parametrize("url", ["/compare?regions=重庆,鼓楼区", "/reuse?regions=鼓楼区"])
def test_a_name_several_regions_bear_is_refused_with_them_listed(
    client: TestClient, url: str
) -> None:
    error = _error(client.get(url), 400)
    assert error["code"] == "ambiguous_name" and "鼓楼区" in error["message"]
    candidates = error["details"]["candidates"]
    assert {c.split()[0] for c in candidates} == {"320106", "320302", "350102", "410204"}
    assert "320106 南京市鼓楼区" in candidates


def test_indicator_targets_pivot_by_region_and_split_regions(client: TestClient) -> None:
    body = client.get("/indicators/城镇新增就业/targets?pivot=region&scope=cumulative").json()
    assert [r["code"] for r in body["regions"]] == sorted(NEW_JOBS)
    first = body["data"][0]
    for code, (value, unit) in NEW_JOBS.items():
        assert (first["regions"][code]["value"], first["regions"][code]["unit"]) == (value, unit)
    asked = client.get("/indicators/城镇新增就业/targets?regions=重庆,四川").json()
    split = {row["code"]: row["status"] for row in asked["by_region"]}
    assert split == {"500000": "sets_target", "510000": "not_loaded"}
    assert [r["code"] for r in asked["coverage"]["not_loaded"]] == ["510000"]


def test_search_finds_two_to_four_character_terms_with_highlights(client: TestClient) -> None:
    for term in ("零工", "创业园", "三支一扶", "零工市场"):
        body = client.get("/search", params={"q": term, "limit": 1000}).json()
        assert body["data"] and body["terms"][0] == term, term
        for hit in body["data"]:
            marked = re.findall("<mark>(.*?)</mark>", hit["highlight"])
            assert marked and set(marked) <= set(body["terms"]), hit
            assert html.unescape(re.sub("</?mark>", "", hit["highlight"])) == hit["text"]
    narrowed = client.get("/search", params={"q": "零工市场", "region": "甘肃"}).json()["data"]
    assert narrowed and {h["region_code"] for h in narrowed} == {"620000"}


def test_search_also_finds_the_other_names_of_what_it_names(client: TestClient) -> None:
    expanded = client.get("/search", params={"q": "返乡创业园", "limit": 1000}).json()
    assert "返乡入乡创业园" in expanded["terms"]
    assert any("返乡创业园" not in hit["text"] for hit in expanded["data"])
    literal = client.get("/search", params={"q": "返乡创业园", "expand": "false"}).json()
    assert literal["terms"] == ["返乡创业园"]
    assert all("返乡创业园" in hit["text"] for hit in literal["data"])
    assert literal["total"] < expanded["total"]


def test_explain_returns_the_cypher_that_ran(client: TestClient) -> None:
    body = client.get(FLAGSHIP + "&explain=true").json()
    ran, *split = body["explain"]
    assert [q["name"] for q in split] == ["program_region_relations"], "by_region's"
    assert ran["name"] == "regions_for_program"
    assert ran["cypher"] == paged(default_registry()["regions_for_program"].text)
    assert ran["parameters"]["relation"] == "FUNDS" and ran["parameters"]["level"] == "province"
    assert (ran["parameters"]["skip"], ran["parameters"]["limit"]) == (0, 100)


def test_paging_reports_totals_and_the_next_page(client: TestClient) -> None:
    first = client.get("/programs?limit=10").json()
    second = client.get("/programs?limit=10&offset=10").json()
    assert first["count"] == 10 and first["truncated"] and first["next_offset"] == 10
    assert first["total"] == second["total"] > 20
    assert {r["id"] for r in first["data"]}.isdisjoint(r["id"] for r in second["data"])


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/programs/不存在的项目", 404),
        ("/regions/999999", 404),
        ("/regions/火星", 404),
        ("/plans/plan:0000", 404),
        ("/programs?limit=1000000", 422),
        ("/programs?offset=-1", 422),
        ("/search?q=", 422),
        ("/search?q=园", 422),
        ("/search", 422),
        ("/compare?regions=重庆", 400),
        ("/programs/返乡创业园/regions?relation=owns", 422),
        ("/indicators/城镇新增就业/targets?year=99999", 422),
        ("/plans/003_0dc92ecbe2a20814.txt/facts?format=csv&table=everything", 422),
        ("/no/such/route", 404),
        ("/compare?regions=%C2%85", 404),  # U+0085: no blank to the schema's pattern, a name
    ],
)
def test_bad_input_gets_a_clear_error_in_one_shape(
    client: TestClient, url: str, status: int
) -> None:
    error = _error(client.get(url), status)
    assert error["message"]


@pytest.mark.parametrize(
    ("url", "suggested", "listed_at", "parameter"),
    [
        ("/programs/返乡创业", "返乡入乡创业园", "/programs", "path.name"),
        ("/target-groups/高校毕业/programs", "高校毕业生", "/target-groups", "path.name"),
        ("/indicators/城镇新增/targets", "城镇新增就业", "/indicators", "path.name"),
        ("/regions/宁厦", "宁夏回族自治区", "/coverage", "path.region"),
        ("/plans/003_0dc92ecbe2a20814", "plan:", "/plans", "path.plan"),
        ("/reuse?regions=重庆,宁厦", "宁夏回族自治区", "/coverage", "query.regions"),
        ("/plans?region=宁厦", "宁夏回族自治区", "/coverage", "query.region"),
        # 城镇 is in the path too, but it is the query's list that holds it
        ("/indicators/城镇新增就业/targets?regions=城镇", "", "/coverage", "query.regions"),
    ],
)
def test_unknown_names_come_with_suggestions_and_the_parameter_to_mend(
    client: TestClient, url: str, suggested: str, listed_at: str, parameter: str
) -> None:
    details = _error(client.get(url), 404)["details"]
    assert not suggested or any(suggested in s for s in details["suggestions"]), details
    assert details["listed_at"] == listed_at
    assert details["parameter"] == parameter


def test_a_region_without_plans_suggests_the_plans_under_it(client: TestClient) -> None:
    """内蒙古's own plan aside, 巴彦淖尔's is under it: a prefecture-less province has none."""
    details = _error(client.get("/plans/四川"), 404)["details"]
    assert details["suggestions"] == [] and details["listed_at"] == "/plans"
    plans = client.get("/plans").json()["data"]
    bayannur = next(p["id"] for p in plans if p["region_code"] == "150800")
    assert client.get("/plans/巴彦淖尔").json()["plan"]["id"] == bayannur


@pytest.mark.parametrize("attack", INJECTIONS)
def test_injection_attempts_in_every_parameter_change_nothing(
    client: TestClient, attack: str
) -> None:
    before = client.get("/stats").json()
    urls = [
        ("/programs/{}", {}), ("/programs/{}/regions", {}), ("/target-groups/{}/programs", {}),
        ("/indicators/{}/targets", {}), ("/regions/{}", {}), ("/plans/{}", {}), ("/plans/{}/facts", {}),
        ("/programs", {"q": attack}), ("/search", {"q": attack}), ("/search", {"q": "零工", "region": attack}),
        ("/compare", {"regions": f"重庆,{attack}"}), ("/indicators/城镇新增就业/targets", {"regions": attack}),
        ("/export/graphml", {"region": attack}), ("/target-groups/高校毕业生/programs", {"region": attack}),
    ]  # fmt: skip
    for template, params in urls:
        response = client.get(
            template.format(attack.replace("/", "%2F")) if "{}" in template else template,
            params=params,
        )
        assert response.status_code < 500, (template, response.text)
        if response.status_code >= 400:
            _error(response, response.status_code)
    assert client.get("/stats").json() == before


def test_health_names_the_store(client: TestClient, store: Store) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["store"] == ("neo4j" if isinstance(store, Neo4jStore) else "embedded")


def test_openapi_shows_real_chinese_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    text = str(schema)
    assert "返乡创业园" in text and "城镇新增就业" in text and "重庆,宁夏" in text
    assert "/programs/{name}/regions" in schema["paths"]


def test_a_plan_can_be_named_by_its_region_and_a_region_without_plans_says_so(
    client: TestClient,
) -> None:
    plan = client.get("/plans/宁夏")
    assert plan.status_code == 200 and plan.json()["plan"]["region_code"] == "640000", plan.text
    error = _error(client.get("/regions/四川"), 404)
    assert error["message"] == "四川省 (510000) has no plan loaded"


@pytest.mark.parametrize(
    ("url", "searched"),
    [
        ("/programs/返乡创业园/regions", {"150000", "150800", "500000", "620000", "640000"}),
        ("/plans?region=宁夏", {"640000"}),
        ("/search?q=零工市场&region=重庆", {"500000"}),
        ("/indicators/城镇新增就业/targets?regions=重庆,宁夏", {"500000", "640000"}),
    ],
)
def test_every_table_says_which_plans_it_searched(
    client: TestClient, url: str, searched: set[str]
) -> None:
    coverage = client.get(url).json()["coverage"]
    assert {region["code"] for region in coverage["regions"]} == searched
    assert coverage["plans"] == sum(region["plans"] for region in coverage["regions"])
    headers = client.get(url, headers={"Accept": "text/csv"}).headers
    assert set(headers["x-regions-searched"].split(",")) == searched
    assert int(headers["x-plans-searched"]) == coverage["plans"]


@pytest.mark.parametrize(
    ("path", "query", "size"),
    [
        ("/search", {"q": "就业", "region": "重庆"}, 3),
        ("/instruments/clauses", {"regions": "重庆"}, 3),
        ("/reuse/pairs", {}, 3),
        ("/indicators/高技能人才总量/targets", {"pivot": "region"}, 1),  # a row per scope
    ],
)
def test_a_csv_page_says_how_many_rows_the_whole_answer_has(
    client: TestClient, path: str, query: dict[str, str], size: int
) -> None:
    whole = client.get(path, params={**query, "limit": 1}).json()
    assert whole["total"] > size, "the answer must run over the pages asked for below"
    pages, offset = [], "0"
    while offset:
        asked = {**query, "limit": size, "offset": offset, "format": "csv"}
        response = client.get(path, params=asked)
        lines = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
        assert response.headers["x-total-count"] == str(whole["total"])
        assert response.headers["x-offset"] == offset
        pages.append(len(lines))
        offset = response.headers.get("x-next-offset", "")
    assert sum(pages) == whole["total"] and all(n == size for n in pages[:-1])


@pytest.mark.parametrize(
    ("urls", "subjects"),
    [
        (
            ["/programs/零工市场/diffusion", "/programs/三支一扶/diffusion"],
            ["ling-gong", "san-zhi"],
        ),
        (
            ["/plans/重庆/facts", "/plans/宁夏/facts"],
            ["targets-b0fd8f59c625dacf", "targets-741578977a72d5a3"],
        ),
        (
            ["/indicators/城镇新增就业/targets", "/indicators/城镇调查失业率/targets"],
            ["cheng-zhen"] * 2,
        ),
        (["/reuse?regions=重庆,宁夏", "/reuse?regions=重庆,甘肃"], ["500000-640000", "620000"]),
        (
            [
                "/programs/返乡创业园/regions?relation=funds",
                "/programs/返乡创业园/regions?relation=covers&level=province",
            ],
            ["-funds", "-covers-province"],
        ),
        (["/compare?regions=重庆,宁夏", "/compare?regions=重庆,甘肃"], ["640000", "620000"]),
    ],
)
def test_two_csv_downloads_of_one_kind_have_file_names_of_their_own(
    client: TestClient, urls: list[str], subjects: list[str]
) -> None:
    names = [
        client.get(url, headers={"Accept": "text/csv"}).headers["content-disposition"]
        for url in urls
    ]
    assert len(set(names)) == 2
    for name, subject in zip(names, subjects, strict=True):
        assert re.fullmatch(r'attachment; filename="[a-z0-9.-]+\.csv"', name)
        assert subject in name


@pytest.mark.parametrize(
    ("url", "searched"),
    [
        ("/compare?regions=重庆,宁夏", {"500000", "640000"}),
        ("/plans/宁夏/facts", {"640000"}),
        ("/regions/甘肃", {"620000"}),
        ("/programs/零工市场", {"150000", "150800", "500000", "620000", "640000"}),
    ],
)
def test_composite_answers_say_which_plans_they_read(
    client: TestClient, url: str, searched: set[str]
) -> None:
    coverage = client.get(url).json()["coverage"]
    assert {region["code"] for region in coverage["regions"]} == searched
    assert coverage["not_loaded"] == []


def test_coverage_lists_every_province_with_its_plans(client: TestClient, graph: Graph) -> None:
    body = client.get("/coverage").json()
    plans = {a["region_code"]: a for _, a in graph.nodes(data=True) if a["labels"] == ("Plan",)}
    rows = {row["code"]: row for row in body["regions"]}
    provinces = {c for c, r in default_gazetteer().by_code.items() if r.level == "province"}
    assert provinces <= set(rows) and set(plans) <= set(rows)
    for code, row in rows.items():
        assert row["loaded"] == (code in plans), code
        if code in plans:
            (plan,) = row["plans"]
            assert (plan["kind"], plan["source_format"]) == (plans[code]["kind"], "text")
    assert rows["150000"]["plans_below"] == 1, "巴彦淖尔 is under 内蒙古"
    assert body["summary"]["plans"] == len(plans)
    lines = list(
        csv.DictReader(io.StringIO(client.get("/coverage?format=csv").text.lstrip("\ufeff")))
    )
    assert [line["code"] for line in lines] == list(rows)


def test_regions_without_plans_lists_the_whole_gazetteer(client: TestClient) -> None:
    body = client.get("/regions", params={"with_plans": "false", "limit": 1000}).json()
    assert body["total"] == len(default_gazetteer().by_code)
    assert body["data"][0]["code"] == "100000" and body["next_offset"] == 1000
    loaded = client.get("/regions").json()
    assert loaded["total"] < body["total"]


def test_a_region_named_without_plans_is_listed_as_not_loaded(client: TestClient) -> None:
    for url in ("/plans?region=四川", "/search?q=零工市场&region=四川"):
        body = client.get(url).json()
        assert body["data"] == [] and body["coverage"]["not_loaded"] == [
            {"code": "510000", "name": "四川省", "level": "province"}
        ], url
        assert client.get(url + "&format=csv").headers["x-regions-not-loaded"] == "510000"


PARK_NAMES = ("返乡入乡创业园", "入乡返乡创业园", "返乡创业园")


def test_the_flagship_splits_every_province_by_what_its_plans_do(
    client: TestClient, graph: Graph
) -> None:
    """funds / covers / silent as the plans' text has it; the provinces without a plan are
    not_loaded, not silent."""
    url = "/programs/返乡创业园/regions?relation=funds&level=province&include_subregions=true"
    split = {row["code"]: row["status"] for row in client.get(url).json()["by_region"]}
    assert {code for code, status in split.items() if status == "funds"} == {"150000", "620000"}
    assert {code for code, status in split.items() if status == "covers"} == {"500000", "640000"}
    assert split["510000"] == "not_loaded" and "silent" not in split.values()
    assert len(split) == sum(
        1 for r in default_gazetteer().by_code.values() if r.level == "province"
    )

    own = client.get("/programs/返乡创业园/regions").json()["by_region"]
    texts = {
        a["region_code"]: (PLANS_DIR / a["source"]).read_text(encoding="utf-8")
        for _, a in graph.nodes(data=True)
        if a["labels"] == ("Plan",)
    }
    for row in own:
        mentioned = any(name in texts[row["code"]] for name in PARK_NAMES)
        assert mentioned == (row["status"] in ("funds", "covers")), row
