"""A query string of raw UTF-8 bytes (curl without --data-urlencode) reads as UTF-8."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from api.raw_query import RawUtf8Query


def _query_seen(raw: bytes) -> dict[str, str]:
    """The query parameters an app behind the middleware reads from ``raw``."""
    seen: dict[str, str] = {}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.update(Request(scope).query_params)

    async def receive() -> Message:
        return {"type": "http.request"}

    async def send(message: Message) -> None:
        return None

    scope: Scope = {"type": "http", "method": "GET", "path": "/reuse", "query_string": raw,
                    "headers": []}  # fmt: skip
    asyncio.run(RawUtf8Query(app)(scope, receive, send))
    return seen


def test_raw_utf8_reads_as_a_browser_s_escaped_query_does() -> None:
    raw = _query_seen("regions=重庆,宁夏&format=csv".encode())
    escaped = _query_seen(b"regions=%E9%87%8D%E5%BA%86%2C%E5%AE%81%E5%A4%8F&format=csv")
    assert raw == escaped == {"regions": "重庆,宁夏", "format": "csv"}


def test_an_ascii_query_passes_as_it_came() -> None:
    assert _query_seen(b"q=a+b&x=%25") == {"q": "a b", "x": "%"}
