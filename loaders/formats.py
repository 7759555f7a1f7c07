"""Which format a plan file is in, from its bytes (the extension is only a hint).

Government sites serve PDFs named .htm and Word files named .pdf; a saved page may have no
extension at all. The first bytes say what a file is: ``%PDF-``, a ZIP archive holding
``word/document.xml`` (.docx), an OLE compound file (.doc, .wps), markup (HTML), else text.
"""

from __future__ import annotations

import io
import re
import zipfile

from graph.errors import UnreadableDocument

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_MARKUP = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.IGNORECASE)
_SNIFF_BYTES = 4096


def sniff_format(data: bytes, *, source: str) -> str:
    """``pdf``, ``docx``, ``doc``, ``html`` or ``text``; an archive that is no Word file is an error."""
    head = data[:_SNIFF_BYTES]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            raise UnreadableDocument(
                f"a ZIP archive that cannot be opened ({exc}): not a Word file", source=source
            ) from exc
        if "word/document.xml" in names:
            return "docx"
        raise UnreadableDocument("a ZIP archive but not a Word (.docx) file", source=source)
    if head.startswith(_OLE):
        return "doc"
    if _MARKUP.search(head.lstrip()[:1024]) or _MARKUP.search(head):
        return "html"
    return "text"
