"""FUNDS in any word order: what a clause pays, to whom, how much and how surely.

The vocabulary-driven reader (``relations.funding_facts``) finds money aimed at a
program the plan names. Plans also pay things that no vocabulary lists, in every
order a person writes: 对新认定的省级技能大师工作室给予10万元一次性资助, 给予1万元一次性
创业资助, 可申领1.2万元的…补贴, 按每人每月600元给予, 小微企业最高300万元 (the loan of the
clause before), 补贴资金从…专账中列支. This module reads those, names what is funded
(the recipient the clause addresses, else the money instrument it names, else the
program of the clause before), and describes every FUNDS: instrument kind, amount in
元 and its kind, beneficiary group.

Not funding: building or mentioning, in-kind help (免收租金, 场租减免), options and
trials (有条件的…可, 各地可结合实际, 探索), a budget with no program (每年安排就业补助资金
不少于15亿元), and past spending (the caller skips retrospective clauses).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from graph.model import GROUP, PROGRAM, Clause, Entity, Funding, Mention, Target
from loaders.commitment import optional, strength
from loaders.mentions import program_kind
from loaders.relations import segments
from loaders.vocabulary import entity_id

AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s?(亿元|万元|元)")
_YUAN = {"亿元": 1e8, "万元": 1e4, "元": 1.0}
_MONEY_HEAD = r"补贴|补助|资助|奖励|奖补|贴息|补偿|代偿|津贴|经费|专项资金|综合支持|资金支持|资金补助|运营补助|返还|贷款|安家费"
_INSTRUMENT = re.compile(rf"(?P<name>[\u4e00-\u9fff“”]{{0,12}}?(?:{_MONEY_HEAD}))")
_COMMIT = re.compile(
    r"给予|发放|安排|可申领|可申请|予以|享受|落实|提供|列支|统筹使用|用好|返还|以奖代补|执行|奖励|资助|补助|贴息"
    r"|按[^，；。]{0,16}(?:标准|比例|给予)|纳入[^，；。]{0,30}范围|最高[^，；。]{0,6}\d"
)
_IN_KIND = re.compile(r"免收|减免|免除|免租|免费提供|零租金")
_TO_ADMINISTRATIONS = re.compile(r"对[^，；。]{0,12}成效(?:突出|明显|显著)的(?:市|县|区|地|州|盟|乡镇|镇|街道|板块|部门)")
"""对就业工作成效突出的市（地）给予奖励: a reward to governments for their record, no program."""
_SOURCE = re.compile(r"^(?:中央和省级|省级|市级|县级|区级)?(?:就业|就业创业|就业补助|创业|稳就业|就业专项)?(?:补助|专项)?(?:资金|基金|专账资金|专账)$")
"""Where money comes from (就业补助资金, 失业保险基金) is no program."""
_QUALIFIED = r"(?:新认定|认定|新建|入选|获评|评估优秀|年度评估优秀|新入选|引进|首次)?的?"
_ACTIVITY = re.compile(r"(?:参加|参与)(?P<who>[^，；。的并]{2,16}?)(?:的|并)")
"""对参加冬季技能培训的农民工, 转岗职工参加转岗技能培训的: money for taking part pays the activity."""
_RECIPIENTS = (
    _ACTIVITY,
    re.compile(rf"对{_QUALIFIED}(?P<who>[^，；。]{{2,24}}?)(?:，|给予|按|可|每)"),
    re.compile(r"^(?:（\d+）)?(?:新认定|认定|新建|入选)(?P<who>[^，；。]{2,24}?)的，"),
)
"""对参加冬季技能培训的农民工 (the activity), 对新认定的…工作室, 新认定…示范园的，每个给予…"""
_GENERIC_RECIPIENT = re.compile(r"^(?:获奖|获评|入选|评选|符合条件)")
"""对获奖项目, 对入选者: the recipient is whatever the clause awards, named elsewhere."""
_PROGRAM_HEAD = re.compile(
    r"(?:工作室|基地|园区|园|服务站|载体|项目|大赛|人才|工匠|品牌|计划|工程|行动|培训|驿站|中心|平台|市场|岗位|车间|学院|团队|站)$"
)
_BUDGET_FOR = re.compile(r"安排(?P<what>[^，；。]{2,20}?)(?:建设)?专项资金")
_AWARDED = re.compile(r"评选(?:一次)?(?P<what>“[^”]{2,10}”|[\u4e00-\u9fff]{2,8}?工匠)")
"""每两年评选“遵义工匠”20名，每人给予2万元奖励: the award funds the title."""
_QUOTED = re.compile(r"“[^”]{2,12}”")
_QUOTED_NAME = re.compile(r"“[^”]{2,12}”[\u4e00-\u9fff]{0,6}?(?:大赛|竞赛|工程|计划|行动|工匠|品牌)?(?=[，；。、]|$|[^\u4e00-\u9fff])|“[^”]{2,12}”[\u4e00-\u9fff]{0,4}(?:大赛|竞赛|工程|计划|行动)")
_PAYS = re.compile(
    r"给予|发放|落实|安排|予以|提供|享受|列支|以奖代补|统筹使用|用好|可申领|可申请|执行|纳入[^，；。]{0,30}范围"
    r"|按[^，；。]{0,16}(?:标准|比例)"
)
_FUND_AFTER = re.compile(r"资金|基金|专账")
"""Used with ``match(text, pos)``: the money word is part of a fund's name (就业补助资金)."""
_GENERIC = re.compile(r"^(?:就业|就业创业|创业|稳就业|就业补助)$")
_INSTRUMENT_KIND = (
    (re.compile(r"以奖代补"), "reward_in_lieu"),
    (re.compile(r"贴息"), "interest_subsidy"),
    (re.compile(r"贷款"), "loan"),
    (re.compile(r"专项资金"), "special_fund"),
    (re.compile(r"奖励|奖补"), "award"),
    (re.compile(r"资助|综合支持|资金支持"), "grant"),
    (re.compile(r"政府购买|购买服务"), "purchase"),
    (re.compile(r"补贴|补助|补偿|代偿|返还|津贴|安家费"), "subsidy"),
)
_AMOUNT_KIND = (
    (re.compile(r"最高|不超过|不高于|上限"), "cap"),
    (re.compile(r"每人每月|每月"), "per_month"),
    (re.compile(r"每人每天|每天|每日"), "per_day"),
    (re.compile(r"每年"), "per_year"),
    (re.compile(r"每人|每户|每名|每个|每带"), "per_person"),
    (re.compile(r"一次性"), "one_off"),
)


def instrument_kind(text: str) -> str:
    """subsidy, loan, interest_subsidy, award, grant, special_fund, reward_in_lieu, purchase or other."""
    return next((kind for pattern, kind in _INSTRUMENT_KIND if pattern.search(text)), "other")


def amount_of(text: str) -> tuple[float | None, str | None, float | None, str | None]:
    """(amount, unit, amount in 元, amount kind) of the first amount written in ``text``.

    The kind comes from the words before the amount (最高, 每人每月) or, for 一次性, from
    either side (给予1万元一次性创业补贴); an amount with none of them is a total.
    """
    found = AMOUNT.search(text)
    if found is None:
        return None, None, None, None
    lead, tail = text[max(0, found.start() - 12) : found.start()], text[found.end() : found.end() + 8]
    kind = next((k for pattern, k in _AMOUNT_KIND if k != "one_off" and pattern.search(lead)), None)
    if kind is None and "一次性" in lead + tail:
        kind = "one_off"
    value = float(found.group(1))
    return value, found.group(2), round(value * _YUAN[found.group(2)], 2), kind or "total"


@dataclass(frozen=True)
class Funded:
    """What a clause funds, and the words that say so."""

    name: str
    entity: Entity | None
    instrument: str


def _discovered(name: str) -> Entity:
    return Entity(entity_id(PROGRAM, name), PROGRAM, name, kind=program_kind(name), curated=False)


def _recipient(text: str, programs: list[Mention], entities: dict[str, Entity]) -> Funded | None:
    """对新认定的省级技能大师工作室，给予…: the program the clause addresses."""
    who = next((found for pattern in _RECIPIENTS if (found := pattern.search(text))), None)
    if who is None:
        return None
    inside = [m for m in programs if who.start("who") <= m.start < who.end("who")]
    if inside:
        m = inside[-1]
        return Funded(m.surface, entities[m.entity_id], "")
    # 对新建并通过评估的“南粤家政”基层服务站: the thing after the last 的 is the recipient.
    written = who["who"].rsplit("的", 1)[-1]
    name = written.strip("“”")
    if _PROGRAM_HEAD.search(name) and len(name) >= 2 and not _GENERIC_RECIPIENT.match(name):
        return Funded(written, None, "")
    return None


_GENERIC_RECIPIENT_IN = re.compile(r"对(?:获奖|获评|入选|获得)")


def _generic_recipient(text: str) -> bool:
    """对获奖项目, 对获评者: the clause pays whatever it names elsewhere (“赣南创业之星”大赛)."""
    return bool(_GENERIC_RECIPIENT_IN.search(text))


_LEAD_WORDS = re.compile(r"^(?:[^，；。]*?(?:给予|发放|予以|的|按规定))+")


def _instrument(text: str, start: int) -> Funded | None:
    """The money instrument the clause names after ``start``: 一次性创业资助, 租金补贴.

    Not a fund the money comes from (就业补助资金, 失业保险基金)."""
    for found in _INSTRUMENT.finditer(text, start):
        if _FUND_AFTER.match(text, found.end()):
            continue
        name = _LEAD_WORDS.sub("", found["name"]).strip("“”")
        if len(name) >= 2 and not _SOURCE.match(name):
            return Funded(name, None, name)
    return None


def commits_money(text: str) -> bool:
    """Money committed in the clause: an amount paid, or a verb that pays a money instrument
    (给予…补贴, 落实…贴息); 补贴申领 and 加强补助资金监管 only speak of money."""
    if optional(text) or _TO_ADMINISTRATIONS.search(text) or (_IN_KIND.search(text) and not AMOUNT.search(text)):
        return False
    if AMOUNT.search(text):
        return bool(_COMMIT.search(text))
    for segment in re.finditer(r"[^，；。：]+", text):
        if _PAYS.search(segment.group()) and any(
            not _FUND_AFTER.match(text, m.end()) for m in _INSTRUMENT.finditer(text, segment.start(), segment.end())
        ):
            return True
    return False


def funded_by(
    clause: Clause, programs: list[Mention], entities: dict[str, Entity], carried: Funded | None
) -> Funded | None:
    """What a clause that commits money funds, or None."""
    text = clause.text
    if budget := _BUDGET_FOR.search(text):
        what = budget["what"].strip("“”")
        if not _GENERIC.match(what):
            inside = [m for m in programs if budget.start("what") <= m.start < budget.end("what")]
            return Funded(budget["what"], entities[inside[0].entity_id] if inside else None, "专项资金")
        return None
    if recipient := _recipient(text, programs, entities):
        return recipient
    if _generic_recipient(text) and (quoted := _QUOTED_NAME.search(text)):
        return Funded(quoted.group(), None, "")
    if awarded := _AWARDED.search(text):
        inside = [m for m in programs if awarded.start("what") <= m.start < awarded.end("what")]
        return Funded(awarded["what"], entities[inside[0].entity_id] if inside else None, "奖励")
    schemes = [m for m in programs if entities[m.entity_id].kind != "instrument"]
    if schemes:
        m = schemes[0]
        return Funded(m.surface, entities[m.entity_id], "")
    instruments = [m for m in programs if entities[m.entity_id].kind == "instrument"]
    if instruments:
        m = instruments[0]
        return Funded(m.surface, entities[m.entity_id], m.surface)
    money = AMOUNT.search(text)
    if instrument := _instrument(text, money.end() if money else 0) or _instrument(text, 0):
        # 给予贴息, 按比例返还, 每人给予2万元奖励: a bare instrument pays the program in context.
        bare = len(instrument.name) <= 3 or instrument_kind(instrument.name) in ("loan", "interest_subsidy", "award")
        if carried is not None and bare:
            return carried
        return instrument
    if quoted := _QUOTED.search(text):
        return Funded(quoted.group(), None, "")
    return carried


def _evidence(text: str, name: str) -> str:
    """The comma-delimited stretch from what is funded to the amount (or, with no amount, the
    word that pays): a clause may also speak of things that are not funded."""
    spans = segments(text)
    cue = AMOUNT.search(text) or _COMMIT.search(text)
    if cue is None or not spans:
        return text
    at = text.find(name)
    first = min(cue.start(), at) if 0 <= at < cue.start() else cue.start()
    left = next(a for a, b in spans if a <= first < b)
    right = next(b for a, b in spans if a < cue.end() <= b)
    return text[left:right]


def describe(
    clause: Clause, funded: Funded, mentions: list[Mention], entities: dict[str, Entity]
) -> tuple[Funding, Entity | None]:
    """A Funding for ``funded``, and the discovered program it introduces (if any)."""
    entity = funded.entity or _discovered(funded.name)
    if entity.program_id is not None and entity.program_id in entities:
        entity = entities[entity.program_id]
    amount, unit, yuan, kind = amount_of(clause.text)
    group = next((entities[m.entity_id] for m in mentions if entities[m.entity_id].label == GROUP), None)
    instrument = funded.instrument or _instrument_word(clause.text) or funded.name
    funding = Funding(
        program_id=entity.id,
        clause_id=clause.id,
        evidence=_evidence(clause.text, funded.name),
        instrument=instrument,
        instrument_kind=instrument_kind(instrument + clause.text),
        amount=amount,
        amount_unit=unit,
        amount_yuan=yuan,
        amount_kind=kind,
        group_id=group.id if group else None,
        strength=strength(clause.text),
    )
    return funding, (None if funded.entity else entity)


def _instrument_word(text: str) -> str | None:
    found = _INSTRUMENT.search(text)
    return found["name"] if found else None


def _complete(funding: Funding, clause: Clause, mentions: list[Mention], entities: dict[str, Entity]) -> Funding:
    """Kind, amount and group for a Funding the vocabulary reader found; its evidence is
    widened to the clause when the amount lies outside it."""
    amount, unit, yuan, kind = amount_of(clause.text)
    group = next((entities[m.entity_id] for m in mentions if entities[m.entity_id].label == GROUP), None)
    evidence = funding.evidence
    if amount is not None and AMOUNT.search(evidence) is None:
        evidence = clause.text
    return Funding(
        program_id=funding.program_id,
        clause_id=funding.clause_id,
        evidence=evidence,
        instrument=funding.instrument,
        instrument_kind=instrument_kind(funding.instrument + evidence),
        amount=amount,
        amount_unit=unit,
        amount_yuan=yuan,
        amount_kind=kind,
        group_id=group.id if group else None,
        strength=strength(clause.text),
    )


_INCLUDED = re.compile(r"将(?P<items>[^，；。]{2,60}?)纳入[^，；。]{0,30}?(?:资金|补助|补贴|奖补)[^，；。]{0,10}?范围")
_ITEM_SUFFIX = re.compile(r"(?:建设|运营|工作)$")
_SOURCE_OF = re.compile(r"从(?P<src>[^，；。]{2,30}?)中列支")


def _included(clause: Clause, programs: list[Mention], entities: dict[str, Entity]) -> list[Funded]:
    """将零工市场建设、“南粤家政”基层服务站运营纳入…资金支持范围: each item is funded."""
    found = _INCLUDED.search(clause.text)
    if found is None or optional(clause.text):
        return []
    listed = []
    for item in re.finditer(r"[^、和及]+", found["items"]):
        start = found.start("items") + item.start()
        inside = [m for m in programs if start <= m.start < start + len(item.group())]
        name = _ITEM_SUFFIX.sub("", item.group())
        if inside:
            listed.append(Funded(inside[0].surface, entities[inside[0].entity_id], ""))
        elif len(name) >= 2 and not _SOURCE.match(name):
            listed.append(Funded(name, None, ""))
    return listed


def _not_from_source(text: str, fundings: list[Funding], programs: list[Mention]) -> list[Funding]:
    """补贴资金从职业技能提升行动专账中列支: the program named as the source is not funded."""
    source = _SOURCE_OF.search(text)
    if source is None:
        return fundings
    inside = {m.entity_id for m in programs if source.start("src") <= m.start < source.end("src")}
    return [f for f in fundings if f.program_id not in inside]


def plan_fundings(
    clauses: list[Clause],
    skip: set[str],
    targets: list[Target],
    mentions: dict[str, list[Mention]],
    entities: dict[str, Entity],
    named: Callable[[Clause, list[Mention]], list[Funding]],
) -> tuple[list[Funding], list[Entity]]:
    """Every FUNDS of a plan, and the programs only funding clauses name.

    ``named`` is the vocabulary reader; where it finds nothing in a clause that commits
    money, this module's reader names what is paid. Table rows, options and clauses whose
    money is a target are skipped. A clause that names nothing funded
    continues the clause before it in its paragraph (…创业担保贷款最高20万元，小微企业最高
    300万元，按规定给予贴息).
    """
    fundings: list[Funding] = []
    new: dict[str, Entity] = {}
    carried: Funded | None = None
    line = -1
    # 发放创业担保贷款100亿元 is a target, not money paid.
    money_targets = {c for t in targets if t.unit in ("元", "万元", "亿元") for c in (t.clause_id, *t.restated_clause_ids)}
    for clause in clauses:
        if clause.line != line:
            carried, line = None, clause.line
        if clause.id in skip or clause.id in money_targets or clause.cells:
            continue
        found = mentions.get(clause.id, [])
        programs = [m for m in found if entities[m.entity_id].label == PROGRAM]
        if listed := _included(clause, programs, entities):
            for funded in listed:
                funding, discovered = describe(clause, funded, found, entities)
                fundings.append(funding)
                if discovered is not None:
                    new[discovered.id] = entities[discovered.id] = discovered
            continue
        by_name = _not_from_source(clause.text, named(clause, found), programs)
        if by_name and _generic_recipient(clause.text) and _QUOTED_NAME.search(clause.text):
            by_name = []  # 评选“荆楚工匠”，对获评者给予5万元奖励 pays the title, not a scheme named before
        if by_name and _ACTIVITY.search(clause.text) and all(
            entities[f.program_id].kind == "instrument" for f in by_name
        ):
            by_name = []  # a subsidy for taking part in a training pays that training
        if by_name:
            fundings.extend(_complete(f, clause, found, entities) for f in by_name)
            first = entities.get(by_name[0].program_id)
            carried = Funded(first.name, first, by_name[0].instrument) if first else carried
            continue
        if not commits_money(clause.text):
            continue
        funded = funded_by(clause, programs, entities, carried)
        if funded is None:
            continue
        funding, discovered = describe(clause, funded, found, entities)
        fundings.append(funding)
        if discovered is not None:
            new[discovered.id] = discovered
            entities[discovered.id] = discovered
        carried = funded if funded.entity else Funded(funded.name, entities[funding.program_id], funded.instrument)
    return fundings, list(new.values())
