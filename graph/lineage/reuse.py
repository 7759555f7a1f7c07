"""Horizontal reuse: near-same clauses in plans of different regions.

Comparing every clause with every other is quadratic in the corpus; a MinHash LSH index
(datasketch, MIT) over each clause's Han-character trigrams finds the pairs likely to be similar
in time linear in the clauses, and each candidate pair is then checked on its exact Jaccard
similarity, so the index's false positives never reach the graph. Trigrams rather than bigrams:
two plans share many bigrams (就业, 创业) by vocabulary alone, few trigram sequences unless one
copied the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

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
class ReusedPair:
    clause_id: str
    plan_id: str
    """The later plan (by issue date, then id): the one that may have reused the other."""
    other_clause_id: str
    other_plan_id: str
    score: float
    """The Jaccard similarity of the two clauses' trigram sets."""


def shingles(text: str) -> frozenset[str]:
    return frozenset(
        run[i : i + SHINGLE] for run in _HAN.findall(text) for i in range(len(run) - SHINGLE + 1)
    )


def _order(plan: LineagePlan) -> tuple[str, str]:
    """Earlier plans first; a plan without a date counts as the latest."""
    return (plan.issued_on or "9999", plan.id)


def reused_pairs(plans: list[LineagePlan], only: set[str] | None = None) -> Iterator[ReusedPair]:
    """Each pair of near-same clauses of plans of different regions, once; with ``only``, the
    pairs with a clause of one of those plans."""
    plan_of: dict[str, LineagePlan] = {}
    clauses: list[tuple[LineageClause, frozenset[str]]] = []
    for plan in plans:
        for clause in plan.clauses:
            grams = shingles(clause.text)
            if len(grams) >= MIN_SHINGLES:
                plan_of[clause.id] = plan
                clauses.append((clause, grams))
    hashes = MinHash.bulk(
        ([g.encode() for g in sorted(grams)] for _, grams in clauses), num_perm=NUM_PERM
    )
    index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with index.insertion_session() as session:
        for (clause, _), signature in zip(clauses, hashes, strict=True):
            session.insert(clause.id, signature)
    grams_of = {clause.id: grams for clause, grams in clauses}
    seen: set[tuple[str, str]] = set()
    for (clause, grams), signature in zip(clauses, hashes, strict=True):
        plan = plan_of[clause.id]
        if only is not None and plan.id not in only:
            continue
        for other_id in sorted(index.query(signature)):
            other = plan_of[other_id]
            pair = (min(clause.id, other_id), max(clause.id, other_id))
            if other.region_code == plan.region_code or pair in seen:
                continue
            seen.add(pair)
            other_grams = grams_of[other_id]
            score = len(grams & other_grams) / len(grams | other_grams)
            if score < THRESHOLD:
                continue
            later, earlier = sorted(
                ((plan, clause.id), (other, other_id)), key=lambda p: _order(p[0]), reverse=True
            )
            yield ReusedPair(later[1], later[0].id, earlier[1], earlier[0].id, round(score, 4))
