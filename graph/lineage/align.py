"""Vertical alignment: each statement clause of a plan against its parent region's plans.

A clause's counterpart is often spread over two or three parent clauses (a city's sentence
restates a province's aim and one of its measures), so counterparts are picked greedily, each
adding the child's bigrams the earlier ones did not cover; the score is the share of the child's
bigram weight the counterparts cover. Bigrams are weighted by inverse clause frequency over the
child and parent plans, so 就业 or 服务 count for little and 零工市场 for much. Child and parents
are multiplied as sparse matrices, one pair at a time: each plan is compared with its parents'
plans only, so the corpus costs the sum of those products, not a comparison of all plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from graph.lineage.corpus import LineageClause, LineagePlan
from graph.lineage.text import added_words, figures, han_bigrams, places_added, words

ALIGNMENT_RULES = 10
"""The version of how clauses are aligned and labelled, raised with every change to it: a store
records the rules its lineage was computed under. A Neo4j database aligned under others reads as
pending and is aligned again by the next load; a graph file of others is refused (build it again)."""
ECHO, ELABORATION, LOCAL = "echo", "elaboration", "local"
LABELS = (ECHO, ELABORATION, LOCAL)
LOCAL_FACTOR = 0.58
"""A clause whose best parent clause covers less of its bigram weight than this share of the
plan's median (over its clauses) has no counterpart: it is local. Relative, because how much a
counterpart shares depends on the plan: a 解读 paraphrases its parent (巴彦淖尔's median best
clause covers 0.18 of its weight), a 规划 copies whole phrases (苏州's, 0.32). Set on the 巴彦淖尔
gold alone (the fewest errors there)."""
LOCAL_ALWAYS_BELOW = 0.10
"""However freely a plan paraphrases, a clause whose best parent clause covers less than this
is local: so a plan of mostly local clauses does not lower its own floor to nothing."""
LOCAL_NEVER_ABOVE = 0.20
"""However much a plan copies, a clause whose best parent clause covers this share of its
weight has a counterpart: a plan that copies most clauses whole (a median of 0.5–0.8) would
otherwise raise its floor above its own reworded echoes. Set on the two fixture-dev pairs;
the floors of the real plans, 苏州's (0.19) and 巴彦淖尔's (0.10), lie below it."""
MAX_COUNTERPARTS = 3
MIN_GAIN = 0.12
"""A further counterpart must cover at least this much more of the child's weight."""
_ENUMERATOR = re.compile(r"^\s*(?:[（(]?\d+[.．、)）](?!\d)|\d+\s*\|)")
"""An item's or a table row's own number (``（3）``, ``3 |``): not a figure of policy."""


@dataclass(frozen=True)
class Counterpart:
    clause: LineageClause
    plan_id: str
    score: float
    """The share of the child's bigram weight this counterpart covers (alone)."""
    added: tuple[str, ...]
    """The child's words this counterpart lacks."""


@dataclass(frozen=True)
class ClauseLineage:
    clause: LineageClause
    label: str
    score: float
    """The share of the child's bigram weight its counterparts cover together (a local clause:
    the share its best parent clause covers, below the plan's floor: ``LOCAL_FACTOR``,
    ``LOCAL_ALWAYS_BELOW``, ``LOCAL_NEVER_ABOVE``)."""
    counterparts: tuple[Counterpart, ...]
    nearest: LineageClause | None = None
    """A local clause's best parent clause, which covers too little of it to be a counterpart
    (none when no parent clause shares a bigram with it): so a reader can judge the call."""


def _matrix(texts: list[set[str]], index: dict[str, int]) -> sparse.csr_matrix:
    rows = [i for i, grams in enumerate(texts) for _ in grams]
    cols = [index[g] for grams in texts for g in grams]
    return sparse.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(texts), len(index)))


def _weights(child: list[set[str]], parent: list[set[str]]) -> tuple[dict[str, int], np.ndarray]:
    index: dict[str, int] = {}
    df: list[int] = []
    for grams in (*child, *parent):
        for g in grams:
            if g not in index:
                index[g] = len(df)
                df.append(0)
            df[index[g]] += 1
    n = len(child) + len(parent)
    return index, np.log((n + 1) / (np.asarray(df, dtype=float) + 1)) + 1.0


def _figures(text: str) -> set[str]:
    return figures(_ENUMERATOR.sub("", text))


def _adds(clause: LineageClause, counterparts: list[LineageClause], region_code: str) -> bool:
    """Whether the child adds a concrete item: a program, group or indicator, a figure, money,
    a place (one of its own or a partner) or an institution."""
    theirs = frozenset().union(*(c.entities for c in counterparts))
    if clause.entities - theirs:
        return True
    if _figures(clause.text) - set().union(*(_figures(c.text) for c in counterparts)):
        return True
    if clause.funds and not any(c.funds for c in counterparts):
        return True
    return bool(places_added(clause.text, [c.text for c in counterparts], region_code))


def align_plan(child: LineagePlan, parents: list[LineagePlan]) -> list[ClauseLineage]:
    """Every statement clause of ``child`` with its label and counterparts in ``parents``."""
    pool = [(p.id, c) for p in parents for c in p.clauses]
    if not child.clauses:
        return []
    if not pool:
        return [ClauseLineage(c, LOCAL, 0.0, ()) for c in child.clauses]
    child_grams = [han_bigrams(c.text) for c in child.clauses]
    parent_grams = [han_bigrams(c.text) for _, c in pool]
    index, idf = _weights(child_grams, parent_grams)
    weighted = _matrix(child_grams, index).multiply(idf).tocsr()
    present = _matrix(parent_grams, index)
    overlap = (weighted @ present.T).toarray()
    totals = np.asarray(weighted.sum(axis=1)).ravel()
    best = overlap.max(axis=1) / np.where(totals > 0, totals, 1.0)
    floor = max(LOCAL_ALWAYS_BELOW, min(LOCAL_FACTOR * float(np.median(best)), LOCAL_NEVER_ABOVE))
    return [
        ClauseLineage(clause, LOCAL, round(float(best[i]), 4), (), _nearest(pool, overlap[i]))
        if best[i] < floor
        else _matched(
            clause,
            child.region_code,
            child_grams[i],
            pool,
            parent_grams,
            index,
            idf,
            overlap[i],
            totals[i],
        )
        for i, clause in enumerate(child.clauses)
    ]


def _nearest(pool: list[tuple[str, LineageClause]], overlap: np.ndarray) -> LineageClause | None:
    """The parent clause sharing the most weight with a clause, if any shares some."""
    j = int(np.argmax(overlap))
    return pool[j][1] if overlap[j] > 0 else None


def _matched(
    clause: LineageClause,
    region_code: str,
    grams: set[str],
    pool: list[tuple[str, LineageClause]],
    parent_grams: list[set[str]],
    index: dict[str, int],
    idf: np.ndarray,
    overlap: np.ndarray,
    total: float,
) -> ClauseLineage:
    """A clause with a counterpart: its counterparts, and echo or elaboration."""
    chosen: list[int] = []
    covered: set[str] = set()
    covered_weight = 0.0
    for j in np.argsort(-overlap, kind="stable")[: 4 * MAX_COUNTERPARTS]:
        if len(chosen) == MAX_COUNTERPARTS:
            break
        new = (grams & parent_grams[j]) - covered
        gain = sum(idf[index[g]] for g in new) / total
        if gain < (MIN_GAIN if chosen else 0.0) or not new:
            continue
        chosen.append(int(j))
        covered |= new
        covered_weight += gain
    score = round(min(covered_weight, 1.0), 4)
    matched = [pool[j][1] for j in chosen]
    own_words = words(clause.text)
    counterparts = tuple(
        Counterpart(
            clause=pool[j][1],
            plan_id=pool[j][0],
            score=round(float(overlap[j] / total), 4),
            added=added_words(own_words, pool[j][1].text),
        )
        for j in chosen
    )
    label = ELABORATION if _adds(clause, matched, region_code) else ECHO
    return ClauseLineage(clause, label, score, counterparts)
