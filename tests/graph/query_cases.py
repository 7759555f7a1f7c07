"""Questions with several parameter sets each, shared by the embedded tests and the differential test."""

from __future__ import annotations

from typing import Any

from graph.build import Graph
from graph.questions import (
    ClauseSearch,
    Entities,
    ExportNodes,
    ExportRelationships,
    GraphStats,
    IndicatorRegionRelations,
    IndicatorTargets,
    InstrumentClauses,
    InstrumentProfile,
    LineageInnovations,
    LineageSummary,
    PlanCitations,
    PlanFundings,
    PlanLineage,
    PlanOutline,
    Plans,
    ProgramDiffusion,
    ProgramRegionRelations,
    ProgramsForGroup,
    Question,
    RegionCoverage,
    RegionMatrix,
    Regions,
    RegionScope,
    RegionsForProgram,
    ReuseMatrix,
    ReusePairs,
)

PARKS, LOANS, GIG = (
    "program:fan-xiang-ru-xiang-chuang-ye-yuan",
    "program:chuang-ye-dan-bao-dai-kuan",
    "program:ling-gong-shi-chang",
)
WORK_RELIEF, THREE_SUPPORTS = "program:yi-gong-dai-zhen", "program:san-zhi-yi-fu"
"""Programs 巴彦淖尔 echoes (twice) and elaborates 内蒙古's plan on."""
LEVELS: list[tuple[Any, bool]] = [
    (None, False),
    ("province", False),
    ("province", True),
    ("country", True),
    ("prefecture", False),
]
SEARCHES = ["零工", "零工市场", "三支一扶", "返乡创业园", "高校毕业生", "创业担保贷款"]


def plan_ids(graph: Graph) -> list[str]:
    return sorted(n for n, a in graph.nodes(data=True) if a["labels"] == ("Plan",))


def cases(plan_ids: list[str]) -> list[Question[Any]]:
    """Every question, several parameter sets each (and each plan's own questions per plan)."""
    found: list[Question[Any]] = [
        RegionsForProgram(
            program_id=program, relation=relation, level=level, include_subregions=sub
        )
        for program in (PARKS, LOANS, GIG)
        for relation in ("FUNDS", "COVERS")
        for level, sub in LEVELS
    ]
    found += [
        ProgramRegionRelations(program_id=program, level=level, include_subregions=sub)
        for program in (PARKS, LOANS, GIG)
        for level, sub in LEVELS
    ]
    for group in (
        "group:gao-xiao-bi-ye-sheng",
        "group:nong-min-gong",
        "group:jiu-ye-kun-nan-ren-yuan",
    ):
        found += [
            ProgramsForGroup(group_id=group, region_code=region)
            for region in (None, "150000", "500000")
        ]
    for indicator in (
        "indicator:cheng-zhen-xin-zeng-jiu-ye",
        "indicator:cheng-zhen-diao-cha-shi-ye-lv",
        "indicator:gao-ji-neng-ren-cai-zong-liang",
    ):
        found += [
            IndicatorTargets(indicator_id=indicator),
            IndicatorTargets(indicator_id=indicator, scope="cumulative"),
            IndicatorRegionRelations(indicator_id=indicator),
        ]
        found.append(
            IndicatorTargets(indicator_id=indicator, region_codes=["500000", "640000"], year=2025)
        )
        found.append(IndicatorTargets(indicator_id=indicator, main=False))
    for codes in (["500000", "640000"], ["150000", "150800", "620000"]):
        found += [
            RegionCoverage(region_codes=codes),
            IndicatorTargets(region_codes=codes, main=True),
        ]
    found += [
        RegionMatrix(relation="FUNDS", label="Program"),
        RegionMatrix(relation="COVERS", label="Program"),
    ]
    found.append(RegionMatrix(relation="COVERS", label="TargetGroup"))
    found += [
        RegionMatrix(relation=relation, label=label, region_codes=["500000", "150800", "510000"])
        for relation, label in (("FUNDS", "Program"), ("COVERS", "TargetGroup"))
    ]
    found += [
        ClauseSearch(terms=[text], region_code=region)
        for text in SEARCHES
        for region in (None, "620000")
    ]
    found.append(ClauseSearch(terms=["返乡创业园", "返乡入乡创业园", "零工"]))
    for plan_id in plan_ids:
        found += [
            PlanOutline(plan_id=plan_id),
            PlanFundings(plan_id=plan_id),
            PlanCitations(plan_id=plan_id),
        ]
        found += [
            RegionCoverage(plan_id=plan_id),
            Plans(plan_id=plan_id),
            IndicatorTargets(plan_id=plan_id),
        ]
        found.append(ProgramsForGroup(plan_id=plan_id))
        found += [PlanLineage(plan_id=plan_id), LineageInnovations(plan_id=plan_id)]
    found += [Regions(), GraphStats(), ExportNodes(), ExportRelationships()]
    found += [Plans(region_code=region) for region in (None, "150000", "999999")]
    found += [Entities(label=label) for label in ("Program", "TargetGroup", "Indicator")]
    found += [Entities(label="Program", text="创业"), Entities(label="Program", kind="carrier")]
    found += [
        RegionScope(region_code=code) for code in ("150000", "150800", "100000", "500000", "110000")
    ]
    found += [
        ProgramDiffusion(program_id=program)
        for program in (PARKS, LOANS, GIG, WORK_RELIEF, THREE_SUPPORTS)
    ]
    for codes in (None, ["150000", "150800"], ["500000", "640000", "620000"]):
        found += [
            LineageSummary(region_codes=codes),
            ReusePairs(region_codes=codes),
            ReuseMatrix(region_codes=codes),
            InstrumentProfile(region_codes=codes),
        ]
        found += [
            InstrumentClauses(region_codes=codes, policy_instrument=kind)
            for kind in (None, "demand")
        ]
    return found
