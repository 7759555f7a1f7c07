"""Neo4j load throughput: graph elements per second, four ways in the same run.

- **bulk**: many plans per transaction, rows in ``UNWIND`` batches across them, and lineage once
  at the end, as ``policygraph load`` writes (``--plans-per-transaction``, ``--batch-size``);
- **bulk, lineage per transaction**: the same, each transaction computing lineage itself (so
  each reads back every plan written before it);
- **per plan**: one transaction per plan, ``UNWIND`` batches within it (the way before bulk loads);
- **per row**: one transaction per plan and one query per row (batch size 1).

All four load the same synthetic corpus: copies of the plans in data/plans, each copy made a
distinct plan by one added line (its own sha256, id and file name). The database is emptied
before each way. Needs a running server: ``eval "$(scripts/neo4j-local start)"`` first.

    python bench/load_throughput.py [--copies 40] [--batch-size 2000] [--plans-per-transaction 50]
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from importlib.metadata import version

from graph.neo4j_load import PlanGraph
from graph.neo4j_store import Neo4jStore
from graph.settings import get_settings
from loaders.pipeline import build_knowledge_graph, extract_text, plan_files

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
"""Benchmark only: empty the database between the ways."""


def corpus(copies: int) -> list[PlanGraph]:
    """``copies`` distinct copies of each source plan, each with its own graph."""
    plans = []
    for path in plan_files([get_settings().paths.plans_dir]):
        data = path.read_bytes()
        for n in range(copies):
            source = f"{path.stem}-copy{n}{path.suffix}"
            x = extract_text(data + f"\n附：第{n}号副本。\n".encode(), source=source)
            plans.append(PlanGraph(x.id, source, build_knowledge_graph([x])))
    return plans


def timed(store: Neo4jStore, load: Callable[[], object]) -> float:
    """Seconds ``load`` takes on an emptied database."""
    with store.driver.session(database=store.database) as session:
        session.run(CLEAR).consume()
    store.setup_schema()
    start = time.perf_counter()
    load()
    return time.perf_counter() - start


def main() -> None:
    settings = get_settings().neo4j
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40, help="copies of each source plan")
    parser.add_argument("--batch-size", type=int, default=settings.batch_size)
    parser.add_argument("--plans-per-transaction", type=int, default=settings.plans_per_transaction)
    args = parser.parse_args()
    plans = corpus(args.copies)
    elements = sum(p.graph.number_of_nodes() + p.graph.number_of_edges() for p in plans)
    size, per_tx = args.batch_size, args.plans_per_transaction
    chunks = [plans[i : i + per_tx] for i in range(0, len(plans), per_tx)]
    with Neo4jStore.connect(settings) as store:
        server = store.driver.get_server_info()
        # Warm-up: the server compiles and caches each statement once; no way pays for it.
        timed(
            store,
            lambda: (
                store.load_plans(plans[:2], batch_size=size),
                store.load_plans(plans[2:3], batch_size=1),
                store.load_plans(plans[3:4], batch_size=size, lineage=False),
                store.complete_lineage(batch_size=size),
            ),
        )
        lineage_seconds: list[float] = []

        def bulk_load() -> None:
            for chunk in chunks:
                store.load_plans(chunk, batch_size=size, lineage=False)
            start = time.perf_counter()
            store.complete_lineage(batch_size=size)
            lineage_seconds.append(time.perf_counter() - start)

        bulk = timed(store, bulk_load)
        inline = timed(
            store, lambda: [store.load_plans(chunk, batch_size=size) for chunk in chunks]
        )
        per_plan = timed(store, lambda: [store.load_plans([p], batch_size=size) for p in plans])
        per_row = timed(store, lambda: [store.load_plans([p], batch_size=1) for p in plans])
    print(f"server    {server.agent} at {server.address}")
    print(f"client    python {platform.python_version()}, neo4j driver {version('neo4j')}")
    print(
        f"data      {len(plans)} plans ({args.copies} copies of each source plan), {elements} elements per load"
    )
    print(
        f"bulk      {per_tx} plans per transaction, {size} rows per query: {bulk:.1f} s, {elements / bulk:,.0f} elements/s"
        f" (lineage after the last chunk: {lineage_seconds[0]:.1f} s)"
    )
    print(f"bulk, lineage per transaction: {inline:.1f} s, {elements / inline:,.0f} elements/s")
    print(
        f"per plan  one transaction per plan, {size} rows per query: {per_plan:.1f} s, {elements / per_plan:,.0f} elements/s"
    )
    print(f"per row   one query per row:  {per_row:.1f} s, {elements / per_row:,.0f} elements/s")
    print(
        f"speed-up  bulk {per_row / bulk:.1f}× and per plan {per_row / per_plan:.1f}× one query per row"
    )


if __name__ == "__main__":
    main()
