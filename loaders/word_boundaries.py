"""Word boundaries: a name found inside a longer word is not a mention.

Alias matching is substring matching, so 农民工 is found in 农民工资性收入 (farmers' wage
income). A segmenter knows the words: jieba (MIT, dictionary shipped in the package, no
download) cuts 农民工资性收入 as 农民/工资/性/收入, so 农民工 ends inside a word and is
dropped. Only a small window around each match is segmented, which keeps the cost per
mention constant (segmenting whole plans would halve build throughput).
"""

from __future__ import annotations

import logging
from functools import cache

import jieba

_WINDOW = 6
"""Characters of context on each side; enough for the words around a name."""


@cache
def _tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends where words do."""
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    cuts, position = {lo, hi}, lo
    for word in _tokenizer().cut(text[lo:hi], HMM=False):
        position += len(word)
        cuts.add(position)
    return start in cuts and end in cuts
