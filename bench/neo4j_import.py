"""First load of a corpus into an empty Neo4j: ``policygraph load`` against neo4j-admin's importer.

For each size N, N distinct copies of the seeds (as bench/scale.py makes them) are loaded into a
fresh private Neo4j (scripts/neo4j-local, a temporary home) two ways, one after the other:

- load: ``policygraph load FOLDER`` (extract, then write in transactions);
- import: ``policygraph build FOLDER --out g.db``, ``policygraph neo4j-import-files g.db --out
  DIR``, ``scripts/neo4j-local import DIR`` (the server stopped), ``scripts/neo4j-local start``,
  ``policygraph load --imported g.db`` (constraints, indexes and the full-text index, populated;
  the empty lists the importer cannot write; the counts checked against the graph file).

Each step's wall time is measured; elements/s of the write phase is (nodes + relationships) over
the load's time less the build's (its extraction), or over files + import + schema. Both
databases are checked to hold the same counts by label and type.

    python bench/neo4j_import.py [--sizes 200,1000]
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import GraphDatabase
from scale import policygraph, write_corpus

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / "scripts" / "neo4j-local"
COUNTS = """
CALL () { MATCH (n) RETURN 'node:' + labels(n)[0] AS name, count(*) AS total
          UNION ALL MATCH ()-[r]->() RETURN 'rel:' + type(r) AS name, count(*) AS total }
RETURN name, total ORDER BY name
"""


@dataclass
class Run:
    steps: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def timed(steps: dict[str, float], name: str, command: list[str], env: dict[str, str]) -> str:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    steps[name] = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"{name} failed ({result.returncode}): {result.stderr[-2000:]}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(home: Path) -> dict[str, str]:
    """The environment of a client of the private server in ``home``, started on free ports."""
    env = {
        **os.environ,
        "POLICYGRAPH_NEO4J_HOME": str(home),
        "POLICYGRAPH_NEO4J_BOLT_PORT": str(free_port()),
        "POLICYGRAPH_NEO4J_HTTP_PORT": str(free_port()),
    }
    out = subprocess.run(
        [str(LOCAL), "start"], env=env, capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        env[name] = value.strip("'")
    return env


def counts(env: dict[str, str]) -> dict[str, int]:
    auth = (env["NEO4J_USER"], env["NEO4J_PASSWORD"])
    with GraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
        records = driver.execute_query(COUNTS).records
    return {record["name"]: record["total"] for record in records}


def one_size(size: int, tmp: Path) -> tuple[Run, Run]:
    folder = tmp / "plans"
    write_corpus(sorted((ROOT / "data" / "plans").glob("*.txt")), folder, size)
    load, imported = Run(), Run()

    env = start(tmp / "neo4j-load")
    try:
        timed(load.steps, "load", policygraph("load", str(folder)), env)
        load.counts = counts(env)
    finally:
        subprocess.run([str(LOCAL), "stop"], env=env, check=True)

    env = {**os.environ, "POLICYGRAPH_NEO4J_HOME": str(tmp / "neo4j-import")}
    graph_file, files = tmp / "g.db", tmp / "import"
    timed(imported.steps, "build", policygraph("build", str(folder), "--out", str(graph_file)), env)
    timed(
        imported.steps,
        "files",
        policygraph("neo4j-import-files", str(graph_file), "--out", str(files)),
        env,
    )
    timed(imported.steps, "import", [str(LOCAL), "import", str(files)], env)
    started = time.perf_counter()
    env = start(tmp / "neo4j-import")
    imported.steps["start"] = time.perf_counter() - started
    try:
        timed(imported.steps, "schema", policygraph("load", "--imported", str(graph_file)), env)
        imported.counts = counts(env)
    finally:
        subprocess.run([str(LOCAL), "stop"], env=env, check=True)
    return load, imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,1000")
    args = parser.parse_args()
    print(f"machine   {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    print(f"command   .venv/bin/python bench/neo4j_import.py --sizes {args.sizes}")
    print()
    print(
        "| plans | elements | load s | build s | files s | import s | start s | schema s "
        "| load write el/s | import write el/s | ratio | same counts |"
    )
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"policygraph-import-{size}-") as tmp:
            load, imported = one_size(size, Path(tmp))
        elements = sum(load.counts.values())
        s = imported.steps
        load_rate = elements / (load.steps["load"] - s["build"])
        import_rate = elements / (s["files"] + s["import"] + s["schema"])
        print(
            f"| {size} | {elements:,} | {load.steps['load']:.1f} | {s['build']:.1f} "
            f"| {s['files']:.1f} | {s['import']:.1f} | {s['start']:.1f} | {s['schema']:.1f} "
            f"| {load_rate:,.0f} | {import_rate:,.0f} | {import_rate / load_rate:.1f}× "
            f"| {'yes' if load.counts == imported.counts else 'NO'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
