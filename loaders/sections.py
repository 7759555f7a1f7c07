"""What a section is for, read from its heading and its ancestors' headings.

Two roles matter to extraction: the main-target section (主要目标, 专栏1 …主要指标),
whose targets are the plan's headline targets, and retrospective sections (发展基础,
发展成就 …), whose numbers are achievements, not commitments.
"""

from __future__ import annotations

import re

from graph.model import Clause, Section

_MAIN = re.compile(r"主要目标|发展目标|总体目标|目标任务|主要指标|预期目标|目标要求|工作目标")
_MAIN_FALLBACK = re.compile(r"总体要求|总体思路")
_PAST = re.compile(
    r"发展基础|发展成就|发展环境|基础环境|规划背景|发展回顾|工作回顾|现实基础|取得的成[就效]|主要成[就效]|工作成效"
    r"|面临的?形势|发展形势|延伸阅读|制定背景|编制背景|发展现状|工作基础"
)
_PAST_CLAUSE = re.compile(
    r"十三五|五年来|五年间|过去五年|截至20[12]\d年|(?<![较比])20(?:1\d|20)年(?:末|底|全年|以来|，|全省|全市|全区|我)"
    r"|累计(?:投入|下拨|拨付|支出)"
)
_FUTURE_YEAR = r"(?:202[1-9]|20[3-9]\d)年"
_FUTURE_CLAUSE = re.compile(
    rf"十四五|到{_FUTURE_YEAR}|{_FUTURE_YEAR}(?:前|底|末)|力争|确保|每年|将"
)


def past_at(text: str, position: int) -> bool:
    """Whether the words before ``position`` last spoke of the past: “十三五”时期全省新增就业
    433.6万人，“十四五”目标确定为350万人 — 433.6 is past, 350 is not."""
    pasts = [m.end() for m in _PAST_CLAUSE.finditer(text, 0, position)]
    futures = [m.end() for m in _FUTURE_CLAUSE.finditer(text, 0, position)]
    return bool(pasts) and max(pasts) > max(futures, default=-1)


class SectionRoles:
    def __init__(self, sections: list[Section]) -> None:
        by_id = {s.id: s for s in sections}
        self._headings: dict[str, list[str]] = {}
        for s in sections:
            chain: list[str] = []
            node: Section | None = s
            while node is not None:
                chain.append(node.heading or "")
                node = by_id.get(node.parent_id or "")
            self._headings[s.id] = chain
        main = _MAIN if any(_MAIN.search(s.heading or "") for s in sections) else _MAIN_FALLBACK
        self._main = {
            sid for sid, chain in self._headings.items() if any(main.search(h) for h in chain)
        }
        self._past = {
            sid for sid, chain in self._headings.items() if any(_PAST.search(h) for h in chain)
        }

    def is_main(self, section_id: str) -> bool:
        return section_id in self._main

    def past_clauses(self, clauses: list[Clause]) -> set[str]:
        """Ids of retrospective clauses: in a background section, or about the past only.

        A clause speaks of the past when it names it (十三五, 截至2020年, 累计投入) and no
        future (十四五, 到2025年, 力争); a clause that names neither continues the sentence
        before it in its paragraph (“十三五”时期…。五年间新增就业725万人).
        """
        past: set[str] = set()
        previous: Clause | None = None
        for clause in clauses:
            if (
                clause.section_id in self._past
                or not _FUTURE_CLAUSE.search(clause.text)
                and (
                    _PAST_CLAUSE.search(clause.text)
                    or (
                        previous is not None
                        and previous.line == clause.line
                        and previous.id in past
                        and not clause.cells
                    )
                )
            ):
                past.add(clause.id)
            previous = clause
        return past
