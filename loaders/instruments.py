"""What kind of policy instrument a clause commits to: a linear model learned from annotated
clauses, reading the clause's characters and the lexicon's cues (Rothwell–Zegveld: supply-,
demand- or environment-side, with a sub-type).

The lexicon alone (``loaders/instrument_lexicon.py``) scored 0.78 on documents it was not tuned
on; learned from annotated clauses (``data/vocab/instrument_examples.yaml``, written from the
gold by ``scripts/instrument_examples.py``), with the lexicon's cue scores as 12 of its features,
the classifier does better on documents it never saw (README, "Quality"). Region names are
masked, so it learns what a clause does, not where it is from. It is trained when a process
first classifies, in a fraction of a second: nothing is downloaded or unpickled, and scikit-learn
is imported only then (it takes a second and some 90 MiB).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml
from scipy import sparse

from graph.errors import VocabularyError
from graph.model import GROUP, PROGRAM, Clause, Funding, Instrument, Mention
from graph.settings import get_settings
from loaders.gazetteer import default_gazetteer
from loaders.instrument_lexicon import InstrumentLexicon, load_lexicon

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

_REGION = "〇"
"""What a region's name becomes before the characters are read."""


@dataclass(frozen=True)
class InstrumentExample:
    key: str
    """``<document stem>/c<ordinal>``: where the clause was annotated."""
    text: str
    subtype: str

    @property
    def document(self) -> str:
        return self.key.partition("/")[0]


def check_examples(
    examples: Sequence[InstrumentExample], lexicon: InstrumentLexicon, *, source: str
) -> None:
    """Refuse what the classifier could not learn from: a sub-type the lexicon lacks (it could
    be predicted but not named), an empty text, fewer than two sub-types."""
    known = {instrument.subtype for instrument in lexicon.subtypes}
    for example in examples:
        if example.subtype not in known:
            raise VocabularyError(
                f"{example.key}: sub-type {example.subtype!r} is none of the lexicon's",
                source=source,
            )
        if not example.text.strip():
            raise VocabularyError(f"{example.key}: no text", source=source)
    if len({example.subtype for example in examples}) < 2:
        raise VocabularyError("examples of two sub-types or more are needed", source=source)


def _example(item: dict[str, Any]) -> InstrumentExample:
    text = item["text"]
    if not isinstance(text, str):
        raise TypeError(f"{item.get('key')}: the text is {type(text).__name__}, not a string")
    return InstrumentExample(str(item["key"]), text, str(item["subtype"]))


def load_examples(path: Path, lexicon: InstrumentLexicon) -> list[InstrumentExample]:
    """The annotated clauses the classifier learns from."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        examples = [_example(item) for item in data["examples"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise VocabularyError(
            f"cannot read the instrument examples: {exc}", source=str(path)
        ) from exc
    check_examples(examples, lexicon, source=str(path))
    return examples


def training_set(vocab_dir: Path) -> tuple[InstrumentLexicon, list[InstrumentExample]]:
    """The lexicon and the examples in ``vocab_dir``, what a classifier is trained from."""
    lexicon = load_lexicon(vocab_dir / "instruments.yaml")
    return lexicon, load_examples(vocab_dir / "instrument_examples.yaml", lexicon)


def _masked(text: str) -> str:
    for start, end, _ in reversed(default_gazetteer().spans(text)):
        text = text[:start] + _REGION + text[end:]
    return text


def _with_cues(
    characters: sparse.csr_matrix, lexicon: InstrumentLexicon, texts: Sequence[str]
) -> sparse.csr_matrix:
    """The characters' features, then the lexicon's cue scores: the order a model learns."""
    cues = sparse.csr_matrix(np.array([lexicon.scores(t) for t in texts]).reshape(len(texts), -1))
    features: sparse.csr_matrix = sparse.hstack([characters, cues]).tocsr()
    return features


@dataclass(frozen=True)
class InstrumentClassifier:
    lexicon: InstrumentLexicon
    characters: TfidfVectorizer
    """Character unigrams and bigrams of the masked text, tf-idf with sublinear counts."""
    model: LinearSVC

    @classmethod
    def train(
        cls, examples: Iterable[InstrumentExample], lexicon: InstrumentLexicon
    ) -> InstrumentClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        examples = list(examples)
        check_examples(examples, lexicon, source="the instrument examples given")
        texts = [e.text for e in examples]
        characters = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
        features = _with_cues(characters.fit_transform([_masked(t) for t in texts]), lexicon, texts)
        model = LinearSVC(C=1.0, random_state=0).fit(features, [e.subtype for e in examples])
        return cls(lexicon, characters, model)

    def classify(self, texts: Sequence[str]) -> list[Instrument]:
        """Each text's instrument, in one pass (a plan's clauses together)."""
        if not texts:
            return []
        characters = self.characters.transform([_masked(t) for t in texts])
        found = self.model.predict(_with_cues(characters, self.lexicon, texts))
        by_subtype = {instrument.subtype: instrument for instrument in self.lexicon.subtypes}
        return [by_subtype[str(subtype)] for subtype in found]


@cache
def default_classifier() -> InstrumentClassifier:
    lexicon, examples = training_set(get_settings().paths.vocab_dir)
    return InstrumentClassifier.train(examples, lexicon)


def policy_instruments(
    clauses: list[Clause],
    mentions: list[Mention],
    fundings: list[Funding],
    label_of: Callable[[str], str],
) -> dict[str, Instrument]:
    """The instrument of every clause behind a COVERS (it names a group or program) or a FUNDS."""
    committing = {m.clause_id for m in mentions if label_of(m.entity_id) in (GROUP, PROGRAM)}
    committing |= {f.clause_id for f in fundings}
    chosen = [c for c in clauses if c.id in committing]
    found = default_classifier().classify([c.text for c in chosen])
    return {c.id: instrument for c, instrument in zip(chosen, found, strict=True)}
