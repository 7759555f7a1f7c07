"""The document's own 文号, among the many numbers a published page carries.

A page cites its parent (依据《…规划》（国发〔2021〕14号）), lists other documents in a 公报
table of contents, a 相关文件 box or related links, and states its own number in one of a
few places. In order of trust: a 文号/发文字号 field (信息公开 block, 【信息来源…文号…】
line), a bracket line of its own under the title (（苏政办发〔2021〕78号 2021年11月3日）,
（新政发〔2021〕92号附件 …印发）), a line holding only the number (under a covering
notice's title). A 解读 has no number of its own; the plan it explains is named with
（…号，以下简称《规划》）, which is kept as the number of the document it is about. A
number written in parentheses after a title is a citation.
"""

from __future__ import annotations

import re

NUMBER = r"[\u4e00-\u9fff]{1,10}[〔\[]\d{4}[〕\]]\d{1,4}号"
_FIELD = re.compile(rf"(?:发文字号|文号)[：:](?P<n>{NUMBER})")
_BRACKET_LINE = re.compile(rf"^（(?P<n>{NUMBER})[^（）]*）$")
_ALONE = re.compile(rf"^(?P<n>{NUMBER})$")
_SUBJECT = re.compile(rf"（(?P<n>{NUMBER})，以下简称")
_RELATED = re.compile(r"相关(?:文件|链接|新闻|阅读)|附件下载")
_HEADER = 40


def _outside_related(lines: list[str]) -> list[str]:
    """Lines before the first related-documents box, and field lines anywhere (a 信息公开
    block may follow the box)."""
    cut = next((i for i, line in enumerate(lines) if _RELATED.match(line.lstrip("【"))), len(lines))
    return lines[:cut] + [line for line in lines[cut:] if _FIELD.search(line)]


def own_doc_number(text: str, kind: str) -> str | None:
    lines = _outside_related(text.split("\n"))
    for line in lines:
        if field := _FIELD.search(line):
            return field["n"]
    for pattern in (_BRACKET_LINE, _ALONE):
        for line in lines[:_HEADER]:
            if found := pattern.match(line):
                return found["n"]
    if kind == "interpretation" and (subject := _SUBJECT.search("\n".join(lines[:_HEADER]))):
        return subject["n"]
    return None
