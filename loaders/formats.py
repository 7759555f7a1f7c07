"""Which format a plan file is in, from its bytes (the extension is only a hint).

Government sites serve PDFs named .htm and Word files named .pdf; a saved page may have no
extension at all. The first bytes say what a file is: ``%PDF-``, a ZIP archive holding
``word/document.xml`` (.docx), an OLE compound file (.doc, .wps), markup (HTML), else text.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator

from graph.errors import PlanTooLarge, UnreadableDocument
from graph.settings import get_settings

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_MARKUP = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.IGNORECASE)
_SNIFF_BYTES = 4096
_PARAGRAPH = re.compile(rb"<w:p[ />]")
PARAGRAPHS_PER_CLAUSE = 5
"""Word paragraphs allowed per clause of the limit: empty ones and one per table cell count."""


def _check_unpacked(archive: zipfile.ZipFile, source: str) -> None:
    """A Word file is a ZIP archive: a few hundred kilobytes can unpack to gigabytes of XML, or
    to millions of empty paragraphs that take python-docx minutes and gigabytes to parse (a
    "zip bomb"). So what it unpacks to is held to the plan size limit, and its paragraphs,
    counted as the body streams by, to ``PARAGRAPHS_PER_CLAUSE`` times the clause limit.
    ``zipfile`` reads no more of an entry than the size its header declares."""
    limits = get_settings().limits
    unpacked = sum(entry.file_size for entry in archive.infolist())
    if unpacked > limits.max_plan_bytes:
        raise PlanTooLarge(
            f"a Word file that unpacks to {unpacked:,} bytes, more than the limit of "
            f"{limits.max_plan_bytes:,} (POLICYGRAPH_MAX_PLAN_BYTES)",
            source=source,
        )
    most = limits.max_plan_clauses * PARAGRAPHS_PER_CLAUSE
    paragraphs, tail = 0, b""
    for chunk in _unpacked(archive, "word/document.xml", source):
        # A tag cut by the chunk boundary is found with the tail; one cannot fit in the tail.
        paragraphs += len(_PARAGRAPH.findall(tail + chunk))
        tail = chunk[-4:]
        if paragraphs > most:
            raise PlanTooLarge(
                f"a Word file of over {most:,} paragraphs, more than "
                f"{PARAGRAPHS_PER_CLAUSE} per clause of the limit of "
                f"{limits.max_plan_clauses:,} (POLICYGRAPH_MAX_PLAN_CLAUSES)",
                source=source,
            )


def _unpacked(archive: zipfile.ZipFile, name: str, source: str) -> Iterator[bytes]:
    """An archive entry in chunks of a megabyte; a damaged one is ``UnreadableDocument``."""
    try:
        with archive.open(name) as entry:
            while chunk := entry.read(1 << 20):
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UnreadableDocument(f"a damaged Word file ({exc})", source=source) from exc


def sniff_format(data: bytes, *, source: str) -> str:
    """``pdf``, ``docx``, ``doc``, ``html`` or ``text``; an archive that is no Word file is an error."""
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise UnreadableDocument(
                f"a ZIP archive that cannot be opened ({exc}): not a Word file", source=source
            ) from exc
        if "word/document.xml" not in archive.namelist():
            raise UnreadableDocument("a ZIP archive but not a Word (.docx) file", source=source)
        _check_unpacked(archive, source)
        return "docx"
    if head.startswith(_OLE):
        return "doc"
    if _MARKUP.search(head.lstrip()[:1024]) or _MARKUP.search(head):
        return "html"
    return "text"
