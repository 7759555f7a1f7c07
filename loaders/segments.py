"""A clause's comma-delimited stretches: the unit within which money, programs and groups
belong together."""

from __future__ import annotations

_BREAKS = "，；：。"


def segments(text: str) -> list[tuple[int, int]]:
    """Comma-delimited spans; 、 joins items of one list, so it does not split."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in _BREAKS:
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans
