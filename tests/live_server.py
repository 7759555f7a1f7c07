"""An app served for real on a free port, for tests that need what TestClient cannot give:
concurrent requests, keep-alive connections, a browser."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI


@contextmanager
def live_server(app: FastAPI, *, host_name: str = "127.0.0.1") -> Iterator[str]:
    """``app`` under uvicorn in a thread on 127.0.0.1; its base URL, with ``host_name`` (e.g.
    localhost) as the host."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        thread.join(0.05)
    try:
        yield f"http://{host_name}:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
