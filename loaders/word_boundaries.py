"""Word boundaries: a name found inside a longer word is not a mention.

Alias matching is substring matching, so 农民工 is found in 农民工资性收入 (farmers' wage
income). A segmenter knows the words: jieba (MIT, dictionary shipped in the package, no
download) cuts 农民工资性收入 as 农民/工资/性/收入, so 农民工 ends inside a word and is
dropped. Only a small window around each match is segmented, which keeps the cost per
mention constant (segmenting whole plans would halve build throughput).
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache

import jieba

_WINDOW = 6
"""Characters of context on each side; enough for the words around a name."""


@cache
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    return segmenter


def _is_han(text: str, at: int) -> bool:
    return 0 <= at < len(text) and "\u4e00" <= text[at] <= "\u9fff"


@lru_cache(maxsize=65536)
def _cuts(window: str) -> frozenset[int]:
    cuts, position = {0, len(window)}, 0
    for word in tokenizer().cut(window, HMM=False):
        position += len(word)
        cuts.add(position)
    return frozenset(cuts)


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends where words do.

    A name between punctuation or non-Han characters needs no segmenter."""
    if not (_is_han(text, start - 1) or _is_han(text, end)):
        return True
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    cuts = _cuts(text[lo:hi])
    return start - lo in cuts and end - lo in cuts


def ends_a_word(text: str, end: int) -> bool:
    """Whether a word ends at ``end`` (100万人才: 人 does not end one; 人才 does)."""
    if not (_is_han(text, end - 1) and _is_han(text, end)):
        return True
    lo, hi = max(0, end - _WINDOW), min(len(text), end + _WINDOW)
    return end - lo in _cuts(text[lo:hi])
