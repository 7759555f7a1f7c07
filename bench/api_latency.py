"""API latency: p50 and p99 of each endpoint on both stores, against a bare FastAPI ceiling.

Serves the API under uvicorn in a subprocess on a free 127.0.0.1 port, once per store, and a
bare FastAPI app with one ``GET /ping`` the same way, one server at a time, in the same run.
For each endpoint and number of clients, a closed loop — N asyncio tasks sharing one httpx2
AsyncClient, each sending its next request when the last one is answered — runs a warm-up and
then a fixed number of requests, cut off after a time limit. Prints a Markdown table of p50,
p99 and requests/s with the machine, versions, data and settings; any non-200 answer fails the
run (exit code 1) after the table.

The embedded store reads build/policygraph.db (built first when missing). The Neo4j store
needs NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD (``eval "$(scripts/neo4j-local start)"``); the
script runs ``policygraph load`` first, so both stores hold the five plans. Without NEO4J_URI
only the embedded store is measured.

    python bench/api_latency.py [--requests 200,800] [--concurrency 1,16] [--stores embedded,neo4j]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import subprocess
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from fastapi import FastAPI
from serving import (
    HOST,
    REQUEST_TIMEOUT,
    Cell,
    cpu_model,
    graph_size,
    load_average,
    measure,
    percentile,
    serve,
)

from graph.neo4j_store import Neo4jStore
from graph.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GRAPH_FILE = "build/policygraph.db"
STORES = ("embedded", "neo4j")
ENDPOINTS = (
    "/regions",
    "/plans",
    "/programs?q=创业",
    "/programs/返乡创业园/regions?relation=funds&level=province",
    "/target-groups/高校毕业生/programs",
    "/indicators/城镇新增就业/targets",
    "/compare?regions=重庆,宁夏",
    "/matrix?relation=covers&cols=program",
    "/search?q=零工市场",
    "/stats",
    "/export/graphml?region=620000",
)
CEILING = "bare FastAPI"


def ping_app() -> FastAPI:
    """The ceiling: one sync endpoint, run in the thread pool like the API's."""
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict[str, bool]:
        return {"ok": True}

    return app


def policygraph(*args: str) -> str:
    """Run a policygraph command in the repository and return its output on one line."""
    done = subprocess.run(
        [str(BIN / "policygraph"), *args], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"policygraph {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}"
        )
    return " ".join(done.stdout.split())


def ints(text: str) -> list[int]:
    """``1,16`` → ``[1, 16]``."""
    return [int(part) for part in text.split(",")]


def parse_args() -> argparse.Namespace:
    """The options, with one request count per concurrency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests",
        type=ints,
        default=[200, 800],
        help="timed requests per cell: one number, or one per --concurrency (200,800)",
    )
    parser.add_argument(
        "--concurrency", type=ints, default=[1, 16], help="clients, comma-separated (1,16)"
    )
    parser.add_argument(
        "--stores", type=lambda s: s.split(","), default=list(STORES), help="embedded,neo4j"
    )
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per cell (20)")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="seconds per cell, warm-up included (60)"
    )
    args = parser.parse_args()
    if len(args.requests) == 1:
        args.requests *= len(args.concurrency)
    if len(args.requests) != len(args.concurrency):
        parser.error("--requests takes one number, or one per --concurrency")
    if unknown := set(args.stores) - set(STORES):
        parser.error(f"unknown stores: {', '.join(sorted(unknown))}")
    return args


def header(
    args: argparse.Namespace, data: list[str], notes: list[str], load_before: str
) -> list[str]:
    """Machine, load, versions, data and settings: the context the figures need."""
    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    http = "httptools" if find_spec("httptools") else "h11"
    per_clients = ", ".join(
        f"{r} at {c} client{'s' * (c > 1)}"
        for r, c in zip(args.requests, args.concurrency, strict=True)
    )
    return [
        f"machine   {cpu_model()}, {os.cpu_count()} CPUs; client and servers on the same machine",
        f"load      1/5/15-min load average {load_before} before, {load_average()} after",
        f"software  Python {platform.python_version()}; FastAPI {version('fastapi')}; uvicorn {version('uvicorn')}; "
        f"neo4j driver {version('neo4j')}; client httpx2 {version('httpx2')}",
        f"servers   uvicorn, 1 worker, {loop} loop, {http}, log level warning, on {HOST}; one at a time",
        *(f"data      {line}" for line in data),
        f"settings  closed loop, clients {','.join(map(str, args.concurrency))}; timed requests per cell: "
        f"{per_clients}; warm-up {args.warmup} per cell; limit {args.time_limit:g} s per cell, "
        f"{REQUEST_TIMEOUT:g} s per request; latency at the client, request sent to body read; "
        "percentiles by nearest rank",
        *notes,
    ]


def table(cells: list[Cell]) -> list[str]:
    """The figures as a Markdown table, one row per cell."""
    lines = [
        "| endpoint | store | clients | requests | p50 ms | p99 ms | req/s | errors |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for cell in cells:
        done = sorted(cell.latencies)
        n = f"{len(done)}{' †' if cell.cut_off else ''}"
        if done:
            p50, p99 = f"{percentile(done, 50) * 1000:.2f}", f"{percentile(done, 99) * 1000:.2f}"
            rate = f"{len(done) / cell.seconds:,.0f}"
        else:
            p50 = p99 = rate = "–"
        lines.append(
            f"| `{cell.endpoint}` | {cell.server} | {cell.clients} | {n} | {p50} | {p99} | {rate} | {len(cell.errors)} |"
        )
    if any(cell.cut_off for cell in cells):
        lines.append("\n† cut off by the time limit: fewer requests than asked for.")
    return lines


def main() -> None:
    """Measure the ceiling, then each store, one server at a time, and print the report."""
    args = parse_args()
    load_before = load_average()
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    notes: list[str] = []
    stores = [s for s in STORES if s in args.stores]
    if "neo4j" in stores and not os.environ.get("NEO4J_URI"):
        stores.remove("neo4j")
        notes.append("note      NEO4J_URI is not set: the embedded store only")
        print(notes[-1], file=sys.stderr)
    servers: list[tuple[str, str, dict[str, str], str, tuple[str, ...]]] = [
        (CEILING, "api_latency:ping_app", {}, "/ping", ("/ping",))
    ]
    about: dict[str, str] = {}
    if "embedded" in stores:
        if not (ROOT / GRAPH_FILE).exists():
            print(policygraph("build", "--out", GRAPH_FILE), file=sys.stderr)
        about["embedded"] = f"{GRAPH_FILE}, {(ROOT / GRAPH_FILE).stat().st_size / 1024:,.0f} KiB"
        env = {"POLICYGRAPH_STORE": "embedded", "POLICYGRAPH_GRAPH_FILE": GRAPH_FILE}
        servers.append(("embedded", "api.app:create_app", env, "/health", ENDPOINTS))
    if "neo4j" in stores:
        loaded = policygraph("load")
        with Neo4jStore.connect(get_settings().neo4j) as store:
            about["neo4j"] = f"{store.driver.get_server_info().agent}; `policygraph load`: {loaded}"
        servers.append(
            ("neo4j", "api.app:create_app", {"POLICYGRAPH_STORE": "neo4j"}, "/health", ENDPOINTS)
        )
    cells: list[Cell] = []
    data: list[str] = []
    for name, app, env, ready_path, endpoints in servers:
        with serve(app, env, ready_path) as server:
            base = server.base
            if name in about:
                data.append(f"{name} store: {graph_size(base)} ({about[name]})")
            for endpoint in endpoints:
                for clients, requests in zip(args.concurrency, args.requests, strict=True):
                    print(f"{name:12} {endpoint} × {clients}", file=sys.stderr, flush=True)
                    cell = Cell(name, endpoint, clients, requests)
                    cells.append(asyncio.run(measure(base, cell, args.warmup, args.time_limit)))
    rank = {key: i for i, key in enumerate(["/ping", *ENDPOINTS, CEILING, *STORES])}
    cells.sort(key=lambda c: (rank[c.endpoint], rank[c.server], args.concurrency.index(c.clients)))
    print("\n".join([*header(args, data, notes, load_before), "", *table(cells)]))
    failed = [c for c in cells if c.errors]
    for cell in failed:
        print(
            f"FAILED {cell.server} {cell.endpoint} × {cell.clients}: {len(cell.errors)} errors; first: {cell.errors[0]}",
            file=sys.stderr,
        )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers stopped")
