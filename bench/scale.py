"""Scale: build, graph file, start-up, memory, query latency and Neo4j load over corpora of N plans.

For each size N (50, 200 and 1000 by default) the corpus is N copies of the text plans in
data/plans, each made a distinct plan by one added line and its own file name (as
bench/load_throughput.py makes them), written as files into a temporary folder. Everything
runs the way a user runs it — subprocesses and HTTP — so the figures hold whatever the packages
do inside:

- build: ``policygraph build FOLDER --out FILE``: wall time, peak RSS (``wait4``), file size;
- embedded store: the API under uvicorn on that file, served as bench/api_latency.py serves it:
  seconds from launching the process to the first answer of ``/stats``, RSS then (and per
  relationship); then p50 and p99 at one client of the flagship question, ``/compare`` and
  ``/matrix``;
- Neo4j, when NEO4J_URI is set (one plan loaded first as a warm-up): the database emptied,
  ``policygraph load FOLDER``: wall time, and elements/s from the loader's first transaction
  on the server (after extraction) to the last plan's commit; then the API on Neo4j: start-up,
  RSS and the same latencies.

Guards: a size whose build, load or API (its peak RSS) would exceed ``--max-rss-gb`` or
``--timeout``, extrapolated from the sizes measured before it, is skipped with the reason; a
build or load still running after ``--timeout``, or whose processes grow past ``--max-rss-gb``,
is killed and reported; the API has ``--timeout`` to start and to answer each endpoint's requests
(a cut-off is marked).

    python bench/scale.py [--sizes 50,200,1000] [--stores embedded,neo4j] [--requests 200]
                          [--max-rss-gb 8] [--timeout 900]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
from guarded import GIB, Step, proc_bytes, run, tree_rss
from neo4j import Driver, GraphDatabase, RoutingControl
from scale_report import report
from serving import (
    REQUEST_TIMEOUT,
    ROOT,
    Cell,
    encode,
    graph_counts,
    load_average,
    measure,
    serve,
)

BIN = Path(sys.executable).parent
STORES = ("embedded", "neo4j")
ENDPOINTS = (
    "/programs/返乡入乡创业园/regions?relation=funds",
    "/compare?regions=重庆,宁夏",
    "/matrix?relation=covers&cols=program",
)
TEXT_SUFFIXES = {".txt", ".md"}
"""Plans a line can be added to."""
POLL = 0.1
"""Seconds between looks at the server while ``policygraph load`` runs."""
PLANS = "MATCH (p:Plan) RETURN count(p)"
LOADER_TRANSACTIONS = (
    "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' RETURN count(*)"
)
"""Transactions running on the server other than this one: the loader's, on a private server."""
CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


@dataclass
class Served:
    """The API on one store: start-up, memory and latencies."""

    store: str
    counts: tuple[int, int, int]
    """Plans, nodes and relationships, from ``/stats``."""
    started_in: float
    rss: int
    peak_rss: int
    rss_after: int = 0
    cells: list[Cell] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)


@dataclass
class Loaded:
    """``policygraph load`` into an emptied database."""

    step: Step
    plans: int
    nodes: int
    relationships: int
    window: float | None
    """Seconds from the loader's first transaction to the last plan's commit."""
    server_rss: int | None


@dataclass
class Size:
    """Everything measured (or skipped) for one corpus size."""

    plans: int
    source: str = ""
    """The code it ran on (``source_state``)."""
    corpus_bytes: int = 0
    build: Step | None = None
    built: tuple[int, int] | None = None
    graph_bytes: int = 0
    loaded: Loaded | None = None
    served: list[Served] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def policygraph(*args: str) -> list[str]:
    """The command line of the installed ``policygraph`` (beside this Python)."""
    return [str(BIN / "policygraph"), *args]


def write_corpus(sources: list[Path], folder: Path, size: int) -> int:
    """``size`` distinct copies of the source plans in ``folder``; returns their bytes."""
    folder.mkdir(parents=True)
    total = 0
    for i in range(size):
        path, n = sources[i % len(sources)], i // len(sources)
        data = path.read_bytes() + f"\n附：第{n}号副本。\n".encode()
        (folder / f"{path.stem}-copy{n}{path.suffix}").write_bytes(data)
        total += len(data)
    return total


def extrapolate(points: list[tuple[int, float]], n: int) -> float | None:
    """The value at ``n``: linear through the last two points, through the origin from one."""
    if not points:
        return None
    if len(points) == 1:
        return points[0][1] * n / points[0][0]
    (n1, y1), (n2, y2) = points[-2:]
    return max(y2, y2 + (y2 - y1) / (n2 - n1) * (n - n2))


def too_big(
    what: str, points: list[tuple[int, float]], n: int, limit: float, unit: str
) -> str | None:
    """Why ``what`` is skipped at ``n``, if its extrapolated figure passes ``limit``."""
    predicted = extrapolate(points, n)
    if predicted is None or predicted <= limit:
        return None
    scale = GIB if unit == "GiB" else 1
    return f"{n} plans: {what} skipped: about {predicted / scale:,.1f} {unit} expected, over the {limit / scale:g} {unit} limit"


def answer(base: str, endpoint: str) -> str:
    """How big the answer is: rows in all (the page holds at most 100) and bytes of this page."""
    response = httpx2.get(base + encode(endpoint), trust_env=False, timeout=REQUEST_TIMEOUT)
    if response.status_code != 200:
        return f"HTTP {response.status_code}"
    body = response.json()
    if "total" in body:
        size = f"{body['total']:,} rows"
    else:
        shared = sum(row["shared"] for row in body["programs"])
        size = (
            f"{len(body['programs'])} programs ({shared} shared), "
            f"{len(body['targets']):,} target rows"
        )
    return f"{size}, {len(response.content) / 1024:,.0f} KiB"


def serve_and_measure(store: str, env: dict[str, str], args: argparse.Namespace) -> Served:
    """Start the API on ``store``, note start-up time and RSS, then time each endpoint."""
    with serve("api.app:create_app", env, "/stats?limit=1", args.timeout) as server:
        rss, peak = tree_rss(server.pid), proc_bytes(server.pid, "VmHWM")
        served = Served(store, graph_counts(server.base), server.started_in, rss, peak)
        for endpoint in ENDPOINTS:
            print(f"  {store:8} {endpoint}", file=sys.stderr, flush=True)
            cell = Cell(store, endpoint, 1, args.requests)
            served.cells.append(asyncio.run(measure(server.base, cell, args.warmup, args.timeout)))
            served.answers[endpoint] = answer(server.base, endpoint)
        served.rss_after = tree_rss(server.pid)
    return served


def neo4j_server_rss() -> int | None:
    """The local server's RSS, when scripts/neo4j-local's home (POLICYGRAPH_NEO4J_HOME) is known."""
    home = os.environ.get("POLICYGRAPH_NEO4J_HOME")
    pid_file = Path(home, "neo4j.pid") if home else None
    if pid_file is None or not pid_file.exists():
        return None
    return proc_bytes(int(pid_file.read_text().split()[0]), "VmRSS") or None


def count(driver: Driver, query: str) -> int:
    records, _, _ = driver.execute_query(
        query, routing_=RoutingControl.READ, database_=os.environ.get("NEO4J_DATABASE")
    )
    return int(records[0][0])


def empty(driver: Driver) -> None:
    """Delete every node and relationship (the schema stays)."""
    with driver.session(database=os.environ.get("NEO4J_DATABASE")) as session:
        session.run(CLEAR).consume()


def load(driver: Driver, folder: Path, args: argparse.Namespace) -> Loaded:
    """Empty the database, then ``policygraph load`` the corpus, watching the server: the
    loading starts when a transaction of the loader is first seen (extraction comes before it)
    and ends when the Plan count reaches its final value, however plans are grouped into
    transactions."""
    empty(driver)
    seen: list[tuple[float, int, int]] = []
    """(seconds, loader transactions running, plans committed)"""

    def watch(elapsed: float) -> None:
        if not seen or elapsed - seen[-1][0] >= POLL:
            seen.append((elapsed, count(driver, LOADER_TRANSACTIONS), count(driver, PLANS)))

    command = policygraph("load", str(folder))
    step = run(command, cwd=ROOT, timeout=args.timeout, max_rss=args.max_rss, on_tick=watch)
    plans = count(driver, PLANS)
    start = next((t for t, active, n in seen if active or n), None)
    end = next((t for t, _, n in seen if n == plans), step.seconds)
    window = end - start if start is not None and end > start else None
    nodes = count(driver, "MATCH (n) RETURN count(n)")
    relationships = count(driver, "MATCH ()-[r]->() RETURN count(r)")
    return Loaded(step, plans, nodes, relationships, window, neo4j_server_rss())


def warm_up(driver: Driver, plan: Path, args: argparse.Namespace) -> None:
    """Load one plan once, so the first size does not pay for compiling the load statements."""
    print("warm-up: policygraph load of one plan", file=sys.stderr, flush=True)
    empty(driver)
    step = run(policygraph("load", str(plan)), cwd=ROOT, timeout=args.timeout, max_rss=args.max_rss)
    if why := step.failure():
        sys.exit(f"policygraph load of {plan.name} failed: {why}")


def one_size(
    n: int, sources: list[Path], args: argparse.Namespace, done: list[Size], driver: Driver | None
) -> Size:
    """Build, serve and (with Neo4j) load a corpus of ``n`` plans, unless a guard says no."""
    size = Size(n, source_state())
    builds = [(s.plans, s.build) for s in done if s.build and not s.build.failure()]
    for reason in (
        too_big("build", [(p, b.peak_rss) for p, b in builds], n, args.max_rss, "GiB"),
        too_big("build", [(p, b.seconds) for p, b in builds], n, args.timeout, "s"),
    ):
        if reason:
            size.notes.append(reason)
            return size
    with tempfile.TemporaryDirectory(prefix=f"policygraph-scale-{n}-") as tmp:
        folder, graph_file = Path(tmp, "plans"), Path(tmp, "policygraph.db")
        size.corpus_bytes = write_corpus(sources, folder, n)
        print(f"{n} plans: build", file=sys.stderr, flush=True)
        command = policygraph("build", str(folder), "--out", str(graph_file))
        size.build = run(command, cwd=ROOT, timeout=args.timeout, max_rss=args.max_rss)
        if found := re.search(r"\((\d+) nodes,\s+(\d+) relationships\)", size.build.output):
            size.built = (int(found[1]), int(found[2]))
        if (why := size.build.failure()) or not graph_file.exists():
            size.notes.append(
                f"{n} plans: build failed, nothing else measured: {why or 'no graph file'}"
            )
            return size
        if size.build.code:
            size.notes.append(f"{n} plans: build exit code {size.build.code} (some plans rejected)")
        size.graph_bytes = graph_file.stat().st_size
        for store in args.stores:
            apis = [
                (s.plans, float(x.peak_rss)) for s in done for x in s.served if x.store == store
            ]
            if reason := too_big(f"{store} API", apis, n, args.max_rss, "GiB"):
                size.notes.append(reason)
                continue
            if store == "neo4j":
                assert driver is not None
                loads = [(s.plans, s.loaded.step.seconds) for s in done if s.loaded]
                if reason := too_big("neo4j load", loads, n, args.timeout, "s"):
                    size.notes.append(reason)
                    continue
                print(f"{n} plans: policygraph load", file=sys.stderr, flush=True)
                size.loaded = load(driver, folder, args)
                if why := size.loaded.step.failure():
                    size.notes.append(
                        f"{n} plans: policygraph load failed, Neo4j API not measured: {why}"
                    )
                    continue
                if size.loaded.step.code:
                    size.notes.append(
                        f"{n} plans: policygraph load exit code 1 (some plans rejected)"
                    )
            env = {"POLICYGRAPH_STORE": store, "POLICYGRAPH_GRAPH_FILE": str(graph_file)}
            print(f"{n} plans: API on {store}", file=sys.stderr, flush=True)
            try:
                size.served.append(serve_and_measure(store, env, args))
            except RuntimeError as exc:
                size.notes.append(f"{n} plans: {store} API did not start: {str(exc)[:500]}")
    return size


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True).stdout


def source_state() -> str:
    """``code <fingerprint> (git <commit>[ + uncommitted changes])``. The fingerprint hashes the
    content of the files outside bench/, tests/ and docs/, so it changes when the code does,
    not when the same code is committed: another person may be editing the same working tree
    while the benchmark runs."""
    code = [".", *(f":(exclude){p}" for p in ("bench", "tests", "docs", "*.md"))]
    digest = hashlib.sha256()
    for name in sorted(
        git("ls-files", "--cached", "--others", "--exclude-standard", "--", *code).splitlines()
    ):
        if (path := ROOT / name).is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--", *code).strip() else ""
    return (
        f"code {digest.hexdigest()[:12]} (git {git('rev-parse', '--short', 'HEAD').strip()}{dirty})"
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=lambda s: sorted({int(x) for x in s.split(",")}),
        default=[50, 200, 1000],
        help="plans per corpus (50,200,1000)",
    )
    parser.add_argument(
        "--stores",
        type=lambda s: s.split(","),
        default=list(STORES),
        help="embedded,neo4j (neo4j only with NEO4J_URI)",
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="timed requests per endpoint (200)"
    )
    parser.add_argument(
        "--warmup", type=int, default=20, help="untimed requests per endpoint first (20)"
    )
    parser.add_argument(
        "--max-rss-gb", type=float, default=8.0, help="memory limit per step, GiB (8)"
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per step (900)")
    parser.add_argument(
        "--plans", type=Path, default=ROOT / "data" / "plans", help="folder of the source plans"
    )
    args = parser.parse_args()
    if unknown := set(args.stores) - set(STORES):
        parser.error(f"unknown stores: {', '.join(sorted(unknown))}")
    args.max_rss = int(args.max_rss_gb * GIB)
    return args


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    uri = os.environ.get("NEO4J_URI")
    shown = f"NEO4J_URI={uri} " if uri and "neo4j" in args.stores else ""
    context = {
        "load_before": load_average(),
        "source_before": source_state(),
        "command": shown + shlex.join([os.path.relpath(sys.executable), *sys.argv]),
    }
    sources = sorted(p for p in args.plans.iterdir() if p.suffix.lower() in TEXT_SUFFIXES)
    for path in sources:
        try:  # a line in UTF-8 added to a plan in another encoding would garble it
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            sys.exit(f"{path}: not UTF-8; give --plans a folder of UTF-8 text plans")
    if not sources:
        sys.exit(f"{args.plans}: no text plans ({', '.join(sorted(TEXT_SUFFIXES))})")
    notes: list[str] = []
    if "neo4j" in args.stores and not uri:
        args.stores.remove("neo4j")
        notes.append("NEO4J_URI is not set: the embedded store only")
    driver = None
    if uri and "neo4j" in args.stores:
        driver = GraphDatabase.driver(
            uri, auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
        )
        context["neo4j"] = driver.get_server_info().agent
        warm_up(driver, sources[0], args)
    sizes: list[Size] = []
    try:
        for n in args.sizes:
            sizes.append(one_size(n, sources, args, sizes, driver))
    finally:
        if driver is not None:
            driver.close()
        context |= {"load_after": load_average(), "source_after": source_state()}
        print(report(args, sources, sizes, context, notes, ENDPOINTS, POLL))
    cells = [(x.store, cell) for size in sizes for x in size.served for cell in x.cells]
    for store, cell in cells:
        if cell.errors:
            print(
                f"FAILED {store} {cell.endpoint}: {len(cell.errors)} errors; first: {cell.errors[0]}",
                file=sys.stderr,
            )
    if any(cell.errors for _, cell in cells):
        sys.exit(1)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("interrupted; servers and steps stopped")
