"""FUNDS in the word orders plans use, what each records, and what is not funding."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import VocabularyError
from graph.model import Funding, PlanExtraction
from loaders.commitment import load_commitment, strength
from loaders.money import AMOUNT
from loaders.pipeline import extract_text

HEADER = "江苏省就业促进规划\n三、重点任务\n"


def _extract(body: str) -> PlanExtraction:
    return extract_text((HEADER + body).encode(), source="t.txt")


def _funded(body: str) -> list[tuple[str, float | None, str | None, str]]:
    x = _extract(body)
    names = {f.program_id: f.program_id.split(":")[1] for f in x.fundings} | {
        e.id: e.name for e in x.discovered
    }
    return [
        (names[f.program_id], f.amount_yuan, f.amount_kind, f.instrument_kind) for f in x.fundings
    ]


@pytest.mark.parametrize(
    ("body", "amount", "kind"),
    [
        ("对首次创业的高校毕业生，给予一次性创业补贴1万元。", 10000, "one_off"),
        ("对首次创业的高校毕业生，给予1万元一次性创业补贴。", 10000, "one_off"),
        ("首次创业的高校毕业生可申领1.2万元的一次性创业补贴。", 12000, "one_off"),
        ("个人创业担保贷款最高不超过20万元，按规定给予贴息。", 200000, "cap"),
    ],
)
def test_money_in_any_word_order_funds_the_instrument(body: str, amount: float, kind: str) -> None:
    [funding] = _extract(body).fundings
    assert (funding.amount_yuan, funding.amount_kind) == (amount, kind)
    assert funding.program_id in {
        "program:yi-ci-xing-chuang-ye-bu-tie",
        "program:chuang-ye-dan-bao-dai-kuan",
    }
    assert funding.evidence in body and AMOUNT.search(
        funding.evidence
    )  # the quote holds the amount


def test_the_recipient_a_clause_addresses_is_funded() -> None:
    [(name, amount, kind, instrument)] = _funded(
        "对新认定的省级粤菜师傅大师工作室，一次性给予10万元补助。"
    )
    assert (name, amount, instrument) == ("省级粤菜师傅大师工作室", 100000, "subsidy")


def test_a_bare_instrument_pays_the_program_of_the_clause_before() -> None:
    x = _extract("个人创业担保贷款最高额度为20万元，小微企业最高300万元；财政部门按规定给予贴息。")
    assert {f.program_id for f in x.fundings} == {"program:chuang-ye-dan-bao-dai-kuan"}
    assert len(x.fundings) == 2


def test_beneficiary_group_and_commitment_strength_are_recorded() -> None:
    [funding] = _extract("确保对离校未就业高校毕业生按每人每月600元给予生活费补贴。").fundings
    assert funding.group_id == "group:gao-xiao-bi-ye-sheng"
    assert (funding.amount_kind, funding.strength) == ("per_month", "binding")


@pytest.mark.parametrize(
    "body",
    [
        "规划建设一批返乡入乡创业园。",  # building
        "“十三五”期间累计发放创业担保贷款246亿元。",  # past spending
        "有条件的设区市可对返乡创业园给予一次性奖补。",  # optional delegation
        "各地可结合实际给予租房或生活补贴。",  # optional delegation
        "对入驻孵化基地的创业者免收场地租金。",  # in kind
        "依托公共就业服务平台推动补贴申领“掌上办”。",  # a procedure, not money
        "省级财政每年安排就业补助资金不少于20亿元。",  # a budget with no program
    ],
)
def test_look_alikes_are_not_funding(body: str) -> None:
    assert _extract(body).fundings == []


def test_strength_from_the_lexicon() -> None:
    assert [strength(t) for t in ("确保零就业家庭动态清零", "力争带动就业30万人", "鼓励企业吸纳", "探索建立")] == [
        "binding", "striving", "encouraging", "exploratory",
    ]  # fmt: skip
    assert strength("城镇新增就业50万人") is None


def test_a_broken_lexicon_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "commitment.yaml"
    bad.write_text("levels:\n  - {level: certain, words: [确保]}\noptional: []\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="commitment.yaml"):
        load_commitment(bad)


def test_every_funding_keeps_its_evidence_inside_its_clause() -> None:
    x = _extract(
        "对新认定的省级技能大师工作室给予10万元一次性资助。按每人1000元给予一次性吸纳就业补贴。"
    )
    texts = {c.id: c.text for c in x.clauses}
    assert x.fundings and all(
        isinstance(f, Funding) and f.evidence in texts[f.clause_id] for f in x.fundings
    )


def test_each_item_brought_into_a_fund_is_funded() -> None:
    names = {
        name
        for name, *_ in _funded(
            "将零工市场建设、“南粤家政”基层服务站运营纳入省级就业创业资金支持范围。"
        )
    }
    assert names == {"ling-gong-shi-chang", "“南粤家政”基层服务站"}
    assert _extract("将符合条件的高校毕业生纳入就业援助范围。").fundings == []  # no money


def test_a_program_named_as_the_source_of_money_is_not_what_it_funds() -> None:
    x = _extract("落实职业培训补贴政策，补贴资金从职业技能提升行动专账中列支。")
    assert [f.program_id for f in x.fundings] == ["program:zhi-ye-pei-xun-bu-tie"]


def test_a_subsidy_for_taking_part_pays_the_activity() -> None:
    [(name, amount, kind, _)] = _funded(
        "对参加冬季技能培训的农民工，培训期间给予每人每天50元的生活费补贴。"
    )
    assert (name, amount, kind) == ("冬季技能培训", 50, "per_day")


def test_a_reward_to_governments_for_their_record_is_not_funding() -> None:
    assert _extract("对就业工作成效突出的市（地），采取以奖代补方式给予奖励。").fundings == []


def test_the_evidence_runs_from_what_is_funded_to_the_amount() -> None:
    [funding] = _extract(
        "每年为高端人才提供服务，设立人才投资基金，对引进的高层次人才团队，给予最高1000万元项目资金支持。"
    ).fundings
    assert funding.evidence == "对引进的高层次人才团队，给予最高1000万元项目资金支持。"


def test_an_instrument_paid_by_a_rule_after_it_funds_its_program() -> None:
    [funding] = _extract("每年提供见习岗位1万个以上，见习补贴按最低工资标准的80%给予。").fundings
    assert funding.program_id == "program:jiu-ye-jian-xi"


def test_a_program_inside_a_group_name_is_no_program() -> None:
    x = _extract("对低保家庭高校毕业生，可申领1000元的一次性求职创业补贴。")
    assert "program:zui-di-sheng-huo-bao-zhang" not in {m.entity_id for m in x.mentions}
    assert [f.program_id for f in x.fundings] == ["program:qiu-zhi-chuang-ye-bu-tie"]


def test_a_clause_that_lists_items_still_pays_what_else_it_names() -> None:
    x = _extract(
        "统筹使用失业保险基金和职业技能提升行动专账资金，将零工市场运营纳入就业补助资金支持范围。"
    )
    assert {f.program_id for f in x.fundings} == {
        "program:ling-gong-shi-chang",
        "program:zhi-ye-ji-neng-ti-sheng-xing-dong",
    }


def test_a_budget_before_a_reward_to_governments_is_still_funding() -> None:
    x = _extract("省财政每年安排三项工程专项资金5亿元，对三项工程成效突出的地市实行以奖代补。")
    assert [(f.amount_yuan, f.instrument_kind) for f in x.fundings] == [(500000000, "special_fund")]


def _funded_in_section(heading: str, body: str) -> list[str]:
    x = extract_text(
        f"江苏省就业促进规划\n三、重点任务\n{heading}\n{body}\n".encode(), source="t.txt"
    )
    names = {e.id: e.name for e in x.discovered}
    return [names.get(f.program_id, f.program_id) for f in x.fundings]


@pytest.mark.parametrize("heading", ["专栏1　乡村工匠培育行动", "（二）乡村工匠培育行动。"])
def test_a_subsidy_named_by_its_kind_pays_the_program_its_section_is_about(heading: str) -> None:
    assert _funded_in_section(heading, "对取得证书的学员，给予每人600元的培训补贴。") == [
        "乡村工匠培育行动"
    ]
    # A named instrument is a program of its own, wherever it stands …
    assert _funded_in_section(heading, "对首次创业的学员，给予5000元一次性创业补贴。") == [
        "program:yi-ci-xing-chuang-ye-bu-tie"
    ]
    # … and one the plan names more fully than the vocabulary is not generic either.
    assert _funded_in_section(heading, "给予每人最高1000元的创业培训补贴。") != ["乡村工匠培育行动"]


def test_a_heading_that_is_no_program_name_lends_nothing() -> None:
    assert _funded_in_section(
        "（二）加强技能培训。", "对取得证书的学员，给予每人600元的培训补贴。"
    ) == ["program:zhi-ye-pei-xun-bu-tie"]


def test_a_subsidy_named_by_its_kind_pays_the_program_earlier_in_its_clause() -> None:
    x = _extract("对就业困难人员，通过公益性岗位托底安置，按每人每月1000元给予岗位补贴。")
    assert [f.program_id for f in x.fundings] == ["program:gong-yi-xing-gang-wei"]
    x = _extract(
        "对招用就业困难人员的企业，按规定给予岗位补贴。"
    )  # no program before: the subsidy itself
    assert [f.program_id for f in x.fundings] == ["program:gang-wei-bu-tie"]


@pytest.mark.parametrize(
    ("body", "funded"),
    [
        ("对在创业孵化基地以外租用场地创业的，给予每年最高5000元的租金补贴。", ["租金补贴"]),
        ("对招收学徒的企业和工作室，按每带1名学徒每年2000元给予带徒补贴。", ["带徒补贴"]),
        ("对获得省级大赛一等奖的项目，给予10万元创业扶持。", []),  # 项目: no name of its own
    ],
)
def test_who_a_clause_pays_is_not_always_a_program(body: str, funded: list[str]) -> None:
    assert [name for name, *_ in _funded(body)] == funded


def test_a_head_word_alone_takes_up_the_name_before_it() -> None:
    assert (
        _funded("每年认定省级乡村振兴示范园区10个，对认定的园区给予30万元以奖代补资金。")[0][0]
        == "省级乡村振兴示范园区"
    )


def test_a_scheme_whose_money_a_program_joins_is_not_funded() -> None:
    x = _extract("对评估合格的返乡入乡创业园纳入省级创业孵化基地运营补助范围。")
    assert [f.program_id for f in x.fundings] == ["program:fan-xiang-ru-xiang-chuang-ye-yuan"]


def test_permission_to_use_own_funds_is_not_funding() -> None:
    assert _extract("允许企业使用职工教育经费开展企业新型学徒制培训。").fundings == []
