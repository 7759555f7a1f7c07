"""The records lineage works on: each plan's statement clauses and the facts they carry.

Both stores assemble them from the same rows read back once the plans are written (the graph
file's ``lineage/*.sql``, Neo4j's ``cypher/lineage/*.cypher``), so both align the same clauses the
same way; the evaluation and the benchmark make them from extractions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.lineage.text import han_count
from graph.model import Clause, PlanExtraction
from loaders.quantities import quantities

STATEMENT_RULES = 10
"""The version of ``is_statement``, raised whenever it changes: a store records the rules its
clauses were told apart by, and one written under other rules is refused (its lineage would
compare other clauses)."""
_SENTENCE_END = re.compile(r"[。；！？;!?]$")
_MIN_HAN = 8
"""Fewer Han characters than this is a label, a date or a menu, not a statement."""
_LONG_HAN = 20
"""A line this long is a statement even without a full stop (a 解读's run-on sentence)."""
_SHORT_SENTENCE_HAN = 5
"""A full sentence this long says something however short (就业是民生之本。)."""
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")
"""``发布机构：…``, ``索引号：…``: a metadata field, unless it ends as a sentence does (主要目标：…。)
or, in a box, states a quantity (创业领航：创业培训7万人次左右／年)."""
_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|（[一二三四五六七八九十\d]+）|[（(]\d+[)）])")
_ITEM_LABEL = re.compile(r"^[^：:，。；]{1,14}[：:]")
"""The label of a list item, before what it says: ``2.专场招聘工程：每年组织…``."""
_REFERENCE = re.compile(
    r"^(?:\d+[.．、])?《?[^，。；《》]+》?（[^（）]*[〔\[［﹝]\d{4}[〕\]］﹞]\s*\d+\s*号）[；。]?$"
)
"""A document cited by its title and number alone (a page's 相关文件, a list of the plan's
sources): ``…实施意见（苏府〔2020〕45号）``."""
_POINTER = re.compile(
    r"^[\u4e00-\u9fff\d“”‘’《》（）()]{0,20}(?<!意)见"
    r"(?:[、和及至]?(?:下表|附表|附件|专栏|表)[\d一二三四五六七八九十.．\-－—]*)+[）)]?[。；：:]?$"
)
"""A sentence that only points elsewhere (主要指标见表2-1。, “十四五”时期主要指标（详见表1、表2）):
what it points to is compared, not the pointer. One clause only: a comma before 见 means the
sentence says something first (年度任务分解见附件 after a duty); 意见表 is a form, not a pointer."""


_NOTICE_TITLE = re.compile(
    r"^(?:[^，。；：:]*?(?:政府|办公厅|办公室|委员会|厅|局|部|委))?关于[^。；]*的通知$"
)
"""A covering notice's title (安徽省人民政府办公厅关于印发…的通知): it names the plan it sends;
before 关于, its issuer only (认真贯彻落实国务院办公厅关于…的通知 cites a notice: see
``_CITING``)."""
_CITING = re.compile(r"贯彻|落实|根据|按照|依据|执行|学习")
_BODY_PART = re.compile(
    r"^(?:各|有关)?[^，、,。；：:]{0,12}"
    r"(?:政府|部门|单位|机构|管委会|公署|委员会|企业|委|办|厅|局|厅（局）)$"
    r"|^各?(?:省|自治区|直辖市|市|县|区|州|盟|旗)(?:（[^（）]{1,3}）)?$"
)
"""One addressee of a notice: a body (…人民政府, 市直各委, 办, 事业单位, …厅（局）) or a kind of
region standing for its governments (各市, 自治区, 县（区）)."""
_TRANSMITTAL = re.compile(r"《[^》]+》[^。；《》]{0,40}印发给?你们")
"""现将《…规划》印发给你们，请认真组织实施。: the notice sending the plan, not a measure of it."""


def _addressees(text: str) -> bool:
    """``各区县（自治县）人民政府，市政府有关部门，有关单位：``: every part a body, then a
    colon (a lead-in that names bodies in passing, 对招用…的企业、社会组织…，按以下标准给予…：,
    has parts that are none)."""
    if not text.endswith(("：", ":")):
        return False
    parts = re.split(r"[，、,]", text[:-1])
    return all(_BODY_PART.match(part) for part in parts)


def _notice_line(text: str) -> bool:
    """A line of the covering notice the plan came under: its title, addressees or the sentence
    that sends the plan (the same formula in every region's notice, so it would echo and reuse
    across plans that share nothing else)."""
    title = _NOTICE_TITLE.match(text)
    return bool(
        (title and not _CITING.search(text.partition("关于")[0]))
        or _addressees(text)
        or _TRANSMITTAL.search(text)
    )


def is_statement(
    text: str,
    *,
    is_heading: bool,
    is_table_row: bool,
    heads_nothing: bool = False,
    in_box: bool = False,
) -> bool:
    """Whether lineage compares this clause: a sentence, an item or a table row that says
    something, not a heading, a metadata field, a line of web-page chrome or of the covering
    notice. A numbered item the outline took for a heading, being short, is a statement: one
    that heads nothing and ends as a sentence (专栏1's 1.到2025年，…达到120个。), or one that
    counts or says something after its label (``_listed_item``). In a box (专栏, 延伸阅读), a
    short line that states a quantity is one too (创业领航：创业培训7万人次左右／年); outside,
    such a line is as likely page chrome (本页已被访问：12345人次)."""
    stripped = text.strip()
    sentence = bool(_SENTENCE_END.search(stripped))
    counts = in_box and _states_quantity(stripped)
    listed = is_heading and _listed_item(stripped)
    if is_heading and not ((heads_nothing and sentence) or listed):
        return False
    if _FIELD.match(text) and not (sentence or counts):
        return False
    if _REFERENCE.match(stripped) or _POINTER.match(stripped) or _notice_line(stripped):
        return False
    han = han_count(text)
    if han < (_SHORT_SENTENCE_HAN if sentence else _MIN_HAN) and not is_table_row:
        return False
    return is_table_row or han >= _LONG_HAN or sentence or counts or listed


def _states_quantity(text: str) -> bool:
    """Whether the text states a number with its unit (5万元, 1万人次): a short line of a box
    that does (对新认定的市级劳务品牌给予5万元奖励, the tail of an item cut at its ；) says
    something, where a label, a date or a menu does not."""
    return any(True for _ in quantities(text))


def _listed_item(text: str) -> bool:
    """A numbered list item rather than a heading: it states a quantity
    (1.每年组织高校毕业生就业见习1万人以上。) or says something after a label
    (5.就业监测工程：建立…监测系统，实现…按月更新). A heading names a topic and does neither."""
    number = _ITEM_NUMBER.match(text)
    if number is None:
        return False
    body = text[number.end() :]
    label = _ITEM_LABEL.match(body)
    return _states_quantity(body) or bool(label and han_count(body[label.end() :]) >= _MIN_HAN)


def statements(x: PlanExtraction) -> list[Clause]:
    """The clauses of ``x`` that are statements (``is_statement``), in document order."""
    headed = {c.section_id for c in x.clauses if not c.is_heading}
    headed |= {s.parent_id for s in x.sections if s.parent_id}
    boxed = _boxed_sections(x)
    return [
        c
        for c in x.clauses
        if is_statement(
            c.text,
            is_heading=c.is_heading,
            is_table_row=bool(c.cells),
            heads_nothing=c.section_id not in headed,
            in_box=c.section_id in boxed,
        )
    ]


def _boxed_sections(x: PlanExtraction) -> set[str]:
    """The boxes of ``x`` and the sections inside them (a 专栏's numbered items): sections come
    in document order, each after the section holding it."""
    boxed: set[str] = set()
    for s in x.sections:
        if s.kind == "box" or s.parent_id in boxed:
            boxed.add(s.id)
    return boxed


@dataclass(frozen=True)
class LineageClause:
    id: str
    text: str
    chapter: str
    """The top-level section's path (``3``), for the per-chapter summary."""
    entities: frozenset[str] = frozenset()
    """The groups, programs and indicators the clause names, the programs it funds, the
    indicators it sets a target for."""
    funds: bool = False
    """The clause commits money (a FUNDS edge)."""


@dataclass(frozen=True)
class LineagePlan:
    id: str
    region_code: str
    issued_on: str | None
    clauses: tuple[LineageClause, ...] = field(default=())
    """Its statement clauses, in document order."""
    ancestors: tuple[str, ...] = ()
    """The codes of the regions above the plan's, nearest first."""


def chapter_of(section_id: str) -> str:
    """``plan:…/s3.2`` → ``3``: the top-level section a clause stands in (``0``, the front)."""
    return section_id.rpartition("/s")[2].split(".")[0] or "0"


def _ancestors(code: str, parent_of: dict[str, str]) -> tuple[str, ...]:
    chain: list[str] = []
    while (code := parent_of.get(code, "")) and code not in chain:
        chain.append(code)
    return tuple(chain)


def assemble(
    plans: Iterable[dict[str, Any]],
    clauses: Iterable[dict[str, Any]],
    facts: Iterable[dict[str, Any]],
    regions: Iterable[dict[str, Any]],
) -> list[LineagePlan]:
    """Plans and their statement clauses from a store's rows: ``lineage/plans``,
    ``lineage/clauses``, ``lineage/facts`` and ``lineage/regions``, the same columns in both
    stores."""
    entities: dict[str, set[str]] = {}
    funded: set[str] = set()
    for row in facts:
        entities.setdefault(row["clause_id"], set()).add(row["entity_id"])
        if row["funds"]:
            funded.add(row["clause_id"])
    by_plan: dict[str, list[LineageClause]] = {}
    for row in clauses:
        by_plan.setdefault(row["plan_id"], []).append(
            LineageClause(
                id=row["clause_id"],
                text=row["text"],
                chapter=chapter_of(row["section_id"]),
                entities=frozenset(entities.get(row["clause_id"], ())),
                funds=row["clause_id"] in funded,
            )
        )
    parent_of = {row["code"]: row["parent_code"] for row in regions}
    return [
        LineagePlan(
            id=row["plan_id"],
            region_code=row["region_code"],
            issued_on=row["issued_on"],
            clauses=tuple(by_plan.get(row["plan_id"], ())),
            ancestors=_ancestors(row["region_code"], parent_of),
        )
        for row in plans
    ]


def from_extraction(x: PlanExtraction) -> LineagePlan:
    """One plan from its extraction, through the rows a store would give (no ancestors)."""
    facts = [
        *({"clause_id": m.clause_id, "entity_id": m.entity_id, "funds": False} for m in x.mentions),
        *(
            {"clause_id": t.clause_id, "entity_id": t.indicator_id, "funds": False}
            for t in x.targets
        ),
        *({"clause_id": f.clause_id, "entity_id": f.program_id, "funds": True} for f in x.fundings),
    ]
    clauses = [
        {"plan_id": x.id, "clause_id": c.id, "text": c.text, "section_id": c.section_id}
        for c in statements(x)
    ]
    plan = {"plan_id": x.id, "region_code": x.meta.region_code or "", "issued_on": x.meta.issued_on}
    (found,) = assemble([plan], clauses, facts, [])
    return found
