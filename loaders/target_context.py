"""What target extraction needs to know about a plan, and how a target's scope is read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.model import Entity, PlanMeta, Target
from loaders.gazetteer import Gazetteer
from loaders.quantities import Quantity, normalised
from loaders.sections import SectionRoles
from loaders.vocabulary import Unit, Vocabulary

_STAR_NOTE = re.compile(r"带?\*号?的?(?:为|是)(\d{4})年(?:的)?数据")
_ANNUAL = re.compile(r"每年|年均|每两年|平均每年|[／/]年|年度")
_CUMULATIVE = re.compile(r"累计|五年|十四五”?(?:期间|时期)")
_LEVEL_UNITS = {"percent", "percentage_points", "years"}
_COMPATIBLE_UNITS = [{"persons", "person_times"}, {"percent", "percentage_points"}]


@dataclass
class TargetContext:
    meta: PlanMeta
    roles: SectionRoles
    vocabulary: Vocabulary
    text: str
    gazetteer: Gazetteer | None = None

    @property
    def star_year(self) -> int | None:
        """The year a table's * marks, from its note (带*号的为2019年数据)."""
        note = _STAR_NOTE.search(self.text)
        return int(note.group(1)) if note else None

    def sub_region(self, label: str) -> str | None:
        """The code of the region a table row names when it lies inside the plan's region."""
        own = self.meta.region_code
        if self.gazetteer is None or own is None:
            return None
        for region in self.gazetteer.lookup(label):
            if region.code != own and own in {
                r.code for r in self.gazetteer.ancestors(region.code)
            }:
                return region.code
        return None

    def fits(self, indicator: Entity, quantity: Quantity) -> bool:
        """高技能人才…3个 is not a number of people: the quantity's unit must suit a curated indicator."""
        unit = self.vocabulary.units.get(quantity.unit or "")
        if (
            not indicator.curated
            or indicator.unit is None
            or unit is None
            or unit.canonical == indicator.unit
        ):
            return True
        return any({unit.canonical, indicator.unit} <= group for group in _COMPATIBLE_UNITS)


def quantity_target(
    indicator: Entity,
    clause_id: str,
    evidence: str,
    quantity: Quantity,
    units: dict[str, Unit],
    **facts: Any,
) -> Target:
    """A SETS_TARGET whose value fields come from ``quantity`` (as written, range, unit,
    comparator, normalised); ``facts`` gives the rest (year, scope, main …)."""
    value, norm_unit = normalised(quantity.value, quantity.unit, units)
    return Target(
        indicator_id=indicator.id, clause_id=clause_id, evidence=evidence, value=quantity.value,
        value_high=quantity.high, value_text=quantity.text, unit=quantity.unit, comparator=quantity.comparator,
        normalized_value=value, normalized_unit=norm_unit, **facts,
    )  # fmt: skip


def scope_of(
    quantity: Quantity, own: str, indicator: Entity, units: dict[str, Unit], lead: str = ""
) -> str:
    """cumulative, annual or level.

    The number's own words decide first (【】, 累计, 每年, 年均); a rate or a stock is a
    level; then the indicator's usual scope; then the sentence's lead (“十四五”期间，…);
    a count of new things (新增…) over a plan period is a total.
    """
    if quantity.bracketed or (_CUMULATIVE.search(own) and not _ANNUAL.search(own)):
        return "cumulative"
    if _ANNUAL.search(own):
        return "annual"
    unit = units.get(quantity.unit or "")
    if unit is not None and unit.canonical in _LEVEL_UNITS:
        return "level"
    if indicator.default_scope:
        return indicator.default_scope
    if _CUMULATIVE.search(lead):
        return "cumulative"
    if indicator.name.startswith("新增"):
        return "cumulative"
    return "level"
