"""The outermost guard of every request, inside Starlette's own error middleware:

- a GET whose store changed while it was read (``StoreChanged``: a Neo4j load committed
  mid-request) is answered again, from the new version, up to ``ATTEMPTS`` times, then a 503
  ``store_changed`` that says to retry;
- any other unexpected error becomes the one-shape 500, with the cause in the log. Answered
  here, it is not re-raised, so the server keeps the client's keep-alive connection (Starlette's
  ``ServerErrorMiddleware`` re-raises, and the server then resets the connection);
- a redirect (``/regions/`` → ``/regions``) points to a path, not to ``http://<Host header>/…``:
  a client's Host header never comes back in a ``Location``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from graph.errors import StoreChanged

log = logging.getLogger(__name__)
ATTEMPTS = 3
RETRIED_METHODS = frozenset({"GET", "HEAD"})
"""Requests that read only, and send no body to be read a second time."""


def _relative_location(start: Message) -> Message:
    """The response start with its ``Location`` cut to path and query."""
    headers = [
        (name, urlsplit(value.decode("latin-1"))._replace(scheme="", netloc="").geturl().encode())
        if name.lower() == b"location"
        else (name, value)
        for name, value in start.get("headers", [])
    ]
    return {**start, "headers": headers}


class Resilience:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        attempts = ATTEMPTS if scope["method"] in RETRIED_METHODS else 1
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = _relative_location(message)
            await send(message)

        for _ in range(attempts):
            try:
                await self.app(scope, receive, tracked)
                return
            except StoreChanged:
                if started:
                    raise
                log.info(
                    "store changed mid-request; answering again", extra={"path": scope["path"]}
                )
            except Exception:
                if started:
                    raise
                log.exception("unexpected error", extra={"path": scope["path"]})
                await error_response(500, "internal error", code="internal_error")(
                    scope, receive, send
                )
                return
        await error_response(
            503,
            "the graph changed while the answer was read, several times: ask again",
            code="store_changed",
            headers={"Retry-After": "1"},
        )(scope, receive, send)
