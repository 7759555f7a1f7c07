"""GraphML and JSON exports: schema names kept, loadable by networkx and igraph."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest

from graph.build import Graph
from graph.errors import InvalidInput
from graph.export import write_graph


def test_graphml_loads_in_networkx_with_labels_and_types(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert loaded.number_of_nodes() == graph.number_of_nodes()
    assert loaded.number_of_edges() == graph.number_of_edges()
    program = loaded.nodes["program:fan-xiang-ru-xiang-chuang-ye-yuan"]
    assert program["labels"] == ":Program"
    assert "返乡创业园" in json.loads(program["aliases"])
    labels = {a["label"] for *_, a in loaded.edges(keys=True, data=True)}
    assert {"FUNDS", "SETS_TARGET", "PART_OF", "MENTIONS"} <= labels
    funds = next(a for *_, a in loaded.edges(keys=True, data=True) if a["label"] == "FUNDS")
    assert funds["evidence"] and funds["clause_id"] in loaded


def test_graphml_loads_in_igraph(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(graph, path)
    loaded = igraph.Graph.Read_GraphML(str(path))
    assert loaded.vcount() == graph.number_of_nodes()
    assert loaded.ecount() == graph.number_of_edges()
    assert "Region" in {label.strip(":") for label in loaded.vs["labels"]}
    assert "region:150800" in loaded.vs["id"]
    assert set(loaded.es["label"]) >= {"ISSUED", "COVERS"}


def test_json_round_trips_the_graph(graph: Graph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    write_graph(graph, path)
    again = nx.node_link_graph(
        json.loads(path.read_text(encoding="utf-8")), directed=True, multigraph=True, edges="edges"
    )
    # node-link JSON keeps a node's key under "id", which is also the schema's id property.
    assert {n: _listed({**a, "id": n}) for n, a in again.nodes(data=True)} == {
        n: _listed(a) for n, a in graph.nodes(data=True)
    }
    assert sorted(again.edges(keys=True, data=True), key=str) == sorted(
        ((s, t, k, _listed(a)) for s, t, k, a in graph.edges(keys=True, data=True)), key=str
    )


def _listed(attrs: dict[str, Any]) -> dict[str, Any]:
    """Properties as JSON holds them: lists, not tuples."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in attrs.items()}


def test_unknown_format_is_refused_by_name(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"g\.csv.*\.graphml or \.json"):
        write_graph(graph, tmp_path / "g.csv")


def test_a_failed_write_leaves_the_previous_file_as_it_was(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.json"
    path.write_text("previous", encoding="utf-8")

    def broken(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("graph.export.WRITERS", {".json": broken})
    with pytest.raises(OSError, match="disk full"):
        write_graph(graph, path)
    assert path.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]
