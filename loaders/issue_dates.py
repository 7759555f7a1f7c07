"""When a document was issued, as its text states it.

Places, in order of trust: a 成文日期/生成日期 field; the bracket line under the title
(（苏政办发〔2021〕78号 2021年11月3日）, （…2021年12月14日印发）); a date line of its own in the
header (a covering notice's signature), in Arabic or Chinese numerals (二〇二一年十二月三十一日),
zero-padded or not; the signature or 印发 line at the end of the text; a month alone
(2021年12月 → 2021-12). Publication dates of a web page (发布日期, 发布时间) are not
issue dates.
"""

from __future__ import annotations

import re
from datetime import date

from loaders.quantities import number

_CN = "〇零一二三四五六七八九十○"
_DATE = rf"(?P<y>\d{{4}}|[{_CN}]{{4}})年(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})月(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})日"
_ISO = r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
_FIELD = re.compile(rf"(?:成文日期|生成日期)[：:](?:{_DATE}|{_ISO})")
_BRACKET = re.compile(rf"^（[^（）]*?{_DATE}(?:印发)?）$")
_LINE = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{2,30}}(?:人民政府|办公厅|办公室|委员会|厅|局))?{_DATE}(?:印发)?$"
)
_MONTH = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月$")
_HEADER, _FOOTER = 40, 15


def _digits(written: str) -> int:
    if written.isdigit():
        return int(written)
    if len(written) == 4:  # 二〇二一: a year is read digit by digit
        return int("".join(str(int(number(ch.replace("○", "〇")) or 0)) for ch in written))
    return int(number(written) or 0)


def _iso(match: re.Match[str]) -> str | None:
    """The date as YYYY-MM-DD, or None when it is no date (2021年13月45日)."""
    groups = {k: v for k, v in match.groupdict().items() if v}
    y, m, d = (_digits(groups.get(k) or groups[f"i{k}"]) for k in "ymd")
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def issue_date(text: str) -> str | None:
    """The document's issue date (ISO, or YYYY-MM for a month alone), or None."""
    lines = text.split("\n")
    header, footer = lines[:_HEADER], lines[-_FOOTER:]
    for line in lines:
        if (found := _FIELD.search(line)) and (iso := _iso(found)):
            return iso
    for pattern, where in ((_BRACKET, header), (_LINE, header), (_LINE, footer[::-1])):
        for line in where:
            if (found := pattern.match(line)) and (iso := _iso(found)):
                return iso
    for line in header:
        if found := _MONTH.match(line):
            return f"{int(found['y']):04d}-{int(found['m']):02d}"
    return None
