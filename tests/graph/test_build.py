"""The knowledge graph built from the five plans: schema, evidence, determinism."""

from __future__ import annotations

import hashlib
import re

from opencc import OpenCC

from graph.build import Graph
from graph.model import PlanExtraction
from graph.schema import LINEAGE, RELATIONSHIPS, check_relationship
from loaders.pipeline import build_knowledge_graph, extract_file
from tests.conftest import PLANS_DIR, by_prefix

BAYANNUR = PLANS_DIR / "001_8f54833244d202dc.txt"
REQUIRED = {
    "Region": {"code", "name", "short_name", "level"},
    "Plan": {"title", "region_code", "kind", "sha256", "source"},
    "Section": {"plan_id", "path", "level", "ordinal"},
    "Clause": {"plan_id", "section_id", "text", "ordinal", "start", "end"},
    "TargetGroup": {"name", "aliases"},
    "Program": {"name", "aliases", "kind", "curated"},
    "Indicator": {"name", "aliases"},
    "Document": {"title"},
}


def _label(g: Graph, node: str) -> str:
    return g.nodes[node]["labels"][0]


def test_every_node_has_its_schema_properties(graph: Graph) -> None:
    for node, attrs in graph.nodes(data=True):
        label = attrs["labels"][0]
        assert attrs["id"] == node
        missing = REQUIRED[label] - attrs.keys()
        assert not missing, (node, missing)


def test_every_relationship_joins_the_labels_the_schema_names(graph: Graph) -> None:
    seen = set()
    for src, dst, attrs in graph.edges(data=True):
        check_relationship(attrs["type"], _label(graph, src), _label(graph, dst))
        seen.add(attrs["type"])
    assert seen == set(RELATIONSHIPS) - LINEAGE


def test_every_evidence_is_a_substring_of_its_clause(graph: Graph) -> None:
    checked = 0
    for _, _, attrs in graph.edges(data=True):
        if "evidence" in attrs:
            clause = graph.nodes[attrs["clause_id"]]
            assert attrs["evidence"] in clause["text"], attrs
            assert clause["labels"] == ("Clause",)
            checked += 1
    assert checked > 50


def test_bayannur_clauses_keep_no_pinyin_gloss_and_no_traditional_character(
    extractions: dict[str, PlanExtraction], graph: Graph
) -> None:
    raw = BAYANNUR.read_text(encoding="utf-8")
    converter = OpenCC("t2s")
    traditional = {ch for ch in set(raw) if converter.convert(ch) != ch}
    assert "經" in traditional and "爾" in traditional
    plan_id = by_prefix(extractions, "001").id
    clauses = [
        a["text"]
        for _, a in graph.nodes(data=True)
        if a["labels"] == ("Clause",) and a["plan_id"] == plan_id
    ]
    assert len(clauses) >= 50
    for text in clauses:
        assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", text), text
        assert not traditional & set(text), text


def test_regions_hang_from_the_country_through_the_gazetteer(graph: Graph) -> None:
    def parent(code: str) -> str:
        (edge,) = [
            d for _, d, a in graph.out_edges(f"region:{code}", data=True) if a["type"] == "PART_OF"
        ]
        return edge

    assert parent("150800") == "region:150000"
    assert parent("150000") == "region:100000"
    assert graph.nodes["region:150800"]["name"] == "巴彦淖尔市"
    assert graph.nodes["region:150800"]["level"] == "prefecture"
    issued = {graph.nodes[s]["code"] for s, _, a in graph.edges(data=True) if a["type"] == "ISSUED"}
    assert issued == {"150000", "150800", "500000", "640000", "620000"}


def test_the_same_bytes_give_the_same_graph(
    extractions: dict[str, PlanExtraction], graph: Graph
) -> None:
    again = build_knowledge_graph(
        [extract_file(p) for p in sorted(PLANS_DIR.glob("*.txt"), reverse=True)]
    )
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True), key=str) == sorted(
        graph.edges(keys=True, data=True), key=str
    )


def test_shared_entities_are_one_node_across_plans(graph: Graph) -> None:
    covering = {
        graph.nodes[src]["region_code"]
        for src, dst, a in graph.edges(data=True)
        if a["type"] == "COVERS" and dst == "group:gao-xiao-bi-ye-sheng"
    }
    assert len(covering) == 5
    assert "农牧民工" in graph.nodes["group:nong-min-gong"]["aliases"]


def test_the_plan_keeps_its_source_identity(
    extractions: dict[str, PlanExtraction], graph: Graph
) -> None:
    x = by_prefix(extractions, "003")
    plan = graph.nodes[x.id]
    assert plan["source"] == "003_0dc92ecbe2a20814.txt"
    assert plan["sha256"] == hashlib.sha256((PLANS_DIR / plan["source"]).read_bytes()).hexdigest()
    assert plan["doc_number"] == "宁政办发〔2021〕96号"
