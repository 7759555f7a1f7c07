"""Docs and code in step: every endpoint, command and setting the code has is in the README."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.routing import APIRoute

from api.app import create_app
from cli.main import app as cli
from graph.settings import SECTIONS, environment_variables

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_endpoint_is_documented() -> None:
    paths = {
        route.path
        for route in create_app().routes
        if isinstance(route, APIRoute) and route.include_in_schema  # not /docs, /redoc
    }
    for path in paths:
        shown = re.sub(r"\{[a-z_]+\}", lambda m: m.group(), path)
        assert (
            f"`GET {shown}" in README
            or f"`POST {shown}" in README
            or f", `{shown}" in README
            or f"`{shown}`" in README
        ), path


def test_every_command_is_documented() -> None:
    for command in cli.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"policygraph {name}" in README, name


def test_every_setting_is_documented() -> None:
    for section in SECTIONS:
        for variable in environment_variables(section):
            assert f"`{variable}`" in README, variable
