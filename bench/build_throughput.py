"""Build throughput: characters of plan text turned into graph per second, on one core.

Runs the whole pipeline (decode, lay out tables, normalise, outline, extract, build the
graph) over the seed plans in data/plans and the sixteen-document corpus in
tests/fixtures/corpus several times after a warm-up, pinned to one CPU, and prints the
median with the machine, versions and data size, so a figure can be quoted with its context.

    python bench/build_throughput.py [--rounds 5] [PATH ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from importlib.metadata import version
from pathlib import Path

from graph.settings import get_settings
from loaders.encoding import decode_plan
from loaders.pipeline import build_knowledge_graph, extract_text, plan_files


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    corpus = get_settings().paths.data_dir.parent / "tests" / "fixtures" / "corpus"
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[get_settings().paths.plans_dir, *sorted(corpus.glob("*.txt"))],
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    blobs = [(p.name, p.read_bytes()) for p in plan_files(args.paths)]
    chars = sum(len(decode_plan(data, source=name).text) for name, data in blobs)

    def one_round() -> float:
        start = time.perf_counter()
        build_knowledge_graph([extract_text(data, source=name) for name, data in blobs])
        return time.perf_counter() - start

    one_round()  # warm-up: vocabulary, gazetteer and OpenCC load once per process
    times = [one_round() for _ in range(args.rounds)]
    median = statistics.median(times)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine   {cpu_model()}, {os.cpu_count()} cpus; pinned to 1")
    print(
        f"python    {platform.python_version()}; networkx {version('networkx')}; opencc {version('opencc')};"
        f" jieba {version('jieba')}; cn2an {version('cn2an')}"
    )
    print(
        f"data      {len(blobs)} plans, {chars} characters, {sum(len(d) for _, d in blobs)} bytes"
    )
    print(
        f"rounds    {args.rounds} (after 1 warm-up); median {median:.3f} s, min {min(times):.3f} s"
    )
    print(f"throughput {chars / median:,.0f} characters/s (median round)")
    print(f"peak RSS  {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
