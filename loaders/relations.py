"""FUNDS, SERVES and CITES facts, each from one clause.

FUNDS needs money in the clause aimed at the program: a money word of its own
(资金, 补贴, 奖补, 贴息, 投入…元 …), or a fund the clause names (就业补助资金), or — for
a program that is itself a money instrument (创业担保贷款, 职业培训补贴) — a verb that
commits to provide it (落实, 给予, 发放 …). Building or mentioning alone is not
funding, and retrospective clauses (十三五期间投入…) are not commitments.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.ids import document_id
from graph.model import GROUP, PROGRAM, Citation, Clause, Entity, Funding, Mention, Serving

MONEY = re.compile(
    r"以奖代补|奖补|扶持资金|专项资金|资金|补贴|补助|贴息|贷款|经费|资助|投入[^，；。]{0,12}?[亿万]?元|\d+(?:\.\d+)?[亿万]元"
)
_FUND = re.compile(r"资金|基金|经费")
_COMMIT = re.compile(r"给予|发放|落实|提供|享受|安排|加大|提高|扩大|实施|执行|按规定|纳入|支持")
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


def _is_money_instrument(entity: Entity) -> bool:
    return bool(MONEY.search(entity.name))


def funding_facts(
    clause: Clause, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Funding]:
    programs = [m for m in mentions if entities[m.entity_id].label == PROGRAM]
    if not programs:
        return
    covered = [(m.start, m.end) for m in programs]
    free_cues = [
        c for c in MONEY.finditer(clause.text)
        if not any(s <= c.start() < e for s, e in covered)
    ]  # fmt: skip
    funds = [m for m in programs if _FUND.search(entities[m.entity_id].name)]
    committed = bool(_COMMIT.search(clause.text))
    amount = _AMOUNT.search(clause.text)
    seen: set[str] = set()
    for mention in programs:
        entity = entities[mention.entity_id]
        if entity.id in seen:
            continue
        if _is_money_instrument(entity) and committed:
            instrument, cue = entity.name, (mention.start, mention.end)
        elif free_cues or [f for f in funds if f is not mention]:
            source = free_cues[0] if free_cues else None
            if source is not None:
                instrument, cue = source.group(), (source.start(), source.end())
            else:
                fund = next(f for f in funds if f is not mention)
                instrument, cue = entities[fund.entity_id].name, (fund.start, fund.end)
        else:
            continue
        seen.add(entity.id)
        start, end = min(mention.start, cue[0]), max(mention.end, cue[1])
        evidence = clause.text[start:end] if end - start > 40 else _segment_around(clause.text, start, end)
        if evidence not in clause.text or mention.surface not in evidence:
            evidence = clause.text[start:end]
        yield Funding(
            program_id=entity.id,
            clause_id=clause.id,
            evidence=evidence,
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
