"""Radicals that a PDF's character map puts where the ideographs are (⼈⺠ for 人民).

Some PDF producers (Chromium's print to PDF among them) map the glyphs of common
characters to the look-alike Kangxi and CJK radical code points in the font's ToUnicode
table, and record the true text only in ``/ActualText`` marks. pdfplumber reads the
ToUnicode table; PDFium (pypdfium2, Apache-2.0) honours the marks. Where the first gives
radicals, the two texts of each page are aligned and every radical — and every other
look-alike the same producer writes, ∕ for ／ — learns the character it stands for in this
document; the map is applied to what pdfplumber read.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict

import pypdfium2

_RADICALS = re.compile("[\u2e80-\u2fdf\u2015]")
"""CJK Radicals Supplement, Kangxi Radicals, and the horizontal bar read for —."""


def _lookalike(char: str) -> bool:
    """A character PDFium may read otherwise for a reason other than misalignment: not a
    letter, digit or ideograph (⺠ for 民, ∕ for ／, ― for —)."""
    return not (char.isalnum() and not has_radicals(char)) and not char.isspace()


def has_radicals(text: str) -> bool:
    return _RADICALS.search(text) is not None


def ideograph_map(document: pypdfium2.PdfDocument, page_texts: list[str]) -> dict[str, str]:
    """radical → the character PDFium reads in its place, learned from aligned page texts."""
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for number, ours in enumerate(page_texts):
        if not has_radicals(ours):
            continue
        theirs = "".join(document[number].get_textpage().get_text_range().split())
        mine = "".join(ours.split())
        matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "equal":  # read alike by both: a vote for itself
                for char in mine[a0:a1]:
                    if _lookalike(char):
                        votes[char][char] += 1
            elif op == "replace" and a1 - a0 == b1 - b0:
                for radical, ideograph in zip(mine[a0:a1], theirs[b0:b1], strict=True):
                    if _lookalike(radical) and not has_radicals(ideograph):
                        votes[radical][ideograph] += 1
    best = {char: counts.most_common(1)[0][0] for char, counts in votes.items()}
    return {char: read for char, read in best.items() if read != char}
