"""Neo4j load throughput: graph elements per second, batched ``UNWIND`` against one query per row.

Both ways load the same synthetic corpus in the same run: copies of the plans in data/plans,
each copy made a distinct plan by one added line (so its own sha256, id and file name), loaded
plan by plan exactly as ``policygraph load`` does. The database is emptied before each way.
Needs a running server: ``eval "$(scripts/neo4j-local start)"`` first (NEO4J_* settings).

    python bench/load_throughput.py [--copies 40] [--batch-size 2000]
"""

from __future__ import annotations

import argparse
import platform
import time
from importlib.metadata import version

from graph.build import Graph
from graph.neo4j_store import Neo4jStore
from graph.settings import get_settings
from loaders.pipeline import build_knowledge_graph, extract_text, plan_files

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
"""Benchmark only: empty the database between the two ways."""


def corpus(copies: int) -> list[tuple[str, str, Graph]]:
    """(plan id, file name, graph) for ``copies`` distinct copies of each source plan."""
    plans = []
    for path in plan_files([get_settings().paths.plans_dir]):
        data = path.read_bytes()
        for n in range(copies):
            source = f"{path.stem}-copy{n}{path.suffix}"
            x = extract_text(data + f"\n附：第{n}号副本。\n".encode(), source=source)
            plans.append((x.id, source, build_knowledge_graph([x])))
    return plans


def load_all(store: Neo4jStore, plans: list[tuple[str, str, Graph]], batch_size: int) -> float:
    with store.driver.session(database=store.database) as session:
        session.run(CLEAR).consume()
    store.setup_schema()
    start = time.perf_counter()
    for plan_id, source, graph in plans:
        store.load_plan(graph, plan_id=plan_id, source=source, batch_size=batch_size)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of each source plan")
    parser.add_argument("--batch-size", type=int, default=get_settings().neo4j.batch_size)
    args = parser.parse_args()
    plans = corpus(args.copies)
    elements = sum(g.number_of_nodes() + g.number_of_edges() for _, _, g in plans)
    with Neo4jStore.connect(get_settings().neo4j) as store:
        server = store.driver.get_server_info()
        # Warm-up: the server compiles and caches each statement once; neither way pays for it.
        load_all(store, plans[:1], args.batch_size)
        load_all(store, plans[:1], 1)
        batched = load_all(store, plans, args.batch_size)
        per_row = load_all(store, plans, 1)
    print(f"server    {server.agent} at {server.address}")
    print(f"client    python {platform.python_version()}, neo4j driver {version('neo4j')}")
    print(f"data      {len(plans)} plans ({args.copies} copies of each source plan), {elements} elements per load")
    print(f"batched   UNWIND, {args.batch_size} rows per query: {batched:.1f} s, {elements / batched:,.0f} elements/s")
    print(f"per row   one query per row:  {per_row:.1f} s, {elements / per_row:,.0f} elements/s")
    print(f"speed-up  {per_row / batched:.1f}×")


if __name__ == "__main__":
    main()
