"""Plan bytes → text: detect the encoding, refuse what is not text.

Plans arrive as UTF-8 (with or without BOM), GB18030/GBK or Big5. UTF-8 is tried
strictly first because it almost never decodes by accident; only then does
charset-normalizer choose between the Chinese legacy encodings.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from graph.errors import EmptyPlanError, EncodingError

# GB18030 is a superset of GBK and GB2312: decoding with it loses nothing.
LEGACY_CANDIDATES = ["gb18030", "big5"]
_CJK_SHARE_MIN = 0.2


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_plan(data: bytes, *, source: str) -> DecodedText:
    """Decode a plan's bytes, or raise an error that names ``source``."""
    if not data.strip():
        raise EmptyPlanError("file is empty", source=source)
    if b"\x00" in data[:8192]:
        raise EncodingError("binary file (NUL bytes), not a plan text", source=source)
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(data[3:], "utf-8", source), "utf-8-sig")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=LEGACY_CANDIDATES).best()
    if best is None:
        raise EncodingError("cannot decode as UTF-8, GB18030 or Big5", source=source)
    text = _strict(data, best.encoding, source)
    if _cjk_share(text) < _CJK_SHARE_MIN:
        raise EncodingError(f"decodes as {best.encoding} but is not Chinese text", source=source)
    return DecodedText(text, best.encoding)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {encoding} at byte {exc.start}", source=source) from exc


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return 0.0
    return sum("\u4e00" <= ch <= "\u9fff" for ch in letters) / len(letters)
