"""The places and institutions a clause names as its own (an elaboration's concrete items)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import VocabularyError
from graph.lineage.institutions import load_institution_names
from graph.lineage.text import named_places, places_added

BAYANNUR, JIANGSU, QIQIHAR, HAMI = "150800", "320000", "230200", "650500"


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
        ("加强与河南省、江苏省的劳务协作", HAMI, {"河南省", "江苏省"}),  # partners
        ("推动哈密与新疆各地州劳务协作", HAMI, set()),  # itself and its province
        ("推动产业和县域经济协调发展", HAMI, set()),  # 和县 inside two words
        ("确保社会长治久安", HAMI, set()),  # 长治市's name inside an idiom
        ("建设一批创业示范县", HAMI, set()),
        ("支持省级以上海峡两岸青年创业基地", HAMI, set()),
    ],
)
def test_a_clause_names_places_other_than_its_regions_and_institutions_by_their_name(
    text: str, region_code: str, places: set[str]
) -> None:
    assert named_places(text, region_code) == places


@pytest.mark.parametrize(
    ("text", "counterpart", "region_code", "added"),
    [
        ("深化与河南省的劳务协作", "深化与援疆省市的劳务协作", HAMI, {"河南省"}),
        ("深化与广州市对口合作", "推动黑龙江与广东对口合作", QIQIHAR, set()),  # within the partner
        ("在五原县、磴口县推行", "在各旗县推行", BAYANNUR, {"五原县", "磴口县"}),
        ("在五原县推行", "在内蒙古、五原县推行", BAYANNUR, set()),
        ("在五原县推行", "在内蒙古各地推行", BAYANNUR, {"五原县"}),  # its own province holds all
        ("依托巴彦淖尔应用技师学院", "依托巴彦淖尔应用技师学院开展培训", BAYANNUR, set()),
    ],
)
def test_a_place_adds_only_when_its_counterparts_name_neither_it_nor_a_region_holding_it(
    text: str, counterpart: str, region_code: str, added: set[str]
) -> None:
    assert places_added(text, [counterpart], region_code) == added


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
