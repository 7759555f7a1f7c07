"""The policy-instrument lexicon and the classifier learned from annotated clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.errors import VocabularyError
from graph.settings import get_settings
from loaders.instrument_lexicon import InstrumentLexicon, load_lexicon
from loaders.instruments import InstrumentClassifier, InstrumentExample, load_examples
from tests.conftest import FIXTURES

LEXICON = """
classes:
  supply: {training: [培训, 技能培训]}
  demand: {public_posts: [公益性岗位]}
  environment: {goals_planning: [目标], finance_tax: [贷款, 创业担保贷款], regulation: [权益]}
"""


@pytest.fixture
def lexicon(tmp_path: Path) -> InstrumentLexicon:
    path = tmp_path / "instruments.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return load_lexicon(path)


def _scores(lexicon: InstrumentLexicon, text: str) -> dict[str, float]:
    return {i.subtype: s for i, s in zip(lexicon.subtypes, lexicon.scores(text), strict=True)}


def test_a_cue_weighs_more_the_earlier_it_stands(lexicon: InstrumentLexicon) -> None:
    scores = _scores(lexicon, "开发公益性岗位，同时开展培训")
    assert scores["public_posts"] > scores["training"] > 0
    assert scores["goals_planning"] == 0


def test_of_two_overlapping_cues_the_longest_counts(lexicon: InstrumentLexicon) -> None:
    scores = _scores(lexicon, "加大创业担保贷款和技能培训力度")
    # one cue counts at most 1 (at the very start): 创业担保贷款 once, not its 贷款 again
    assert 0.9 < scores["finance_tax"] < 1.0
    assert 0 < scores["training"] < 1.0  # 技能培训, its 培训 not counted twice


def test_a_lexicon_without_the_schemes_three_classes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yaml"
    path.write_text("classes:\n  supply: {training: [培训]}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"instruments\.yaml.*supply, demand, environment"):
        load_lexicon(path)


def _examples(tmp_path: Path, items: list[dict[str, str]]) -> Path:
    path = tmp_path / "instrument_examples.yaml"
    path.write_text(yaml.safe_dump({"samples": [1], "examples": items}, allow_unicode=True))
    return path


def test_an_example_of_a_subtype_the_lexicon_lacks_is_refused_by_its_key(
    tmp_path: Path, lexicon: InstrumentLexicon
) -> None:
    path = _examples(tmp_path, [{"key": "plan_a/c7", "text": "开展培训。", "subtype": "trainig"}])
    with pytest.raises(VocabularyError, match=r"instrument_examples\.yaml: plan_a/c7: sub-type"):
        load_examples(path, lexicon)


def test_examples_that_cannot_be_read_are_refused_naming_the_file(
    tmp_path: Path, lexicon: InstrumentLexicon
) -> None:
    with pytest.raises(VocabularyError, match=r"instrument_examples\.yaml: cannot read"):
        load_examples(tmp_path / "instrument_examples.yaml", lexicon)
    path = _examples(tmp_path, [{"key": "plan_a/c7", "text": "开展培训。"}])
    with pytest.raises(VocabularyError, match="cannot read the instrument examples"):
        load_examples(path, lexicon)
    path = _examples(tmp_path, [{"key": "plan_a/c7", "text": None, "subtype": "training"}])
    with pytest.raises(VocabularyError, match="plan_a/c7: the text is NoneType"):
        load_examples(path, lexicon)


def test_examples_of_one_subtype_teach_nothing_and_are_refused(
    tmp_path: Path, lexicon: InstrumentLexicon
) -> None:
    one = [{"key": f"plan_a/c{i}", "text": "开展培训。", "subtype": "training"} for i in (1, 2)]
    with pytest.raises(VocabularyError, match=r"instrument_examples\.yaml: examples of two"):
        load_examples(_examples(tmp_path, one), lexicon)
    with pytest.raises(VocabularyError, match="plan_a/c1: sub-type 'talent'"):
        InstrumentClassifier.train(
            [InstrumentExample("plan_a/c1", "引进人才。", "talent")], lexicon
        )


def _trained(lexicon: InstrumentLexicon, examples: dict[str, str]) -> InstrumentClassifier:
    return InstrumentClassifier.train(
        (
            InstrumentExample(f"doc/c{i}", text, subtype)
            for i, (text, subtype) in enumerate(examples.items())
        ),
        lexicon,
    )


def test_the_classifier_learns_what_the_lexicon_does_not_know(
    lexicon: InstrumentLexicon,
) -> None:
    """No cue of the lexicon in these clauses: the characters alone tell them apart."""
    classifier = _trained(
        lexicon,
        {
            "组织企业开展以工代训。": "training",
            "鼓励开展以工代训活动。": "training",
            "依法查处拖欠薪资。": "regulation",
            "严厉查处拖欠农民工薪资行为。": "regulation",
        },
    )
    found = classifier.classify(["推行以工代训。", "查处欠薪。"])
    assert [i.subtype for i in found] == ["training", "regulation"]
    assert [i.kind for i in found] == ["supply", "environment"]
    assert classifier.classify([]) == []


def test_a_regions_name_does_not_decide_the_instrument(lexicon: InstrumentLexicon) -> None:
    """Every training clause of one sub-type names 巴彦淖尔市: a clause of the other sub-type
    that names it too keeps its own (read unmasked, the name would outweigh 欠薪)."""
    classifier = _trained(
        lexicon,
        {
            "巴彦淖尔市推行以工代训。": "training",
            "巴彦淖尔市扩大以工代训。": "training",
            "巴彦淖尔市完善以工代训。": "training",
            "郑州市查处欠薪。": "regulation",
            "郑州市严查欠薪。": "regulation",
            "郑州市依法查处欠薪。": "regulation",
        },
    )
    assert [i.subtype for i in classifier.classify(["巴彦淖尔市欠薪。"])] == ["regulation"]


def test_the_examples_are_the_gold_samples_they_name() -> None:
    """data/vocab/instrument_examples.yaml is written from the gold: a mended gold label that
    was not carried over (scripts/instrument_examples.py) fails here."""
    examples = yaml.safe_load(
        (get_settings().paths.vocab_dir / "instrument_examples.yaml").read_text(encoding="utf-8")
    )
    gold = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((FIXTURES / "lineage").glob("instruments*.yaml"))
    ]
    wanted = {
        item["key"]: item
        for sample in gold
        if sample["sample"] in examples["samples"]
        for item in sample["clauses"]
    }
    found = {item["key"]: item for item in examples["examples"]}
    assert found.keys() == wanted.keys()
    assert len(found) == len(examples["examples"])  # each clause once
    for key, item in found.items():
        assert item["subtype"] == wanted[key]["subtype"], key
        assert item["text"].startswith(wanted[key]["quote"]), key
