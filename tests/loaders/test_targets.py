"""SETS_TARGET from prose and tables: value, unit, comparator, scope, baseline and main."""

from __future__ import annotations

from graph.model import PlanExtraction, Target
from loaders.pipeline import extract_text
from tests.conftest import by_prefix

HEADER = "河南省就业促进规划\n二、总体要求\n（三）主要目标\n"


def _targets(body: str) -> list[Target]:
    return extract_text((HEADER + body).encode(), source="t.txt").targets


def _shown(targets: list[Target]) -> list[tuple[object, ...]]:
    return [(t.indicator_id.split(":")[1], t.value, t.unit, t.comparator, t.scope) for t in targets]


def test_prose_targets_with_comparators_and_scopes() -> None:
    targets = _targets("到2025年，城镇新增就业累计50万人以上，城镇调查失业率控制在5.5%以内，全员劳动生产率年均增长6%左右。")
    assert _shown(targets) == [
        ("cheng-zhen-xin-zeng-jiu-ye", 50, "万人", ">=", "cumulative"),
        ("cheng-zhen-diao-cha-shi-ye-lv", 5.5, "%", "<=", "level"),
        ("quan-yuan-lao-dong-sheng-chan-lv-zeng-zhang", 6, "%", "~", "annual"),
    ]
    assert all(t.main and t.year == 2025 for t in targets)
    assert targets[0].normalized_value == 500000 and targets[0].normalized_unit == "persons"


def test_respectively_pairs_indicators_with_values_in_order() -> None:
    targets = _targets("劳动人事争议调解成功率和仲裁结案率分别达到60%和90%以上。")
    assert [(t.indicator_id, t.value, t.comparator) for t in targets] == [
        ("indicator:lao-dong-ren-shi-zheng-yi-tiao-jie-cheng-gong-lv", 60, ">="),
        ("indicator:lao-dong-ren-shi-zheng-yi-zhong-cai-jie-an-lv", 90, ">="),
    ]


def test_counted_groups_become_their_reemployment_targets() -> None:
    targets = _targets("帮扶75万登记失业人员和40万就业困难人员实现就业。")
    assert [(t.indicator_id, t.value, t.unit) for t in targets] == [
        ("indicator:shi-ye-ren-yuan-zai-jiu-ye", 75, "万人"),
        ("indicator:jiu-ye-kun-nan-ren-yuan-jiu-ye", 40, "万人"),
    ]


def test_years_are_not_quantities_and_units_must_fit() -> None:
    assert _shown(_targets("服务业就业比重较2020年提高5个百分点。")) == [
        ("fu-wu-ye-jiu-ye-bi-zhong", 5, "个百分点", "=", "level")
    ]
    assert _targets("建设高技能人才培训基地3个。") == []


def test_chongqing_table_rows_read_by_column(extractions: dict[str, PlanExtraction]) -> None:
    x = by_prefix(extractions, "002")
    table = {t.indicator_id.split(":")[1]: t for t in x.targets if t.main and "|" in t.evidence}
    jobs = table["cheng-zhen-xin-zeng-jiu-ye"]
    assert (jobs.value, jobs.scope, jobs.baseline_value, jobs.baseline_year, jobs.attribute) == (300, "cumulative", 362, 2020, "预期性")
    training = table["bu-tie-xing-zhi-ye-ji-neng-pei-xun"]  # the row that lost a cell
    assert (training.value, training.unit, training.scope) == (150, "万人次", "cumulative")
    share = table["lao-dong-bao-chou-zhan-bi"]  # 50.3* is 2019 data, per the table's note
    assert (share.comparator, share.value_text, share.baseline_year) == ("text", "稳步增长", 2019)


def test_a_target_in_table_and_prose_is_kept_once(extractions: dict[str, PlanExtraction]) -> None:
    x = by_prefix(extractions, "002")
    jobs = [t for t in x.targets if t.main and t.indicator_id == "indicator:cheng-zhen-xin-zeng-jiu-ye"]
    assert len(jobs) == 1 and "|" in jobs[0].evidence


def test_past_achievements_are_not_targets() -> None:
    assert _targets("“十三五”期间，城镇新增就业累计128万人。") == []
