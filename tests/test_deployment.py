"""docker-compose.yml and the Dockerfile: a valid Compose file, in step with the local server
and with the code (no Docker engine runs here, so this is what can be checked)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from cli.main import app
from graph.settings import SECTIONS, environment_variables

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"


def _compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_neo4j_image_is_the_version_the_local_server_runs() -> None:
    image = _compose()["services"]["neo4j"]["image"]
    local = re.search(
        r"org\.neo4j:neo4j:(\d+\.\d+)\.",
        (ROOT / "scripts" / "neo4j_local.py").read_text(encoding="utf-8"),
    )
    assert local is not None
    assert image == f"neo4j:{local.group(1)}-community"


def test_neo4j_is_healthy_before_the_loader_runs_and_keeps_its_data() -> None:
    services = _compose()["services"]
    assert "healthcheck" in services["neo4j"]
    assert services["loader"]["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert any(volume.endswith(":/data") for volume in services["neo4j"]["volumes"])
    assert services["neo4j"]["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")


@pytest.mark.parametrize("service", ["loader", "api"])
def test_services_run_real_commands_with_the_settings_the_store_reads(service: str) -> None:
    spec = _compose()["services"][service]
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}  # type: ignore[union-attr]
    assert spec["command"][0] in commands
    read = {variable for section in SECTIONS for variable in environment_variables(section)}
    assert {"NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"} <= set(spec["environment"]) <= read


def test_the_api_waits_for_neo4j_and_the_loaded_graph() -> None:
    api = _compose()["services"]["api"]
    assert api["depends_on"] == {
        "neo4j": {"condition": "service_healthy"},
        "loader": {"condition": "service_completed_successfully"},
    }
    assert api["environment"]["POLICYGRAPH_STORE"] == "neo4j" and "healthcheck" in api


def test_the_image_holds_every_package_and_the_data_it_needs() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["packages"]
    for folder in [*packages, "cypher", "data"]:
        assert re.search(rf"^COPY {folder} \./{folder}$", dockerfile, re.M), folder
    assert (
        "POLICYGRAPH_CYPHER_DIR=/app/cypher" in dockerfile
        and "POLICYGRAPH_DATA_DIR=/app/data" in dockerfile
    )
