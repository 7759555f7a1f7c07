"""Exports for Gephi, igraph and R: the whole graph or one region's part, as GraphML."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Response

from api.deps import CatalogDep, SnapshotDep
from api.routers.common import RegionQuery
from graph.export import graph_from_store, write_graph

router = APIRouter(tags=["export"])


@router.get(
    "/export/graphml",
    response_class=Response,
    responses={200: {"content": {"application/graphml+xml": {}}, "description": "A GraphML file."}},
)
def export_graphml(
    snapshot: SnapshotDep, catalog: CatalogDep, region: RegionQuery = None
) -> Response:
    """The graph, or one region's part (its and its sub-regions' plans, their sections and clauses,
    the entities they touch, the regions above): `labels` on nodes, `label` on edges."""
    code = catalog.region(region).code if region else None
    graph = graph_from_store(snapshot, code)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "policygraph.graphml"
        write_graph(graph, path)
        body = path.read_bytes()
    name = f"policygraph-{code}.graphml" if code else "policygraph.graphml"
    return Response(
        body,
        media_type="application/graphml+xml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
