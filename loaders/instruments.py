"""What kind of policy instrument a clause commits to: supply-, demand- or environment-side
(Rothwell–Zegveld, the scheme of Chinese policy-text research), with a sub-type.

The lexicon is a data file (``data/vocab/instruments.yaml``). Every cue found in a clause adds
its weight to its sub-type, more the earlier it stands, since a Chinese policy clause usually
opens with its main action (加大创业担保贷款贴息力度 is finance, whatever groups follow); where
two cues overlap the longer wins (创业担保贷款 over 贷款). A clause without a cue is
goals_planning: a target, a statistic or a general aim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from graph.errors import VocabularyError
from graph.model import GROUP, PROGRAM, Clause, Funding, Instrument, Mention
from graph.settings import get_settings

CLASSES = ("supply", "demand", "environment")
DEFAULT = ("environment", "goals_planning")
_LATE_WEIGHT = 0.5
"""What a cue at the very end of a clause counts, against 1 at its start."""


@dataclass(frozen=True)
class InstrumentLexicon:
    cues: re.Pattern[str]
    """Every cue, longest first, so a match is the longest cue at its position."""
    subtype_of: dict[str, Instrument]

    def classify(self, text: str) -> Instrument:
        scores: dict[Instrument, float] = {}
        length = max(len(text), 1)
        for match in self.cues.finditer(text):
            instrument = self.subtype_of[match.group()]
            weight = 1 - (1 - _LATE_WEIGHT) * match.start() / length
            scores[instrument] = scores.get(instrument, 0.0) + weight
        if not scores:
            return Instrument(*DEFAULT)
        return max(scores, key=scores.__getitem__)


def load_instruments(path: Path) -> InstrumentLexicon:
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


@cache
def default_instruments() -> InstrumentLexicon:
    return load_instruments(get_settings().paths.vocab_dir / "instruments.yaml")


def policy_instruments(
    clauses: list[Clause],
    mentions: list[Mention],
    fundings: list[Funding],
    label_of: Callable[[str], str],
    lexicon: InstrumentLexicon | None = None,
) -> dict[str, Instrument]:
    """The instrument of every clause behind a COVERS (it names a group or program) or a FUNDS."""
    lexicon = lexicon or default_instruments()
    committing = {m.clause_id for m in mentions if label_of(m.entity_id) in (GROUP, PROGRAM)}
    committing |= {f.clause_id for f in fundings}
    return {c.id: lexicon.classify(c.text) for c in clauses if c.id in committing}
