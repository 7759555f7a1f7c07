"""Normalised text → nested sections and clauses whose offsets point back into the text."""

from __future__ import annotations

from graph.model import PlanExtraction
from loaders.outline import build_outline
from tests.conftest import by_prefix

TEXT = "\n".join(
    [
        "某省就业促进规划",
        "目录",
        "一、发展环境",
        "二、总体要求",
        "一、发展环境",
        "“十三五”时期成效显著。就业稳定；收入增长。",
        "二、总体要求",
        "（一）主要目标",
        "到2025年，城镇新增就业50万人以上。",
        "专栏1 主要指标",
        "指标 | 2020年 | 2025年 | 属性",
        "城镇新增就业（万人） | 【48】 | 【50】 | 预期性",
        "城镇调查失业率（%） | 5.2 | <5.5 | 预期性",
        "（二）基本原则",
        "1.坚持就业优先。",
    ]
)


def test_headings_nest_by_first_appearance_and_the_table_of_contents_is_skipped() -> None:
    outline = build_outline("plan:x", TEXT)
    shown = [(s.path, s.heading, s.kind) for s in outline.sections[1:]]
    assert shown == [
        ("1", "一、发展环境", "section"),
        ("2", "二、总体要求", "section"),
        ("2.1", "（一）主要目标", "section"),
        ("2.1.1", "专栏1 主要指标", "box"),
        ("2.2", "（二）基本原则", "section"),
        ("2.2.1", "1.坚持就业优先。", "section"),
    ]


def test_clauses_are_sentences_and_table_rows_with_exact_offsets() -> None:
    outline = build_outline("plan:x", TEXT)
    texts = [c.text for c in outline.clauses if not c.is_heading]
    assert "“十三五”时期成效显著。" in texts
    assert "就业稳定；" in texts and "收入增长。" in texts
    rows = [c for c in outline.clauses if c.cells]
    assert [r.cells[0] for r in rows] == ["城镇新增就业（万人）", "城镇调查失业率（%）"]
    assert rows[0].header == ("指标", "2020年", "2025年", "属性")
    for clause in outline.clauses:
        assert TEXT[clause.start : clause.end] == clause.text


def test_real_plans_keep_every_clause_at_its_offset(extractions: dict[str, PlanExtraction]) -> None:
    for x in extractions.values():
        assert len(x.clauses) >= 50, x.source
        for clause in x.clauses:
            assert x.text[clause.start : clause.end] == clause.text, (x.source, clause.id)


def test_chongqing_one_cell_per_line_table_becomes_one_clause_per_row(
    extractions: dict[str, PlanExtraction],
) -> None:
    x = by_prefix(extractions, "002")
    rows = [c for c in x.clauses if c.cells]
    labels = [r.cells[0] for r in rows]
    assert (
        labels[0] == "1.城镇新增就业（万人）"
        and labels[-1] == "14.劳动年龄人口平均受教育年限（年）"
    )
    assert len(labels) == 14
    assert rows[0].cells == ("1.城镇新增就业（万人）", "【362】", "——", "【300】", "预期性")


def test_each_heading_style_of_the_sample_is_recognised(
    extractions: dict[str, PlanExtraction],
) -> None:
    expected = {
        "000": "第二章总体要求",
        "001": "第一部分总体要求",
        "002": "二、总体要求",
        "003": "第三节主要目标",
        "004": "（三）主要目标。",
    }
    for prefix, heading in expected.items():
        headings = {s.heading for s in by_prefix(extractions, prefix).sections}
        assert heading in headings, (prefix, sorted(h for h in headings if h)[:10])


def test_numbered_lead_sentences_head_their_paragraph_and_box_items_stay_in_the_box() -> None:
    text = "\n".join(
        [
            "一、总体要求",
            "（一）基本原则",
            "1.坚持就业优先。把稳就业作为优先目标。",
            "专栏1 重点工程",
            "1.高校毕业生就业计划。每年开发岗位2000个。",
            "2.返乡创业工程。建设园区。",
            "（二）主要目标",
        ]
    )
    outline = build_outline("plan:x", text)
    shown = [(s.path, s.heading, s.kind) for s in outline.sections[1:]]
    assert shown == [
        ("1", "一、总体要求", "section"),
        ("1.1", "（一）基本原则", "section"),
        ("1.1.1", "1.坚持就业优先。", "section"),
        ("1.1.2", "专栏1 重点工程", "box"),
        ("1.1.2.1", "1.高校毕业生就业计划。", "section"),
        ("1.1.2.2", "2.返乡创业工程。", "section"),
        ("1.2", "（二）主要目标", "section"),
    ]
    body = [c.text for c in outline.clauses if not c.is_heading]
    assert body == ["把稳就业作为优先目标。", "每年开发岗位2000个。", "建设园区。"]


def test_a_box_after_a_box_is_its_sibling_not_one_of_its_items() -> None:
    """A box has no end mark: the next box or table (表2) starts after it, under the section."""
    text = "\n".join(
        [
            "一、主要任务",
            "专栏1 转移就业工程",
            "1.产业带动：新建产业园区10个。",
            "2.技能提升：每个县至少建设1个培训基地。",
            "专栏2 劳务协作行动",
            "1.每年发布岗位信息10万个以上。",
            "表2 协作任务",
        ]
    )
    outline = build_outline("plan:x", text)
    shown = [(s.path, s.heading) for s in outline.sections[1:]]
    assert shown == [
        ("1", "一、主要任务"),
        ("1.1", "专栏1 转移就业工程"),
        ("1.1.1", "1.产业带动：新建产业园区10个。"),
        ("1.1.2", "2.技能提升：每个县至少建设1个培训基地。"),
        ("1.2", "专栏2 劳务协作行动"),
        ("1.2.1", "1.每年发布岗位信息10万个以上。"),
        ("1.3", "表2 协作任务"),
    ]
