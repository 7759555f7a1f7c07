"""The curated vocabularies (data/vocab/*.yaml) and an alias matcher over them.

Matching is exact and leftmost-longest over every name and alias (Aho–Corasick),
so 返乡入乡创业园 wins over a shorter alias inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick
import yaml

from graph.errors import VocabularyError
from graph.ids import slug
from graph.model import GROUP, INDICATOR, PROGRAM, Entity
from graph.schema import ProgramKind
from graph.settings import get_settings

FILES = {GROUP: "target_groups.yaml", PROGRAM: "programs.yaml", INDICATOR: "indicators.yaml"}
ID_PREFIX: dict[str, str] = {GROUP: "group", PROGRAM: "program", INDICATOR: "indicator"}


@dataclass(frozen=True)
class Unit:
    """How a unit as written converts to a canonical unit (万人 → 10000 persons)."""

    written: str
    canonical: str
    factor: float


@dataclass(frozen=True)
class Match:
    entity: Entity
    surface: str
    start: int
    end: int


def entity_id(label: str, name: str) -> str:
    return f"{ID_PREFIX[label]}:{slug(name)}"


class Matcher:
    """Leftmost-longest alias matching over a fixed set of entities, label by label.

    Each label is matched on its own, so one stretch of text can mention entities of
    different labels: 输转城乡富余劳动力 is an indicator and names a target group.
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._automata: list[ahocorasick.Automaton] = []
        by_label: dict[str, list[Entity]] = {}
        for entity in entities:
            by_label.setdefault(entity.label, []).append(entity)
        for label in sorted(by_label):
            automaton = ahocorasick.Automaton()
            for entity in by_label[label]:
                for surface in (entity.name, *entity.aliases):
                    automaton.add_word(surface, (surface, entity))
            automaton.make_automaton()
            self._automata.append(automaton)

    def find(self, text: str) -> Iterator[Match]:
        """Matches in text order (by start, then longest first)."""
        matches = [
            Match(entity, surface, end - len(surface) + 1, end + 1)
            for automaton in self._automata
            for end, (surface, entity) in automaton.iter_long(text)
        ]
        yield from sorted(matches, key=lambda m: (m.start, -m.end, m.entity.label))


class Vocabulary:
    """Target groups, programs, indicators and units, as curated in data files."""

    def __init__(self, entities: list[Entity], units: dict[str, Unit]) -> None:
        self.entities = entities
        self.units = units
        self.by_id = {e.id: e for e in entities}
        self.by_surface: dict[str, Entity] = {}
        for e in entities:
            for surface in (e.name, *e.aliases):
                self.by_surface[surface] = e
        self.matcher = Matcher(entities)

    def resolve(self, surface: str) -> Entity | None:
        return self.by_surface.get(surface)

    def of_label(self, label: str) -> list[Entity]:
        return [e for e in self.entities if e.label == label]


def _read_yaml(path: Path) -> list[dict[str, object]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"cannot read: {exc}", source=str(path)) from exc
    if not isinstance(data, list):
        raise VocabularyError("expected a list of entries", source=str(path))
    return data


def word_list(data: dict[str, object], key: str, *, required: bool) -> tuple[str, ...]:
    """``data[key]``, a list of words (a string would be read as its characters); a ValueError
    saying what is wrong otherwise, for the caller to report with its file."""
    value = data[key] if required else data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise ValueError(f"{key} must be a list of words")
    if required and not value:
        raise ValueError(f"{key} needs one word or more")
    return tuple(value)


def _entity(label: str, row: dict[str, object], source: str) -> Entity:
    name = row.get("name")
    if not isinstance(name, str) or not name:
        raise VocabularyError(f"entry without a name: {row}", source=source)
    kind = row.get("kind")
    if label == PROGRAM and kind not in set(ProgramKind):
        raise VocabularyError(
            f"{name}: kind must be one of {', '.join(ProgramKind)}", source=source
        )
    aliases = tuple(str(a) for a in row.get("aliases") or () if a != name)  # type: ignore[attr-defined]
    return Entity(
        id=entity_id(label, name),
        label=label,
        name=name,
        aliases=aliases,
        kind=str(kind) if kind else None,
        unit=str(row["unit"]) if row.get("unit") else None,
        default_scope=str(row["default_scope"]) if row.get("default_scope") else None,
        program_id=entity_id(PROGRAM, str(row["program"])) if row.get("program") else None,
    )


def load_vocabulary(vocab_dir: Path) -> Vocabulary:
    """Read and check the vocabulary files; a surface naming two entities is an error."""
    entities: list[Entity] = []
    owner: dict[str, str] = {}
    for label, filename in FILES.items():
        path = vocab_dir / filename
        for row in _read_yaml(path):
            entity = _entity(label, row, str(path))
            for surface in (entity.name, *entity.aliases):
                if surface in owner and owner[surface] != entity.id:
                    raise VocabularyError(
                        f"{surface!r} names both {owner[surface]} and {entity.id}", source=str(path)
                    )
                owner[surface] = entity.id
            entities.append(entity)
    ids = {e.id for e in entities}
    if len(ids) != len(entities):
        raise VocabularyError(
            "two entries share an id (same name or pinyin)", source=str(vocab_dir)
        )
    for e in entities:
        if e.program_id is not None and e.program_id not in ids:
            raise VocabularyError(
                f"{e.name}: its program is not in the vocabulary", source=str(vocab_dir)
            )
    units = {
        str(row["written"]): Unit(str(row["written"]), str(row["canonical"]), float(row["factor"]))  # type: ignore[arg-type]
        for row in _read_yaml(vocab_dir / "units.yaml")
    }
    return Vocabulary(entities, units)


@cache
def default_vocabulary() -> Vocabulary:
    return load_vocabulary(get_settings().paths.vocab_dir)
