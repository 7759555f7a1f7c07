"""What a clause that commits money pays for, named as the clause names it.

In order: a program's own budget (安排“人人持证、技能河南”建设专项资金); the recipient the
clause addresses (对新认定的省级技能大师工作室, 对参加冬季技能培训的农民工 — the training;
新认定…示范园的，每个给予…); for a generic recipient (对获奖项目, 对获评者), the contest or title
the clause names; an awarded title (每两年评选“遵义工匠”20名，每人给予2万元奖励); a program of the
vocabulary in the clause; the money instrument the clause names (给予1万元一次性创业资助); and,
for a bare instrument (给予贴息, 每人奖励2万元), the program of the clause before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Clause, Entity, Mention
from loaders.commitment import optional
from loaders.money import AMOUNT, SOURCE, instrument_kind, money_instrument


@dataclass(frozen=True)
class Funded:
    """What a clause funds: its name as written, the entity when one is known, and the
    instrument words (empty when the clause names none)."""

    name: str
    entity: Entity | None
    instrument: str


_QUALIFIED = r"(?:新认定|认定|新建|入选|获评|评估优秀|年度评估优秀|新入选|引进|首次)?的?"
ACTIVITY = re.compile(r"(?:参加|参与)(?P<who>[^，；。的并]{2,16}?)(?:的|并)")
"""对参加冬季技能培训的农民工, 转岗职工参加转岗技能培训的: money for taking part pays the activity."""
_RECIPIENTS = (
    ACTIVITY,
    re.compile(rf"对{_QUALIFIED}(?P<who>[^，；。]{{2,24}}?)(?:，|给予|按|可|每)"),
    re.compile(r"^(?:（\d+）)?(?:新认定|认定|新建|入选)(?P<who>[^，；。]{2,24}?)的，"),
)
_EXCLUDED = re.compile(r"以外|之外")
"""对在孵化基地以外租用场地创业的: the place named is where the recipient is not."""


def named_as_excluded(text: str, mention: Mention) -> bool:
    """孵化基地以外: a program named only to be left out."""
    return _EXCLUDED.match(text, mention.end) is not None


_ACTORS = re.compile(r"^(?:企业|单位|用人单位|机构|个人|经营主体)(?:和|及|与|、)")
"""企业和工作室: employers and the like, listed, are who is paid, not a program."""
_GENERIC_WORDS = r"获奖|获评|入选|评选|获得|符合条件"
_GENERIC_RECIPIENT = re.compile(rf"^(?:{_GENERIC_WORDS})")
_GENERIC_IN_CLAUSE = re.compile(rf"对(?:{_GENERIC_WORDS})")
"""对获奖项目, 对获评者: the recipient is whatever the clause awards, named elsewhere in it."""
_HEAD_WORDS = r"工作室|基地|园区|园|服务站|载体|项目|大赛|人才|工匠|品牌|计划|工程|行动|培训|驿站|中心|平台|市场|岗位|车间|学院|团队|站"
_PROGRAM_HEAD = re.compile(rf"(?:{_HEAD_WORDS})$")
_INTRODUCED = r"认定|建设|建成|打造|创建|培育|评选"
_NAMED_BEFORE = re.compile(
    rf"(?:^|[，；、]|{_INTRODUCED}|\d[个家所])(?P<name>[\u4e00-\u9fff“”]{{2,14}}?(?:{_HEAD_WORDS}))"
)
"""A name ending in a head word, after the verb or count that introduces it."""
_UP_TO_INTRODUCER = re.compile(rf"^.*(?:{_INTRODUCED})")
_BUDGET_FOR = re.compile(r"安排(?P<what>[^，；。]{2,20}?)(?:建设)?专项资金")
_GENERIC_BUDGET = re.compile(r"^(?:就业|就业创业|创业|稳就业|就业补助)$")
_AWARDED = re.compile(r"评选(?:一次)?(?P<what>“[^”]{2,10}”|[\u4e00-\u9fff]{2,8}?工匠)")
QUOTED_NAME = re.compile(
    r"“[^”]{2,12}”[\u4e00-\u9fff]{0,4}(?:大赛|竞赛|工程|计划|行动)|“[^”]{2,12}”"
)
"""A quoted brand, with the word that makes it a contest or program (“赣南创业之星”大赛)."""
_SCOPE_OF_MONEY = r"(?:资金|补助|补贴|奖补)[^，；。]{0,10}?范围"
"""…资金支持范围, …运营补助范围: the scope of a fund that something is brought into."""
_INCLUDED = re.compile(rf"将(?P<items>[^，；。]{{2,60}}?)纳入[^，；。]{{0,30}}?{_SCOPE_OF_MONEY}")
_ITEM = re.compile(r"[^、和及]+")
_ITEM_SUFFIX = re.compile(r"(?:建设|运营|工作)$")
_SOURCE_OF = re.compile(r"从(?P<src>[^，；。]{2,30}?)中列支")
_INTO_SCOPE = re.compile(rf"纳入[^，；。]{{2,30}}?{_SCOPE_OF_MONEY}")
_BARE = 3
"""An instrument this short (贴息, 奖励, 返还) names no program of its own."""
_SUBJECT = re.compile(
    r"^(?:专栏\s*\d+|第[一二三四五六七八九十]+[章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+(?:\.\d+)*[.、]?)?"
    r"[：:]?(?P<name>[\u4e00-\u9fff“”]{2,16}?(?:工程|行动|计划|大赛))[。：:]?$"
)
"""专栏1 影视人才就业提升行动, （五）高端人才创业工程。: a heading that is a program's name."""


def section_subject(heading: str | None) -> str | None:
    """The program a section or box is about, when its heading is nothing but its name: a
    subsidy paid inside it with no program of its own (给予每人800元的培训补贴) pays that one."""
    found = _SUBJECT.match(heading or "")
    return found["name"] if found else None


def _inside(programs: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in programs if start <= m.start < end]


def _known(
    name: str,
    programs: list[Mention],
    start: int,
    entities: dict[str, Entity],
    instrument: str = "",
) -> Funded:
    """``name`` as funded: the vocabulary's program when one is mentioned inside it."""
    inside = _inside(programs, start, start + len(name))
    return Funded(name, entities[inside[-1].entity_id] if inside else None, instrument)


def generic_recipient(text: str) -> bool:
    return bool(_GENERIC_IN_CLAUSE.search(text))


def recipient(text: str, programs: list[Mention], entities: dict[str, Entity]) -> Funded | None:
    """对新认定的省级技能大师工作室，给予…: the program the clause addresses."""
    who = next((found for pattern in _RECIPIENTS if (found := pattern.search(text))), None)
    if who is None or _EXCLUDED.search(who["who"]):
        return None
    if inside := _inside(programs, who.start("who"), who.end("who")):
        return Funded(inside[-1].surface, entities[inside[-1].entity_id], "")
    # 对新建并通过评估的“南粤家政”基层服务站: the thing after the last 的 is the recipient.
    written = who["who"].rsplit("的", 1)[-1]
    if _PROGRAM_HEAD.fullmatch(written):
        # 认定…示范园区5个，对认定的园区给予…: a head word alone takes up the name before it.
        before = [
            m
            for m in _NAMED_BEFORE.finditer(text, 0, who.start("who"))
            if m["name"].endswith(written)
        ]
        if not before:
            return None
        written = _UP_TO_INTRODUCER.sub("", before[-1]["name"])
    name = written.strip("“”")
    if (
        _PROGRAM_HEAD.search(name)
        and not _GENERIC_RECIPIENT.match(name)
        and not _ACTORS.match(name)
    ):
        return Funded(written, None, "")
    return None


def included(clause: Clause, programs: list[Mention], entities: dict[str, Entity]) -> list[Funded]:
    """将零工市场建设、“南粤家政”基层服务站运营纳入…资金支持范围: each item is funded."""
    found = _INCLUDED.search(clause.text)
    if found is None or optional(clause.text):
        return []
    listed = []
    for item in _ITEM.finditer(found["items"]):
        start = found.start("items") + item.start()
        name = _ITEM_SUFFIX.sub("", item.group())
        if len(name) >= 2 and not SOURCE.match(name):
            listed.append(_known(name, programs, start, entities))
    return listed


def source_programs(text: str, programs: list[Mention]) -> set[str]:
    """Programs named as where money comes from: 补贴资金从职业技能提升行动专账中列支, and
    返乡入乡创业园纳入创业孵化基地运营补助范围 (the scheme whose money the program before it joins)."""
    sources = set()
    if source := _SOURCE_OF.search(text):
        sources |= {m.entity_id for m in _inside(programs, source.start("src"), source.end("src"))}
    for scope in _INTO_SCOPE.finditer(text):
        if any(m.start < scope.start() for m in programs):
            sources |= {m.entity_id for m in _inside(programs, scope.start(), scope.end())}
    return sources


def funded_by(
    clause: Clause, programs: list[Mention], entities: dict[str, Entity], carried: Funded | None
) -> Funded | None:
    """What a clause that commits money funds, or None (a budget for no program)."""
    text = clause.text
    if budget := _BUDGET_FOR.search(text):
        if _GENERIC_BUDGET.match(budget["what"].strip("“”")):
            return None
        return _known(budget["what"], programs, budget.start("what"), entities, "专项资金")
    if found := recipient(text, programs, entities):
        return found
    if generic_recipient(text) and (quoted := QUOTED_NAME.search(text)):
        return _known(quoted.group(), programs, quoted.start(), entities)
    if awarded := _AWARDED.search(text):
        return _known(awarded["what"], programs, awarded.start("what"), entities, "奖励")
    named = sorted(programs, key=lambda m: entities[m.entity_id].kind == "instrument")
    if named:
        m = named[0]
        kind = entities[m.entity_id].kind
        return Funded(m.surface, entities[m.entity_id], m.surface if kind == "instrument" else "")
    money = AMOUNT.search(text)
    if instrument := money_instrument(text, money.end() if money else 0) or money_instrument(text):
        if carried is not None and (
            len(instrument) <= _BARE
            or instrument_kind(instrument) in ("loan", "interest_subsidy", "award")
        ):
            return carried
        return Funded(instrument, None, instrument)
    if quoted := QUOTED_NAME.search(text):
        return Funded(quoted.group(), None, "")
    return carried
