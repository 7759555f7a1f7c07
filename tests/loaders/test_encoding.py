"""Bytes → text: every supported encoding decodes, and what is not a plan is refused by name."""

from __future__ import annotations

import codecs

import pytest
from opencc import OpenCC

from graph.errors import EmptyPlanError, EncodingError
from loaders.encoding import decode_plan
from loaders.pipeline import extract_text
from tests.conftest import PLANS_DIR

INNER_MONGOLIA = PLANS_DIR / "000_9d9a5122f386a2c0.txt"


def _facts(data: bytes, source: str) -> tuple[object, ...]:
    x = extract_text(data, source=source)
    return (
        x.meta.title, x.meta.region_code, x.meta.issued_on,
        sorted((t.indicator_id, t.value, t.unit, t.comparator, t.scope) for t in x.targets),
        sorted((f.program_id, f.evidence) for f in x.fundings),
        sorted({m.entity_id for m in x.mentions}),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("就业促进规划".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "就业促进规划".encode(), "utf-8-sig"),
        ("內蒙古自治區就業促進規劃，城鎮新增就業一百萬人。".encode("big5"), "big5"),
        ("内蒙古自治区就业促进规划，城镇新增就业一百万人。".encode("gbk"), "gb18030"),
    ],
)
def test_detects_the_encoding(data: bytes, encoding: str) -> None:
    assert decode_plan(data, source="x.txt").encoding == encoding


def test_gbk_copy_loads_to_the_same_facts() -> None:
    data = INNER_MONGOLIA.read_bytes()
    gbk = data.decode("utf-8").encode("gbk")
    assert _facts(gbk, "gbk.txt") == _facts(data, INNER_MONGOLIA.name)


def test_big5_copy_loads_to_the_same_facts() -> None:
    """A Traditional Big5 edition of the plan (as a Taiwan or Hong Kong mirror would hold it)."""
    data = INNER_MONGOLIA.read_bytes()
    big5 = OpenCC("s2tw").convert(data.decode("utf-8")).encode("big5")
    assert decode_plan(big5, source="big5.txt").encoding == "big5"
    assert _facts(big5, "big5.txt") == _facts(data, INNER_MONGOLIA.name)


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", EmptyPlanError, "empty"),
        (b" \n\r\n\t", EmptyPlanError, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", EncodingError, "binary"),
        (bytes(range(128, 256)) * 8, EncodingError, ""),
    ],
)
def test_refuses_non_text_naming_the_file(data: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as caught:
        decode_plan(data, source="broken.txt")
    assert str(caught.value).startswith("broken.txt")
    assert reason in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_refused_with_how_to_save_it(encoding: str) -> None:
    text = INNER_MONGOLIA.read_text(encoding="utf-8")
    with pytest.raises(EncodingError, match=f"reads as {encoding.upper()} without a byte-order"):
        decode_plan(text.encode(encoding), source="plan.txt")
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_plan(bom + text.encode(encoding), source="plan.txt").text == text
