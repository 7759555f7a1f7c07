"""An app under uvicorn in a subprocess, timed from the client: what the HTTP benches share.

``serve`` starts an app the way ``policygraph serve`` does (one worker, log level warning) on a
free loopback port and says how long it took to answer; ``measure`` fills a ``Cell`` with the
latencies of a closed loop of clients. Only the HTTP routes are used, so the figures hold
whatever the packages do inside.
"""

from __future__ import annotations

import asyncio
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import quote

import httpx2

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
UVICORN_SETTINGS = ("--factory", "--host", HOST, "--workers", "1", "--log-level", "warning")
"""Those of ``policygraph serve``, for the API and the bare app alike."""
STARTUP_TIMEOUT = 120.0
REQUEST_TIMEOUT = 30.0
READY_POLL = 0.05
"""Seconds between readiness probes: the resolution of a start-up time."""


@dataclass
class Cell:
    """One endpoint on one server at one number of clients."""

    server: str
    endpoint: str
    clients: int
    planned: int
    latencies: list[float] = field(default_factory=list)
    """Seconds per answered request, warm-up excluded."""
    seconds: float = 0.0
    """Wall time of the measured requests."""
    errors: list[str] = field(default_factory=list)
    cut_off: bool = False


@dataclass(frozen=True)
class Server:
    """A running server: where it answers, its process, and how long it took to answer."""

    base: str
    pid: int
    started_in: float
    """Seconds from launching the process to the first 200 from the ready path."""


def encode(endpoint: str) -> str:
    """The endpoint with its path and query percent-encoded (UTF-8)."""
    path, _, query = endpoint.partition("?")
    return quote(path) + (f"?{quote(query, safe='=&')}" if query else "")


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def load_average() -> str:
    """The 1, 5 and 15-minute load averages: other work on the machine skews the figures."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_ready(
    process: subprocess.Popen[bytes], url: str, log: IO[bytes], timeout: float = STARTUP_TIMEOUT
) -> None:
    """Return once ``url`` answers 200; raise with the server's output if it exits or times out."""
    deadline = time.monotonic() + timeout
    with httpx2.Client(trust_env=False, timeout=max(5.0, REQUEST_TIMEOUT)) as client:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx2.TransportError:
                pass
            time.sleep(READY_POLL)
    log.seek(0)
    output = log.read().decode(errors="replace")[-3000:]
    raise RuntimeError(f"{url} did not come up (exit code {process.poll()}):\n{output}")


@contextmanager
def serve(
    app: str, env: dict[str, str], ready_path: str, timeout: float = STARTUP_TIMEOUT
) -> Iterator[Server]:
    """Run ``app`` under uvicorn on a free loopback port and yield it once ``ready_path``
    answers; on exit SIGTERM it, and SIGKILL it after 10 s."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", app, "--port", str(port), *UVICORN_SETTINGS]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--app-dir", str(ROOT / "bench")],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://{HOST}:{port}"
            wait_ready(process, base + encode(ready_path), log, timeout)
            yield Server(base, process.pid, time.perf_counter() - start)
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, and SIGKILL after 10 s."""
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def measure(base: str, cell: Cell, warmup: int, limit: float) -> Cell:
    """Fill ``cell``: ``warmup`` requests, then ``cell.planned`` timed ones, within ``limit`` seconds."""
    url = base + encode(cell.endpoint)

    async def closed_loop(client: httpx2.AsyncClient, count: int, latencies: list[float]) -> None:
        tickets = iter(range(count))

        async def one_client() -> None:
            for _ in tickets:
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                except httpx2.HTTPError as exc:
                    cell.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - start)
                else:
                    cell.errors.append(f"HTTP {response.status_code}: {response.text[:300]}")

        await asyncio.gather(*(one_client() for _ in range(cell.clients)))

    limits = httpx2.Limits(max_connections=cell.clients, max_keepalive_connections=cell.clients)
    async with httpx2.AsyncClient(
        limits=limits, timeout=REQUEST_TIMEOUT, trust_env=False
    ) as client:
        try:
            async with asyncio.timeout(limit):
                await closed_loop(client, warmup, [])
                start = time.perf_counter()
                try:
                    await closed_loop(client, cell.planned, cell.latencies)
                finally:
                    cell.seconds = time.perf_counter() - start
        except TimeoutError:
            cell.cut_off = True
    return cell


def graph_counts(base: str) -> tuple[int, int, int]:
    """Plans, nodes and relationships in the store behind the API at ``base``, from ``/stats``."""
    rows = (
        httpx2.get(f"{base}/stats?limit=1000", trust_env=False, timeout=REQUEST_TIMEOUT)
        .raise_for_status()
        .json()["data"]
    )
    nodes, relationships = (
        sum(r["count"] for r in rows if r["kind"] == kind) for kind in ("node", "relationship")
    )
    plans = sum(r["count"] for r in rows if (r["kind"], r["name"]) == ("node", "Plan"))
    return plans, nodes, relationships


def graph_size(base: str) -> str:
    """Plans, nodes and relationships in the store behind the API at ``base``, as a phrase."""
    plans, nodes, relationships = graph_counts(base)
    return f"{plans} plans, {nodes} nodes, {relationships} relationships"
