"""The curated vocabularies: consistent data, and alias matching that prefers the longest name."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import VocabularyError
from graph.model import GROUP, INDICATOR, PROGRAM
from graph.schema import ProgramKind
from graph.settings import get_settings
from loaders.vocabulary import Vocabulary, load_vocabulary


def test_vocabularies_hold_what_the_schema_needs(vocabulary: Vocabulary) -> None:
    assert len(vocabulary.of_label(GROUP)) >= 20
    assert len(vocabulary.of_label(PROGRAM)) >= 60
    assert len(vocabulary.of_label(INDICATOR)) >= 20
    assert {p.kind for p in vocabulary.of_label(PROGRAM)} == set(ProgramKind)
    assert all(
        i.unit in {u.canonical for u in vocabulary.units.values()}
        for i in vocabulary.of_label(INDICATOR)
    )


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("农牧民工", "农民工"),
        ("返乡创业园", "返乡入乡创业园"),
        ("入乡返乡创业园", "返乡入乡创业园"),
        ("城镇累计新增就业", "城镇新增就业"),
        ("西部计划", "大学生志愿服务西部计划"),
    ],
)
def test_real_variants_resolve_to_one_entity(
    vocabulary: Vocabulary, surface: str, canonical: str
) -> None:
    entity = vocabulary.resolve(surface)
    assert entity is not None and entity.name == canonical


def test_matching_is_leftmost_longest_within_a_label(vocabulary: Vocabulary) -> None:
    matches = list(vocabulary.matcher.find("建设一批农民工返乡创业园和创业孵化示范基地"))
    assert [(m.surface, m.entity.name) for m in matches if m.entity.label == PROGRAM] == [
        ("农民工返乡创业园", "返乡入乡创业园"),
        ("创业孵化示范基地", "创业孵化基地"),
    ]


def test_labels_match_independently(vocabulary: Vocabulary) -> None:
    """An indicator's name can name a group too; both are mentioned."""
    matches = {
        (m.surface, m.entity.label) for m in vocabulary.matcher.find("输转城乡富余劳动力2500万人次")
    }
    assert matches == {("输转城乡富余劳动力", INDICATOR), ("城乡富余劳动力", GROUP)}


def _copy_vocab(tmp_path: Path) -> Path:
    for source in get_settings().paths.vocab_dir.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def test_an_alias_naming_two_entities_is_an_error_naming_the_file(tmp_path: Path) -> None:
    vocab = _copy_vocab(tmp_path)
    with (vocab / "programs.yaml").open("a", encoding="utf-8") as f:
        f.write("- {name: 另一个园区, kind: carrier, aliases: [返乡创业园]}\n")
    with pytest.raises(VocabularyError, match=r"programs\.yaml.*返乡创业园"):
        load_vocabulary(vocab)


def test_a_program_without_a_known_kind_is_an_error(tmp_path: Path) -> None:
    vocab = _copy_vocab(tmp_path)
    with (vocab / "programs.yaml").open("a", encoding="utf-8") as f:
        f.write("- {name: 某某计划, kind: scheme}\n")
    with pytest.raises(VocabularyError, match="某某计划: kind must be one of"):
        load_vocabulary(vocab)
