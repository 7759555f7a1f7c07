"""What two clauses are compared on: Chinese character bigrams, numbers, and words.

Bigrams of Han characters only, so punctuation, digits and layout do not count towards
similarity (a city's 7500人 against its province's 100万人 is the same sentence with another
number); the numbers and words are what an elaboration adds.
"""

from __future__ import annotations

import re

from graph.lineage.institutions import default_institution_names
from graph.model import Region
from loaders.gazetteer import default_gazetteer
from loaders.word_boundaries import on_word_boundaries, tokenizer

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:万亿|[万亿千]|%|‰|个百分点)?")
"""A number with its magnitude or percent sign: 5万 (people, yuan) is not the 5 of ≤5%."""
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_PERIOD = re.compile(r"(?P<first>(?:19|20)\d\d)\s*[—–\-~～至到]\s*(?P<last>(?:19|20)\d\d)")
"""A period (2021—2025年, （2021-2025）): both its years are dates."""
_COUNT_OF_ITEMS = re.compile(r"\d+(?=(?:条|项)(?:具体|重点)?(?:措施|举措|任务)|个?方面|个?部分)")
"""``7条具体措施``, ``三个部分``: how the text itself is organised, not a figure of policy (but
``3条美食旅游精品线路`` is one)."""
_DOCUMENT_NUMBER = re.compile(r"[〔\[［﹝（(]\s*(?:19|20)\d\d\s*[〕\]］﹞）)]\s*第?\s*\d+\s*号")
"""A document's number (新政发〔2021〕92号, 曲政办发（2021）48号, 〔2021〕第14号): it cites, it
states no figure."""
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}|\d+(?:\.\d+)?[%万亿千百十个人元户家所名项期次]*")


def han_bigrams(text: str) -> set[str]:
    """The distinct bigrams of each run of Han characters (a one-character run gives none)."""
    return {run[i : i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}


def han_count(text: str) -> int:
    return sum(len(run) for run in _HAN.findall(text))


def figures(text: str) -> set[str]:
    """The figures a clause states (with magnitude: ``5万``, ``5%``), less years (2025年: a date
    is not a figure it adds), document numbers and counts of the text's own items."""
    text = _DOCUMENT_NUMBER.sub(" ", text)
    left_out = {m.start() for pattern in (_YEAR, _COUNT_OF_ITEMS) for m in pattern.finditer(text)}
    left_out |= {m.start(year) for m in _PERIOD.finditer(text) for year in ("first", "last")}
    return {m.group() for m in _FIGURE.finditer(text) if m.start() not in left_out}


def named_places(text: str, region_code: str) -> set[str]:
    """The places a clause names that can be a concrete item of its own: regions other than its
    plan's and those above it, by their full name (a county of its own, 讷河市 in 齐齐哈尔's plan;
    a partner, 河南省 in 哈密's; 苏州 as 苏州市 in 江苏's; the plan's own name and those above it
    only reword 全省), and institutions and parks by their own name, as written."""
    spans = default_gazetteer().spans(text)
    own = _own_chain(region_code)
    return {region.name for region in _other_regions(text, spans, own)} | (
        named_institutions(text, spans)
    )


def places_added(text: str, counterparts: list[str], region_code: str) -> set[str]:
    """The places ``text`` names (``named_places``) that its counterparts name neither as written
    nor by a region holding them: 广州市 where the province wrote 广东 narrows a partner, it adds
    none."""
    gazetteer = default_gazetteer()
    spans = gazetteer.spans(text)
    own = _own_chain(region_code)
    regions = _other_regions(text, spans, own)
    institutions = named_institutions(text, spans)
    if not regions and not institutions:
        return set()
    theirs = {region.code for c in counterparts for _, _, region in gazetteer.spans(c)} - own
    held = {
        region.name
        for region in regions
        if not theirs & {above.code for above in gazetteer.ancestors(region.code)}
    }
    return {place for place in held | institutions if not any(place in c for c in counterparts)}


def _own_chain(region_code: str) -> set[str]:
    return {region_code} | {above.code for above in default_gazetteer().ancestors(region_code)}


def _other_regions(text: str, spans: list[tuple[int, int, Region]], own: set[str]) -> list[Region]:
    """The regions named as words (和县 is no county in 和县域, nor 长治市 in 长治久安) other than
    ``own``, the plan's region and those above it (``_own_chain``)."""
    return [
        region
        for start, end, region in spans
        if region.code not in own and on_word_boundaries(text, start, end)
    ]


def named_institutions(text: str, spans: list[tuple[int, int, Region]]) -> set[str]:
    """Institutions and parks named after a region (齐齐哈尔医学院), from each region's name to
    the nearest kind before the next region's name (data/vocab/institutions.yaml)."""
    names = default_institution_names()
    found: set[str] = set()
    for i, (start, end, _) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        if (name_end := names.name_at(text, end, stop)) is not None:
            found.add(text[start:name_end])
    return found


def words(text: str) -> tuple[str, ...]:
    """The clause's words (jieba) of two or more Han characters, and its numbers with their unit."""
    return tuple(dict.fromkeys(w for w in tokenizer().cut(text) if _WORD.fullmatch(w)))


def added_words(child_words: tuple[str, ...], counterpart: str) -> tuple[str, ...]:
    """The child's words (``words``, cut once per clause) that the counterpart lacks."""
    return tuple(w for w in child_words if w not in counterpart)
