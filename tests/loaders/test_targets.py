"""SETS_TARGET from prose and tables: value, unit, comparator, scope, baseline and main."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import VocabularyError
from graph.model import PlanExtraction, Target
from loaders.indicator_names import indicator_name, load_counting_verbs
from loaders.pipeline import extract_text
from tests.conftest import by_prefix

HEADER = "河南省就业促进规划\n二、总体要求\n（三）主要目标\n"


def _targets(body: str) -> list[Target]:
    return extract_text((HEADER + body).encode(), source="t.txt").targets


def _shown(targets: list[Target]) -> list[tuple[object, ...]]:
    return [(t.indicator_id.split(":")[1], t.value, t.unit, t.comparator, t.scope) for t in targets]


def test_prose_targets_with_comparators_and_scopes() -> None:
    targets = _targets(
        "到2025年，城镇新增就业累计50万人以上，城镇调查失业率控制在5.5%以内，全员劳动生产率年均增长6%左右。"
    )
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


def test_years_are_not_quantities_and_a_rise_is_a_change() -> None:
    [target] = _targets("服务业就业比重较2020年提高5个百分点。")
    assert _shown([target]) == [("fu-wu-ye-jiu-ye-bi-zhong", 5, "个百分点", "=", "level")]
    assert target.change


def test_indicators_outside_the_vocabulary_are_discovered_from_the_clause() -> None:
    x = extract_text(
        (
            HEADER + "到2025年，全省技能劳动者占就业人员比重达到30%，建设1个以上返乡入乡创业园。"
        ).encode(),
        source="t.txt",
    )
    discovered = {e.id: e for e in x.discovered}
    names = [
        (discovered[t.indicator_id].name, t.value, t.unit)
        for t in x.targets
        if t.indicator_id in discovered
    ]
    assert names == [("技能劳动者占就业人员比重", 30, "%"), ("建设返乡入乡创业园", 1, "个")]
    assert not any(
        discovered[t.indicator_id].curated for t in x.targets if t.indicator_id in discovered
    )


def test_a_number_without_words_of_its_own_repeats_the_indicator_before_it() -> None:
    targets = _targets("“十四五”期间，全市累计实现城镇新增就业25万人以上，年均5万人以上。")
    assert [(t.indicator_id, t.value, t.scope) for t in targets] == [
        ("indicator:cheng-zhen-xin-zeng-jiu-ye", 25, "cumulative"),
        ("indicator:cheng-zhen-xin-zeng-jiu-ye", 5, "annual"),
    ]


def test_ranges_and_chinese_numerals_in_prose() -> None:
    targets = _targets(
        "返乡入乡创业3—5万人，力争劳务品牌带动就业达到三十万人，技能劳动者占就业人员比重提高两个百分点。"
    )
    assert [(t.value, t.value_high, t.unit, t.comparator, t.change) for t in targets] == [
        (3, 5, "万人", "range", False),
        (30, None, "万人", "=", False),
        (2, None, "个百分点", "=", True),
    ]


def test_conditions_money_and_durations_are_not_targets() -> None:
    assert _targets("对吸纳搬迁群众就业10人以上的帮扶车间，每年给予2万元运营补助。") == []
    assert _targets("对稳定就业3个月以上的脱贫劳动力给予每人500元交通补助。") == []
    assert _targets("签订1年以上劳动合同。") == []


def test_money_that_measures_something_is_a_target() -> None:
    [target] = _targets("到2025年，人力资源服务业营业收入突破3000亿元。")
    assert (target.value, target.unit) == (3000, "亿元")


def test_chongqing_table_rows_read_by_column(extractions: dict[str, PlanExtraction]) -> None:
    x = by_prefix(extractions, "002")
    table = {t.indicator_id.split(":")[1]: t for t in x.targets if t.main and "|" in t.evidence}
    jobs = table["cheng-zhen-xin-zeng-jiu-ye"]
    assert (jobs.value, jobs.scope, jobs.baseline_value, jobs.baseline_year, jobs.attribute) == (
        300,
        "cumulative",
        362,
        2020,
        "预期性",
    )
    training = table["bu-tie-xing-zhi-ye-ji-neng-pei-xun"]  # the row that lost a cell
    assert (training.value, training.unit, training.scope) == (150, "万人次", "cumulative")
    share = table["lao-dong-bao-chou-zhan-bi"]  # 50.3* is 2019 data, per the table's note
    assert (share.comparator, share.value_text, share.baseline_year) == ("text", "稳步增长", 2019)


def test_a_target_in_table_and_prose_is_kept_once(extractions: dict[str, PlanExtraction]) -> None:
    x = by_prefix(extractions, "002")
    jobs = [
        t for t in x.targets if t.main and t.indicator_id == "indicator:cheng-zhen-xin-zeng-jiu-ye"
    ]
    assert len(jobs) == 1 and "|" in jobs[0].evidence


def test_past_achievements_are_not_targets() -> None:
    assert _targets("“十三五”期间，城镇新增就业累计128万人。") == []


def test_the_past_reaches_the_sentences_after_it_but_not_past_a_semicolon_with_a_future() -> None:
    targets = _targets(
        "“十三五”时期，全省就业稳定。五年间城镇新增就业725万人。“十三五”期间新增就业318万人；“十四五”期间，城镇新增就业275万人以上。"
    )
    assert [t.value for t in targets] == [275]


def test_a_start_value_is_a_baseline_not_a_target() -> None:
    targets = _targets("见习留用率由40%提高到50%。")
    assert [t.value for t in targets] == [50]


def test_a_target_in_the_prose_and_a_box_is_one_fact_with_both_quotes() -> None:
    x = extract_text(
        (
            HEADER
            + "到2025年，开展补贴性职业技能培训150万人次。\n三、重点任务\n专栏1 技能提升\n开展补贴性职业技能培训150万人次。\n"
        ).encode(),
        source="t.txt",
    )
    [target] = x.targets
    assert target.main and len(target.restated_clause_ids) == 1
    assert target.restated_evidence == ("开展补贴性职业技能培训150万人次",)


def test_a_plan_period_without_a_year_ends_the_target_year() -> None:
    text = "安徽省就业创业行动计划（2021—2023年）\n一、主要目标\n“十四五”期间扶持创业3万人。\n"
    [target] = extract_text(text.encode(), source="t.txt").targets
    assert target.year == 2023


def test_a_past_number_still_names_the_target_after_it() -> None:
    targets = _targets("“十三五”时期城镇新增就业433.6万人，“十四五”目标确定为350万人以上。")
    assert [(t.indicator_id, t.value) for t in targets] == [
        ("indicator:cheng-zhen-xin-zeng-jiu-ye", 350)
    ]


def test_respectively_takes_numbers_from_its_own_stretch_only() -> None:
    targets = _targets("调解成功率和仲裁结案率分别达到60%，就业困难人员就业2万人。")
    by_value = {t.value: t.indicator_id for t in targets}
    assert by_value[2] == "indicator:jiu-ye-kun-nan-ren-yuan-jiu-ye"
    assert by_value[60] != "indicator:lao-dong-ren-shi-zheng-yi-zhong-cai-jie-an-lv"


def test_counted_groups_of_the_past_and_numbers_opening_a_clause() -> None:
    assert _targets("“十三五”时期帮扶75万登记失业人员实现就业。") == []
    [target] = _targets("15万名高校毕业生到基层就业。")
    assert (target.value, target.unit) == (15, "万名")


def test_an_indicator_is_named_from_its_own_table_cell_and_needs_two_characters() -> None:
    named = indicator_name("0 |解读|五年城镇新增就业", "万人 | 预期性")
    assert named is not None and named.name == "城镇新增就业"
    assert indicator_name("*", "") is None
    assert indicator_name("| 2 |", "个") is None


@pytest.mark.parametrize(
    ("before", "after", "name"),
    [
        ("全市新认证", "家庭农牧场", "新认证家庭农牧场"),  # a counting verb after a modifier
        ("重点扶持", "家庭农牧场、12家农民专业合作社", "重点扶持家庭农牧场、12家农民专业合作社"),
        ("打造培育", "全国性劳务品牌", "打造培育全国性劳务品牌"),  # 全国性 is no place
        ("升级", "“家门口”就业服务站", "升级“家门口”就业服务站"),  # its quotes kept whole
        ("要挖掘第二产业新就业岗位", "", "挖掘第二产业新就业岗位"),  # 要 is a manner word
        ("要素市场交易额", "", "要素市场交易额"),  # but not in 要素
        ("城镇新增就业", "", "城镇新增就业"),
    ],
)
def test_a_name_of_counting_verbs_alone_takes_the_noun_after_the_number(
    before: str, after: str, name: str
) -> None:
    named = indicator_name(before, after)
    assert named is not None and named.name == name
    long = indicator_name("指导", "高校（河套学院和内蒙古美术职业学院）建立毕业生就业跟踪机制")
    assert long is not None and long.name.startswith("指导高校")  # cut after, not before


@pytest.mark.parametrize(
    "content",
    [
        "verbs: [建设]\n",  # no modifiers
        "verbs: 建设\nmodifiers: [重点]\n",  # a string, not a list of words
        "verbs: []\nmodifiers: [重点]\n",
        "[1",
    ],
)
def test_an_unreadable_counting_verb_list_is_an_error_naming_its_file(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "counting_verbs.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_counting_verbs(path)
    assert str(path) in str(caught.value)


def test_the_counting_verbs_read_take_modifiers_before_each_verb(tmp_path: Path) -> None:
    path = tmp_path / "counting_verbs.yaml"
    path.write_text("verbs: [建设, 认证]\nmodifiers: [重点, 新]\n", encoding="utf-8")
    verbs_only = load_counting_verbs(path)
    assert verbs_only.fullmatch("重点建设") and verbs_only.fullmatch("新认证建设")
    assert not verbs_only.fullmatch("重点") and not verbs_only.fullmatch("建设园区")
