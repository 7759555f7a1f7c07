"""The named queries answered from the in-memory graph, row for row as Neo4j answers them.

Each function mirrors the file of the same name in cypher/: same parameters, same columns, same
order. The differential test runs every query on both stores and requires identical rows, so a
change to one side that the other does not follow fails at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from graph.embedded_export import export_nodes, export_relationships, region_scope
from graph.graph_index import GraphIndex, Row, as_list, sorted_rows


def regions_for_program(
    ix: GraphIndex, *, program_id: str, relation: str, level: str | None, include_subregions: bool
) -> list[Row]:
    rows = []
    for plan_id, target, _, rel in ix.edges[relation]:
        if target != program_id:
            continue
        issuer, plan = ix.issuer[plan_id], ix.node(plan_id)
        clause_id = rel["clause_id"] if relation == "FUNDS" else rel["clause_ids"][0]
        clause, section = ix.node(clause_id), ix.section_of[clause_id]
        for region in ix.ancestors(issuer["id"]):
            own = region is issuer
            if not (
                (level is None and own)
                or (region["level"] == level and (own or include_subregions))
            ):
                continue
            row = {
                "region_code": region["code"], "region_name": region["name"],
                "region_level": region["level"], "plan_id": plan_id, "plan_title": plan.get("title"),
                "plan_region_code": issuer["code"], "section_path": section["path"],
                "section_heading": section.get("heading"), "clause_id": clause_id,
                "evidence": rel.get("evidence", clause["text"]), "instrument": rel.get("instrument"),
                "amount_yuan": rel.get("amount_yuan"), "locator": clause.get("locator"),
                "plan_source_url": plan.get("source_url"),
            }  # fmt: skip
            rows.append(((region["code"], plan_id, clause["ordinal"]), row))
    return sorted_rows(rows)


def programs_for_group(
    ix: GraphIndex, *, group_id: str | None, region_code: str | None, plan_id: str | None
) -> list[Row]:
    rows = []
    for program_id, target, _, serves in ix.edges["SERVES"]:
        region = ix.issuer[serves["plan_id"]]
        if (
            (group_id is not None and target != group_id)
            or (plan_id is not None and serves["plan_id"] != plan_id)
            or (region_code is not None and region["code"] != region_code)
        ):
            continue
        program, plan = ix.node(program_id), ix.node(serves["plan_id"])
        row = {
            "region_code": region["code"], "region_name": region["name"], "plan_id": serves["plan_id"],
            "program_id": program_id, "program_name": program["name"], "program_kind": program.get("kind"),
            "clause_id": serves["clause_id"], "evidence": serves["evidence"], "group_id": target,
            "group_name": ix.node(target)["name"], "plan_title": plan.get("title"),
            "locator": ix.node(serves["clause_id"]).get("locator"), "plan_source_url": plan.get("source_url"),
        }  # fmt: skip
        key = (
            region["code"],
            program_id,
            serves["plan_id"],
            ix.ordinal(serves["clause_id"]),
            target,
        )
        rows.append((key, row))
    return sorted_rows(rows)


TARGET_FIELDS = (
    "value", "value_text", "unit", "comparator", "year", "scope", "normalized_value",
    "normalized_unit", "baseline_value", "baseline_year", "attribute", "main",
)  # fmt: skip


def indicator_targets(
    ix: GraphIndex,
    *,
    indicator_id: str | None,
    plan_id: str | None,
    region_codes: list[str] | None,
    year: int | None,
    scope: str | None,
) -> list[Row]:
    rows = []
    for source, target, _, t in ix.edges["SETS_TARGET"]:
        region = ix.issuer[source]
        if (
            (indicator_id is not None and target != indicator_id)
            or (plan_id is not None and source != plan_id)
            or (region_codes is not None and region["code"] not in region_codes)
            or (year is not None and t.get("year") != year)
            or (scope is not None and t.get("scope") != scope)
        ):
            continue
        row = {
            "region_code": region["code"], "region_name": region["name"], "plan_id": source,
            "plan_title": ix.node(source).get("title"), "indicator": ix.node(target)["name"],
            **{field: t.get(field) for field in TARGET_FIELDS},
            "section_path": ix.section_of[t["clause_id"]]["path"], "clause_id": t["clause_id"],
            "evidence": t["evidence"], "indicator_id": target, "locator": ix.node(t["clause_id"]).get("locator"),
            "plan_source_url": ix.node(source).get("source_url"),
        }  # fmt: skip
        rows.append(
            ((region["code"], source, ix.ordinal(t["clause_id"]), target, t["value_text"]), row)
        )
    return sorted_rows(rows)


def region_coverage(
    ix: GraphIndex, *, region_codes: list[str] | None, plan_id: str | None
) -> list[Row]:
    mentions: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for source, target, _, covers in ix.edges["COVERS"]:
        region, entity = ix.issuer[source], ix.node(target)
        if (region_codes is None or region["code"] in region_codes) and plan_id in (None, source):
            mentions[(region["code"], entity["labels"][0], target, entity["name"])] += covers[
                "mentions"
            ]
    return [
        {
            "region_code": code,
            "label": label,
            "entity_id": entity_id,
            "name": name,
            "mentions": count,
        }
        for (code, label, entity_id, name), count in sorted(mentions.items())
    ]


def region_matrix(ix: GraphIndex, *, relation: str, label: str) -> list[Row]:
    cells: dict[tuple[str, str], list[tuple[str, int, str, str]]] = defaultdict(list)
    for plan_id, target, _, rel in ix.edges[relation]:
        if label not in ix.node(target)["labels"]:
            continue
        region = ix.issuer[plan_id]
        for clause_id in [rel["clause_id"]] if relation == "FUNDS" else rel["clause_ids"]:
            clause = ix.node(clause_id)
            evidence = rel["evidence"] if relation == "FUNDS" else clause["text"]
            cells[(region["code"], target)].append(
                (clause["plan_id"], clause["ordinal"], clause_id, evidence)
            )
    rows = []
    for (code, entity_id), clauses in sorted(cells.items()):
        first = min(clauses, key=lambda c: (c[0], c[1]))
        rows.append(
            {
                "region_code": code,
                "region_name": ix.node(f"region:{code}")["name"],
                "entity_id": entity_id,
                "entity_name": ix.node(entity_id)["name"],
                "clauses": len(clauses),
                "first_clause_id": first[2],
                "first_evidence": first[3],
            }  # fmt: skip
        )
    return rows


def clause_search(ix: GraphIndex, *, lucene: str, text: str, region_code: str | None) -> list[Row]:
    """``lucene`` is Neo4j's index query for ``text``; here the text is matched directly."""
    rows = []
    for clause in (a for _, a in ix.graph.nodes(data=True) if a["labels"] == ("Clause",)):
        region = ix.issuer[clause["plan_id"]]
        if text not in clause["text"] or (
            region_code is not None and region["code"] != region_code
        ):
            continue
        section, plan = ix.node(clause["section_id"]), ix.node(clause["plan_id"])
        row = {
            "region_code": region["code"], "plan_id": plan["id"], "plan_title": plan.get("title"),
            "section_path": section["path"], "section_heading": section.get("heading"),
            "clause_id": clause["id"], "text": clause["text"], "locator": clause.get("locator"),
            "plan_source_url": plan.get("source_url"),
        }  # fmt: skip
        rows.append(((plan["id"], clause["ordinal"]), row))
    return sorted_rows(rows)


def plan_outline(ix: GraphIndex, *, plan_id: str) -> list[Row]:
    counts: dict[str, int] = defaultdict(int)
    for section_id, _, _, _ in ix.edges["HAS_CLAUSE"]:
        counts[section_id] += 1
    rows = []
    for _, attrs in ix.graph.nodes(data=True):
        if attrs["labels"] == ("Section",) and attrs["plan_id"] == plan_id:
            row = {
                "section_id": attrs["id"], "path": attrs["path"], "heading": attrs.get("heading"),
                "level": attrs["level"], "kind": attrs.get("kind"), "clauses": counts[attrs["id"]],
            }  # fmt: skip
            rows.append(((attrs["position"],), row))
    return sorted_rows(rows)


def graph_stats(ix: GraphIndex) -> list[Row]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for _, attrs in ix.graph.nodes(data=True):
        for label in attrs["labels"]:
            counts[("node", label)] += 1
    for rel in ix.edges:
        counts[("relationship", rel)] = len(ix.edges[rel])
    return [
        {"kind": kind, "name": name, "count": n} for (kind, name), n in sorted(counts.items()) if n
    ]


def regions(ix: GraphIndex) -> list[Row]:
    issued: dict[str, int] = defaultdict(int)
    for region_id, _, _, _ in ix.edges["ISSUED"]:
        issued[region_id] += 1
    rows = []
    for region_id, attrs in ix.graph.nodes(data=True):
        if attrs["labels"] == ("Region",):
            parent = ix.parent.get(region_id)
            row = {
                "code": attrs["code"], "name": attrs["name"], "short_name": attrs.get("short_name"),
                "level": attrs["level"], "parent_code": ix.node(parent)["code"] if parent else None,
                "plans": issued[region_id],
            }  # fmt: skip
            rows.append(((attrs["code"],), row))
    return sorted_rows(rows)


PLAN_FIELDS = (
    "title", "kind", "issuer", "doc_number", "issued_on", "period_start", "period_end", "source", "sha256",
    "encoding", "source_format", "page_count", "source_url", "retrieved_on", "publisher",
)  # fmt: skip
PLAN_DEFAULTS = {"source_format": "text"}
"""A graph built before plans had formats holds text plans."""


def plans(ix: GraphIndex, *, region_code: str | None, plan_id: str | None) -> list[Row]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for rel in ("COVERS", "SETS_TARGET", "FUNDS"):
        for source, target, _, _ in ix.edges[rel]:
            kind = ix.node(target)["labels"][0] if rel == "COVERS" else rel
            counts[(source, kind)] += 1
    rows = []
    for source, region in ix.issuer.items():
        if (region_code is not None and region["code"] != region_code) or (
            plan_id is not None and source != plan_id
        ):
            continue
        plan = ix.node(source)
        row = {
            "id": source, "title": plan.get("title"), "region_code": region["code"],
            "region_name": region["name"], **{field: plan.get(field, PLAN_DEFAULTS.get(field)) for field in PLAN_FIELDS[1:]},
            "programs": counts[(source, "Program")], "target_groups": counts[(source, "TargetGroup")],
            "targets": counts[(source, "SETS_TARGET")], "fundings": counts[(source, "FUNDS")],
        }  # fmt: skip
        rows.append(((region["code"], source), row))
    return sorted_rows(rows)


def entities(ix: GraphIndex, *, label: str, text: str | None, kind: str | None) -> list[Row]:
    plans_of: dict[str, int] = defaultdict(int)
    for rel in ("COVERS", "SETS_TARGET"):
        for _, target, _, _ in ix.edges[rel]:
            plans_of[target] += 1
    return [
        {
            "id": node_id,
            "name": attrs["name"],
            "aliases": as_list(attrs.get("aliases")),
            "kind": attrs.get("kind"),
            "curated": attrs.get("curated"),
            "unit": attrs.get("unit"),
            "plans": plans_of[node_id],
        }  # fmt: skip
        for node_id, attrs in ix.sorted_nodes()
        if label in attrs["labels"]
        and kind in (None, attrs.get("kind"))
        and (
            text is None
            or text in attrs["name"]
            or any(text in a for a in attrs.get("aliases") or ())
        )
    ]


def plan_fundings(ix: GraphIndex, *, plan_id: str) -> list[Row]:
    rows = []
    for source, target, _, funds in ix.edges["FUNDS"]:
        if source != plan_id:
            continue
        program, section = ix.node(target), ix.section_of[funds["clause_id"]]
        row = {
            "program_id": target, "program_name": program["name"], "program_kind": program.get("kind"),
            "instrument": funds.get("instrument"), "amount": funds.get("amount"),
            "amount_unit": funds.get("amount_unit"), "amount_yuan": funds.get("amount_yuan"),
            "section_path": section["path"], "section_heading": section.get("heading"),
            "clause_id": funds["clause_id"], "evidence": funds["evidence"],
            "locator": ix.node(funds["clause_id"]).get("locator"),
        }  # fmt: skip
        rows.append(((ix.ordinal(funds["clause_id"]), target), row))
    return sorted_rows(rows)


def plan_citations(ix: GraphIndex, *, plan_id: str) -> list[Row]:
    rows = []
    for source, target, _, cites in ix.edges["CITES"]:
        if source == plan_id:
            row = {
                "document_id": target, "title": ix.node(target)["title"], "clause_id": cites["clause_id"],
                "text": ix.node(cites["clause_id"])["text"],
            }  # fmt: skip
            rows.append(((ix.ordinal(cites["clause_id"]), target), row))
    return sorted_rows(rows)


QUERIES: dict[str, Callable[..., list[Row]]] = {
    f.__name__: f
    for f in (
        regions_for_program, programs_for_group, indicator_targets, region_coverage,
        region_matrix, clause_search, plan_outline, graph_stats, region_scope, export_nodes,
        export_relationships, regions, plans, entities, plan_fundings, plan_citations,
    )
}  # fmt: skip
"""Every named read query, by the name of its file in cypher/."""
