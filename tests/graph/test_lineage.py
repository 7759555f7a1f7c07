"""Lineage on its own terms: which plans are a plan's parents, when lineage must be computed
again, how clauses are labelled and paired, and what the embedded store writes for the seeds."""

from __future__ import annotations

import random
from statistics import median

import pytest
from datasketch import MinHashLSH
from networkx.utils import UnionFind

from graph.embedded_store import EmbeddedStore
from graph.lineage.align import (
    ECHO,
    ELABORATION,
    LOCAL,
    LOCAL_FACTOR,
    LOCAL_NEVER_ABOVE,
    align_plan,
)
from graph.lineage.corpus import LineageClause, LineagePlan, is_statement, statements
from graph.lineage.reuse import NUM_PERM, THRESHOLD, _join, reuse_families, signed_clauses
from graph.lineage.vertical import parent_plans, stale
from graph.questions import ExportNodes, ExportRelationships, LineageSummary, PlanLineage
from loaders.pipeline import extract_text

CITY, PROVINCE, COUNTRY, COUNTY = "150800", "150000", "100000", "150821"
CHAIN = {COUNTY: (CITY, PROVINCE, COUNTRY), CITY: (PROVINCE, COUNTRY), PROVINCE: (COUNTRY,)}


def _plan(plan_id: str, region: str, *texts: str, issued_on: str | None = None) -> LineagePlan:
    clauses = tuple(
        LineageClause(id=f"{plan_id}/c{n}", text=text, chapter="1") for n, text in enumerate(texts)
    )
    return LineagePlan(plan_id, region, issued_on, clauses, CHAIN.get(region, ()))


def test_a_plans_parents_are_the_plans_of_its_nearest_region_above_with_any() -> None:
    country = _plan("plan:c", COUNTRY)
    province = _plan("plan:p", PROVINCE)
    city, county = _plan("plan:m", CITY), _plan("plan:x", COUNTY)
    other_of_city = _plan("plan:m2", CITY)
    found = parent_plans([country, province, city, county, other_of_city])
    assert [p.id for p in found["plan:m"]] == ["plan:p"]  # not the city's own 解读
    assert [p.id for p in found["plan:x"]] == ["plan:m", "plan:m2"]
    assert [p.id for p in found["plan:p"]] == ["plan:c"]
    assert found["plan:c"] == []
    # No plan of the city: the county goes to the province.
    assert [p.id for p in parent_plans([province, county])["plan:x"]] == ["plan:p"]


def test_a_new_parent_makes_its_children_stale_and_no_one_else() -> None:
    province, city = _plan("plan:p", PROVINCE), _plan("plan:m", CITY)
    unrelated = _plan("plan:q", "320000")
    plans = [province, city, unrelated]
    assert stale(plans, {"plan:m": ()}, {"plan:p"}) == {"plan:p", "plan:m"}
    # A parent replaced by another version: the child's parents changed.
    assert stale(plans, {"plan:m": ("plan:old",)}, set()) == {"plan:m"}
    assert stale(plans, {"plan:m": ("plan:p",)}, set()) == set()


PARENT = (
    "加快建设零工市场，为灵活就业人员提供免费的求职登记、职业指导和岗位信息服务。",
    "严格落实最低工资制度，依法保障劳动者取得劳动报酬的权利。",
)


def test_clauses_are_labelled_echo_elaboration_or_local_with_their_counterpart() -> None:
    parent = _plan("plan:p", PROVINCE, *PARENT)
    child = _plan(
        "plan:m",
        CITY,
        "加快建设零工市场，为灵活就业人员提供免费的求职登记、职业指导和岗位信息服务。",
        "加快建设零工市场12个，为灵活就业人员提供免费的求职登记、职业指导和岗位信息服务。",
        "组织开展河套文化旅游节，推介本地特色农畜产品。",
        "组织开展河套文化旅游节，推介本地特色农畜产品，保障工资发放。",
    )
    echo, elaboration, local, near = align_plan(child, [parent])
    assert (echo.label, elaboration.label, local.label, near.label) == (
        ECHO,
        ELABORATION,
        LOCAL,
        LOCAL,
    )
    assert echo.counterparts[0].clause.id == "plan:p/c0" and echo.score == 1.0
    assert elaboration.counterparts[0].clause.id == "plan:p/c0"
    assert "12" in elaboration.counterparts[0].added
    assert local.counterparts == () and local.nearest is None  # shares not a word
    assert near.counterparts == () and near.nearest is not None
    assert (near.nearest.id, near.score > 0) == ("plan:p/c1", True)  # 保障, 工资
    assert echo.nearest is None  # a counterpart, not a nearest


@pytest.mark.parametrize(
    ("parent_text", "child_text", "label"),
    [
        ("城镇新增就业（万人）| 100 | 预期性", "3 |城镇新增就业（万人）| 100 | 预期性", ECHO),
        (  # 5万 is no 5%
            "全面推行企业新型学徒制，城镇调查失业率控制在5%以内。",
            "全面推行企业新型学徒制，期间培训企业新型学徒5万人。",
            ELABORATION,
        ),
        (  # an item's own number is no figure, a decimal after it is
            "城镇调查失业率控制在5%以内，全面推行企业新型学徒制。",
            "1.城镇调查失业率控制在5%以内，全面推行企业新型学徒制。",
            ECHO,
        ),
        (
            "城镇调查失业率控制在5%以内，全面推行企业新型学徒制。",
            "3.5%以内的城镇调查失业率控制，全面推行企业新型学徒制。",
            ELABORATION,
        ),
        (  # a period's first year is a date too
            "本规划是全省就业工作的行动指引，规划期限为2021年至2025年。",
            "本规划是全市就业工作的行动指引，规划期为2021—2025年。",
            ECHO,
        ),
        (  # nor is a period without 年
            "本规划是全省就业工作的行动指引，明确总体思路。",
            "本规划是全市就业工作的行动指引（2021—2025），明确总体思路。",
            ECHO,
        ),
        (  # a document's number cites, it states no figure
            "根据《就业促进规划》，结合全省实际，制定本方案。",
            "根据《就业促进规划》（黑政办发〔2021〕48号），结合全市实际，制定本方案。",
            ECHO,
        ),
        (  # how the text counts its own measures is no figure
            "提出强化创业政策支持、优化创业服务等具体措施。",
            "提出强化创业政策支持、优化创业服务2条具体措施。",
            ECHO,
        ),
        (  # but a count of what is built is
            "建设一批粤菜师傅大师工作室，打造粤菜美食旅游精品线路。",
            "建设一批粤菜师傅大师工作室，打造3条粤菜美食旅游精品线路。",
            ELABORATION,
        ),
    ],
)
def test_a_figure_is_added_by_its_value_and_magnitude_not_a_rows_number(
    parent_text: str, child_text: str, label: str
) -> None:
    parent = _plan("plan:p", PROVINCE, parent_text)
    (aligned,) = align_plan(_plan("plan:m", CITY, child_text), [parent])
    assert aligned.label == label


@pytest.mark.parametrize(
    ("child_text", "label"),
    [
        ("在五原县、磴口县推行企业新型学徒制，深化产教融合。", ELABORATION),  # its counties
        ("依托巴彦淖尔职业技术学院推行新型学徒制，深化产教融合。", ELABORATION),  # an institution
        ("依托技师学院推行企业新型学徒制，深化产教融合。", ECHO),  # a kind of institution
        ("在各类产业园区推行企业新型学徒制，深化产教融合。", ECHO),  # a kind of park
        ("支持巴彦淖尔建设产业园区，推行企业新型学徒制，深化产教融合。", ECHO),  # parks of its own
        ("在巴彦淖尔市推行企业新型学徒制，深化产教融合。", ECHO),  # its own name: 全市
        ("面向内蒙古大学生推行企业新型学徒制，深化产教融合。", ECHO),  # students, not a university
        ("与宁夏回族自治区推行企业新型学徒制，深化产教融合。", ELABORATION),  # a partner
    ],
)
def test_a_place_or_an_institution_is_a_concrete_item(child_text: str, label: str) -> None:
    parent = _plan("plan:p", PROVINCE, "全面推行企业新型学徒制，深化产教融合。")
    (aligned,) = align_plan(_plan("plan:m", CITY, child_text), [parent])
    assert aligned.label == label


@pytest.mark.parametrize(
    ("child_place", "parent_place"), [("巴彦淖尔", "巴彦淖尔市"), ("巴彦淖尔市", "巴彦淖尔")]
)
def test_a_place_its_counterpart_names_otherwise_is_no_addition(
    child_place: str, parent_place: str
) -> None:
    text = "在{}推行企业新型学徒制，深化产教融合。"
    parent = _plan("plan:p", COUNTRY, text.format(parent_place))
    (aligned,) = align_plan(_plan("plan:m", PROVINCE, text.format(child_place)), [parent])
    assert aligned.label == ECHO


LOOSE = "在乡镇设立零工驿站，打造十五分钟就业服务圈，方便群众就近求职。"
"""Shares 零工市场's 零工 and 就业服务 with PARENT[0], and little else: about a tenth of its weight."""
REWORDED = "建设零工市场，推动本地就业服务向乡村延伸，打造十五分钟就业服务圈。"
"""Shares 建设零工市场 and 就业服务 with PARENT[0]: about a fifth of its weight."""


def test_how_much_a_counterpart_must_share_depends_on_how_closely_the_plan_follows() -> None:
    parent = _plan("plan:p", PROVINCE, *PARENT)
    copying = _plan("plan:m", CITY, *PARENT, LOOSE)
    paraphrasing = _plan("plan:m", CITY, LOOSE, "保障劳动者权利，推动工资按时足额发放到位。")
    assert align_plan(copying, [parent])[-1].label == LOCAL
    loose = align_plan(paraphrasing, [parent])[0]
    assert loose.label == ECHO and loose.counterparts[0].clause.id == "plan:p/c0"


def test_a_plan_that_copies_does_not_raise_its_floor_above_a_reworded_echo() -> None:
    parent = _plan("plan:p", PROVINCE, *PARENT)
    reworded = align_plan(_plan("plan:m", CITY, *PARENT, REWORDED), [parent])[-1]
    relative_floor = LOCAL_FACTOR * median([1.0, 1.0, reworded.score])  # two clauses copied whole
    assert LOCAL_NEVER_ABOVE <= reworded.score < relative_floor
    assert reworded.label == ECHO and reworded.counterparts[0].clause.id == "plan:p/c0"


def test_a_plan_of_local_clauses_does_not_lower_its_floor_to_a_shared_word() -> None:
    parent = _plan("plan:p", PROVINCE, *PARENT)
    child = _plan(
        "plan:m",
        CITY,
        "组织开展河套文化旅游节，推介本地特色农畜产品，带动就业。",  # shares only 就业
        "举办那达慕大会，展示草原民族风情，吸引游客。",
    )
    festival, fair = align_plan(child, [parent])
    assert (festival.label, fair.label) == (LOCAL, LOCAL)
    assert 0 < festival.score < 0.1


def test_a_clause_naming_a_program_its_counterpart_lacks_elaborates() -> None:
    parent = _plan("plan:p", PROVINCE, *PARENT)
    text = PARENT[0]
    child = LineagePlan(
        "plan:m",
        CITY,
        None,
        (
            LineageClause(
                "plan:m/c0", text, "1", entities=frozenset({"program:ling-gong-shi-chang"})
            ),
        ),
        CHAIN[CITY],
    )
    (aligned,) = align_plan(child, [parent])
    assert aligned.label == ELABORATION


@pytest.mark.parametrize(
    ("text", "heading", "row", "expected"),
    [
        ("加快建设零工市场，为灵活就业人员提供服务。", False, False, True),
        ("发布机构：苏州市人民政府办公室", False, False, False),
        ("字号：[大中小]浏览次数：2876", False, False, False),
        ("第一章 发展基础", True, False, False),
        ("城镇新增就业（万人）| 100 | 预期性", False, True, True),
        ("就业是民生之本。", False, False, True),  # short, but a whole sentence
        ("规划期为2021—2025年。", False, False, True),
        ("特此通知。", False, False, False),
        ("·江苏省“十四五”高质量就业促进规划（苏政办发〔2021〕78号）", False, False, False),
        ("1.《江苏省就业促进条例》（苏政发[2021]78 号）；", False, False, False),
        ("根据《江苏省就业促进规划》（苏政办发〔2021〕78号），制定本方案。", False, False, True),
        ("各地要严格执行《就业补助资金管理办法》（财社〔2017〕164号）", False, False, True),
        ("主要指标见表2-1。", False, False, False),  # a pointer, not a statement
        ("具体任务分工详见附件。", False, False, False),
        ("“十四五”时期就业主要指标（详见表1、表2）。", False, False, False),
        ("主要目标见下表。", False, False, False),
        ("具体见专栏1至专栏3。", False, False, False),
        ("主要指标见表1和附表2。", False, False, False),
        ("“十四五”时期全省就业主要预期指标（详见表1）。", False, False, False),
        ("请各单位报送征求意见表。", False, False, True),  # a form, not a pointer
        ("对各市就业工作目标责任考核，年度任务分解见附件。", False, False, True),
        ("省人民政府办公厅关于印发江苏省“十四五”就业促进规划的通知", False, False, False),
        ("各区县（自治县）人民政府，市政府有关部门，有关单位：", False, False, False),
        ("各市、县人民政府，省政府各部门、各直属机构：", False, False, False),
        ("现将《江苏省“十四五”就业促进规划》印发给你们，请认真组织实施。", False, False, False),
        ("为确保《规划》各项目标任务落到实处，现就有关事项通知如下：", False, False, True),
        ("各级人民政府要把就业工作摆在突出位置，纳入政府目标责任考核。", False, False, True),
        (
            "盟行政公署、市人民政府，自治区各委、办、厅、局，各大企业、事业单位：",
            False,
            False,
            False,
        ),
        ("各省、自治区、直辖市人力资源社会保障厅（局）：", False, False, False),
        ("《吉林省就业促进规划》已经省政府同意，现印发你们，请认真贯彻执行。", False, False, False),
        (  # a lead-in that names bodies in passing says something
            "对招用就业困难人员、高校毕业生的企业、社会组织、机关事业单位，按以下标准给予社会保险补贴：",
            False,
            False,
            True,
        ),
        ("各级政府、各部门、各单位要强化责任担当，确保以下目标完成：", False, False, True),
        ("认真贯彻落实国务院办公厅关于进一步做好稳就业工作的通知", False, False, True),  # cites
        ("对新认定的市级劳务品牌给予5万元奖励", False, False, False),  # outside a box: below
        ("本页已被访问：12345人次", False, False, False),
        # a numbered item the outline took for a heading: it counts, or says something after a label
        ("1.每年组织高校毕业生就业见习1万人以上。", True, False, True),
        ("2.专场招聘工程：每年组织劳务输出专场招聘活动", True, False, True),
        ("（3）平台建设：建设影视行业人才公共服务平台", True, False, True),
        ("1.推行终身职业技能培训制度。", True, False, False),
        ("（一）部署启动阶段（2022年3月—6月）。", True, False, False),
        ("2.平台建设：", True, False, False),
        ("3.3.1推行终身职业技能培训制度", True, False, False),
    ],
)
def test_only_statements_are_aligned(text: str, heading: bool, row: bool, expected: bool) -> None:
    assert is_statement(text, is_heading=heading, is_table_row=row) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对新认定的市级劳务品牌给予5万元奖励", True),  # the tail of an item cut at its ；
        ("创业领航：创业培训7万人次左右／年", True),
        ("——累计发放创业担保贷款：312亿元", True),
        ("成文日期：2021年12月20日", False),  # a date is no quantity
        ("浏览次数：2876", False),  # nor a number without a unit
        ("专项行动计划", False),
    ],
)
def test_in_a_box_a_short_line_that_counts_is_a_statement(text: str, expected: bool) -> None:
    assert is_statement(text, is_heading=False, is_table_row=False, in_box=True) is expected


def test_a_box_and_the_items_under_it_are_in_a_box_the_section_after_is_not() -> None:
    x = extract_text(
        "玉溪市就业促进规划\n一、重点任务\n加快发展服务业，扩大就业容量。\n专栏1 劳务品牌建设\n"
        "1.品牌培育：打造一批劳务品牌\n2.奖励支持：对新认定的省级劳务品牌给予10万元奖励；"
        "对新认定的市级劳务品牌给予5万元奖励\n二、保障措施\n新增就业补助资金5000万元\n".encode(),
        source="t.txt",
    )
    said = [c.text for c in statements(x)]
    assert "对新认定的市级劳务品牌给予5万元奖励" in said
    assert "新增就业补助资金5000万元" not in said  # the same shape outside a box


def test_a_numbered_item_heading_nothing_is_a_statement_a_heading_over_it_is_not() -> None:
    """Under 专栏1 the outline reads 1. and 2. as headings; each heads nothing and is a sentence."""
    x = extract_text(
        "福建省就业促进规划\n一、重点任务\n（一）扩大就业。\n加快发展服务业，扩大就业容量。\n"
        "专栏1 就业创业提升行动\n1.到2025年，省级创业孵化示范基地达到120个。\n"
        "2.每年组织台湾青年来闽实习见习3000人次以上。\n二、保障措施\n加强组织领导。\n".encode(),
        source="t.txt",
    )
    items = [c for c in x.clauses if c.text[:2] in ("1.", "2.")]
    assert len(items) == 2 and all(c.is_heading for c in items)
    said = [c.text for c in statements(x)]
    assert said == ["加快发展服务业，扩大就业容量。", *(c.text for c in items), "加强组织领导。"]
    (heading,) = [c for c in x.clauses if c.text == "（一）扩大就业。"]
    assert heading.is_heading  # it heads a clause, so ending as a sentence makes it no statement


def test_near_same_clauses_of_regions_form_one_family_rooted_at_the_earliest() -> None:
    shared = "持续开展清理整顿人力资源市场秩序专项行动，依法查处招聘过程中的虚假、欺诈行为。"
    early = _plan("plan:a", PROVINCE, shared, "加强组织领导。", issued_on="2021-06-01")
    late = _plan("plan:b", "320000", shared.replace("持续", "深入"), issued_on="2022-01-01")
    later = _plan("plan:c", "440000", shared.replace("持续", "全面"), issued_on="2023-01-01")
    same_region = _plan(
        "plan:d", "320000", "全面落实最低工资标准调整机制，保障劳动者合法权益不受侵害。"
    )
    members = {m.clause_id: m for m in reuse_families([later, same_region, late, early])}
    assert set(members) == {"plan:a/c0", "plan:b/c0", "plan:c/c0"}  # not 加强组织领导 (too short)
    assert {m.family for m in members.values()} == {"plan:a/c0"}
    assert [m.clause_id for m in members.values() if m.reuses] == ["plan:b/c0", "plan:c/c0"]
    assert all(0.6 <= m.score <= 1 for m in members.values())


def test_a_family_within_one_region_is_no_reuse() -> None:
    shared = "持续开展清理整顿人力资源市场秩序专项行动，依法查处招聘过程中的虚假、欺诈行为。"
    plan, interpretation = _plan("plan:a", PROVINCE, shared), _plan("plan:b", PROVINCE, shared)
    assert reuse_families([plan, interpretation]) == []


def test_clauses_sharing_a_bucket_join_where_near_same_and_through_one_another() -> None:
    """A bucket holds candidates, not near-same clauses: 5 and 7 share 6 of 14 trigrams (0.43)
    and stay apart until 9, which shares 8 of 12 with each, joins them; 11 shares nothing."""
    grams = [frozenset(map(str, numbers)) for numbers in (
        range(1, 11), range(5, 15), range(3, 13), range(100, 110),
    )]  # fmt: skip
    apart = UnionFind(range(12))
    _join([5, 7, 11], [grams[0], grams[1], grams[3]], apart)
    assert len({apart[5], apart[7], apart[11]}) == 3
    joined = UnionFind(range(12))
    _join([5, 7, 9, 11], grams, joined)
    assert joined[5] == joined[7] == joined[9] != joined[11]
    assert joined[5] != joined[0]  # a clause of no bucket stays alone
    chained = UnionFind(range(12))  # 7 is near-same to 9 of the group 5 and 9 only
    _join([9, 5, 7], [grams[2], grams[0], grams[1]], chained)
    assert chained[5] == chained[9] == chained[7]


def _families_by_query(plans: list[LineagePlan]) -> set[frozenset[str]]:
    """The families as an index queried clause by clause finds them: the reference."""
    entries, hashes = signed_clauses(plans)
    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for position, signature in enumerate(hashes):
        index.insert(position, signature)
    components = UnionFind(range(len(entries)))
    for position, signature in enumerate(hashes):
        for other in index.query(signature):
            a, b = entries[position][2], entries[other][2]
            if len(a & b) / len(a | b) >= THRESHOLD:
                components.union(other, position)
    return {
        frozenset(entries[p][1].id for p in family)
        for family in components.to_sets()
        if len({entries[p][0].region_code for p in family}) > 1
    }


def test_reuse_finds_the_families_an_index_queried_clause_by_clause_finds() -> None:
    rng = random.Random(7)
    words = [chr(0x4E00 + rng.randrange(2000)) for _ in range(300)]
    bases = ["".join(rng.choices(words, k=40)) for _ in range(30)]

    def variant(text: str) -> str:
        chars = list(text)
        for _ in range(rng.randrange(8)):
            chars[rng.randrange(len(chars))] = rng.choice(words)
        return "".join(chars)

    regions = ["110000", "320000", "440000", "510000"]
    plans = [
        _plan(f"plan:{i}", regions[i % 4], *(variant(rng.choice(bases)) for _ in range(25)))
        for i in range(12)
    ]
    found: dict[str, set[str]] = {}
    for member in reuse_families(plans):
        found.setdefault(member.family, set()).add(member.clause_id)
    expected = _families_by_query(plans)
    assert len(expected) > 5
    assert {frozenset(family) for family in found.values()} == expected


def test_the_embedded_store_aligns_bayannur_with_inner_mongolia(
    seeds_store: EmbeddedStore,
) -> None:
    summaries = {row.region_code: row for row in seeds_store.ask(LineageSummary())}
    bayannur, inner_mongolia = summaries[CITY], summaries[PROVINCE]
    assert bayannur.parents == [inner_mongolia.plan_id]
    assert inner_mongolia.parents == [] and inner_mongolia.echo == 0
    assert bayannur.echo + bayannur.elaboration + bayannur.local == bayannur.statements > 40
    rows = seeds_store.ask(PlanLineage(plan_id=bayannur.plan_id))
    texts = {n.id: n.properties.get("text") for n in seeds_store.ask(ExportNodes())}
    for row in rows:  # a local clause's parent clause is its nearest, no counterpart
        assert texts[row.clause_id] == row.text
        assert (row.label == LOCAL) == (row.rank is None)
        assert row.parent_plan_id == inner_mongolia.plan_id and row.parent_clause_id
        assert texts[row.parent_clause_id] == row.parent_text
    echoes = [r for r in seeds_store.ask(ExportRelationships()) if r.type == "ECHOES"]
    assert {r.properties["plan_id"] for r in echoes} == {bayannur.plan_id}
