"""How firmly a clause commits, and whether it commits at all.

A researcher asks which regions guarantee a program and which only encourage it; the
answer is in the words: 确保 binds, 力争 strives, 落实 supports, 鼓励 encourages, 探索
explores. The lexicon is a data file (``data/vocab/commitment.yaml``), so a curator can
extend it; options and trials (有条件的…可, 各地可结合实际) are never FUNDS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.model import STRENGTHS
from graph.settings import get_settings


@dataclass(frozen=True)
class Commitment:
    levels: tuple[tuple[str, re.Pattern[str]], ...]
    optional_words: re.Pattern[str]

    def strength(self, text: str) -> str | None:
        """The first level whose words occur in ``text``, or None."""
        return next((level for level, words in self.levels if words.search(text)), None)

    def optional(self, text: str) -> bool:
        """An option, a trial or an encouragement to spend, not a commitment."""
        return bool(self.optional_words.search(text))


def load_commitment(path: Path) -> Commitment:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        levels = tuple(
            (str(row["level"]), re.compile("|".join(map(re.escape, row["words"]))))
            for row in data["levels"]
        )
        optional = re.compile("|".join(f"(?:{p})" for p in data["optional"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, re.error) as exc:
        raise VocabularyError(
            f"cannot read the commitment lexicon: {exc}", source=str(path)
        ) from exc
    if any(not row["words"] for row in data["levels"]) or not data["optional"]:
        raise VocabularyError(
            "every level needs words, and optional needs patterns", source=str(path)
        )
    unknown = {level for level, _ in levels} - set(STRENGTHS)
    if unknown:
        raise VocabularyError(f"unknown strength levels {sorted(unknown)}", source=str(path))
    return Commitment(levels, optional)


@cache
def default_commitment() -> Commitment:
    return load_commitment(get_settings().paths.vocab_dir / "commitment.yaml")


def optional(text: str) -> bool:
    return default_commitment().optional(text)


@lru_cache(maxsize=65536)
def strength(text: str) -> str | None:
    """The clause's strength; cached, as mentions, targets and FUNDS of one clause all ask."""
    return default_commitment().strength(text)
