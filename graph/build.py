"""Extractions → one networkx MultiDiGraph in the vocabulary of docs/graph-schema.md.

Nodes carry ``labels`` (a tuple, e.g. ``("Program",)``) and their schema properties;
edges carry ``type``. Edge keys are derived from the fact's clause, so building the
same extractions twice gives the same graph, element for element.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeAlias

import networkx as nx

from graph.lineage.corpus import statements
from graph.model import GROUP, PROGRAM, STRENGTHS, Entity, PlanExtraction, Region

if TYPE_CHECKING:
    Graph: TypeAlias = nx.MultiDiGraph[str]
else:  # networkx's classes take no type arguments at run time
    Graph = nx.MultiDiGraph


def _props(**values: Any) -> dict[str, Any]:
    """Schema properties without the unknown ones: absent, never null."""
    return {k: v for k, v in values.items() if v is not None}


def _add_node(g: Graph, node_id: str, label: str, **props: Any) -> None:
    g.add_node(node_id, labels=(label,), id=node_id, **_props(**props))


def _add_edge(g: Graph, src: str, dst: str, rel: str, key: str, **props: Any) -> None:
    g.add_edge(src, dst, key=f"{rel}:{key}", type=rel, **_props(**props))


def _fact(record: Any, *endpoints: str) -> dict[str, Any]:
    """A fact record's fields as edge properties, less the ids its endpoints carry (a shallow
    copy: the fields are strings, numbers and tuples; ``asdict`` deep-copies and is slow)."""
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name not in endpoints}


def _add_regions(g: Graph, chains: Iterable[list[Region]]) -> None:
    for chain in chains:
        for region in chain:
            if region.id not in g:
                _add_node(
                    g, region.id, "Region",
                    code=region.code, name=region.name, short_name=region.short_name,
                    level=region.level,
                )  # fmt: skip
        for child, parent in zip(chain, chain[1:], strict=False):
            _add_edge(g, child.id, parent.id, "PART_OF", parent.code)


def _add_entity(g: Graph, entity: Entity) -> None:
    if entity.id in g:
        node = g.nodes[entity.id]
        node["aliases"] = tuple(dict.fromkeys([*node.get("aliases", ()), *entity.aliases]))
        return
    props: dict[str, Any] = {"name": entity.name, "aliases": entity.aliases}
    if entity.label == PROGRAM:
        props.update(kind=entity.kind, curated=entity.curated)
    elif entity.label != GROUP:
        props.update(unit=entity.unit)
    _add_node(g, entity.id, entity.label, **props)


def _stronger(a: str | None, b: str | None) -> str | None:
    """The firmer of two commitment strengths (binding > … > exploratory > none)."""
    rank = {s: i for i, s in enumerate(STRENGTHS)}
    return min((s for s in (a, b) if s is not None), key=rank.__getitem__, default=None)


def _add_plan(g: Graph, x: PlanExtraction, entities: dict[str, Entity]) -> None:
    m = x.meta
    _add_node(
        g, x.id, "Plan",
        title=m.title, region_code=m.region_code, kind=m.kind, sha256=x.sha256, source=x.source,
        encoding=x.encoding, source_format=x.source_format, page_count=x.page_count, source_url=x.source_url,
        retrieved_on=x.retrieved_on, publisher=x.publisher, text_sha256=x.text_sha256 or None,
        duplicate_sources=tuple(x.duplicate_sources) or None,
        period_start=m.period_start, period_end=m.period_end,
        issuer=m.issuer, doc_number=m.doc_number, issued_on=m.issued_on,
    )  # fmt: skip
    _add_edge(g, f"region:{m.region_code}", x.id, "ISSUED", x.id)
    for position, s in enumerate(x.sections):
        _add_node(
            g, s.id, "Section",
            plan_id=x.id, path=s.path, heading=s.heading, level=s.level, ordinal=s.ordinal,
            parent_id=s.parent_id, kind=s.kind, position=position,
        )  # fmt: skip
        _add_edge(g, s.parent_id or x.id, s.id, "HAS_SECTION", s.id)
    said = {c.id for c in statements(x)}
    for c in x.clauses:
        instrument = x.instruments.get(c.id)
        _add_node(
            g, c.id, "Clause",
            plan_id=x.id, section_id=c.section_id, text=c.text, ordinal=c.ordinal,
            start=c.start, end=c.end, line=c.line + 1, is_heading=c.is_heading, locator=c.locator,
            statement=c.id in said,
            policy_instrument=instrument and instrument.kind,
            policy_instrument_type=instrument and instrument.subtype,
        )  # fmt: skip
        _add_edge(g, c.section_id, c.id, "HAS_CLAUSE", c.id)
    covers: dict[str, list[str]] = defaultdict(list)
    mentioned: Counter[str] = Counter()
    strongest: dict[str, str | None] = {}
    for mention in x.mentions:
        entity = entities[mention.entity_id]
        _add_entity(g, entity)
        _add_edge(
            g, mention.clause_id, entity.id, "MENTIONS", mention.surface,
            surface=mention.surface, strength=mention.strength,
        )  # fmt: skip
        if entity.label in (GROUP, PROGRAM):
            covers[entity.id].append(mention.clause_id)
            mentioned[entity.id] += 1
            strongest[entity.id] = _stronger(strongest.get(entity.id), mention.strength)
    for f in x.fundings:
        # Money paid through an instrument funds the program it belongs to (就业见习补贴 →
        # 就业见习), which the plan then covers even where it never names it.
        _add_entity(g, entities[f.program_id])
        covers[f.program_id].append(f.clause_id)
    for entity_id, clause_ids in covers.items():
        unique = tuple(dict.fromkeys(clause_ids))
        _add_edge(
            g, x.id, entity_id, "COVERS", x.id,
            mentions=mentioned[entity_id], clause_ids=unique, strength=strongest.get(entity_id),
        )  # fmt: skip
    for f in x.fundings:
        instrument = x.instruments[f.clause_id]
        _add_edge(
            g, x.id, f.program_id, "FUNDS", f.clause_id, **_fact(f, "program_id"),
            policy_instrument=instrument.kind, policy_instrument_type=instrument.subtype,
        )  # fmt: skip
    for n, t in enumerate(x.targets):
        _add_entity(g, entities[t.indicator_id])
        _add_edge(
            g, x.id, t.indicator_id, "SETS_TARGET", f"{t.clause_id}:{n}", **_fact(t, "indicator_id")
        )
    for serving in x.servings:
        _add_edge(
            g, serving.program_id, serving.group_id, "SERVES", serving.clause_id,
            plan_id=x.id, **_fact(serving, "program_id", "group_id"),
        )  # fmt: skip
    for citation in x.citations:
        if citation.document_id not in g:
            _add_node(g, citation.document_id, "Document", title=citation.title)
        _add_edge(
            g, x.id, citation.document_id, "CITES", citation.clause_id, clause_id=citation.clause_id
        )


def build_graph(
    extractions: list[PlanExtraction],
    region_chains: dict[str, list[Region]],
    entities: dict[str, Entity],
) -> Graph:
    """``region_chains`` maps each plan's region code to its chain up to the country."""
    g = Graph()
    _add_regions(g, region_chains.values())
    for x in sorted(extractions, key=lambda e: (e.source, e.id)):
        local = {**entities, **{e.id: e for e in x.discovered}}
        _add_plan(g, x, local)
    return g
