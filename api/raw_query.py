"""A query string sent as raw UTF-8 is read as UTF-8.

``curl 'http://…/reuse?regions=重庆'`` sends the bytes of 重庆 unescaped. Starlette decodes a
query string as Latin-1, so the answer would be a 404 for mojibake (no region 'é\\x87\\x8d…').
Escaping every byte above 0x7F first makes the percent-decoding that follows read them as
UTF-8, as it reads a browser's ``%E9%87%8D``.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _escaped(match: re.Match[bytes]) -> bytes:
    return b"%%%02X" % match.group()[0]


class RawUtf8Query:
    """ASGI middleware: percent-escapes the non-ASCII bytes of a request's query string."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and _HIGH_BYTE.search(raw):
            scope = {**scope, "query_string": _HIGH_BYTE.sub(_escaped, raw)}
        await self.app(scope, receive, send)
