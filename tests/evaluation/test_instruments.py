"""Scoring the instrument classifier: each document's clauses by a model that never saw them."""

from __future__ import annotations

import yaml

from evaluation.instruments import WithoutDocument, score_instruments
from loaders.instruments import InstrumentClassifier
from tests.conftest import CORPUS, FIXTURES, PLANS_DIR

SAMPLE = FIXTURES / "lineage" / "instruments_3.yaml"


def test_each_gold_clause_is_classified_by_the_model_without_its_document() -> None:
    without = WithoutDocument()
    asked: list[str] = []

    def recorded(document: str) -> InstrumentClassifier:
        asked.append(document)
        return without(document)

    scores = score_instruments(SAMPLE, [PLANS_DIR, CORPUS], recorded)
    gold = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["clauses"]
    assert asked == [str(item["key"]).partition("/")[0] for item in gold]
    assert sum(score.total for score in scores) == len(gold)


def test_a_documents_model_never_saw_its_examples() -> None:
    without = WithoutDocument()
    document = without.examples[0].document
    theirs = "".join(e.text for e in without.examples if e.document != document)
    own = {
        e.text[i : i + 2]
        for e in without.examples
        if e.document == document
        for i in range(len(e.text) - 1)
    } - {theirs[i : i + 2] for i in range(len(theirs) - 1)}
    assert own  # characters only this document's examples have
    assert not own & without(document).characters.vocabulary_.keys()
    everything = InstrumentClassifier.train(without.examples, without.lexicon)
    assert own & everything.characters.vocabulary_.keys()
