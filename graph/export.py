"""Graph → GraphML (Gephi, igraph, R, networkx) and JSON.

GraphML keeps the schema names the way Neo4j's own export does: ``labels`` on
nodes (``:Program``) and ``label`` on edges (the relationship type). GraphML has
no lists, so lists become JSON strings; an attribute whose values differ in type
between elements (``level`` is a word on regions and a number on sections) is
written as text everywhere, because GraphML declares one type per key.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graph.build import Graph
from graph.errors import InvalidInput
from graph.questions import ExportNodes, ExportRelationships, Reader, RegionScope


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _unify_types(items: list[dict[str, Any]]) -> None:
    types: dict[str, set[type]] = defaultdict(set)
    for attrs in items:
        for key, value in attrs.items():
            types[key].add(type(value))
    mixed = {key for key, seen in types.items() if len(seen) > 1}
    for attrs in items:
        for key in mixed & attrs.keys():
            attrs[key] = str(attrs[key])


def graphml_ready(g: Graph) -> Graph:
    """A copy of ``g`` with only GraphML-representable, consistently typed attributes."""
    out = Graph()
    for node, attrs in g.nodes(data=True):
        # The GraphML node id is the schema id already; a second "id" key would clash
        # with the vertex attribute igraph makes from it.
        data = {k: _scalar(v) for k, v in attrs.items() if k not in ("labels", "id")}
        out.add_node(node, labels="".join(f":{label}" for label in attrs["labels"]), **data)
    for src, dst, key, attrs in g.edges(keys=True, data=True):
        data = {k: _scalar(v) for k, v in attrs.items() if k != "type"}
        out.add_edge(src, dst, key=key, label=attrs["type"], **data)
    _unify_types([attrs for _, attrs in out.nodes(data=True)])
    _unify_types([attrs for *_, attrs in out.edges(keys=True, data=True)])
    return out


def write_graphml(g: Graph, path: Path) -> None:
    nx.write_graphml(graphml_ready(g), path, encoding="utf-8", named_key_ids=True)


def to_json(g: Graph) -> dict[str, Any]:
    return nx.node_link_data(g, edges="edges")


def write_json(g: Graph, path: Path) -> None:
    path.write_text(json.dumps(to_json(g), ensure_ascii=False, indent=1), encoding="utf-8")


def _restore_tuples(attrs: dict[str, Any]) -> None:
    """JSON has only lists; the graph holds list values as tuples."""
    for key, value in attrs.items():
        if isinstance(value, list):
            attrs[key] = tuple(value)


WRITERS = {".graphml": write_graphml, ".json": write_json}


def write_graph(g: Graph, path: Path, fmt: str | None = None) -> None:
    """Write in ``fmt`` (graphml or json), or else in the format the file extension names."""
    suffix = f".{fmt.lower()}" if fmt else path.suffix.lower()
    try:
        writer = WRITERS[suffix]
    except KeyError:
        raise InvalidInput(f"{path}: unknown format {suffix!r}; use .graphml or .json") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target and rename: a failed write leaves the old file as it was. The name
    # is unique but the file is opened normally, so it gets the usual permissions (umask), not
    # the 0600 of a temporary file.
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        writer(g, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def graph_from_store(store: Reader, region_code: str | None = None) -> Graph:
    """The whole graph, or one region's part of it (its and its sub-regions' plans, their
    sections and clauses, the entities they touch and the regions above), read back from a store."""
    ids = (
        None
        if region_code is None
        else [row.id for row in store.ask(RegionScope(region_code=region_code))]
    )
    g = Graph()
    for node in store.ask(ExportNodes(ids=ids)):
        g.add_node(node.id, labels=tuple(node.labels), **node.properties)
    for rel in store.ask(ExportRelationships(ids=ids)):
        properties = dict(rel.properties)
        key = properties.pop("key")
        g.add_edge(rel.source, rel.target, key=key, type=rel.type, **properties)
    for _, attrs in g.nodes(data=True):
        _restore_tuples(attrs)
    for *_, attrs in g.edges(keys=True, data=True):
        _restore_tuples(attrs)
    return g
