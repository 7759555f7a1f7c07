"""The vocabulary of institution and park names (data/vocab/institutions.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.settings import get_settings
from loaders.vocabulary import word_list

FILE = "institutions.yaml"
_LISTS = (("kinds", True), ("not_kinds", False), ("not_between", False))
"""The file's lists of words, and whether each must be there."""


@dataclass(frozen=True)
class InstitutionNames:
    after_place: re.Pattern[str]
    """Matched where a region's name ends: what may stand between it and a kind (group
    ``between``), and the kind (group ``kind``)."""
    not_kinds: tuple[str, ...]
    """Words that begin with a kind and are none (大学生)."""
    not_between: tuple[str, ...]
    """Words that, standing between a region's name and a kind, make it no name (建设, 各)."""

    def name_at(self, text: str, end: int, stop: int) -> int | None:
        """Where the institution named after the region whose name ends at ``end`` ends (the
        kind sought before ``stop``), or None when there is none."""
        match = self.after_place.match(text, end, stop)
        if match is None or text.startswith(self.not_kinds, match.start("kind")):
            return None
        if any(word in match.group("between") for word in self.not_between):
            return None
        return match.end()


def load_institution_names(path: Path) -> InstitutionNames:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds, not_kinds, not_between = (
            word_list(data, key, required=required) for key, required in _LISTS
        )
        between, joining = data["max_between"], data.get("joining") or ""
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise VocabularyError(f"cannot read institution names: {exc}", source=str(path)) from exc
    if not isinstance(between, int) or between < 0 or not isinstance(joining, str):
        raise VocabularyError(
            "max_between must be a whole number ≥ 0 and joining a string of characters",
            source=str(path),
        )
    han = r"[\u4e00-\u9fff]"
    character = rf"(?![{re.escape(joining)}]){han}" if joining else han
    by_length = sorted(kinds, key=lambda kind: (-len(kind), kind))
    pattern = (
        rf"(?P<between>(?:{character}){{0,{between}}}?)"
        rf"(?P<kind>{'|'.join(map(re.escape, by_length))})"
    )
    return InstitutionNames(re.compile(pattern), not_kinds, not_between)


@cache
def default_institution_names() -> InstitutionNames:
    return load_institution_names(get_settings().paths.vocab_dir / FILE)
