"""FUNDS, SERVES and CITES facts, each from one clause.

FUNDS needs money in the clause aimed at the program: a money word (资金, 补贴, 奖补,
贴息, 政府购买, 投入…元 …) that is not part of a name, or — for a program that is itself
a money instrument (创业担保贷款, 职业培训补贴) — a verb that commits to provide it
(落实, 给予, 发放 …). Building or mentioning alone is not funding, and retrospective
clauses (十三五期间投入…) are not commitments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.ids import document_id
from graph.model import GROUP, PROGRAM, Citation, Clause, Entity, Funding, Mention, Serving

MONEY = re.compile(
    r"就业补助资金|就业专项资金|以奖代补|奖补|扶持资金|专项资金|资金|补贴|补助|贴息|贷款|经费|资助|奖励"
    r"|政府购买|发放[^，；。]{0,8}?报酬|投入[^，；。]{0,12}?[亿万]?元|\d+(?:\.\d+)?[亿万]?元"
)
_COMMIT = re.compile(
    r"给予|发放|落实|提供|享受|安排|加大|提高|扩大|放宽|实施|执行|按规定|纳入|支持|直达|用好|建立|设立"
)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(亿元|万元|元)")
_YUAN = {"亿元": 1e8, "万元": 1e4, "元": 1.0}
_SEGMENT = re.compile(r"[^，、；。：]+")
_CITED = re.compile(r"《([^《》]{2,80})》")


def _segment_around(text: str, start: int, end: int) -> str:
    """The comma-delimited stretch of ``text`` that covers [start, end)."""
    left = max(text.rfind(p, 0, start) for p in "，；：。") + 1
    rights = [i for p in "，；。" if (i := text.find(p, end)) != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right]


def _same_segment(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any(p in text[lo:hi] for p in "，；：。")


def _evidence(text: str, start: int, end: int) -> str:
    """The stretch from program to money cue, widened to whole comma segments when short."""
    return text[start:end] if end - start > 40 else _segment_around(text, start, end)


def funding_facts(
    clause: Clause, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Funding]:
    """FUNDS from one clause.

    A money instrument (kind ``instrument``: 创业担保贷款, 就业见习补贴) is funded where the
    clause commits to provide it, and funds the program it belongs to when the
    vocabulary names one. Any other program is funded by a money word that is not part
    of a name and that stands after it in the clause or in its own comma segment:
    建设…创业园，加大“以奖代补”支持力度 funds the 创业园, but 落实“以奖代补”政策，建设
    工作室 does not fund the 工作室.
    """
    text = clause.text
    programs = [m for m in mentions if entities[m.entity_id].label == PROGRAM]
    if not programs:
        return
    cues = [c for c in MONEY.finditer(text) if not any(m.start <= c.start() < m.end for m in programs)]
    committed = bool(_COMMIT.search(text))
    amount = _AMOUNT.search(text)
    seen: set[str] = set()
    for mention in programs:
        entity = entities[mention.entity_id]
        if entity.kind == "instrument":
            if not committed:
                continue
            funded, instrument, cue = entity.program_id or entity.id, entity.name, (mention.start, mention.end)
        else:
            cue_match = next(
                (c for c in cues if c.start() >= mention.end or _same_segment(text, c.start(), mention.start)),
                None,
            )
            if cue_match is None:
                continue
            funded, instrument, cue = entity.id, cue_match.group(), (cue_match.start(), cue_match.end())
        if funded in seen:
            continue
        seen.add(funded)
        yield Funding(
            program_id=funded,
            clause_id=clause.id,
            evidence=_evidence(text, min(mention.start, cue[0]), max(mention.end, cue[1])),
            instrument=instrument,
            amount=float(amount.group(1)) if amount else None,
            amount_unit=amount.group(2) if amount else None,
            amount_yuan=float(amount.group(1)) * _YUAN[amount.group(2)] if amount else None,
        )


def serving_facts(
    clause: Clause, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Serving]:
    """A program and a group in the same comma-delimited stretch of a clause."""
    seen: set[tuple[str, str]] = set()
    for segment in _SEGMENT.finditer(clause.text):
        inside = [m for m in mentions if segment.start() <= m.start and m.end <= segment.end()]
        programs = [m for m in inside if entities[m.entity_id].label == PROGRAM]
        groups = [m for m in inside if entities[m.entity_id].label == GROUP]
        for p in programs:
            for g in groups:
                key = (p.entity_id, g.entity_id)
                if key not in seen:
                    seen.add(key)
                    yield Serving(p.entity_id, g.entity_id, clause.id, segment.group())


def citations(clause: Clause, own_title: str | None) -> Iterator[Citation]:
    for cited in _CITED.finditer(clause.text):
        title = cited.group(1)
        if title != own_title:
            yield Citation(document_id(title), title, clause.id)
