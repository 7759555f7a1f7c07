"""The export queries (region_scope, export_nodes, export_relationships) on the in-memory graph,
row for row as cypher/ answers them on Neo4j."""

from __future__ import annotations

from typing import Any

from graph.graph_index import GraphIndex, Row, as_list, sorted_rows


def region_scope(ix: GraphIndex, *, region_code: str) -> list[Row]:
    region_id = f"region:{region_code}"
    plans = [
        p
        for p, issuer in ix.issuer.items()
        if region_id in {r["id"] for r in ix.ancestors(issuer["id"])}
    ]
    ids: set[str] = set(plans)
    for node_id, attrs in ix.graph.nodes(data=True):
        if attrs.get("plan_id") in plans and attrs["labels"][0] in ("Section", "Clause"):
            ids.add(node_id)
    for source, target, _, rel in ix.graph.edges(keys=True, data=True):
        if (rel["type"] == "MENTIONS" and ix.node(source)["plan_id"] in plans) or (
            rel["type"] in ("COVERS", "FUNDS", "SETS_TARGET", "CITES") and source in plans
        ):
            ids.add(target)
    for plan in plans:
        ids.update(r["id"] for r in ix.ancestors(ix.issuer[plan]["id"]))
    return [{"id": node_id} for node_id in sorted(ids)]


def _properties(attrs: dict[str, Any], drop: str) -> dict[str, Any]:
    return {k: as_list(v) for k, v in attrs.items() if k != drop}


def export_nodes(ix: GraphIndex, *, ids: list[str] | None) -> list[Row]:
    keep = None if ids is None else set(ids)
    return [
        {"id": node_id, "labels": list(attrs["labels"]), "properties": _properties(attrs, "labels")}
        for node_id, attrs in ix.sorted_nodes()
        if keep is None or node_id in keep
    ]


def export_relationships(ix: GraphIndex, *, ids: list[str] | None) -> list[Row]:
    keep = None if ids is None else set(ids)
    rows = []
    for source, target, key, attrs in ix.graph.edges(keys=True, data=True):
        if keep is not None and not (
            source in keep
            and target in keep
            and (attrs["type"] != "SERVES" or attrs["plan_id"] in keep)
        ):
            continue
        row = {
            "source": source, "target": target, "type": attrs["type"],
            "properties": {**_properties(attrs, "type"), "key": key},
        }  # fmt: skip
        rows.append(((source, attrs["type"], key, target), row))
    return sorted_rows(rows)
