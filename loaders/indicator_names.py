"""An indicator named from the clause that states its target, curated or discovered.

Plans name what they count in the words around the number: 城镇新增就业275万人以上,
技能劳动者占就业人员比重提高两个百分点, 建设1个以上返乡入乡创业园. The name is the noun phrase
before the number, less the words that say when, where, how surely or by how much
(“十四五”期间, 全省, 累计, 力争, 达到, 控制在 …); when only a verb is left, the noun after the
number completes it (建设 + 返乡入乡创业园). A name that a curated indicator's name or alias
covers resolves to it; any other becomes a discovered indicator (``curated: false``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.model import INDICATOR, Entity
from graph.settings import get_settings
from loaders.vocabulary import Vocabulary, entity_id, word_list

_TIME = (
    r"“?十四五”?(?:期间|时期|末)?|到“?十四五”?末|到?20\d{2}年(?:底|末|前)?|五年(?:间|内)?|今后五年"
)
_PLACE = r"全(?:省|市|区|县|州|盟|自治区|国(?!性))|我(?:省|市|区|县)|各(?:地|市|县)"
_MANNER = r"要(?!素)|累计|力争|确保|争取|努力|每年|年均|平均每年|每两年|其中|同时|并|共|共计|合计|实现|使|总计|推动|至少|开展|完成"
_EACH = r"每个[^，；。（]{0,5}(?:市|县|区|镇|乡|村|街道|社区)(?:（[^（）]*）)?"
_DOCUMENT = r"[^《》]*《[^《》]*》(?:将|提出|明确|要求)?"
_LEAD = re.compile(rf"^(?:{_TIME}|{_PLACE}|{_MANNER}|{_EACH}|{_DOCUMENT}|[，、：\s])+")
_TRAIL = re.compile(
    r"(?:达到|达|控制在|保持在|稳定在|保持|稳定|维持在|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增至|"
    r"降低到|降低至|降至|下降到|突破|超过|不低于|不少于|不高于|不超过|高于|低于|大于|小于|至少|"
    r"在|为|累计|年均|每年|力争|分别|约|近|逾|以上|左右|提高|提升|增长|增加|下降|降低|减少|上升|"
    r"目标确定为|目标为|确定为|目标是|"
    r"[，、：\s])+$"
)
_CHANGE = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少|上升)$")
"""A target written as a change (提高2个百分点, 年均增长6.5%), not the level reached."""


COUNTING_VERBS = "counting_verbs.yaml"


def load_counting_verbs(path: Path) -> re.Pattern[str]:
    """Words before a number that are only counting verbs, each perhaps after a modifier
    (重点扶持, 新认证, 打造培育; ``data/vocab/counting_verbs.yaml``): what is counted is the noun
    after the number."""
    try:
        lexicon = yaml.safe_load(path.read_text(encoding="utf-8"))
        verbs, modifiers = (
            word_list(lexicon, key, required=True) for key in ("verbs", "modifiers")
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise VocabularyError(f"cannot read counting verbs: {exc}", source=str(path)) from exc

    def either(words: tuple[str, ...]) -> str:
        return "|".join(sorted(map(re.escape, words), key=len, reverse=True))

    return re.compile(rf"^(?:(?:{either(modifiers)})*(?:{either(verbs)}))*$")


@cache
def _verbs_only() -> re.Pattern[str]:
    return load_counting_verbs(get_settings().paths.vocab_dir / COUNTING_VERBS)


_NOTE = re.compile(
    r"（(?:五年)?累计）|（五年）|（年均）|（[^（）]{0,6}(?:万人|%|个|家|人)[^（）]{0,2}）"
)
_SHARE = re.compile(r"^占")
"""占从业人员比重: a share whose subject is the indicator before it (技能人才总量…，占…比重)."""
_HEAD = re.compile(r"(?:总量|总数|人数|规模|数量)$")
_MAX_NAME = 24
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class NamedIndicator:
    name: str
    """The normalised noun phrase."""
    change: bool
    """The words before the number say it is a change (提高, 增长)."""


def _strip(text: str) -> str:
    text = _NOTE.sub("", text)
    for _ in range(3):
        text = _TRAIL.sub("", _LEAD.sub("", text)).strip('“”"《》 ')
    return text


@lru_cache(maxsize=65536)
def indicator_name(before: str, after: str) -> NamedIndicator | None:
    """The indicator of a number, from the words before it (since the last break) and after it.

    ``None`` when nothing nameable is left (年均5万人以上: the caller keeps the
    previous indicator).
    """
    # In a table row (cells split by |), the name is in the number's own cell.
    before, after = before.rpartition("|")[2], after.partition("|")[0]
    change = bool(_CHANGE.search(before.rstrip(" 约近逾")))
    name = _strip(before)
    if _verbs_only().fullmatch(name):
        noun = _strip(after)  # a long one is cut at its end: the verb and what it counts stay
        if noun.count("”") > noun.count("“"):  # “家门口”就业服务站 lost its opening quote
            noun = "“" + noun
        name = (name + noun)[:_MAX_NAME] if noun else ""
    name = name.removesuffix("的")
    if len(_CHINESE.findall(name)) < 2:  # 2 个, *, a row number: no name
        return None
    return NamedIndicator(name[-_MAX_NAME:], change)


def with_subject(name: str, previous: Entity | None) -> str:
    """占从业人员比重 after 技能人才总量 is 技能人才占从业人员比重."""
    if previous is None or not _SHARE.match(name):
        return name
    return _HEAD.sub("", previous.name) + name


_SHORTEST = 2
"""A name shorter than this (or missing) is one with nothing."""
_SHARED = 0.6
"""Share of characters (Dice) above which two discovered names with the same value are one."""


def same_indicator_name(a: str, b: str) -> bool:
    """Two names of one indicator, said with the same value: one inside the other
    (人力资源服务机构 / …数量), or most characters shared (创业担保贷款发放额 / 发放创业担保贷款)."""
    a, b = a.replace("“", "").replace("”", ""), b.replace("“", "").replace("”", "")
    if min(len(a), len(b)) < _SHORTEST:
        return False
    if a in b or b in a:
        return True
    x, y = set(a), set(b)
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= _SHARED


def resolve_indicator(name: str, vocabulary: Vocabulary, unit: str | None) -> Entity:
    """The curated indicator a name denotes, else a discovered one named by it.

    A curated name or alias must cover at least half the name: 高技能人才占技能人才比重 is
    not 高技能人才总量 because it contains 高技能人才.
    """
    if (entity := vocabulary.resolve(name)) and entity.label == INDICATOR:
        return entity
    covering = [
        m
        for m in vocabulary.matcher.find(name)
        if m.entity.label == INDICATOR and len(m.surface) * 2 >= len(name)
    ]
    if covering:
        return max(covering, key=lambda m: len(m.surface)).entity
    canonical = vocabulary.units[unit].canonical if unit in vocabulary.units else None
    return Entity(entity_id(INDICATOR, name), INDICATOR, name, unit=canonical, curated=False)
