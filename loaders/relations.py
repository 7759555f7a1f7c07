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
from dataclasses import dataclass

from graph.ids import document_id
from graph.model import GROUP, PROGRAM, Citation, Clause, Entity, Funding, Mention, Serving
from loaders.commitment import optional
from loaders.money import named_by_kind, written_instrument
from loaders.segments import segments

MONEY = re.compile(
    r"就业补助资金|就业专项资金|以奖代补|奖补|扶持资金|专项资金|资金|基金|补贴|补助|贴息|贷款|经费|资助|奖励|津贴"
    r"|政府购买|金融[^，；。]{0,8}?(?:扶持|支持)|发放[^，；。]{0,8}?报酬"
    r"|投入[^，；。]{0,12}?[亿万]?元|\d+(?:\.\d+)?[亿万]?元"
)
_ADJECTIVAL = re.compile(r"[性的]|申领|申请|“?网上|监管|审核|拨付")
"""补贴性培训, 政府补贴的项目, 补贴申领, 资金监管: money words that describe a service or a
procedure rather than commit money."""
_COMMIT = re.compile(
    r"给予|发放|落实|提供|享受|安排|加大|提高|扩大|放宽|调整|实施|执行|按规定|纳入|支持|用好|建立|设立"
)
_COMMIT_AFTER = re.compile(
    r"^[^，；。：]{0,6}?(?:直达|提高至|提高到|上浮|扩围)|^按[^，；。：]{0,20}?(?:给予|发放)"
)
"""培训补贴直达企业, 见习补贴标准提高至…: commitments written after the instrument."""
_SEGMENT = re.compile(r"[^，、；。：]+")
_CITED = re.compile(r"《([^《》]{2,80})》")


@dataclass(frozen=True)
class _Cue:
    """Money in a clause: a free money word, or a money instrument the clause commits to."""

    start: int
    end: int
    instrument: str
    entity: Entity | None = None


def _evidence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The stretch from program to money cue, widened to the whole segments it touches."""
    left = next(a for a, b in spans if a <= start < b)
    right = next(b for a, b in spans if a < end <= b)
    return text[left:right]


def _cues(
    text: str, programs: list[Mention], entities: dict[str, Entity], spans: list[tuple[int, int]]
) -> list[_Cue]:
    def segment(pos: int) -> str:
        return next(text[a:b] for a, b in spans if a <= pos < b)

    cues = [
        _Cue(c.start(), c.end(), c.group())
        for c in MONEY.finditer(text)
        if not any(m.start <= c.start() < m.end for m in programs)
        and not _ADJECTIVAL.match(text, c.end())
    ]
    for m in programs:
        entity = entities[m.entity_id]
        left, right = next((a, b) for a, b in spans if a <= m.start < b)
        # 用好失业保险基金 speaks of the instrument's fund, not of paying the instrument.
        owns_fund = MONEY.match(text, m.end) is not None
        committed = _COMMIT.search(text, left, m.start) or _COMMIT_AFTER.match(text[m.end : right])
        if entity.kind == "instrument" and not owns_fund and committed:
            cues.append(_Cue(m.start, m.end, entity.name, entity))
    return sorted((c for c in cues if not optional(segment(c.start))), key=lambda c: c.start)


def funding_facts(
    clause: Clause, mentions: list[Mention], entities: dict[str, Entity]
) -> Iterator[Funding]:
    """FUNDS from one clause.

    Money funds the programs of its own comma segment. A free money word whose segment
    names none funds those of the nearest segment before it — 建设…创业园，加大“以奖代补”
    支持力度 funds the 创业园, but 落实“以奖代补”政策，建设工作室 does not fund the 工作室.
    A money instrument the segment commits to (落实, 给予, 直达 …) funds the programs of its
    own segment (对公益性岗位给予岗位补贴), else itself, or the program the vocabulary ties
    it to (就业见习补贴 → 就业见习).
    """
    text = clause.text
    programs = [m for m in mentions if entities[m.entity_id].label == PROGRAM]
    if not programs:
        return
    spans = segments(text)
    index = {pos: i for i, (a, b) in enumerate(spans) for pos in range(a, b)}
    schemes = [m for m in programs if entities[m.entity_id].kind != "instrument"]
    seen: set[str] = set()
    for cue in _cues(text, programs, entities, spans):
        home = index[cue.start]
        # An instrument pays the programs beside it; a bare money word, or an instrument named
        # by its kind alone (通过公益性岗位托底安置，…给予岗位补贴), may also reach back.
        named = cue.entity is not None and not named_by_kind(
            written_instrument(text, cue.start, cue.end)
        )
        reach = range(home, home - 1, -1) if named else range(home, -1, -1)
        funded = next(
            (found for i in reach if (found := [m for m in schemes if index[m.start] == i])),
            [],
        )
        if cue.entity is not None and not funded:
            target = cue.entity.program_id or cue.entity.id
            anchor = next(m for m in programs if m.start == cue.start)
            funded_ids = [(target, anchor)]
        else:
            funded_ids = [(m.entity_id, m) for m in funded]
        for program_id, mention in funded_ids:
            if program_id in seen:
                continue
            seen.add(program_id)
            start, end = min(mention.start, cue.start), max(mention.end, cue.end)
            yield Funding(
                program_id=program_id,
                clause_id=clause.id,
                evidence=_evidence(text, start, end, spans),
                instrument=cue.instrument,
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


_ALIAS_BEFORE = re.compile(r"简称$")


def citations(clause: Clause, own_title: str | None) -> Iterator[Citation]:
    """Documents a clause cites by title; （以下简称《规划》） only names a short form of one."""
    for cited in _CITED.finditer(clause.text):
        title = cited.group(1)
        if title != own_title and not _ALIAS_BEFORE.search(clause.text, 0, cited.start()):
            yield Citation(document_id(title), title, clause.id)
