"""The region gazetteer (data/regions/regions.csv, GB/T 2260 codes) and region lookup in text.

A plan's region is read from its own title and header, never from its file name.
Full names match anywhere; short names (内蒙古, 巴彦淖尔) only for provinces and
prefectures, because two-character county short names collide with ordinary words. A plan of the
country names no region: its issuer or 文号 says so (data/regions/national.yaml).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick
import yaml

from graph.errors import VocabularyError
from graph.model import Region
from graph.settings import get_settings

LEVEL_DEPTH = {"country": 0, "province": 1, "prefecture": 2, "county": 3}


@dataclass(frozen=True)
class NationalSigns:
    """Title or header lines that begin with one of ``issuers``, or a 文号 that begins with one
    of ``doc_number_prefixes``: the country's plan (国务院关于印发…, 人社部发〔2021〕…)."""

    issuers: tuple[str, ...] = ()
    doc_number_prefixes: tuple[str, ...] = ()

    def shown_by(self, lines: list[str], doc_number: str | None) -> bool:
        if self.issuers and any(line.startswith(self.issuers) for line in lines):
            return True
        prefixes = self.doc_number_prefixes
        return bool(prefixes and doc_number and doc_number.startswith(prefixes))


class Gazetteer:
    def __init__(self, regions: list[Region], national: NationalSigns | None = None) -> None:
        self.national = national or NationalSigns()
        self.country = next((r for r in regions if r.level == "country"), None)
        self.by_code = {r.code: r for r in regions}
        self._by_name: dict[str, list[Region]] = {}
        for r in regions:
            self._by_name.setdefault(r.name, []).append(r)
            if r.level in ("province", "prefecture") and r.short_name != r.name:
                self._by_name.setdefault(r.short_name, []).append(r)
        self._automaton = ahocorasick.Automaton()
        for name in self._by_name:
            self._automaton.add_word(name, name)
        self._automaton.make_automaton()

    def ancestors(self, code: str) -> list[Region]:
        """The region and its parents up to the country, nearest first."""
        chain: list[Region] = []
        region = self.by_code.get(code)
        while region is not None:
            chain.append(region)
            region = self.by_code.get(region.parent_code or "")
        return chain

    def lookup(self, name_or_code: str) -> list[Region]:
        """Regions with this code, full name or short name (several when ambiguous)."""
        if name_or_code in self.by_code:
            return [self.by_code[name_or_code]]
        return list(self._by_name.get(name_or_code, ()))

    def find(self, text: str) -> list[Region]:
        """Regions named in ``text``, in order, leftmost-longest; ambiguous names skipped."""
        return [region for _, _, region in self.spans(text)]

    def spans(self, text: str) -> list[tuple[int, int, Region]]:
        """Each region ``find`` gives with where its name stands in ``text`` (start, end)."""
        found: list[tuple[int, int, Region]] = []
        for last, name in self._automaton.iter_long(text):
            candidates = self._by_name[name]
            if len({r.code for r in candidates}) == 1 and candidates[0].level != "country":
                found.append((last + 1 - len(name), last + 1, candidates[0]))
        return found

    def separate(self, text: str) -> list[Region]:
        """The regions ``text`` names that do not contain one another: of each chain named
        (内蒙古…巴彦淖尔), its most specific. Two or more means two places, not one."""
        heads: list[Region] = []
        for region in self.find(text):
            chain = {r.code for r in self.ancestors(region.code)}
            for i, head in enumerate(heads):
                if head.code in chain:
                    heads[i] = region
                    break
                if region.code in {r.code for r in self.ancestors(head.code)}:
                    break
            else:
                heads.append(region)
        return heads

    def most_specific(self, text: str) -> Region | None:
        """The deepest region named in ``text`` that agrees with the others named there.

        巴彦淖尔市…内蒙古 gives 巴彦淖尔市; a region outside the chain of the first one
        named (a neighbour cited in passing) does not win.
        """
        found = self.find(text)
        if not found:
            return None
        best = found[0]
        for region in found[1:]:
            chain = {r.code for r in self.ancestors(region.code)}
            if best.code in chain and LEVEL_DEPTH[region.level] > LEVEL_DEPTH[best.level]:
                best = region
        return best


def load_gazetteer(path: Path) -> Gazetteer:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise VocabularyError(f"cannot read gazetteer: {exc}", source=str(path)) from exc
    regions = [
        Region(r["code"], r["name"], r["short_name"], r["level"], r["parent_code"] or None)
        for r in rows
    ]
    return Gazetteer(regions, _national_signs(path.with_name(NATIONAL_FILE)))


NATIONAL_FILE = "national.yaml"
"""Beside the gazetteer: what shows a plan to be the country's."""


def _national_signs(path: Path) -> NationalSigns:
    """The signs of a national plan; none when the file is absent (a gazetteer of one province)."""
    if not path.exists():
        return NationalSigns()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return NationalSigns(
            tuple(data.get("issuers", [])), tuple(data.get("doc_number_prefixes", []))
        )
    except (OSError, yaml.YAMLError, AttributeError) as exc:
        raise VocabularyError(f"cannot read national signs: {exc}", source=str(path)) from exc


@cache
def default_gazetteer() -> Gazetteer:
    return load_gazetteer(get_settings().paths.regions_file)
