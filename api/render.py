"""Rich renderings of graph content for the command line: plans, facts, quality reports."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from graph.embedded_store import EmbeddedStore, FundingRow, Stats
from loaders.gold import MEASURES, PlanScores, Score, total

PLAN_FIELDS = (
    "id", "source", "region_code", "kind", "issuer", "doc_number", "issued_on",
    "period_start", "period_end", "encoding", "sha256",
)  # fmt: skip


def stats_table(result: Stats) -> Table:
    table = Table("label / type", "count", title="policygraph")
    for label, count in result.nodes.items():
        table.add_row(f"(:{label})", str(count))
    table.add_section()
    for rel, count in result.relationships.items():
        table.add_row(f"[:{rel}]", str(count))
    table.add_section()
    table.add_row("nodes", str(result.total_nodes))
    table.add_row("relationships", str(result.total_relationships))
    return table


def print_plan(out: Console, store: EmbeddedStore, plan: dict[str, Any]) -> None:
    """Metadata, outline and facts of one plan, for a person to check against the text."""
    meta = Table("field", "value", title=str(plan.get("title")))
    for key in PLAN_FIELDS:
        meta.add_row(key, str(plan.get(key, "")))
    out.print(meta)
    out.print(_outline(store, plan["id"]))
    for table in _facts(store, plan["id"]):
        out.print(table)
    cites = [store.graph.nodes[dst]["title"] for dst, _ in store.out_edges(plan["id"], "CITES")]
    out.print("CITES: " + "；".join(f"《{t}》" for t in dict.fromkeys(cites)))


def _outline(store: EmbeddedStore, plan_id: str) -> Tree:
    tree = Tree("outline")
    branches = {plan_id: tree}
    for section in store.plan_sections(plan_id):
        label = f"{section['path']} {section.get('heading') or '(front matter)'}"
        count = len(store.section_clauses(section["id"]))
        parent = branches.get(section.get("parent_id") or plan_id, tree)
        branches[section["id"]] = parent.add(f"{label} [dim]{count} clauses[/]")
    return tree


def _facts(store: EmbeddedStore, plan_id: str) -> list[Table]:
    names = store.graph.nodes
    targets = Table(
        "indicator", "value", "unit", "cmp", "year", "scope", "main", "normalised", "evidence",
        title="SETS_TARGET",
    )  # fmt: skip
    for dst, a in store.out_edges(plan_id, "SETS_TARGET"):
        normalised = f"{a['normalized_value']:g} {a['normalized_unit']}" if "normalized_value" in a else ""
        targets.add_row(
            names[dst]["name"], a["value_text"], a.get("unit", ""), a["comparator"],
            str(a.get("year", "")), a["scope"], "✓" if a["main"] else "", normalised,
            a["evidence"][:40],
        )  # fmt: skip
    funds = Table("program", "instrument", "amount (yuan)", "evidence", title="FUNDS")
    for dst, a in store.out_edges(plan_id, "FUNDS"):
        funds.add_row(names[dst]["name"], a["instrument"], f"{a.get('amount_yuan', '')}", a["evidence"][:60])
    serves = Table("program", "group", "evidence", title="SERVES")
    for src, dst, a in store.plan_servings(plan_id):
        serves.add_row(names[src]["name"], names[dst]["name"], a["evidence"][:60])
    covers = Table("label", "name", "curated", "mentions", title="COVERS")
    for dst, a in store.out_edges(plan_id, "COVERS"):
        node = names[dst]
        curated = "" if node["labels"][0] != "Program" else ("✓" if node["curated"] else "discovered")
        covers.add_row(node["labels"][0], node["name"], curated, str(a["mentions"]))
    return [targets, funds, serves, covers]


def funders_table(program: str, rows: list[FundingRow]) -> Table:
    table = Table("region", "level", "plan", "section", "amount (yuan)", title=f"FUNDS → {program}")
    table.add_column("evidence", overflow="fold", ratio=1)
    for row in rows:
        amount = f"{row.amount_yuan:g}" if row.amount_yuan is not None else ""
        table.add_row(row.region, row.level, row.plan_title, row.section, amount, row.evidence)
    return table


def _fraction(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _cells(score: Score, with_precision: bool) -> list[str]:
    recall = f"{_fraction(score.recall)} ({score.matched_gold}/{score.gold})"
    if not with_precision:
        return [recall]
    return [recall, f"{_fraction(score.precision)} ({score.matched_found}/{score.found})"]


def quality_table(scores: list[PlanScores]) -> Table:
    """Per plan and overall: recall and precision for targets and FUNDS, recall for coverage."""
    table = Table(
        "plan", "main targets R", "main targets P", "FUNDS R", "FUNDS P", "groups R", "programs R",
        title="extraction quality against gold annotations",
    )  # fmt: skip
    rows = [(s.plan, {m: getattr(s, m) for m in MEASURES}) for s in scores]
    for name, measures in [*rows, ("overall", total(scores))]:
        if name == "overall":
            table.add_section()
        table.add_row(
            name,
            *_cells(measures["main_targets"], True),
            *_cells(measures["funds"], True),
            *_cells(measures["target_groups"], False),
            *_cells(measures["programs"], False),
        )
    return table
