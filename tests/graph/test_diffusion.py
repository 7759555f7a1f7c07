"""A program's diffusion names, for each adopting plan, the clauses on the program it follows:
a parent plan's counterpart, with the child clause's label, or another region's earlier
near-same clause; both clause ids and the other's quote, on both stores alike."""

from __future__ import annotations

import pytest

from graph.embedded_store import EmbeddedStore
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.questions import PlanLineage, ProgramDiffusion, Store
from graph.rows import DiffusionRow
from loaders.pipeline import build_knowledge_graph, extract_text
from tests.conftest import plan_graphs

GIG_MARKETS = "program:ling-gong-shi-chang"
PROVINCE_CLAUSE = "建设外出务工服务中心、劳务市场或零工市场，建立劳动力状况调查和输入地输出地对接机制，强化地区间劳务对接。"
FUNDING_CLAUSE = "对新建并通过验收的零工市场，给予每个10万元一次性建设补助。"
PLANS = {
    "province": f"内蒙古自治区就业促进规划\n2021年11月3日\n一、建设零工市场\n{PROVINCE_CLAUSE}\n"
    "稳定和扩大就业岗位，促进高质量充分就业。\n",
    "city": "巴彦淖尔市就业促进行动实施方案\n2022年3月1日\n一、重点任务\n"
    "建设外出务工服务中心和零工市场，每个旗县区至少建成1个零工市场，强化地区间劳务对接。\n"
    "稳定和扩大就业岗位，实施公益性零工市场全覆盖。\n"
    + "".join(
        f"开展第{n}批职业技能提升培训，面向农牧民和新市民组织专项培训班。\n"
        for n in "一二三四五六七八"
    )
    + f"{PROVINCE_CLAUSE}\n",  # restated word for word after c9: antecedents sort by number
    "other": f"甘肃省就业促进规划\n2021年12月20日\n一、重点任务\n{PROVINCE_CLAUSE}\n{FUNDING_CLAUSE}\n"
    "对运营满一年的零工市场，再给予每个5万元运营补助。\n",  # a second funding clause, after
    "heading": "宁夏回族自治区就业促进规划\n2021年12月25日\n一、零工市场\n"
    "加快发展劳务市场，为灵活就业人员提供服务。\n",  # only its heading names the program
}


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanExtraction]:
    return {k: extract_text(t.encode(), source=f"{k}.txt") for k, t in PLANS.items()}


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, plans: dict[str, PlanExtraction]) -> Store:
    if request.param == "embedded":
        return EmbeddedStore.from_graph(build_knowledge_graph(list(plans.values())))
    neo4j: Neo4jStore = request.getfixturevalue("neo4j_store")
    neo4j.load_plans(plan_graphs(plans.values()))
    return neo4j


def _ordinal(clause_id: str) -> int:
    return int(clause_id.rpartition("/c")[2])


def _adopters(store: Store, plans: dict[str, PlanExtraction]) -> dict[str, DiffusionRow]:
    names = {x.id: k for k, x in plans.items()}
    return {names[r.plan_id]: r for r in store.ask(ProgramDiffusion(program_id=GIG_MARKETS))}


def test_an_adopter_names_the_clauses_on_the_program_it_follows(
    store: Store, plans: dict[str, PlanExtraction]
) -> None:
    adopters = _adopters(store, plans)
    assert list(adopters) == ["province", "other", "heading", "city"]  # by issue date
    assert adopters["heading"].text == "一、零工市场"  # no statement names it: its heading
    assert adopters["province"].antecedents == []
    assert adopters["province"].text == PROVINCE_CLAUSE  # its first statement, not the heading
    labels = {r.clause_id: r.label for r in store.ask(PlanLineage(plan_id=plans["city"].id))}
    own = {c.id: c.text for c in plans["city"].clauses}
    followed = adopters["city"].antecedents
    for antecedent in followed:
        assert antecedent.text == own[antecedent.clause_id]  # both sides quoted
        assert antecedent.section_path == "1"
        assert antecedent.relation in (labels[antecedent.clause_id], "reuse")
        assert (antecedent.other_plan_id, antecedent.other_region_code) == (
            plans["province"].id,
            "150000",
        )
        assert antecedent.other_text == PROVINCE_CLAUSE and antecedent.other_section_path == "1"
    echoed, *_, restated, copied = followed
    assert echoed.relation == "elaboration"  # adds a figure
    assert [restated.relation, copied.relation] == ["echo", "reuse"]  # echoes first, then reuse
    ordinals = [_ordinal(a.clause_id) for a in followed]
    assert ordinals == sorted(ordinals) and ordinals[0] < 10 <= ordinals[-1]  # c4 before c14
    (reused,) = adopters["other"].antecedents
    assert (reused.relation, reused.score) == ("reuse", 1.0)
    assert reused.other_clause_id == echoed.other_clause_id
    assert reused.clause_id.startswith(plans["other"].id + "/")
    assert reused.other_region_name == "内蒙古自治区"


def test_a_counterpart_that_does_not_name_the_program_is_no_antecedent(
    store: Store, plans: dict[str, PlanExtraction]
) -> None:
    """The city's second clause names 零工市场; its best counterpart does not."""
    city = _adopters(store, plans)["city"]
    lineage = store.ask(PlanLineage(plan_id=plans["city"].id))
    unnamed = {
        (r.clause_id, r.parent_clause_id)
        for r in lineage
        if r.rank and "零工市场" in r.text and "零工市场" not in (r.parent_text or "")
    }
    listed = {(a.clause_id, a.other_clause_id) for a in city.antecedents}
    assert unnamed and not unnamed & listed
    assert all("零工市场" in a.other_text for a in city.antecedents)


def test_a_plan_that_funds_the_program_is_quoted_by_its_funding_clause(
    store: Store, plans: dict[str, PlanExtraction]
) -> None:
    """Its first clause on the program (c4) commits no money: the row's relation is funds, so
    its quote is the clause the FUNDS rests on."""
    funding = _adopters(store, plans)["other"]
    assert (funding.relation, funding.text) == ("funds", FUNDING_CLAUSE)
    assert funding.clause_id == f"{plans['other'].id}/c5"
