"""The vocabulary of institution and park names (data/vocab/institutions.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.settings import get_settings

FILE = "institutions.yaml"


@dataclass(frozen=True)
class InstitutionNames:
    after_place: re.Pattern[str]
    """Matched where a region's name ends: what may stand between it and a kind, and the kind
    (group ``kind``)."""
    not_kinds: tuple[str, ...]
    """Words that begin with a kind and are none (大学生)."""


def load_institution_names(path: Path) -> InstitutionNames:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds = sorted(map(str, data["kinds"]), key=lambda kind: (-len(kind), kind))
        not_kinds = tuple(map(str, data.get("not_kinds") or ()))
        between = int(data["max_between"])
        joining = re.escape(str(data.get("joining") or ""))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise VocabularyError(f"cannot read institution names: {exc}", source=str(path)) from exc
    if not kinds or between < 0:
        raise VocabularyError("needs one kind or more and max_between ≥ 0", source=str(path))
    name_character = rf"(?![{joining}])[\u4e00-\u9fff]" if joining else r"[\u4e00-\u9fff]"
    pattern = rf"(?:{name_character}){{0,{between}}}?(?P<kind>{'|'.join(map(re.escape, kinds))})"
    return InstitutionNames(re.compile(pattern), not_kinds)


@cache
def default_institution_names() -> InstitutionNames:
    return load_institution_names(get_settings().paths.vocab_dir / FILE)
