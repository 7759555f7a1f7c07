"""Answers are never stale: after a plan is added and another replaced while the API serves, the
new region, plan and facts answer at once, and the replaced plan's id is a 404 naming the plan
that replaced it — on the embedded store (the graph file rebuilt) and on Neo4j (a load), where
two API processes on one database both see the change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.embedded_store import EmbeddedStore
from graph.graph_file import writing
from graph.model import PlanExtraction
from graph.neo4j_store import Neo4jStore
from graph.questions import Store
from graph.settings import Neo4jSettings, Settings
from loaders.pipeline import build_knowledge_graph, extract_file
from tests.conftest import PLANS_DIR

KEPT, CHANGED, ADDED = "000_", "001_", "004_"
"""Seeds by file-name prefix: one stays, one gets a new version, one is added later."""


def _seed(prefix: str) -> Path:
    return next(PLANS_DIR.glob(f"{prefix}*"))


@pytest.fixture
def versions(tmp_path: Path) -> dict[str, PlanExtraction]:
    """The kept plan, the changed file before and after its change (same name), the added plan."""
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir()
    after.mkdir()
    changed = _seed(CHANGED)
    shutil.copy(changed, before / changed.name)
    (after / changed.name).write_bytes(changed.read_bytes() + "\n附：修订版。\n".encode())
    return {
        "kept": extract_file(_seed(KEPT)),
        "old": extract_file(before / changed.name),
        "new": extract_file(after / changed.name),
        "added": extract_file(_seed(ADDED)),
    }


def _check_fresh(client: TestClient, plans: dict[str, PlanExtraction]) -> None:
    added = plans["added"]
    codes = {region["code"] for region in client.get("/regions").json()["data"]}
    assert added.meta.region_code in codes
    assert client.get(f"/regions/{added.meta.region_code}").status_code == 200
    assert client.get(f"/plans/{added.id}").status_code == 200
    facts = client.get(f"/plans/{plans['new'].id}/facts").json()
    assert facts["targets"], "the new version's facts"
    for path in (f"/plans/{plans['old'].id}", f"/plans/{plans['old'].id}/facts"):
        response = client.get(path)
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["details"]["suggestions"] == [plans["new"].id]


def _serve(store: Store) -> TestClient:
    return TestClient(create_app(Settings(), store=store), raise_server_exceptions=False)


def test_a_rebuilt_graph_file_answers_at_once(
    versions: dict[str, PlanExtraction], tmp_path: Path
) -> None:
    path = tmp_path / "g.db"

    def build(plans: list[PlanExtraction]) -> None:
        with writing(path) as writer:
            for plan in plans:
                writer.add(build_knowledge_graph([plan]))

    build([versions["kept"], versions["old"]])
    with _serve(EmbeddedStore.open(path)) as client:
        assert client.get(f"/plans/{versions['old'].id}").status_code == 200
        build([versions["kept"], versions["new"], versions["added"]])
        _check_fresh(client, versions)


@pytest.mark.neo4j
def test_a_load_while_serving_answers_at_once_in_every_api_process(
    versions: dict[str, PlanExtraction],
    neo4j_store: Neo4jStore,
    neo4j_server_settings: tuple[Neo4jSettings, str | None],
) -> None:
    def load(plan: PlanExtraction) -> None:
        neo4j_store.load_plan(build_knowledge_graph([plan]), plan_id=plan.id, source=plan.source)

    load(versions["kept"])
    load(versions["old"])
    with (
        Neo4jStore.connect(neo4j_server_settings[0]) as second,
        _serve(neo4j_store) as one,
        _serve(second) as other,
    ):
        for client in (one, other):
            assert client.get(f"/plans/{versions['old'].id}").status_code == 200
        load(versions["new"])
        load(versions["added"])
        for client in (one, other):
            _check_fresh(client, versions)
