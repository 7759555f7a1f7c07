"""Plan bytes → text: detect the encoding, refuse what is not text.

Plans arrive as UTF-8 (with or without BOM), GB18030/GBK, Big5, or UTF-16 with a BOM. UTF-8 is tried
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
UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
"""UTF-16 is read only with its byte-order mark: without one, its NUL bytes mark it binary."""
_CJK_SHARE_MIN = 0.2
_UTF16_CJK_SHARE_MIN = 0.6
"""Random bytes, or UTF-16 read in the wrong byte order, land about a third in the CJK block."""


def _binary(head: bytes) -> str:
    """Why bytes with NULs are refused, with a hint when they read as Chinese in UTF-16 (a
    file saved without its byte-order mark)."""
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
        if _cjk_share(text) >= _UTF16_CJK_SHARE_MIN:
            return (
                f"binary file (NUL bytes); it reads as {encoding.upper()} without a byte-order "
                "mark: save it as UTF-8, or as UTF-16 with one"
            )
    return "binary file (NUL bytes), not a plan text"


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_plan(data: bytes, *, source: str) -> DecodedText:
    """Decode a plan's bytes, or raise an error that names ``source``."""
    if not data.strip():
        raise EmptyPlanError("file is empty", source=source)
    for bom, encoding in UTF16_BOMS:
        if data.startswith(bom):
            return DecodedText(_strict(data[len(bom) :], encoding, source), encoding)
    if b"\x00" in data[:8192]:
        raise EncodingError(_binary(data[:8192]), source=source)
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(_strict(data[3:], "utf-8", source), "utf-8-sig")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and _valid_utf8_up_to(data, exc.start):
            raise EncodingError(
                f"cut short: the last character, from byte {exc.start} of {len(data)}, is "
                "incomplete UTF-8 (an interrupted download?)",
                source=source,
            ) from exc
    best = from_bytes(data, cp_isolation=LEGACY_CANDIDATES).best()
    if best is None:
        raise EncodingError(
            f"cannot decode as UTF-8, GB18030 or Big5 ({_first_bad_byte(data)})", source=source
        )
    text = _strict(data, best.encoding, source)
    if _cjk_share(text) < _CJK_SHARE_MIN:
        raise EncodingError(f"decodes as {best.encoding} but is not Chinese text", source=source)
    return DecodedText(text, best.encoding)


def _valid_utf8_up_to(data: bytes, end: int) -> bool:
    """Whether ``data`` is UTF-8 with CJK text up to ``end``: a UTF-8 plan cut mid-character,
    not a GB18030 one that fails on its first byte."""
    head = data[:end].decode("utf-8")
    return _cjk_share(head) >= _CJK_SHARE_MIN


def _first_bad_byte(data: bytes) -> str:
    """Where each encoding gives up, for the person who has to find the damage."""
    where = []
    for encoding in ("utf-8", *LEGACY_CANDIDATES):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as exc:
            where.append(f"{encoding} at byte {exc.start} of {len(data)}")
    return "invalid " + ", ".join(where)


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
