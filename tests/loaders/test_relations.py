"""FUNDS, SERVES and CITES from single clauses: money committed, not building or mentioning."""

from __future__ import annotations

import pytest

from graph.model import Clause, Entity, Mention
from loaders.pipeline import extract_text
from loaders.relations import citations, funding_facts, serving_facts
from loaders.vocabulary import Vocabulary


def _clause(text: str) -> Clause:
    return Clause("plan:t/c1", "plan:t/s1", text, 1, 0, len(text), 0)


def _facts(text: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    clause = _clause(text)
    mentions = [
        Mention(clause.id, m.entity.id, m.surface, m.start, m.end)
        for m in vocabulary.matcher.find(text)
    ]
    entities: dict[str, Entity] = vocabulary.by_id
    return [
        (entities[f.program_id].name, f.instrument)
        for f in funding_facts(clause, mentions, entities)
    ]


@pytest.mark.parametrize(
    ("text", "funded"),
    [
        ("对评估认定的返乡入乡创业园给予一次性奖补。", [("返乡入乡创业园", "奖补")]),
        ("安排就业补助资金支持零工市场建设。", [("零工市场", "就业补助资金")]),
        ("建设返乡创业园和创业孵化基地，加大“以奖代补”支持力度。",
         [("返乡入乡创业园", "以奖代补"), ("创业孵化基地", "以奖代补")]),
        ("落实创业担保贷款贴息政策。", [("创业担保贷款", "创业担保贷款")]),
        ("对安置就业困难人员的公益性岗位按规定给予岗位补贴。", [("公益性岗位", "岗位补贴")]),
        ("就业见习补贴标准提高至当地最低工资标准的70%。", [("就业见习", "就业见习补贴")]),
    ],
)  # fmt: skip
def test_money_committed_to_a_program_funds_it(
    text: str, funded: list[tuple[str, str]], vocabulary: Vocabulary
) -> None:
    assert _facts(text, vocabulary) == funded


@pytest.mark.parametrize(
    "text",
    [
        "建设一批返乡入乡创业园。",  # building
        "规范零工市场管理，推动零工市场规范发展。",  # managing
        "落实“以奖代补”政策，全市至少建设1个技能大师工作室。",  # money for something else first
        "有条件的地方可设立就业风险储备金。",  # optional
        "探索实施创业担保贷款新模式。",  # trial
        "开展补贴性职业技能培训150万人次。",  # a training target, described as subsidised
        "用好失业保险基金，稳定就业岗位。",  # the instrument's fund, not the instrument
        "创业担保贷款覆盖面不断扩大。",  # named, nothing committed... and no verb of commitment
    ],
)
def test_building_mentioning_or_options_are_not_funding(text: str, vocabulary: Vocabulary) -> None:
    assert _facts(text, vocabulary) == []


def test_evidence_is_the_segment_span_and_a_substring(vocabulary: Vocabulary) -> None:
    text = "改造提升返乡入乡创业园配套设施，完善公共设施，加大金融、土地等扶持力度。"
    clause = _clause(text)
    mentions = [
        Mention(clause.id, m.entity.id, m.surface, m.start, m.end)
        for m in vocabulary.matcher.find(text)
    ]
    (fact,) = funding_facts(clause, mentions, vocabulary.by_id)
    assert fact.evidence == text[:-1] or fact.evidence == text
    assert fact.evidence in text


def test_amounts_are_normalised_to_yuan() -> None:
    text = "河南省就业促进规划\n三、重点任务\n对认定的市级返乡入乡创业园给予一次性奖补50万元。\n"
    (fact,) = extract_text(text.encode(), source="t.txt").fundings
    assert (fact.amount, fact.amount_unit, fact.amount_yuan, fact.amount_kind) == (
        50,
        "万元",
        500000,
        "one_off",
    )


def test_each_program_of_a_clause_gets_its_own_amount() -> None:
    text = "河南省就业促进规划\n三、重点任务\n对新认定的技能大师工作室给予10万元资助，对创业孵化基地给予50万元奖补。\n"
    amounts = {
        f.program_id: f.amount_yuan for f in extract_text(text.encode(), source="t.txt").fundings
    }
    assert amounts == {
        "program:ji-neng-da-shi-gong-zuo-shi": 100000,
        "program:chuang-ye-fu-hua-ji-di": 500000,
    }


def test_serves_links_a_program_and_a_group_in_one_stretch(vocabulary: Vocabulary) -> None:
    text = "开发公益性岗位安置就业困难人员，建设创业孵化基地。"
    clause = _clause(text)
    mentions = [
        Mention(clause.id, m.entity.id, m.surface, m.start, m.end)
        for m in vocabulary.matcher.find(text)
    ]
    pairs = {
        (vocabulary.by_id[s.program_id].name, vocabulary.by_id[s.group_id].name)
        for s in serving_facts(clause, mentions, vocabulary.by_id)
    }
    assert pairs == {("公益性岗位", "就业困难人员")}


def test_cites_documents_in_book_title_marks_but_not_the_plan_itself() -> None:
    clause = _clause("依据《“十四五”就业促进规划》和《某省就业促进规划》制定。")
    assert [c.title for c in citations(clause, "某省就业促进规划")] == ["“十四五”就业促进规划"]


def test_a_short_name_given_with_yi_xia_jian_cheng_is_no_citation() -> None:
    text = "湖北省就业促进规划解读\n日前印发《湖北省就业促进“十四五”规划》（以下简称《规划》）。\n"
    titles = {c.title for c in extract_text(text.encode(), source="t.txt").citations}
    assert titles == {"湖北省就业促进“十四五”规划"}
