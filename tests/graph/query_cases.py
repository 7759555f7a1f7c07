"""Parameter sets for every named query, shared by the embedded tests and the differential test."""

from __future__ import annotations

from typing import Any

from graph.queries import lucene_phrase

PARKS, LOANS, GIG = (
    "program:fan-xiang-ru-xiang-chuang-ye-yuan",
    "program:chuang-ye-dan-bao-dai-kuan",
    "program:ling-gong-shi-chang",
)
LEVELS = [(None, False), ("province", False), ("province", True), ("country", True), ("prefecture", False)]
SEARCHES = ["零工", "零工市场", "三支一扶", "返乡创业园", "高校毕业生", "创业担保贷款"]


def cases(plan_ids: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(query name, parameters) for every named read query, several sets each."""
    found: list[tuple[str, dict[str, Any]]] = []
    for program in (PARKS, LOANS, GIG):
        for relation in ("FUNDS", "COVERS"):
            for level, sub in LEVELS:
                found.append(
                    ("regions_for_program", {"program_id": program, "relation": relation, "level": level, "include_subregions": sub})
                )
    for group in ("group:gao-xiao-bi-ye-sheng", "group:nong-min-gong", "group:jiu-ye-kun-nan-ren-yuan"):
        for region in (None, "150000", "500000"):
            found.append(("programs_for_group", {"group_id": group, "region_code": region, "plan_id": None}))
    for indicator in ("indicator:cheng-zhen-xin-zeng-jiu-ye", "indicator:cheng-zhen-diao-cha-shi-ye-lv", "indicator:gao-ji-neng-ren-cai-zong-liang"):
        for regions, year, scope in ((None, None, None), (["500000", "640000"], 2025, None), (None, None, "cumulative")):
            found.append(
                ("indicator_targets", {"indicator_id": indicator, "plan_id": None, "region_codes": regions, "year": year, "scope": scope})
            )
    for regions in (["500000", "640000"], ["150000", "150800", "620000"]):
        found.append(("region_coverage", {"region_codes": regions, "plan_id": None}))
    for relation, label in (("FUNDS", "Program"), ("COVERS", "Program"), ("COVERS", "TargetGroup")):
        found.append(("region_matrix", {"relation": relation, "label": label}))
    for text in SEARCHES:
        for region, limit in ((None, 1000), ("620000", 5)):
            found.append(("clause_search", {"lucene": lucene_phrase(text), "text": text, "region_code": region, "limit": limit}))
    for plan_id in plan_ids:
        found.append(("plan_outline", {"plan_id": plan_id}))
        found.append(("plan_fundings", {"plan_id": plan_id}))
        found.append(("plan_citations", {"plan_id": plan_id}))
        found.append(("region_coverage", {"region_codes": None, "plan_id": plan_id}))
        found.append(("plans", {"region_code": None, "plan_id": plan_id}))
        found.append(("indicator_targets", {"indicator_id": None, "plan_id": plan_id, "region_codes": None, "year": None, "scope": None}))
        found.append(("programs_for_group", {"group_id": None, "region_code": None, "plan_id": plan_id}))
    found.append(("regions", {}))
    for region in (None, "150000", "999999"):
        found.append(("plans", {"region_code": region, "plan_id": None}))
    for label in ("Program", "TargetGroup", "Indicator"):
        found.append(("entities", {"label": label}))
    found.append(("graph_stats", {}))
    for code in ("150000", "150800", "100000", "500000", "110000"):
        found.append(("region_scope", {"region_code": code}))
    for name in ("export_nodes", "export_relationships"):
        found.append((name, {"ids": None}))
    return found
