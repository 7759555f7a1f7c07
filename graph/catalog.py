"""Names as people type them → what the graph holds.

A path or query parameter may be a canonical name, an alias, an id, or Traditional characters
(返鄉創業園 → 返乡入乡创业园); a region a code or a full or short name (500000, 重庆市, 重庆).
Unknown names are a 404 with the closest known names as suggestions. ``CurrentCatalog`` keeps
the catalogue of the store's current version: read again after every load that changed the store,
so a name is never resolved against what the store no longer holds.
"""

from __future__ import annotations

import re
import threading

from graph.errors import AmbiguousName, InvalidInput, NotFound, closest
from graph.model import Region
from graph.questions import Entities, EntityLabel, Plans, Reader, Regions
from graph.rows import EntityRow, PlanRow, RegionRow
from loaders.gazetteer import default_gazetteer
from loaders.normalize import normalise_fragment

ENTITY_LABELS: dict[EntityLabel, str] = {
    "Program": "program",
    "TargetGroup": "target group",
    "Indicator": "indicator",
}

ASCII_BLANK = " \t\n\r\f\v"
"""What the API's parameter patterns call blank: a part of only these is no region, and one with
anything else (U+0085 included, white space to ``str.strip``) is a name to look up."""


def clean(text: str) -> str:
    """A name as the graph writes it: simplified, punctuation unified, spaces trimmed (a name of
    only spaces or control characters becomes empty, and matches nothing)."""
    return normalise_fragment(text.strip())


LIST_SEPARATORS = "[,，、]"
"""What separates the names of a list of regions (重庆,宁夏, 重庆、宁夏)."""


class Catalog:
    def __init__(self, store: Reader) -> None:
        self.entities = {label: store.ask(Entities(label=label)) for label in ENTITY_LABELS}
        self.regions = store.ask(Regions())
        self.plans = store.ask(Plans())

    def entity(self, label: EntityLabel, text: str) -> EntityRow:
        name = clean(text)
        for row in self.entities[label]:
            if text.strip() == row.id or name == row.name or name in row.aliases:
                return row
        known = [row.name for row in self.entities[label]]
        raise NotFound(
            f"no {ENTITY_LABELS[label]} named {text!r}",
            suggestions=closest(name, known),
            kind=ENTITY_LABELS[label],
            looked_for=text,
        )

    def spellings(self, term: str) -> list[str]:
        """``term`` and, when it is the name or an alias of a program, group or indicator, that
        entity's other names: a search for 返乡创业园 also finds 返乡入乡创业园."""
        found = [term]
        for rows in self.entities.values():
            for row in rows:
                names = [row.name, *row.aliases]
                if term in names:
                    found += [name for name in names if name not in found]
        return found

    def region(self, text: str) -> RegionRow:
        """A region of the graph; one the gazetteer knows but no loaded plan reaches is a 404 of
        its own, so "no plan loaded" is not mistaken for "no such region"."""
        name = clean(text)
        for row in self.regions:
            if text.strip() == f"region:{row.code}" or name in (row.code, row.name, row.short_name):
                return row
        known = self._closest_regions(name)
        unloaded = _unloaded(name)
        if unloaded is not None:
            below = list(dict.fromkeys(p.region_name for p in self.plans_under(unloaded.code)))
            raise NotFound(
                f"{unloaded.name} ({unloaded.code}) has no plan loaded"
                + (f"; regions under it with plans: {len(below)}" if below else ""),
                suggestions=below or known,
                kind="region",
                looked_for=text,
            )
        raise NotFound(
            f"no region {text!r} in the graph", suggestions=known, kind="region", looked_for=text
        )

    def _closest_regions(self, name: str) -> list[str]:
        """Names of regions with plans that look like ``name``, by full or short name."""
        full = {row.name: row.name for row in self.regions if row.plans}
        full |= {row.short_name: row.name for row in self.regions if row.plans and row.short_name}
        return list(dict.fromkeys(full[found] for found in closest(name, list(full))))

    def plans_under(self, code: str) -> list[PlanRow]:
        """The plans of the regions under the region ``code`` (not its own)."""
        gazetteer = default_gazetteer()
        return [
            plan
            for plan in self.plans
            if any(region.code == code for region in gazetteer.ancestors(plan.region_code)[1:])
        ]

    def scope(self, text: str) -> list[RegionRow]:
        """The regions a question is asked about (重庆,宁夏, 重庆、宁夏 or 500000,640000), each
        resolved, in order, once. A region the gazetteer knows with no plan loaded is in scope
        too, with ``plans`` 0: the answer's coverage lists it as not loaded instead of refusing
        the question."""
        parts = [p for p in re.split(LIST_SEPARATORS, text) if p.strip(ASCII_BLANK)]
        if not parts:
            raise InvalidInput("no region given")
        found = {row.code: row for row in (self.region_in_scope(p) for p in parts)}
        return list(found.values())

    def region_in_scope(self, text: str) -> RegionRow:
        """A region of the graph or, with no plan loaded, of the gazetteer (``plans`` 0)."""
        try:
            return self.region(text)
        except NotFound:
            unloaded = _unloaded(clean(text))
            if unloaded is None:
                raise
            return RegionRow(
                code=unloaded.code,
                name=unloaded.name,
                short_name=unloaded.short_name,
                level=unloaded.level,
                parent_code=unloaded.parent_code,
                plans=0,
            )

    def plan(self, text: str) -> PlanRow:
        """A plan by id, file name or hash prefix; an earlier version's id is a 404 that names
        the plan that replaced it."""
        ref = text.strip()
        for row in self.plans:
            if ref in (row.id, row.source) or (len(ref) >= 8 and row.sha256.startswith(ref)):
                return row
        for row in self.plans:
            if ref in row.replaces:
                raise NotFound(
                    f"plan {text!r} was replaced by {row.id}, a new version of {row.source}",
                    suggestions=[row.id],
                    kind="plan",
                    looked_for=text,
                )
        if (regional := self._region_plans(ref)) is not None:
            return regional
        ids = {row.id: row.id for row in self.plans} | {row.source: row.id for row in self.plans}
        raise NotFound(
            f"no plan {text!r}",
            suggestions=list(dict.fromkeys(ids[found] for found in closest(ref, list(ids)))),
            kind="plan",
            looked_for=text,
        )

    def _region_plans(self, text: str) -> PlanRow | None:
        """The one plan of the region ``text`` names (宁夏); None when it names no region at all.
        A region with several plans, or none loaded, is a 404 that says so."""
        try:
            region = self.region_in_scope(text)
        except NotFound:
            return None
        plans = [row for row in self.plans if row.region_code == region.code]
        if len(plans) == 1:
            return plans[0]
        if not plans:
            below = self.plans_under(region.code)
            raise NotFound(
                f"{region.name} ({region.code}) has no plan loaded"
                + (f"; plans of regions under it: {len(below)}" if below else ""),
                suggestions=[row.id for row in below],
                kind="plan",
                looked_for=text,
            )
        raise NotFound(
            f"{region.name} has {len(plans)} plans loaded; name one",
            suggestions=[row.id for row in plans],
            kind="plan",
            looked_for=text,
        )


class CurrentCatalog:
    """The catalogue of the version a reader reads: read again only when a load changed the
    store. Nothing in it can outlive the data it was read from, so several API processes on
    one database stay correct."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: str | None = None
        self._catalog: Catalog | None = None

    def get(self, reader: Reader) -> Catalog:
        """The catalogue of what ``reader`` (one snapshot of the store) reads. After a load,
        the first request reads it; the others of that version wait for it, not read it too."""
        version = reader.version()
        with self._lock:
            if self._catalog is None or version != self._version:
                self._catalog, self._version = Catalog(reader), version
            return self._catalog


def _unloaded(name: str) -> Region | None:
    """The region of the gazetteer ``name`` (a code or name) stands for, when no plan is loaded
    for one of that name; a name several regions bear is refused with them listed."""
    gazetteer = default_gazetteer()
    found = gazetteer.lookup(name)
    if len(found) > 1:
        candidates = [  # 320106 南京市鼓楼区: the code, the name under its parent's
            f"{region.code} {''.join(r.name for r in gazetteer.ancestors(region.code)[1::-1])}"
            for region in found
        ]
        raise AmbiguousName(
            f"{name!r} names {len(found)} regions, none with a plan loaded: give its code",
            candidates=candidates,
        )
    return found[0] if found else None
