"""The lineage answers over HTTP, on both stores: both quotes of every alignment, what was
searched, shares that add up, CSV, and 404s that name what is missing."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.lineage_tables import regions_above
from graph.model import PlanExtraction
from tests.conftest import by_prefix

BAYANNUR, INNER_MONGOLIA, ORDOS, COUNTRY = "150800", "150000", "150600", "100000"


def _csv(client: TestClient, url: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    response = client.get(url, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff")))), dict(response.headers)


def test_a_plans_lineage_quotes_both_sides_and_names_what_it_searched(client: TestClient) -> None:
    body = client.get("/plans/巴彦淖尔/lineage").json()
    (parent,) = body["parents"]
    assert parent["region_code"] == INNER_MONGOLIA and body["note"] is None
    assert {r["code"] for r in body["coverage"]["regions"]} == {BAYANNUR, INNER_MONGOLIA}
    summary = body["summary"]
    assert summary["statements"] == summary["echo"] + summary["elaboration"] + summary["local"]
    assert summary["echo_share"] + summary["elaboration_share"] + summary["local_share"] == (
        pytest.approx(1)
    )
    assert sum(c["statements"] for c in body["chapters"]) == summary["statements"]
    for row in body["clauses"]:
        assert row["text"] and row["plan_id"] == body["plan_id"]
        if row["label"] == "local":  # its nearest parent clause, too far to be a counterpart
            assert row["rank"] is None and row["added"] is None
            assert row["counterpart_score"] == row["score"] < _lowest_aligned_score(body)
        else:
            assert 0 < row["counterpart_score"] <= 1 and row["rank"] >= 1
        assert row["parent_plan_id"] == parent["plan_id"] and row["parent_text"]
    assert body["innovations"], "巴彦淖尔 names programs 内蒙古's plan does not"
    for item in body["innovations"]:
        assert item["entity_label"] in ("Program", "Indicator")


def test_an_innovation_is_named_in_no_clause_of_the_parent_plan(
    client: TestClient, extractions: dict[str, PlanExtraction]
) -> None:
    """内蒙古's plan writes 就业见习 (in 就业见习实习基地) without covering it as a program of
    its own: 巴彦淖尔's 就业见习 is no innovation of 巴彦淖尔's."""
    parent = [c.text for c in by_prefix(extractions, "000").clauses]
    found = {i["entity_name"] for i in client.get("/plans/巴彦淖尔/lineage").json()["innovations"]}
    assert found and {name for name in found if any(name in text for text in parent)} == set()


def _lowest_aligned_score(body: dict[str, Any]) -> float:
    """Above every local clause's score: the lowest score of an aligned clause."""
    return min(r["score"] for r in body["clauses"] if r["label"] != "local")


def test_a_plan_with_no_plan_above_says_so(client: TestClient) -> None:
    body = client.get("/plans/重庆/lineage").json()
    assert body["parents"] == [] and body["clauses"] == []
    assert "nothing to align against" in body["note"]
    assert [r["code"] for r in body["coverage"]["not_loaded"]] == [COUNTRY]
    _, headers = _csv(client, "/plans/重庆/lineage")
    assert headers["x-regions-not-loaded"] == COUNTRY


@pytest.mark.parametrize(
    ("parents", "looked"),
    [
        ([INNER_MONGOLIA], [ORDOS, INNER_MONGOLIA]),  # the prefecture skipped, no plan of its own
        ([ORDOS], [ORDOS]),
        ([], [ORDOS, INNER_MONGOLIA, COUNTRY]),
    ],
)
def test_a_plans_lineage_names_every_region_above_it_looked_in(
    parents: list[str], looked: list[str]
) -> None:
    assert regions_above("150602", parents) == looked  # 东胜区, 鄂尔多斯


@pytest.mark.parametrize("table", ["clauses", "innovations", "chapters"])
def test_a_plans_lineage_comes_as_csv(client: TestClient, table: str) -> None:
    rows, headers = _csv(client, f"/plans/巴彦淖尔/lineage?table={table}")
    assert rows and headers["x-plans-searched"] == "2" and headers["x-lineage-pending"] == ""
    if table == "clauses":
        assert {"text", "parent_text", "label", "score", "added"} <= set(rows[0])


def test_a_regions_lineage_lists_its_plans_and_the_plans_below_aligned_with_them(
    client: TestClient,
) -> None:
    body = client.get("/regions/内蒙古/lineage").json()
    roles = {row["region_code"]: row["role"] for row in body["plans"]}
    assert roles == {INNER_MONGOLIA: "own", BAYANNUR: "child"}
    (child,) = [row for row in body["plans"] if row["role"] == "child"]
    assert child["statements"] == child["echo"] + child["elaboration"] + child["local"] > 0
    assert child["plan_statements"] == child["statements"]  # every statement aligned
    (own,) = [row for row in body["plans"] if row["role"] == "own"]
    assert own["parents"] == [] and own["statements"] == 0  # no plan above 内蒙古 is loaded
    searched = body["coverage"]  # the plans listed, and where 内蒙古's looked for parents
    assert searched["plans"] == len(body["plans"])
    assert [r["code"] for r in searched["not_loaded"]] == [COUNTRY]  # as its plan's answer says
    assert (
        searched["not_loaded"]
        == client.get("/plans/内蒙古/lineage").json()["coverage"]["not_loaded"]
    )
    nation = client.get("/regions/中国/lineage").json()  # no plan: nothing aligned against it
    assert (nation["plans"], nation["coverage"]["plans"]) == ([], 0)
    assert [r["code"] for r in nation["coverage"]["not_loaded"]] == [COUNTRY]
    reuse = client.get("/reuse", params={"regions": "内蒙古,巴彦淖尔"}).json()["matrix"]
    assert {cell["statements"] for cell in reuse if cell["region_code"] == INNER_MONGOLIA} == {
        own["plan_statements"]  # what it says, aligned or not
    }


def test_a_programs_diffusion_is_ordered_in_time_then_level(client: TestClient) -> None:
    body = client.get("/programs/零工市场/diffusion").json()
    adopters = body["adopters"]
    assert len(adopters) >= 3 and body["coverage"]["plans"] == 5
    dates = [a["issued_on"] or "9999" for a in adopters]
    assert dates == sorted(dates)
    for adopter in adopters:
        assert "零工" in adopter["text"] or adopter["relation"] == "funds"
        assert adopter["relation"] in ("funds", "covers")


def test_a_diffusion_quotes_the_parent_clause_each_adopter_follows(client: TestClient) -> None:
    (adopter,) = [
        a for a in client.get("/programs/以工代赈/diffusion").json()["adopters"] if a["antecedents"]
    ]
    assert adopter["region_code"] == BAYANNUR
    labels = {
        r["clause_id"]: r["label"] for r in client.get("/plans/巴彦淖尔/lineage").json()["clauses"]
    }
    for followed in adopter["antecedents"]:
        assert followed["relation"] == labels[followed["clause_id"]]
        assert followed["other_region_code"] == INNER_MONGOLIA
        assert "以工代赈" in followed["other_text"]
    rows, _ = _csv(client, "/programs/以工代赈/diffusion")
    (row,) = [r for r in rows if r["antecedents"] != "[]"]
    assert json.loads(row["antecedents"]) == adopter["antecedents"]


def _counted(cells: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """A reuse matrix's non-zero cells."""
    return {(c["region_code"], c["other_region_code"]): c["reused"] for c in cells if c["reused"]}


def _paired(pairs: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """Reuse pairs by region and other region: a clause has one pair per other region."""
    return Counter((p["region_code"], p["other_region_code"]) for p in pairs)


def test_the_reuse_matrix_is_shares_of_each_regions_statements(client: TestClient) -> None:
    body = client.get("/reuse").json()
    cells = body["matrix"]
    assert len(cells) == 5 * 4  # every ordered pair of the five regions
    for cell in cells:
        assert 0 <= cell["reused"] <= cell["statements"]
        assert cell["share"] == pytest.approx(cell["reused"] / cell["statements"])
    assert any(cell["reused"] for cell in cells)
    pairs = client.get("/reuse/pairs", params={"limit": 1000}).json()
    assert pairs["total"] == len(pairs["data"]) > 0
    assert pairs["coverage"]["lineage_pending"] == []
    for pair in pairs["data"]:
        assert pair["region_code"] != pair["other_region_code"]
        assert pair["text"] and pair["other_text"] and 0 < pair["score"] <= 1
    assert _paired(pairs["data"]) == _counted(cells)
    assert any(  # a family of three regions: asked for two, the third's root is not asked for
        len({p["region_code"] for p in pairs["data"] if p["family"] == pair["family"]}) > 2
        for pair in pairs["data"]
    )
    for two in itertools.combinations(sorted({cell["region_code"] for cell in cells}), 2):
        asked = {"regions": ",".join(two)}
        scoped_pairs = client.get("/reuse/pairs", params={**asked, "limit": 1000}).json()["data"]
        assert _paired(scoped_pairs) == _counted(
            client.get("/reuse", params=asked).json()["matrix"]
        )
    scoped = client.get("/reuse", params={"regions": "内蒙古,四川"}).json()
    assert scoped["matrix"] == []
    assert [r["code"] for r in scoped["coverage"]["not_loaded"]] == ["510000"]
    for url in ("/reuse", "/reuse/pairs"):  # one region, however written, shares nothing
        alone = client.get(url, params={"regions": "重庆,500000"})
        assert alone.status_code == 422 and "names one region (重庆市)" in alone.text


def test_the_instrument_profile_adds_up_per_region(client: TestClient) -> None:
    body = client.get("/instruments").json()
    shares: dict[str, float] = {}
    for cell in body["profile"]:
        assert cell["policy_instrument"] in ("supply", "demand", "environment")
        assert cell["funds"] <= cell["clauses"] and cell["first_text"]
        shares[cell["region_code"]] = shares.get(cell["region_code"], 0) + cell["share"]
    assert len(shares) == 5 and all(s == pytest.approx(1) for s in shares.values())
    demand = client.get("/instruments/clauses", params={"kind": "demand", "limit": 1000}).json()
    assert demand["total"] > 0
    assert {row["policy_instrument"] for row in demand["data"]} == {"demand"}
    clauses = {row["clause_id"]: row for row in demand["data"]}
    for row in demand["data"]:
        assert row["region_name"] and row["about"], row  # whose, and what it covers or funds
    compared = [cell for cell in body["profile"] if cell["first_clause_id"] in clauses]
    assert compared  # the demand cells' first clauses are among the demand clauses
    for cell in compared:  # the first clause cited as the clauses' list cites it
        first = clauses[cell["first_clause_id"]]
        assert (cell["first_plan_id"], cell["first_section_path"], cell["first_text"]) == (
            first["plan_id"],
            first["section_path"],
            first["text"],
        )
    rows, headers = _csv(client, "/instruments?regions=重庆")
    assert {row["region_code"] for row in rows} == {"500000"} and headers["x-plans-searched"] == "1"


@pytest.mark.parametrize(
    "url", ["/plans/no-such-plan/lineage", "/programs/no-such-program/diffusion"]
)
def test_unknown_names_are_404s_with_suggestions(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
