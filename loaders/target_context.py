"""What target extraction needs to know about a plan, and how a target's scope is read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Entity, PlanMeta
from loaders.quantities import Quantity
from loaders.sections import SectionRoles
from loaders.vocabulary import Vocabulary

_STAR_NOTE = re.compile(r"带?\*号?的?(?:为|是)(\d{4})年(?:的)?数据")
_ANNUAL = re.compile(r"每年|年均|年度")
_CUMULATIVE = re.compile(r"累计|十四五期间|五年")


@dataclass
class TargetContext:
    meta: PlanMeta
    roles: SectionRoles
    vocabulary: Vocabulary
    text: str

    @property
    def star_year(self) -> int | None:
        """The year a table's * marks, from its note (带*号的为2019年数据)."""
        note = _STAR_NOTE.search(self.text)
        return int(note.group(1)) if note else None


def scope_of(quantity: Quantity, context: str, indicator: Entity) -> str:
    """cumulative (【】, 累计, 五年), annual (每年, 年均), else the indicator's default or level."""
    if quantity.bracketed or _CUMULATIVE.search(context):
        return "cumulative"
    if _ANNUAL.search(context):
        return "annual"
    return indicator.default_scope or "level"
