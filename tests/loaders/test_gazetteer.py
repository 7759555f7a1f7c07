"""The region gazetteer: complete province and prefecture levels, and region lookup in text."""

from __future__ import annotations

import pytest

from graph.errors import RegionNotFound
from loaders.gazetteer import Gazetteer
from loaders.pipeline import extract_file, extract_text
from tests.conftest import FIXTURES


def test_every_province_and_prefecture_has_a_code_and_a_parent(gazetteer: Gazetteer) -> None:
    regions = list(gazetteer.by_code.values())
    provinces = [r for r in regions if r.level == "province"]
    prefectures = [r for r in regions if r.level == "prefecture"]
    assert len(provinces) == 34
    assert len(prefectures) >= 333
    for region in provinces:
        assert region.code.endswith("0000") and region.parent_code == "100000"
    for region in prefectures:
        assert region.code.endswith("00") and region.parent_code == region.code[:2] + "0000"


def test_short_names_drop_only_the_administrative_suffix(gazetteer: Gazetteer) -> None:
    shorts = {
        code: gazetteer.by_code[code].short_name
        for code in ("150000", "640000", "150800", "133100", "500000")
    }
    assert shorts == {
        "150000": "内蒙古",
        "640000": "宁夏",
        "150800": "巴彦淖尔",
        "133100": "雄安",
        "500000": "重庆",
    }


def test_the_most_specific_region_wins_within_one_chain(gazetteer: Gazetteer) -> None:
    found = gazetteer.most_specific("巴彦淖尔市就业促进行动实施方案（内蒙古自治区）")
    assert found is not None and found.code == "150800"
    assert [r.code for r in gazetteer.ancestors("150800")] == ["150800", "150000", "100000"]


def test_a_neighbour_named_in_passing_does_not_win(gazetteer: Gazetteer) -> None:
    found = gazetteer.most_specific("四川省就业促进规划，推进成渝地区双城经济圈与重庆市合作")
    assert found is not None and found.code == "510000"


def test_lookup_by_code_full_name_and_short_name(gazetteer: Gazetteer) -> None:
    assert [r.code for r in gazetteer.lookup("500000")] == ["500000"]
    assert [r.code for r in gazetteer.lookup("重庆市")] == ["500000"]
    assert [r.code for r in gazetteer.lookup("重庆")] == ["500000"]
    assert gazetteer.lookup("不存在的地方") == []


def test_a_plan_of_the_country_is_read_as_region_100000() -> None:
    """No region in its title: the State Council's notice and 国发 文号 say it is the country's."""
    x = extract_file(FIXTURES / "national" / "state_council_2021.txt")
    assert (x.meta.region_code, x.meta.doc_number) == ("100000", "国发〔2021〕14号")
    assert {t.indicator_id for t in x.targets} >= {
        "indicator:cheng-zhen-xin-zeng-jiu-ye",
        "indicator:cheng-zhen-diao-cha-shi-ye-lv",
    }
    assert {m.entity_id for m in x.mentions} >= {
        "program:san-zhi-yi-fu",
        "program:fan-xiang-ru-xiang-chuang-ye-yuan",
    }


def test_a_national_文号_alone_makes_a_plan_national_only_when_it_names_no_region() -> None:
    body = "\n一、主要目标\n城镇新增就业5万人以上。"
    cited = extract_text(
        f"宁夏回族自治区就业促进规划\n国发〔2021〕14号{body}".encode(), source="a.txt"
    )
    assert cited.meta.region_code == "640000"
    own = extract_text(f"“十四五”就业促进规划\n人社部发〔2021〕1号{body}".encode(), source="b.txt")
    assert own.meta.region_code == "100000"
    with pytest.raises(RegionNotFound):
        extract_text(f"“十四五”就业促进规划{body}".encode(), source="c.txt")
