"""MENTIONS: curated entities found by alias, and programs discovered in the text.

Discovery looks where plans name things: quoted names followed or preceded by a
program word (“陇原工匠”品牌, 实施“创业内蒙古”行动), and the numbered items and titles
of 专栏 boxes (4.返乡入乡创业园发展计划。). What it finds is ``curated: false``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.model import PROGRAM, Clause, Entity, Mention, Section
from loaders.relations import MONEY
from loaders.vocabulary import Matcher, Vocabulary, entity_id

_SUFFIX_KIND = [
    (re.compile(r"(计划|工程|专项|项目)$"), "program"),
    (re.compile(r"(行动|活动|大赛|竞赛|招聘月|服务月)$"), "activity"),
    (re.compile(r"(品牌|工匠|技工|师傅|保姆|月嫂|厨师|大姐|家政)$"), "brand"),
    (re.compile(r"(基地|园区|园|中心|工作室|驿站|之家|空间|工作站)$"), "carrier"),
    (re.compile(r"(平台|市场|网|系统|热线|服务圈)$"), "platform"),
    (re.compile(r"(贷|补贴|券|基金)$"), "instrument"),
]
_QUOTED = re.compile(r"“([\u4e00-\u9fff0-9a-z·+]{2,14})”")
_AFTER_QUOTE = re.compile(r"^(品牌|工程|计划|行动|活动|项目|专项|基地|平台|系列活动|劳务品牌)")
_BEFORE_QUOTE = re.compile(r"(打造|实施|开展|培育|推进|推广|擦亮|叫响|创建|建设|举办|启动|做强|做大|提升)$")
_PROGRAM_WORD = r"(?:行动计划|专项行动|计划|工程|行动|活动|专项|项目|平台|基地|大赛|品牌|服务圈|产业园)"
# “渝创渝新”创业促进就业工程: a quoted brand heading a longer program name.
_QUOTED_HEAD = re.compile(rf"^[\u4e00-\u9fff]{{1,12}}?{_PROGRAM_WORD}(?![\u4e00-\u9fff]{{0,3}}{_PROGRAM_WORD})")
# 实施园区帮工计划, 落实中小企业人才储备计划: an unquoted name after a verb that launches it.
_LAUNCHED = re.compile(
    r"(?:实施|落实|开展|推进|启动|推动|组织|深化|打造|创建|推行|开展好)"
    r"(?P<name>[\u4e00-\u9fff“”]{2,16}?(?:行动计划|专项行动|计划|工程|行动))(?![\u4e00-\u9fff]{0,2}(?:计划|工程))"
)
_NOT_A_NAME = re.compile(r"[和及与、的]|^(一批|各类|相关|有关|多种|年度|专项|三年|五年|重大|重点|各项|这些)")
_BOX_ITEM = re.compile(r"^(?:\d+[.、]|专栏\d+)(?P<name>[\u4e00-\u9fff“”0-9a-z·+、]{3,30}?)(?:[。：]|$)")
_LEADING_VERB = re.compile(r"^(深入|全面|大力|持续|积极|加快|组织)?(实施|开展|推进|推动|启动|建设|打造|推广)")
_PROGRAM_NAME = re.compile(r"(计划|工程|行动|专项|品牌|基地|园区|平台|活动)$")


def program_kind(name: str) -> str:
    for pattern, kind in _SUFFIX_KIND:
        if pattern.search(name):
            return kind
    return "program"


def _discovered(name: str, aliases: Iterable[str] = ()) -> Entity:
    kind = program_kind(name) if not aliases else program_kind(next(iter(aliases)))
    return Entity(entity_id(PROGRAM, name), PROGRAM, name, tuple(aliases), kind=kind, curated=False)


def discover_programs(
    clauses: list[Clause], sections: dict[str, Section], vocabulary: Vocabulary
) -> list[Entity]:
    """Programs named in the text that the vocabulary does not know."""
    found: dict[str, Entity] = {}

    def add(name: str, *aliases: str) -> None:
        if MONEY.fullmatch(name) or vocabulary.resolve(name) or any(vocabulary.resolve(a) for a in aliases):
            return
        if name not in found:
            found[name] = _discovered(name, aliases)

    for clause in clauses:
        for quoted in _QUOTED.finditer(clause.text):
            name, after = quoted.group(1), clause.text[quoted.end() :]
            if suffix := _AFTER_QUOTE.match(after):
                add(name, name + suffix.group())
            elif (head := _QUOTED_HEAD.match(after)) and not _NOT_A_NAME.search(head.group()):
                add(quoted.group() + head.group())
            elif _BEFORE_QUOTE.search(clause.text[: quoted.start()]) and _PROGRAM_NAME.search(name):
                add(name)
        for launched in _LAUNCHED.finditer(clause.text):
            name = launched["name"]
            if not _NOT_A_NAME.search(name) and len(name) >= 5 and "“" not in name[1:]:
                add(name)
        section = sections[clause.section_id]
        if section.kind == "box" and (item := _BOX_ITEM.match(clause.text)):
            name = _LEADING_VERB.sub("", item.group("name")).replace("“", "").replace("”", "")
            if _PROGRAM_NAME.search(name) and "、" not in name and len(name) >= 4:
                add(name)
    return list(found.values())


def find_mentions(clauses: list[Clause], matcher: Matcher) -> list[Mention]:
    return [
        Mention(clause.id, match.entity.id, match.surface, match.start, match.end)
        for clause in clauses
        for match in matcher.find(clause.text)
    ]
