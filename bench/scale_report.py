"""The scale benchmark's report: its context, then one Markdown table per question."""

from __future__ import annotations

import argparse
import os
import platform
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from guarded import GIB, TICK
from serving import READY_POLL, ROOT, cpu_model, percentile

if TYPE_CHECKING:
    from scale import Size

PACKAGES = ("policygraph", "networkx", "fastapi", "uvicorn", "httpx2")


def code(state: str) -> str:
    """The code fingerprint of a ``source_state``, without the commit it is in."""
    return state.partition(" (")[0]


def mib(value: float | None) -> str:
    return f"{value / 2**20:,.0f}" if value else "–"


def header(
    args: argparse.Namespace,
    sources: list[Path],
    sizes: list[Size],
    context: dict[str, str],
    load_poll: float,
) -> list[str]:
    """Machine, load, versions, code, command, corpus and settings: what the figures depend on."""
    memory = int(Path("/proc/meminfo").read_text().split()[1]) * 1024
    software = "; ".join(f"{name} {version(name)}" for name in PACKAGES)
    server = f"; Neo4j server {context['neo4j']}" if "neo4j" in context else ""
    states = [("start", context["source_before"]), *((f"{s.plans} plans", s.source) for s in sizes)]
    states.append(("end", context["source_after"]))
    changes = [st for i, st in enumerate(states) if i == 0 or code(st[1]) != code(states[i - 1][1])]
    source = "; ".join(f"{when}: {state}" for when, state in changes)
    if len(changes) == 1:
        source = f"{changes[0][1]}, unchanged during the run"
    data = []
    for size in sizes:
        found = [
            f"{x.counts[1]:,} nodes, {x.counts[2]:,} relationships ({x.store})" for x in size.served
        ]
        if size.built and not found:
            found = [f"{size.built[0]:,} nodes, {size.built[1]:,} relationships (built)"]
        data.append(f"data      {size.plans} plans: {'; '.join(found) or 'not built'}")
    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    http = "httptools" if find_spec("httptools") else "h11"
    bytecode = (
        "; PYTHONDONTWRITEBYTECODE=1: no .pyc written"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else ""
    )
    return [
        f"machine   {cpu_model()}, {os.cpu_count()} CPUs, {memory / GIB:.0f} GiB RAM; client, API and Neo4j on the same machine",
        f"load      1/5/15-min load average {context['load_before']} before, {context['load_after']} after",
        f"software  Python {platform.python_version()}; {software}; neo4j driver {version('neo4j')}{server}{bytecode}",
        f"source    {source}",
        f"command   {context['command']}",
        f"corpus    N copies of the {len(sources)} text plans in {os.path.relpath(args.plans, ROOT)} "
        f"({sum(p.stat().st_size for p in sources):,} bytes), each with one added line (附：第n号副本。) "
        "and its own file name, written as files into a temporary folder",
        *data,
        f"settings  build, load: .venv/bin/policygraph as a subprocess, wall time (±{TICK:g} s) and that process's "
        f"peak RSS (wait4). API: uvicorn, 1 worker, {loop} loop, {http}, as bench/api_latency.py serves it; start-up: "
        f"launch to the first 200 from /stats (polled every {READY_POLL:g} s), RSS and peak RSS then. Latency: 1 client, "
        f"closed loop, {args.requests} timed requests after {args.warmup} warm-up per endpoint, at the client, "
        "nearest-rank percentiles. Neo4j: one plan loaded first as a warm-up; database emptied before each load; load phase: "
        "from the first loader transaction seen by SHOW TRANSACTIONS (after extraction) to the Plan count reaching N, "
        f"polled every {load_poll:g} s; elements/s = (nodes + relationships) / load phase. "
        f"Limits: {args.max_rss_gb:g} GiB RSS and {args.timeout:g} s per step",
    ]


def build_table(sizes: list[Size]) -> list[str]:
    lines = [
        "| plans | corpus MiB | nodes | relationships | build s | build ms/plan | build peak RSS MiB | graph file bytes |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size in sizes:
        if size.build:
            nodes, rels = (f"{x:,}" for x in size.built) if size.built else ("–", "–")
            lines.append(
                f"| {size.plans} | {size.corpus_bytes / 2**20:,.1f} | {nodes} | {rels} | {size.build.seconds:,.1f} "
                f"| {size.build.seconds / size.plans * 1000:,.0f} | {mib(size.build.peak_rss)} | {size.graph_bytes:,} |"
            )
    return lines


def api_table(sizes: list[Size]) -> list[str]:
    lines = [
        "| plans | store | API start-up s | RSS MiB | peak RSS MiB | RSS bytes/relationship | RSS after queries MiB |",
        "|--:|---|--:|--:|--:|--:|--:|",
    ]
    for size in sizes:
        for x in size.served:
            lines.append(
                f"| {size.plans} | {x.store} | {x.started_in:.2f} | {mib(x.rss)} | {mib(x.peak_rss)} "
                f"| {x.rss / x.counts[2]:,.0f} | {mib(x.rss_after)} |"
            )
    return lines


def load_table(sizes: list[Size]) -> list[str]:
    lines = [
        "| plans | nodes | relationships | `policygraph load` s | load peak RSS MiB | load phase s "
        "| elements/s | Neo4j server RSS MiB |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for size in sizes:
        if x := size.loaded:
            elements = x.nodes + x.relationships
            window, rate = (
                (f"{x.window:,.1f}", f"{elements / x.window:,.0f}") if x.window else ("–", "–")
            )
            lines.append(
                f"| {size.plans} | {x.nodes:,} | {x.relationships:,} | {x.step.seconds:,.1f} | {mib(x.step.peak_rss)} "
                f"| {window} | {rate} | {mib(x.server_rss)} |"
            )
    return lines


def latency_table(sizes: list[Size], endpoints: tuple[str, ...]) -> list[str]:
    lines = [
        "| plans | endpoint | store | answer | requests | p50 ms | p99 ms | req/s | errors |",
        "|--:|---|---|---|--:|--:|--:|--:|--:|",
    ]
    rows = [(size.plans, x, cell) for size in sizes for x in size.served for cell in x.cells]
    rows.sort(key=lambda r: (r[0], endpoints.index(r[2].endpoint)))
    for plans, x, cell in rows:
        done = sorted(cell.latencies)
        figures = ["–"] * 3
        if done:
            figures = [f"{percentile(done, p) * 1000:,.2f}" for p in (50, 99)] + [
                f"{len(done) / cell.seconds:,.1f}"
            ]
        lines.append(
            f"| {plans} | `{cell.endpoint}` | {x.store} | {x.answers[cell.endpoint]} "
            f"| {len(done)}{' †' if cell.cut_off else ''} | {' | '.join(figures)} | {len(cell.errors)} |"
        )
    if any(cell.cut_off for *_, cell in rows):
        lines.append("\n† cut off by --timeout: fewer requests than asked for.")
    return lines


def slopes(sizes: list[Size]) -> list[str]:
    """What each further relationship costs in API memory and start-up, between sizes."""
    found = []
    for store in ("embedded",):  # the Neo4j store holds no graph in the API
        points = [(s.plans, x) for s in sizes for x in s.served if x.store == store]
        for (n1, a), (n2, b) in zip(points, points[1:], strict=False):
            if (added := b.counts[2] - a.counts[2]) > 0:
                found.append(
                    f"{store} API from {n1} to {n2} plans: RSS +{(b.rss - a.rss) / added:,.0f} bytes and start-up "
                    f"+{(b.started_in - a.started_in) / added * 1e6:,.1f} µs per added relationship"
                )
    return found


def report(
    args: argparse.Namespace,
    sources: list[Path],
    sizes: list[Size],
    context: dict[str, str],
    notes: list[str],
    endpoints: tuple[str, ...],
    load_poll: float,
) -> str:
    """The whole report: header, the four tables (Neo4j's when it was loaded), and notes."""
    loaded = any(size.loaded for size in sizes)
    sections = [
        header(args, sources, sizes, context, load_poll),
        build_table(sizes),
        api_table(sizes),
        load_table(sizes) if loaded else [],
        latency_table(sizes, endpoints),
        [
            f"- {note}"
            for note in [*notes, *(n for size in sizes for n in size.notes), *slopes(sizes)]
        ],
    ]
    return "\n\n".join("\n".join(section) for section in sections if section)
