"""Names as people type them resolve to what the graph holds; unknown ones suggest the closest."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.embedded_store import EmbeddedStore
from graph.errors import NotFound
from loaders.pipeline import build_knowledge_graph, extract_file
from tests.conftest import PLANS_DIR

FLAGSHIP = "program:fan-xiang-ru-xiang-chuang-ye-yuan"


@pytest.fixture
def catalog(seeds_store: EmbeddedStore) -> Catalog:
    return Catalog(seeds_store)


@pytest.mark.parametrize("name", ["返乡入乡创业园", "返乡创业园", "返鄉創業園", FLAGSHIP])
def test_programs_resolve_by_name_alias_traditional_or_id(catalog: Catalog, name: str) -> None:
    assert catalog.entity("Program", name).id == FLAGSHIP


def test_unknown_names_suggest_the_closest_known(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as caught:
        catalog.entity("Program", "返乡创业")
    assert "返乡入乡创业园" in caught.value.suggestions


@pytest.mark.parametrize("ref", ["003_0dc92ecbe2a20814.txt", "741578977a72d5a3"])
def test_plans_resolve_by_file_name_or_hash_prefix(catalog: Catalog, ref: str) -> None:
    assert catalog.plan(ref).region_code == "640000"


@pytest.mark.parametrize("ref", ["宁夏", "宁夏回族自治区", "640000"])
def test_a_region_with_one_plan_names_that_plan(catalog: Catalog, ref: str) -> None:
    assert catalog.plan(ref).region_code == "640000"


def test_a_region_with_no_plan_loaded_says_so(catalog: Catalog) -> None:
    for lookup in (catalog.region, catalog.plan):
        with pytest.raises(NotFound, match=r"四川省 \(510000\) has no plan loaded"):
            lookup("四川")
    with pytest.raises(NotFound, match="no region '不存在市' in the graph"):
        catalog.region("不存在市")


def test_a_region_with_several_plans_lists_them(tmp_path: Path) -> None:
    seed = next(PLANS_DIR.glob("003_*"))
    (tmp_path / "a.txt").write_bytes(seed.read_bytes())
    (tmp_path / "b.txt").write_bytes(seed.read_bytes() + "\n附：另一份。\n".encode())
    plans = [extract_file(tmp_path / "a.txt"), extract_file(tmp_path / "b.txt")]
    catalog = Catalog(EmbeddedStore.from_graph(build_knowledge_graph(plans)))
    with pytest.raises(NotFound, match="宁夏回族自治区 has 2 plans loaded") as caught:
        catalog.plan("宁夏")
    assert sorted(caught.value.suggestions) == sorted(plan.id for plan in plans)
    with pytest.raises(NotFound, match=r"中华人民共和国 \(100000\) has no plan loaded"):
        catalog.plan("100000")
