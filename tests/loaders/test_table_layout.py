"""Published table shapes become pipe rows, and their rows become targets."""

from __future__ import annotations

from graph.model import Target
from loaders.pipeline import extract_text
from loaders.table_layout import pipe_tables

HEADER = "河南省“十四五”就业促进规划\n一、主要目标\n表1 主要指标\n"


def _targets(table: str) -> list[Target]:
    return extract_text((HEADER + table).encode(), source="t.txt").targets


def _rows(targets: list[Target]) -> list[tuple[object, ...]]:
    return [(t.value, t.unit, t.comparator, t.scope, t.baseline_value) for t in targets]


def test_one_cell_per_line_rows_separated_by_blank_lines() -> None:
    table = "指标\n单位\n2020年\n2025年\n属性\n\n城镇新增就业\n万人\n[183.6]\n[175]\n预期性\n\n城镇调查失业率\n%\n5.2\n5.5以内\n预期性\n\n"
    assert _rows(_targets(table)) == [
        (175, "万人", "=", "cumulative", 183.6),
        (5.5, "%", "<=", "level", 5.2),
    ]


def test_single_space_separated_rows_from_a_pdf() -> None:
    table = (
        "指标 单位 2020年基数 2025年目标 属性 牵头单位\n城镇新增就业 万人 [33.6] [30] 预期性 市人社局\n"
        "脱贫人口务工规模 万人 61.5 不低于60 约束性 市乡村振兴局\n"
    )
    assert _rows(_targets(table)) == [
        (30, "万人", "=", "cumulative", 33.6),
        (60, "万人", ">=", "level", 61.5),
    ]


def test_record_style_indicator_lists() -> None:
    table = (
        "1．城镇新增就业（五年累计）\n\u3000\u3000单位：万人；基期值：5.82；目标值：5；属性：预期性\n"
        "2．城镇登记失业率\n\u3000\u3000单位：%；基期值：1.80；目标值：≤3；属性：预期性\n"
    )
    assert _rows(_targets(table)) == [
        (5, "万人", "=", "cumulative", 5.82),
        (3, "%", "<=", "level", 1.8),
    ]


def test_cells_aligned_by_wide_spaces_and_units_inside_cells() -> None:
    table = "指标\u3000\u30002020年\u3000\u30002025年\u3000\u3000属性\n城镇新增就业\u3000\u3000〔719万人〕\u3000\u3000〔550万人以上〕\u3000\u3000预期性\n"
    assert _rows(_targets(table)) == [(550, "万人", ">=", "cumulative", 719)]


def test_rows_of_sub_regions_are_their_targets_not_the_provinces() -> None:
    text = (
        "安徽省“十四五”创业行动计划\n附件\n2021年度主要任务分解表\n"
        "市\u3000别\u3000\u3000创业培训（万人次）\u3000\u3000返乡创业（人）\n"
        "合肥市\u3000\u30001.10\u3000\u30001500\n淮北市\u3000\u30000.30\u3000\u3000900\n全\u3000省\u3000\u30007.00\u3000\u300020000\n"
    )
    targets = extract_text(text.encode(), source="t.txt").targets
    assert [(t.region_code, t.value, t.unit, t.year) for t in targets] == [
        ("340100", 1.1, "万人次", 2021), ("340100", 1500, "人", 2021),
        ("340600", 0.3, "万人次", 2021), ("340600", 900, "人", 2021),
        (None, 7.0, "万人次", 2021), (None, 20000, "人", 2021),
    ]  # fmt: skip
    assert not any(t.main for t in targets)


def test_borders_and_separator_rows_are_dropped() -> None:
    text = "+----+------+\n| 指标 | 2025年 |\n|---|:---:|\n| 城镇新增就业（万人） | 100 |\n+----+------+\n"
    assert [line for line in pipe_tables(text).split("\n") if line] == [
        "| 指标 | 2025年 |",
        "| 城镇新增就业（万人） | 100 |",
    ]


def test_a_navigation_bar_is_not_a_table_of_targets() -> None:
    assert _targets("首页 | 新闻中心 | 政务公开 | 政务服务\n无障碍 | 长者模式 | English\n") == []


def test_prose_lines_are_left_alone() -> None:
    text = "第一章\u3000发展环境\n“十三五”时期，全省就业局势总体平稳。\n"
    assert pipe_tables(text) == text


def test_a_year_by_year_breakdown_gives_a_target_per_year() -> None:
    table = "| 指标 | 2020年 | 2021年 | 2022年 | 2023年 |\n| 城镇新增就业（万人） | 60 | 62 | 63 | [190] |\n"
    targets = _targets(table)
    assert [(t.year, t.value, t.scope) for t in targets] == [
        (2021, 62, "annual"),
        (2022, 63, "annual"),
        (2023, 190, "cumulative"),
    ]
    assert targets[-1].baseline_value == 60
