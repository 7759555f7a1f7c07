"""One error format for every 4xx and 5xx: ``{"error": {"code", "message", "details"}}``.

The project's errors map to HTTP in one place; FastAPI's own (validation, unknown route,
wrong method) are rewritten into the same shape, and anything unexpected becomes a 500 in it,
with the cause logged, never shown.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from api.patterns import NOT_BLANK, NOT_ONLY_SEPARATORS
from graph.catalog import LIST_SEPARATORS
from graph.errors import (
    InvalidInput,
    NotFound,
    PolicyGraphError,
    QueryTimedOut,
    StoreUnavailable,
    TooLarge,
)

log = logging.getLogger(__name__)

STATUS_CODES = {
    400: "invalid_input", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 413: "too_large", 422: "invalid_parameter", 429: "too_many_queries",
    503: "store_unavailable",
    504: "query_timeout",
}  # fmt: skip


def error_response(
    status: int,
    message: str,
    details: Any = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {
        "error": {
            "code": code or STATUS_CODES.get(status, "error"),
            "message": message,
            "details": details,
        }
    }
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


HTTP_STATUS: dict[type[PolicyGraphError], int] = {
    InvalidInput: 400,
    TooLarge: 413,
    NotFound: 404,
    StoreUnavailable: 503,
    QueryTimedOut: 504,
}
"""The one place the project's errors meet HTTP: the nearest class in an error's ancestry wins;
an error of none of these (a vocabulary or query file the server itself holds) is a 500."""


def http_status(exc: PolicyGraphError) -> int:
    return next((HTTP_STATUS[kind] for kind in type(exc).__mro__ if kind in HTTP_STATUS), 500)


LISTED_AT = {
    "program": "/programs",
    "target group": "/target-groups",
    "indicator": "/indicators",
    "region": "/coverage",
    "plan": "/plans",
}
"""Where a 404 points for the whole list of what was looked for."""


def _parameter_holding(request: Request, text: str | None) -> str | None:
    """The path or query parameter whose value is ``text``, or a list holding it (``query.regions``
    for 火星 in ``regions=重庆,火星``): the one to mend."""
    if not text:
        return None
    given = [
        *(("path", k, str(v)) for k, v in request.path_params.items()),
        *(("query", k, v) for k, v in request.query_params.multi_items()),
    ]
    return next(
        (
            f"{where}.{key}"
            for where, key, value in given
            if text.strip() in (p.strip() for p in [value, *re.split(LIST_SEPARATORS, value)])
        ),
        None,
    )


def _policygraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PolicyGraphError)
    status = http_status(exc)
    if status == 500:
        log.error("server data error", extra={"code": exc.code, "error": str(exc)})
        return error_response(500, "internal error", code="internal_error")
    if isinstance(exc, NotFound):
        details = {
            **exc.details,
            "listed_at": LISTED_AT.get(exc.kind or ""),
            "parameter": _parameter_holding(request, exc.looked_for),
        }
        return error_response(status, str(exc), details, code=exc.code)
    # A store that is down or busy now may answer in a moment.
    headers = {"Retry-After": "1"} if status == 503 else None
    return error_response(status, str(exc), exc.details, code=exc.code, headers=headers)


_PATTERN_PROBLEMS = {
    NOT_BLANK: "is blank: give a value",
    NOT_ONLY_SEPARATORS: "names nothing: give one or more codes or names, separated by , ， or 、",
}
"""What a value the parameter's pattern refuses lacks, said for a person (not the regex)."""


def _problem(error: dict[str, Any]) -> str:
    message = str(error["msg"])
    if error.get("type") == "string_pattern_mismatch":
        return _PATTERN_PROBLEMS.get(str(error.get("ctx", {}).get("pattern")), message)
    return message


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"parameter": ".".join(str(p) for p in e["loc"]), "problem": _problem(e)}
        for e in exc.errors()
    ]
    names = ", ".join(d["parameter"] for d in details)
    return error_response(422, f"invalid parameter: {names}", details)


def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    # Keep the exception's headers: a 405 must say which methods are allowed.
    return error_response(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", extra={"path": request.url.path})
    return error_response(500, "internal error", code="internal_error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PolicyGraphError, _policygraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
