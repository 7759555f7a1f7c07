"""Names as people type them resolve to what the graph holds; unknown ones suggest the closest."""

from __future__ import annotations

import pytest

from graph.build import Graph
from graph.catalog import Catalog
from graph.embedded_store import EmbeddedStore
from graph.errors import NotFound

FLAGSHIP = "program:fan-xiang-ru-xiang-chuang-ye-yuan"


@pytest.fixture
def catalog(graph: Graph) -> Catalog:
    return Catalog(EmbeddedStore.from_graph(graph))


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
