"""A query parameter the endpoint does not take is refused, not ignored.

A researcher who types ``/reuse?region=重庆`` for ``regions=`` would otherwise be answered for
every region, and cite it as 重庆's; one who gives a parameter twice (``format=csv&format=json``)
would get one of the two, silently. Every parameter takes one value (a list is one value,
separated by commas). The parameters each endpoint takes are read from the app's own OpenAPI
schema (public, and what the documentation shows), once, on the first request.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError

_TAKEN = "known_query_parameters"
"""Where the app keeps its map of (path template, method) → the query parameters taken."""


def _parameters(app: FastAPI) -> dict[tuple[str, str], frozenset[str]]:
    taken: dict[tuple[str, str], frozenset[str]] = getattr(app.state, _TAKEN, {})
    if not taken:
        paths: dict[str, dict[str, Any]] = app.openapi().get("paths", {})
        taken = {
            (path, method.upper()): frozenset(
                p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
            )
            for path, operations in paths.items()
            for method, operation in operations.items()
        }
        setattr(app.state, _TAKEN, taken)
    return taken


async def reject_unknown_parameters(request: Request) -> None:
    """A 422 naming each query parameter a GET endpoint does not take (and those it does), and
    each it was given twice. Only reads are checked: ``POST /cypher`` takes its input in the
    body, and answers "not enabled" before anything else when Cypher is off; a route outside the
    schema is left alone."""
    if request.method != "GET":
        return
    route = request.scope.get("route")
    known = _parameters(request.app).get((getattr(route, "path", ""), request.method))
    if known is None:
        return
    unknown = sorted(set(request.query_params) - known)
    given = Counter(name for name, _ in request.query_params.multi_items())
    repeated = sorted(name for name, times in given.items() if times > 1 and name in known)
    takes = ", ".join(sorted(known)) or "none"
    problems = [
        *({"loc": ("query", name), "msg": f"not a parameter of this endpoint (it takes: {takes})"}
          for name in unknown),
        *({"loc": ("query", name), "msg": "given more than once: give it once (a list as one "
           "value, separated by , ， or 、)"} for name in repeated),
    ]  # fmt: skip
    if problems:
        raise RequestValidationError(problems)
