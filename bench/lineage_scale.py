"""Lineage at scale: vertical alignment and horizontal reuse over synthetic corpora of N plans,
on one core, with time and peak memory, and the all-pairs comparison LSH replaces.

The corpus is made from the statement clauses of the 21 real documents (data/plans and
tests/fixtures/corpus) and the gazetteer's regions: one national plan; then plans of provinces,
prefectures and counties, each child under a parent already made. A child has 150 statement
clauses: 35 % echo a parent clause (the same words, 全省 → 全市, a phrase dropped), 35 %
elaborate one (a figure and a named program added), 30 % are local (phrases of three clauses of
the pool joined: a sentence no other plan has). Siblings echoing the same parent clause are the horizontal reuse. Each
size runs in a fresh process pinned to one CPU, so its peak RSS (``ru_maxrss``) is its own:

- align: ``align_all`` over the corpus (each plan against its parents' plans);
- reuse (LSH): ``reuse_families`` (MinHash LSH, datasketch, the exact Jaccard check, families);
  its output: the clauses in families across regions, and the REUSES among them;
- reuse (all pairs): every pair of clauses of different regions compared exactly, as a sparse
  product of trigram incidence matrices (scipy), the alternative the LSH index avoids; run up to
  ``--all-pairs-max`` plans. Its pairs are the reference: the LSH's recall is the share of them
  whose two clauses it put in one family.

    python bench/lineage_scale.py [--sizes 125,250,500,1000] [--all-pairs-max 250]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLAUSES_PER_PLAN = 150
SEED = 13


def _pool() -> list[str]:
    from graph.lineage.corpus import from_extraction
    from loaders.pipeline import extract_many, plan_files

    files = plan_files([ROOT / "data" / "plans", ROOT / "tests" / "fixtures" / "corpus"])
    return sorted(
        {c.text for x in extract_many(files).extractions for c in from_extraction(x).clauses}
    )


def _regions(n: int) -> list[tuple[str, str]]:
    """``n`` (code, parent code) pairs, each parent listed before its children: the country,
    provinces, then prefectures and counties spread over the provinces."""
    from loaders.gazetteer import default_gazetteer

    regions = default_gazetteer().by_code.values()
    by_level: dict[str, list[tuple[str, str]]] = {}
    for r in sorted(regions, key=lambda r: r.code):
        by_level.setdefault(r.level, []).append((r.code, r.parent_code or ""))
    picked = [*by_level["country"], *by_level["province"][:31]]
    rng = random.Random(SEED)
    prefectures = [p for p in by_level["prefecture"] if p[1] in {c for c, _ in picked}]
    rng.shuffle(prefectures)
    picked += prefectures[: (n - len(picked)) // 2]
    counties = [c for c in by_level["county"] if c[1] in {code for code, _ in picked}]
    rng.shuffle(counties)
    picked += counties[: n - len(picked)]
    return picked[:n]


def _echo(text: str, rng: random.Random) -> str:
    text = re.sub("全国|全省|全区|全市", "全市", text)
    cut = [m.start() for m in re.finditer("，", text)]
    if len(cut) >= 3 and rng.random() < 0.5:
        i = rng.randrange(len(cut) - 1)
        text = text[: cut[i]] + text[cut[i + 1] :]
    return text


def _elaborate(text: str, rng: random.Random) -> str:
    return f"{text.rstrip('。；')}，新增就业岗位{rng.randint(100, 9999)}个，实施“{rng.choice('春夏秋冬东西南北')}雁计划”。"


def _local(pool: list[str], rng: random.Random) -> str:
    phrases = [rng.choice(re.split("[，；。]", rng.choice(pool)) or ["就业"]) for _ in range(3)]
    return "，".join(p for p in phrases if p) + "。"


def corpus(n: int) -> list:
    from graph.lineage.corpus import LineageClause, LineagePlan

    rng = random.Random(SEED)
    pool = _pool()
    regions = _regions(n)
    chain = dict(regions)

    def ancestors(code: str) -> tuple[str, ...]:
        up: list[str] = []
        while (code := chain.get(code, "")) and code:
            up.append(code)
        return tuple(up)

    texts: dict[str, list[str]] = {}
    plans = []
    for index, (code, parent) in enumerate(regions):
        if parent not in texts:
            own = rng.sample(pool, CLAUSES_PER_PLAN)
        else:
            above = texts[parent]
            own = []
            for _ in range(CLAUSES_PER_PLAN):
                roll = rng.random()
                if roll < 0.35:
                    own.append(_echo(rng.choice(above), rng))
                elif roll < 0.70:
                    own.append(_elaborate(rng.choice(above), rng))
                else:
                    own.append(_local(pool, rng))
        texts[code] = own
        plan_id = f"plan:{index:05d}"
        clauses = tuple(
            LineageClause(f"{plan_id}/c{k}", text, str(k // 30)) for k, text in enumerate(own)
        )
        issued = f"20{21 + len(ancestors(code)):02d}-01-01"
        plans.append(LineagePlan(plan_id, code, issued, clauses, ancestors(code)))
    return plans


def all_pairs(plans: list) -> set[tuple[str, str]]:
    """Every pair of clauses of different regions with trigram Jaccard ≥ the threshold, exactly."""
    import numpy as np
    from scipy import sparse

    from graph.lineage.reuse import MIN_SHINGLES, THRESHOLD, shingles

    ids, regions, sets = [], [], []
    for plan in plans:
        for clause in plan.clauses:
            grams = shingles(clause.text)
            if len(grams) >= MIN_SHINGLES:
                ids.append(clause.id)
                regions.append(plan.region_code)
                sets.append(grams)
    index: dict[str, int] = {}
    rows = [i for i, grams in enumerate(sets) for _ in grams]
    cols = [index.setdefault(g, len(index)) for grams in sets for g in grams]
    matrix = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)))
    inter = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.asarray([len(s) for s in sets])
    jaccard = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    keep = jaccard >= THRESHOLD
    return {
        tuple(sorted((ids[a], ids[b])))
        for a, b in zip(inter.row[keep], inter.col[keep], strict=True)
        if regions[a] != regions[b]
    }


def measure(n: int, with_all_pairs: bool) -> dict[str, object]:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from graph.lineage.reuse import reuse_families
    from graph.lineage.vertical import align_all

    plans = corpus(n)
    clauses = sum(len(p.clauses) for p in plans)
    started = time.perf_counter()
    aligned = list(align_all(plans))
    align_s = time.perf_counter() - started
    started = time.perf_counter()
    members = reuse_families(plans)
    lsh_s = time.perf_counter() - started
    result: dict[str, object] = {
        "plans": n, "clauses": clauses, "aligned_plans": len(aligned),
        "echoes": sum(len(a.counterparts) for p in aligned for a in p.clauses),
        "align_s": round(align_s, 2), "lsh_s": round(lsh_s, 2), "members": len(members),
        "reuses": sum(m.reuses for m in members),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }  # fmt: skip
    if with_all_pairs:
        started = time.perf_counter()
        exact = all_pairs(plans)
        family = {m.clause_id: m.family for m in members}
        found = sum(a in family and family[a] == family.get(b) for a, b in exact)
        result |= {
            "all_pairs_s": round(time.perf_counter() - started, 2),
            "exact_pairs": len(exact),
            "lsh_recall": round(found / len(exact), 4) if exact else None,
            "all_pairs_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="125,250,500,1000")
    parser.add_argument("--all-pairs-max", type=int, default=250)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--with-all-pairs", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.with_all_pairs)))
        return
    import datasketch
    import numpy
    import scipy

    print(f"machine   {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs; "
          "each size in its own process pinned to one CPU")  # fmt: skip
    print(f"software  Python {platform.python_version()}; datasketch {datasketch.__version__}; "
          f"numpy {numpy.__version__}; scipy {scipy.__version__}")  # fmt: skip
    print(f"data      synthetic: {CLAUSES_PER_PLAN} statement clauses per plan, seed {SEED}")
    print()
    print("| plans | clauses | align s | reuse LSH s | in families | REUSES "
          "| peak RSS MiB (align + LSH) | all-pairs s | exact pairs | LSH recall "
          "| peak RSS MiB (with all-pairs) |")  # fmt: skip
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for n in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(n)]
        if n <= args.all_pairs_max:
            command.append("--with-all-pairs")
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        r = json.loads(
            subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
        )
        print(f"| {r['plans']:,} | {r['clauses']:,} | {r['align_s']} | {r['lsh_s']} | "
              f"{r['members']:,} | {r['reuses']:,} | {r['peak_rss_mib']:,} | {r.get('all_pairs_s', '—')} | "
              f"{r.get('exact_pairs', '—')} | {r.get('lsh_recall', '—')} | "
              f"{r.get('all_pairs_rss_mib', '—')} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
