"""The places and institutions a clause names as its own (an elaboration's concrete items)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import VocabularyError
from graph.lineage.institutions import load_institution_names
from graph.lineage.text import named_places

BAYANNUR, JIANGSU, QIQIHAR = "150800", "320000", "230200"


@pytest.mark.parametrize(
    ("text", "region_code", "places"),
    [
        ("在五原县、磴口县推行", BAYANNUR, {"五原县", "磴口县"}),  # its counties
        ("在巴彦淖尔市和内蒙古推行", BAYANNUR, set()),  # itself and above it: 全市, 全区
        ("支持苏州、无锡先行先试", JIANGSU, {"苏州市", "无锡市"}),  # by their full name
        ("支持巴彦淖尔建设产业园区和各类园区", BAYANNUR, set()),  # its parks, no name
        ("鼓励内蒙古高校毕业生到产业园区就业", BAYANNUR, set()),
        ("在五原县设立分公司", BAYANNUR, {"五原县"}),
        ("依托巴彦淖尔应用技师学院", BAYANNUR, {"巴彦淖尔应用技师学院"}),  # a name, as written
        ("依托齐齐哈尔大学和齐齐哈尔医学院", QIQIHAR, {"齐齐哈尔大学", "齐齐哈尔医学院"}),
        ("铁锋区和齐齐哈尔高新区", QIQIHAR, {"铁锋区", "齐齐哈尔高新区"}),  # two, not one
        ("面向齐齐哈尔大学生和大学毕业生", QIQIHAR, set()),  # students
        ("依托技师学院和各类产业园区", QIQIHAR, set()),  # kinds, no names
    ],
)
def test_a_clause_names_places_below_its_region_and_institutions_by_their_name(
    text: str, region_code: str, places: set[str]
) -> None:
    assert named_places(text, region_code) == places


@pytest.mark.parametrize(
    "content",
    [
        "kinds: []\nmax_between: 6\n",
        "kinds: [大学]\n",
        "kinds: [大学]\nmax_between: many\n",
        "kinds: 大学\nmax_between: 6\n",  # a string, not a list of words
        "kinds: ['']\nmax_between: 6\n",
        "kinds: [大学]\nmax_between: 6\njoining: [和]\n",
        "kinds: [大学]\nmax_between: 6\nnot_between: 建设\n",
        "[1",
    ],
)
def test_an_unreadable_institution_vocabulary_is_an_error_naming_its_file(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "institutions.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        load_institution_names(path)
    assert str(path) in str(caught.value)
