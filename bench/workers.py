"""Serving with more workers: req/s and latency of the flagship at 16 clients, per server and
number of workers, all in one run on the same graph file.

Each server runs the API as ``policygraph serve`` does (the app factory, the embedded store on
the graph file ``make run`` builds) on a free loopback port: uvicorn and granian, each with one
and with two workers. A closed loop of clients (bench/serving.py) sends a warm-up, then the
timed requests. The ratio of two workers to one is what the server choice rests on.

    python bench/workers.py [--clients 16] [--requests 3000] [--servers uvicorn,granian]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from serving import (
    HOST,
    Cell,
    cpu_model,
    free_port,
    load_average,
    measure,
    percentile,
    stop,
    wait_ready,
)

ROOT = Path(__file__).resolve().parent.parent
GRAPH_FILE = ROOT / "build" / "policygraph.db"
FLAGSHIP = "/programs/返乡入乡创业园/regions?relation=funds&level=province"
APP = "api.app:create_app"


def command(server: str, workers: int, port: int) -> list[str]:
    """How ``server`` runs the app factory with ``workers`` processes."""
    if server == "uvicorn":
        return [sys.executable, "-m", "uvicorn", APP, "--factory", "--host", HOST, "--port", str(port),
                "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    return [sys.executable, "-m", "granian", APP, "--factory", "--interface", "asgi", "--host", HOST,
            "--port", str(port), "--workers", str(workers), "--log-level", "warning"]  # fmt: skip


@contextmanager
def running(server: str, workers: int) -> Iterator[str]:
    """The server's base URL once every worker could answer; stopped on exit."""
    port = free_port()
    env = {**os.environ, "POLICYGRAPH_GRAPH_FILE": str(GRAPH_FILE), "POLICYGRAPH_STORE": "embedded"}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command(server, workers, port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://{HOST}:{port}"
            wait_ready(process, base + "/health", log)
            time.sleep(2.0 * workers)  # the other workers load the graph too
            yield base
        finally:
            stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--servers", default="uvicorn,granian")
    args = parser.parse_args()
    if not GRAPH_FILE.exists():
        subprocess.run(
            [Path(sys.executable).parent / "policygraph", "build", "--out", str(GRAPH_FILE)],
            check=True,
        )
    print(f"machine   {cpu_model()}, {os.cpu_count()} CPUs; load average {load_average()} before")
    versions = ", ".join(f"{p} {version(p)}" for p in ("fastapi", "uvicorn", "granian"))
    print(f"software  Python {platform.python_version()}; {versions}")
    print(f"data      {GRAPH_FILE.relative_to(ROOT)} (the seeds' graph); endpoint {FLAGSHIP}")
    print(
        f"load      {args.clients} clients, closed loop, {args.requests} timed requests after {args.requests // 10} warm-up\n"
    )
    print("| server | workers | req/s | p50 ms | p99 ms | errors |\n|---|--:|--:|--:|--:|--:|")
    rates: dict[tuple[str, int], float] = {}
    for server in args.servers.split(","):
        for workers in (1, 2):
            with running(server, workers) as base:
                cell = Cell(server, FLAGSHIP, args.clients, args.requests)
                asyncio.run(measure(base, cell, warmup=args.requests // 10, limit=600))
            if not cell.latencies:
                raise SystemExit(f"{server}, {workers} workers: no answer ({cell.errors[:1]})")
            latencies = sorted(cell.latencies)
            rates[(server, workers)] = len(latencies) / cell.seconds
            p50, p99 = (percentile(latencies, p) * 1000 for p in (50, 99))
            print(
                f"| {server} | {workers} | {rates[(server, workers)]:.0f} | {p50:.1f} | {p99:.1f} | {len(cell.errors)} |"
            )
    print()
    for server in args.servers.split(","):
        print(
            f"{server}: 2 workers give {rates[(server, 2)] / rates[(server, 1)]:.2f}× the req/s of 1"
        )
    print(f"load average {load_average()} after")


if __name__ == "__main__":
    main()
