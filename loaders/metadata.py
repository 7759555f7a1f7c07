"""Plan metadata from the header (the text before the first heading).

Only what the text states is kept: a plan without a document number has none.
The region comes from the title (or, failing that, the header) through the
gazetteer — never from the file name.
"""

from __future__ import annotations

import re

from graph.errors import AmbiguousRegion, RegionNotFound
from graph.model import PlanMeta, Region, Section
from loaders.doc_numbers import own_doc_number
from loaders.gazetteer import Gazetteer
from loaders.issue_dates import issue_date

_HEADER_LINES = 40
_TITLE = re.compile(r"(规划|方案|计划|意见|办法|纲要|措施)(（\d{4}—\d{4}年）)?$")
_PERIOD_LINE = re.compile(r"^（\d{4}[—\-–~至]\d{4}年）$")
_PERIOD = re.compile(r"(\d{4})[—\-–~至](\d{4})年")
_FIVE_YEAR = re.compile(r"“?(十[一二三四五六七八九]?|[三四五六七八九])五”?")
_NOTICE = re.compile(r"关于印发(.+?)的通知")
_CITED = re.compile(r"《([^《》]+?(?:规划|方案|计划|意见|办法))》")
_ISSUER = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组|厅|局)$"
)
_IMPLEMENTATION = re.compile(r"(实施方案|工作方案|行动方案|实施意见|实施细则)")
_ACTION_PLAN = re.compile(r"行动计划")
_ISSUER_FIELD = re.compile(r"^(?:发文机关|发布机构)[：:](?P<issuer>[\u4e00-\u9fff、]{4,40})$")
_ISSUER_PART = re.compile(
    r".+?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|领导小组|厅|局)"
)
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def header_lines(text: str, sections: list[Section]) -> list[str]:
    body_start = sections[1].line if len(sections) > 1 else _HEADER_LINES
    return text.split("\n")[: min(body_start, _HEADER_LINES)]


def five_year_period(name: str) -> tuple[int, int]:
    """十四五 → (2021, 2025): the 3rd plan began in 1966 and each lasts five years."""
    number = 10 + _CN_DIGITS.get(name[1:], 0) if name.startswith("十") else _CN_DIGITS[name]
    start = 1966 + 5 * (number - 3)
    return start, start + 4


def find_title(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        if (
            _TITLE.search(line)
            and 6 <= len(line) <= 60
            and not line.startswith("关于")
            and "通知" not in line
            and not re.search(r"[，。：；]", line)
        ):
            if i + 1 < len(lines) and _PERIOD_LINE.match(lines[i + 1]):
                return line + lines[i + 1]
            return line
    # A notice's own title, not a 公报 table of contents listing other notices with numbers.
    for line in lines:
        if (notice := _NOTICE.search(line)) and "号）" not in line:
            return notice.group(1)
    return None


def plan_kind(title: str | None, header: str) -> str:
    """From the text: a 解读 says so in its title or headline, a 行动计划 or 实施方案 in its title."""
    if "解读" in header or (title and "解读" in title):
        return "interpretation"
    if title and _ACTION_PLAN.search(title):
        return "action_plan"
    if title and _IMPLEMENTATION.search(title):
        return "implementation_scheme"
    return "plan"


def find_issuer(lines: list[str]) -> str | None:
    """The issuing body: a 发文机关 field, else an issuer line; joint issuers written one after
    another (广东省人力资源和社会保障厅广东省发展和改革委员会) are separated with 、."""
    for line in lines:
        if field := _ISSUER_FIELD.match(line):
            return field["issuer"]
    issuer = next((line for line in lines if _ISSUER.match(line)), None)
    if issuer is None:
        return None
    parts = _ISSUER_PART.findall(issuer)
    return "、".join(parts) if "".join(parts) == issuer else issuer


def _named_region(named: str, gazetteer: Gazetteer, source: str) -> Region:
    found = gazetteer.lookup(named.strip())
    if len(found) != 1:
        problem = "names several regions" if found else "is no region of the gazetteer"
        raise RegionNotFound(f"the sidecar's region {named!r} {problem}", source=source)
    return found[0]


def _region(
    title: str | None, lines: list[str], doc_number: str | None, gazetteer: Gazetteer, source: str
) -> Region:
    """The region the title names (else the header, else the country when its issuer or 文号
    says so); a title naming two places is an error."""
    header = "\n".join(lines)
    if title and len(places := gazetteer.separate(title)) > 1:
        names = "、".join(place.name for place in places)
        raise AmbiguousRegion(
            f"the title names {names}, none inside another: say which issued the plan with "
            "`region: <code or name>` in its sidecar NAME.source.yaml",
            source=source,
            line=1,
        )
    region = (gazetteer.most_specific(title) if title else None) or gazetteer.most_specific(header)
    if region is None and gazetteer.national.shown_by([title or "", *lines], doc_number):
        region = gazetteer.country
    if region is None:
        raise RegionNotFound(
            "no region of the gazetteer is named in the title or header", source=source, line=1
        )
    return region


def extract_metadata(
    text: str,
    sections: list[Section],
    gazetteer: Gazetteer,
    *,
    source: str,
    region_named: str | None = None,
) -> PlanMeta:
    """Title, region, kind, issuer, 文号, date and period; ``region_named`` (a code or name, from
    the sidecar) overrides the region the text names."""
    lines = header_lines(text, sections)
    header = "\n".join(lines)
    title = find_title(lines)
    kind = plan_kind(title, header)
    if title is None and kind == "interpretation" and (cited := _CITED.search(header)):
        title = f"《{cited.group(1)}》解读"
    doc_number = own_doc_number(text, kind)
    region = (
        _named_region(region_named, gazetteer, source)
        if region_named is not None
        else _region(title, lines, doc_number, gazetteer, source)
    )
    meta = PlanMeta(title=title, region_code=region.code, kind=kind)
    meta.issuer = find_issuer(lines)
    meta.doc_number = doc_number
    meta.issued_on = issue_date(text)
    if title and (period := _PERIOD.search(title)):
        meta.period_start, meta.period_end = int(period.group(1)), int(period.group(2))
    elif title and (five := _FIVE_YEAR.search(title)):
        meta.period_start, meta.period_end = five_year_period(five.group(1))
    return meta
