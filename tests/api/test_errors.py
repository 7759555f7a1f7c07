"""Errors carry a stable code and the details to act on; one table maps them to HTTP."""

from __future__ import annotations

import json

from api.errors import _policygraph_error, http_status
from graph import errors
from graph.errors import (
    CypherTimeout,
    NotFound,
    PlanError,
    PolicyGraphError,
    QueryFileError,
    StoreUnavailable,
)


def test_every_error_class_has_a_code_of_its_own() -> None:
    defined = [
        c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, PolicyGraphError)
    ]
    codes = [c.code for c in defined if c is not PolicyGraphError]
    assert len(codes) >= 12 and len(set(codes)) == len(codes) and "error" not in codes


def test_the_table_gives_each_error_its_status_by_its_nearest_ancestor() -> None:
    assert http_status(PlanError("x", source="a.txt")) == 400
    assert http_status(CypherTimeout("slow", neo4j_code="Neo.x", neo4j_message="m")) == 400
    assert http_status(NotFound("no plan")) == 404
    assert http_status(StoreUnavailable("down")) == 503
    assert (
        http_status(QueryFileError("broken header")) == 500
    )  # the server's own files: not the caller's fault


def test_an_error_answers_with_its_code_and_details() -> None:
    response = _policygraph_error(None, PlanError("binary", source="a.pdf", line=3))  # type: ignore[arg-type]
    assert response.status_code == 400
    assert json.loads(bytes(response.body)) == {
        "error": {
            "code": "invalid_plan",
            "message": "a.pdf:3: binary",
            "details": {"source": "a.pdf", "line": 3},
        }
    }
    hidden = _policygraph_error(None, QueryFileError("cypher/x.cypher: header drifted"))  # type: ignore[arg-type]
    assert hidden.status_code == 500 and b"header drifted" not in bytes(hidden.body)
