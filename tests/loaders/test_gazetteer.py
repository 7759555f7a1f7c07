"""The region gazetteer: complete province and prefecture levels, and region lookup in text."""

from __future__ import annotations

from loaders.gazetteer import Gazetteer


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
