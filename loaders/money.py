"""How plans write money: amounts, money instruments, and whether a clause pays at all.

An amount is 1万元, 200 万元, 3亿元; its kind comes from the words around it (最高: a cap,
每人每月: per month, 一次性: one-off). A money instrument is a noun ending in a money word
(一次性创业资助, 租金补贴, 贴息) that is not the name of a fund money comes from (就业补助
资金, 失业保险基金). A clause pays when it commits an amount or a verb pays an instrument;
options and trials (``commitment.optional``), rewards to governments for their record,
in-kind help and procedures (补贴申领, 资金监管) do not.
"""

from __future__ import annotations

import re

from loaders.commitment import optional
from loaders.segments import segments

MONEY_UNITS = ("元", "万元", "亿元")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s?(亿元|万元|元)")
_YUAN = {"亿元": 1e8, "万元": 1e4, "元": 1.0}
_MONEY_HEAD = r"补贴|补助|资助|奖励|奖补|贴息|补偿|代偿|津贴|经费|专项资金|综合支持|资金支持|资金补助|运营补助|返还|贷款|安家费"
_BY_KIND = re.compile(r"(?:一次性)?(?:培训|岗位)?(?:补贴|补助|资助|奖励|奖补)")
_INSTRUMENT = re.compile(rf"(?P<name>[\u4e00-\u9fff“”]{{0,12}}?(?:{_MONEY_HEAD}))")
_PAYS_AMOUNT = re.compile(
    r"给予|发放|安排|可申领|可申请|予以|享受|落实|提供|列支|统筹使用|用好|返还|以奖代补|执行|奖励|资助|补助|贴息"
    r"|按[^，；。]{0,16}(?:标准|比例|给予)|纳入[^，；。]{0,30}范围|最高[^，；。]{0,6}\d"
)
"""Words that pay a stated amount (给予1万元, 每人奖励3万元, 最高20万元)."""
_PAYS_INSTRUMENT = re.compile(
    r"给予|发放|落实|安排|予以|提供|享受|列支|以奖代补|统筹使用|用好|可申领|可申请|执行|纳入[^，；。]{0,30}范围"
    r"|按[^，；。]{0,16}(?:标准|比例)"
)
"""Verbs that pay an instrument when no amount is stated (落实…贴息, 按…标准给予岗位补贴);
奖励 or 补助 alone is a noun there, not a payment."""
_IN_KIND = re.compile(r"免收|减免|免除|免租|免费提供|零租金")
_TO_ADMINISTRATIONS = re.compile(
    r"对[^，；。]{0,12}成效(?:突出|明显|显著)的(?:市|县|区|地|州|盟|乡镇|镇|街道|板块|部门)"
)
"""对就业工作成效突出的市（地）给予奖励: a reward to governments for their record, no program."""
SOURCE = re.compile(
    r"^(?:中央和省级|省级|市级|县级|区级)?(?:就业|就业创业|就业补助|创业|稳就业|就业专项)?(?:补助|专项)?(?:资金|基金|专账资金|专账)$"
)
"""Where money comes from (就业补助资金, 失业保险基金) is no program."""
_FUND_AFTER = re.compile(r"资金|基金|专账")
"""Used with ``match(text, pos)``: the money word is part of a fund's name (就业补助资金)."""
_LEAD_WORDS = re.compile(r"^(?:[^，；。]*?(?:给予|发放|予以|的|按规定))+")
_INSTRUMENT_KIND = (
    (re.compile(r"以奖代补"), "reward_in_lieu"),
    (re.compile(r"贷款"), "loan"),
    (re.compile(r"贴息"), "interest_subsidy"),
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
)


def instrument_kind(instrument: str, context: str = "") -> str:
    """subsidy, loan, interest_subsidy, award, grant, special_fund, reward_in_lieu, purchase or
    other: from the instrument's own words, else from its ``context``."""
    for text in (instrument, context):
        if kind := next((kind for pattern, kind in _INSTRUMENT_KIND if pattern.search(text)), None):
            return kind
    return "other"


def amount_of(
    text: str, start: int = 0
) -> tuple[float | None, str | None, float | None, str | None]:
    """(amount, unit, amount in 元, amount kind) of the first amount written from ``start``.

    The kind comes from the words before the amount (最高, 每人每月) or, for 一次性, from
    either side (给予1万元一次性创业补贴); an amount with none of them is a total.
    """
    found = AMOUNT.search(text, start)
    if found is None:
        return None, None, None, None
    lead, tail = (
        text[max(0, found.start() - 12) : found.start()],
        text[found.end() : found.end() + 8],
    )
    kind = next((k for pattern, k in _AMOUNT_KIND if pattern.search(lead)), None)
    if kind is None and "一次性" in lead + tail:
        kind = "one_off"
    value = float(found.group(1))
    return value, found.group(2), round(value * _YUAN[found.group(2)], 2), kind or "total"


def money_instrument(text: str, start: int = 0) -> str | None:
    """The first money instrument named from ``start`` (一次性创业资助, 租金补贴), not a fund."""
    for found in _INSTRUMENT.finditer(text, start):
        if _FUND_AFTER.match(text, found.end()):
            continue
        name = _LEAD_WORDS.sub("", found["name"]).strip("“”")
        if len(name) >= 2 and not SOURCE.match(name):
            return name
    return None


def written_instrument(text: str, start: int, end: int) -> str:
    """The instrument as the clause writes it around a name found at ``start:end`` (创业培训补贴
    around 培训补贴)."""
    for found in _INSTRUMENT.finditer(text, max(0, start - 12)):
        if found.start() <= start and found.end() == end:
            return _LEAD_WORDS.sub("", found["name"]).strip("“”")
    return text[start:end]


def named_by_kind(instrument: str) -> bool:
    """An instrument named by its kind alone (培训补贴, 岗位补贴, 一次性奖励) says how money is paid,
    not what for: the program it pays is named elsewhere."""
    return _BY_KIND.fullmatch(instrument) is not None


_MONEY_WORD = re.compile(r"[元补贴奖助资贷金费酬]|返还|列支|购买|扩围")


def may_pay(text: str) -> bool:
    """A quick test before the readers run: a clause with none of the money words either reader
    knows (元, 补贴, 贷款, 报酬, 购买, 扩围 …) pays nothing."""
    return _MONEY_WORD.search(text) is not None


def commits_money(text: str) -> bool:
    """Money committed in the clause: an amount paid, or a verb that pays a money instrument
    in the same stretch (给予…补贴, 落实…贴息); 补贴申领 and 加强补助资金监管 only speak of money."""
    # 对就业工作成效突出的市给予奖励 pays governments: from there on the clause pays no program.
    if rewarded := _TO_ADMINISTRATIONS.search(text):
        text = text[: rewarded.start()]
    if optional(text) or (_IN_KIND.search(text) and not AMOUNT.search(text)):
        return False
    if AMOUNT.search(text):
        return bool(_PAYS_AMOUNT.search(text))
    return any(
        _PAYS_INSTRUMENT.search(text, start, end) and money_instrument(text[:end], start)
        for start, end in segments(text)
    )


def first_payment(text: str) -> re.Match[str] | None:
    """Where the clause pays: its first amount, else its first paying word."""
    return AMOUNT.search(text) or _PAYS_AMOUNT.search(text)
