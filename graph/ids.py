"""Deterministic ids: the same bytes and vocabulary always give the same ids."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pypinyin import lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(name: str) -> str:
    """Readable ASCII slug: 返乡入乡创业园 → fan-xiang-ru-xiang-chuang-ye-yuan."""
    words = lazy_pinyin(name)
    return _NON_SLUG.sub("-", "-".join(words).lower()).strip("-")


def plan_id(sha256: str) -> str:
    return f"plan:{sha256[:16]}"


def section_id(plan: str, path: str) -> str:
    return f"{plan}/s{path}"


def clause_id(plan: str, ordinal: int) -> str:
    return f"{plan}/c{ordinal}"


def document_id(title: str) -> str:
    return "doc:" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
