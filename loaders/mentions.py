"""MENTIONS: curated entities found by alias, and programs discovered in the text.

Discovery looks where plans name things: quoted names followed or preceded by a
program word (“陇原工匠”品牌, 实施“创业内蒙古”行动), and the numbered items and titles
of 专栏 boxes (4.返乡入乡创业园发展计划。). What it finds is ``curated: false``.
"""

from __future__ import annotations

import re

from graph.model import GROUP, PROGRAM, Clause, Entity, Mention, Section
from loaders.commitment import strength
from loaders.relations import MONEY
from loaders.vocabulary import Matcher, Vocabulary, entity_id
from loaders.word_boundaries import on_word_boundaries

_SUFFIX_KIND = [
    (re.compile(r"(计划|工程|专项|项目)$"), "program"),
    (re.compile(r"(行动|活动|大赛|竞赛|招聘月|服务月)$"), "activity"),
    (re.compile(r"(品牌|工匠|技工|师傅|保姆|月嫂|厨师|大姐|家政)$"), "brand"),
    (re.compile(r"(基地|园区|园|中心|工作室|驿站|之家|空间|工作站)$"), "carrier"),
    (re.compile(r"(平台|市场|网|系统|热线|服务圈)$"), "platform"),
    (re.compile(r"(贷|补贴|券|基金)$"), "instrument"),
]
_QUOTED = re.compile(r"“([\u4e00-\u9fff0-9a-z·+]{2,14})”")
_PERIOD = re.compile(r"^十[一二三四五六七八九]五$")
"""A quoted five-year period (“十四五”就业促进专项规划) names when, never a program."""
_AFTER_QUOTE = re.compile(r"^(品牌|工程|计划|行动|活动|项目|专项|基地|平台|系列活动|劳务品牌)")
_BEFORE_QUOTE = re.compile(
    r"(打造|实施|开展|培育|推进|推广|擦亮|叫响|创建|建设|举办|启动|做强|做大|提升)$"
)
_PROGRAM_WORD = (
    r"(?:行动计划|专项行动|计划|工程|行动|活动|专项|项目|平台|基地|大赛|品牌|服务圈|产业园)"
)
# “渝创渝新”创业促进就业工程: a quoted brand heading a longer program name.
_QUOTED_HEAD = re.compile(
    rf"^[\u4e00-\u9fff]{{1,12}}?{_PROGRAM_WORD}(?![\u4e00-\u9fff]{{0,3}}{_PROGRAM_WORD})"
)
# 实施园区帮工计划, 落实中小企业人才储备计划: an unquoted name after a verb that launches it.
_LAUNCHED = re.compile(
    r"(?:实施|落实|开展|推进|启动|推动|组织|深化|打造|创建|推行|开展好)"
    r"(?P<name>[\u4e00-\u9fff“”]{2,16}?(?:行动计划|专项行动|计划|工程|行动))(?![\u4e00-\u9fff]{0,2}(?:计划|工程))"
)
_NOT_A_NAME = re.compile(
    r"[和及与、的等]|期间|^(一批|各类|相关|有关|多种|年度|专项|三年|五年|重大|重点|各项|这些)"
)
_BRAND_WORDS = {"品牌", "劳务品牌"}
_BOX_ITEM = re.compile(
    r"^(?:\d+[.、]|专栏\d+)(?P<name>[\u4e00-\u9fff“”0-9a-z·+、]{3,30}?)(?:[。：]|$)"
)
_LEADING_VERB = re.compile(
    r"^(深入|全面|大力|持续|积极|加快|组织)?(实施|开展|推进|推动|启动|建设|打造|推广)"
)
_PROGRAM_NAME = re.compile(r"(计划|工程|行动|专项|品牌|基地|园区|平台|活动)$")


def program_kind(name: str) -> str:
    for pattern, kind in _SUFFIX_KIND:
        if pattern.search(name):
            return kind
    return "program"


def _unquoted(name: str) -> str:
    return name.replace("“", "").replace("”", "")


def _balanced(name: str) -> bool:
    return name.count("“") == name.count("”")


class _Discovered:
    """Programs found so far, one per name: a later spelling with or without quotes is the same."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.entities: dict[str, Entity] = {}
        self.surfaces: set[str] = set()

    def add(self, name: str, *aliases: str) -> None:
        surfaces = (name, *aliases)
        if (
            MONEY.match(_unquoted(name))
            or _NOT_A_NAME.search(_unquoted(name))
            or not all(_balanced(s) for s in surfaces)
            or any(self.vocabulary.resolve(s) or s in self.surfaces for s in surfaces)
            or _unquoted(name) in self.surfaces
        ):
            return
        kind = program_kind(aliases[-1] if aliases else name)
        self.entities[name] = Entity(
            entity_id(PROGRAM, name), PROGRAM, name, aliases, kind=kind, curated=False
        )
        self.surfaces.update(surfaces)


def _in_box(sections: dict[str, Section], section_id: str | None) -> bool:
    """Inside a 专栏 box, at any depth (a numbered box item can head a section of its own)."""
    while section_id is not None:
        section = sections[section_id]
        if section.kind == "box":
            return True
        section_id = section.parent_id
    return False


def discover_programs(
    clauses: list[Clause], sections: dict[str, Section], vocabulary: Vocabulary
) -> list[Entity]:
    """Programs named in the text that the vocabulary does not know.

    Names keep their quotes as the plan writes them (“兵支书”培养计划), with the
    unquoted spelling as an alias, so a 专栏 item that drops the quotes is the same program.
    """
    found = _Discovered(vocabulary)
    for clause in clauses:
        text = clause.text
        for quoted in _QUOTED.finditer(text):
            inner, after = quoted.group(1), text[quoted.end() :]
            if vocabulary.resolve(inner) or _PERIOD.match(inner):
                continue
            if suffix := _AFTER_QUOTE.match(after):
                if suffix.group() in _BRAND_WORDS:  # “陇原工匠”品牌 is the brand 陇原工匠
                    found.add(inner, inner + suffix.group())
                else:  # “创业内蒙古”行动 is a program of its own
                    found.add(quoted.group() + suffix.group(), inner + suffix.group())
            elif head := _QUOTED_HEAD.match(after):
                found.add(quoted.group() + head.group(), inner + head.group())
            elif _BEFORE_QUOTE.search(text[: quoted.start()]) and _PROGRAM_NAME.search(inner):
                found.add(inner)
        for launched in _LAUNCHED.finditer(text):
            name = launched["name"]
            if len(_unquoted(name)) >= 5:
                found.add(name, *([_unquoted(name)] if "“" in name else []))
        if _in_box(sections, clause.section_id) and (item := _BOX_ITEM.match(text)):
            name = _LEADING_VERB.sub("", item.group("name"))
            if _PROGRAM_NAME.search(name) and len(name) >= 4:
                found.add(name, *([_unquoted(name)] if "“" in name else []))
    return list(found.entities.values())


def find_mentions(clauses: list[Clause], matcher: Matcher) -> list[Mention]:
    """Vocabulary and discovered names in each clause; a target group only where it is a
    word of its own (not 农民工 in 农民工资性收入)."""
    found: list[Mention] = []
    for clause in clauses:
        matches = [
            m
            for m in matcher.find(clause.text)
            if m.entity.label != GROUP or on_word_boundaries(clause.text, m.start, m.end)
        ]
        groups = [(m.start, m.end) for m in matches if m.entity.label == GROUP]
        # 低保 in 低保家庭 names the group, not the program.
        matches = [
            m for m in matches
            if m.entity.label != PROGRAM or not any(a <= m.start and m.end <= b and b - a > m.end - m.start for a, b in groups)
        ]  # fmt: skip
        if matches:
            firmness = strength(clause.text)
            found.extend(
                Mention(clause.id, m.entity.id, m.surface, m.start, m.end, firmness)
                for m in matches
            )
    return found
