"""The policy-instrument lexicon: cue words for each sub-type of supply-, demand- and
environment-side instruments (Rothwell–Zegveld, the scheme of Chinese policy-text research).

The lexicon is a data file (``data/vocab/instruments.yaml``) and documents the scheme; the
classifier (``loaders/instruments.py``) reads its cue scores as features. Every cue found in a
clause adds its weight to its sub-type, more the earlier it stands, since a Chinese policy clause
usually opens with its main action (加大创业担保贷款贴息力度 is finance, whatever groups follow);
where two cues overlap the longer wins (创业担保贷款 over 贷款).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.model import Instrument

CLASSES = ("supply", "demand", "environment")
_LATE_WEIGHT = 0.5
"""What a cue at the very end of a clause counts, against 1 at its start."""


@dataclass(frozen=True)
class InstrumentLexicon:
    cues: re.Pattern[str]
    """Every cue, longest first, so a match is the longest cue at its position."""
    subtype_of: dict[str, Instrument]

    @cached_property
    def subtypes(self) -> tuple[Instrument, ...]:
        """Every sub-type, in the file's order."""
        return tuple(dict.fromkeys(self.subtype_of.values()))

    @cached_property
    def _position_of_cue(self) -> dict[str, int]:
        position = {instrument: i for i, instrument in enumerate(self.subtypes)}
        return {cue: position[instrument] for cue, instrument in self.subtype_of.items()}

    def scores(self, text: str) -> list[float]:
        """The weight of each sub-type's cues in ``text``, in the order of ``subtypes``."""
        found = [0.0] * len(self.subtypes)
        length = max(len(text), 1)
        for match in self.cues.finditer(text):
            weight = 1 - (1 - _LATE_WEIGHT) * match.start() / length
            found[self._position_of_cue[match.group()]] += weight
        return found


def load_lexicon(path: Path) -> InstrumentLexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        subtype_of = {
            str(cue): Instrument(kind, subtype)
            for kind, subtypes in data["classes"].items()
            for subtype, cues in subtypes.items()
            for cue in cues
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise VocabularyError(
            f"cannot read the instrument lexicon: {exc}", source=str(path)
        ) from exc
    kinds = {instrument.kind for instrument in subtype_of.values()}
    if kinds != set(CLASSES):
        raise VocabularyError(
            f"the classes must be {', '.join(CLASSES)}, not {', '.join(sorted(kinds))}",
            source=str(path),
        )
    cues = sorted(subtype_of, key=lambda cue: (-len(cue), cue))
    return InstrumentLexicon(re.compile("|".join(map(re.escape, cues))), subtype_of)
