"""Horizontal reuse: near-same clauses in plans of different regions, as families.

Comparing every clause with every other is quadratic in the corpus; MinHash LSH (datasketch,
MIT) over each clause's Han-character trigrams finds the candidates without comparing all pairs:
clauses whose signatures agree on one band of rows share a bucket. Each candidate is checked on
its exact Jaccard similarity, so false positives never count. The buckets are read band by band
rather than by querying an index clause by clause: a query returns a family whole, so querying
each of its members would cost the square of its size, where a bucket is read once. Trigrams
rather than bigrams: two plans share many bigrams (就业, 创业) by vocabulary alone, few trigram
sequences unless one copied the other.

Near-same clauses are joined into families (connected components). When thirty provinces restate
one national sentence, the pairs among them number 465 and grow with the square of the regions;
a family is one root — its earliest clause, by plan date — and one REUSES from each member of
another region to it, so what is stored grows with the clauses. Which regions share a clause is
the family's regions; the matrix is made from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from networkx.utils import UnionFind

from graph.lineage.corpus import LineageClause, LineagePlan

SHINGLE = 3
THRESHOLD = 0.6
"""The Jaccard similarity of trigram sets at and above which two clauses are the same clause."""
NUM_PERM = 128
MIN_SHINGLES = 12
"""Shorter clauses (加强组织领导。, an indicator's table row) are the same everywhere without
anyone copying them."""
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Member:
    """A clause of a family of near-same clauses that spans two regions or more."""

    clause_id: str
    plan_id: str
    family: str
    """The family's root: its earliest clause (plan date, then plan id, then document order)."""
    root_plan_id: str
    reuses: bool
    """The clause is of another region than the root: it REUSES the root."""
    score: float
    """The Jaccard similarity of the clause's trigrams and the root's (below ``THRESHOLD`` for a
    clause joined to the root through others)."""


def shingles(text: str) -> frozenset[str]:
    return frozenset(
        run[i : i + SHINGLE] for run in _HAN.findall(text) for i in range(len(run) - SHINGLE + 1)
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(text: str, other: str) -> float:
    """The Jaccard similarity of two clauses' trigrams, as families are joined by."""
    return round(_jaccard(shingles(text), shingles(other)), 4)


Entry = tuple[LineagePlan, LineageClause, frozenset[str]]
"""A clause compared for reuse, with its plan and its trigrams."""


def signed_clauses(plans: list[LineagePlan]) -> tuple[list[Entry], list[MinHash]]:
    """The clauses long enough to compare, in the order of ``plans``, and their MinHash
    signatures."""
    entries = [
        (plan, clause, grams)
        for plan in plans
        for clause in plan.clauses
        if len(grams := shingles(clause.text)) >= MIN_SHINGLES
    ]
    hashes = MinHash.bulk(
        ([g.encode() for g in sorted(grams)] for _, _, grams in entries), num_perm=NUM_PERM
    )
    return entries, hashes


def _buckets(signatures: np.ndarray) -> Iterator[list[int]]:
    """The clauses (positions, ascending) that share a bucket, two or more, band by band; the
    bands and rows are those datasketch's index chooses for ``THRESHOLD``."""
    bands = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for start, end in bands.hashranges:
        keys = np.ascontiguousarray(signatures[:, start:end])
        _, inverse, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        order = np.argsort(inverse.reshape(-1), kind="stable")
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        for key in np.flatnonzero(counts > 1):
            yield order[starts[key] : starts[key] + counts[key]].tolist()


def _join(bucket: list[int], grams: Sequence[frozenset[str]], components: UnionFind[int]) -> None:
    """Join the bucket's near-same clauses. Each is compared with the groups of clauses before
    it, up to the first near-same clause of each group; a group it is already joined to (through
    another bucket) needs no comparison. So each pair either is compared or is joined already."""
    groups: list[list[int]] = []
    for i, position in enumerate(bucket):
        merged, apart = [i], []
        for group in groups:
            if components[bucket[group[0]]] == components[position] or any(
                _jaccard(grams[i], grams[j]) >= THRESHOLD for j in group
            ):
                components.union(bucket[group[0]], position)
                merged.extend(group)
            else:
                apart.append(group)
        groups = [*apart, merged]


def reuse_families(plans: list[LineagePlan]) -> list[Member]:
    """The members of every family of near-same clauses that spans two regions or more, in the
    order of ``plans`` (sorted by date, then id, so the root is the first member)."""
    entries, hashes = signed_clauses(sorted(plans, key=lambda p: (p.issued_on or "9999", p.id)))
    components = UnionFind(range(len(entries)))
    if hashes:
        signatures = np.vstack([signature.hashvalues for signature in hashes])
        for bucket in _buckets(signatures):
            _join(bucket, [entries[p][2] for p in bucket], components)
    families: dict[int, list[int]] = {}
    for position in range(len(entries)):
        families.setdefault(components[position], []).append(position)
    members: list[Member] = []
    for positions in families.values():
        root_plan, root, root_grams = entries[positions[0]]
        if len({entries[p][0].region_code for p in positions}) < 2:
            continue
        for p in positions:
            plan, clause, grams = entries[p]
            members.append(
                Member(
                    clause.id, plan.id, root.id, root_plan.id,
                    reuses=plan.region_code != root_plan.region_code,
                    score=round(_jaccard(grams, root_grams), 4),
                )
            )  # fmt: skip
    return members
