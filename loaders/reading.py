"""Any published plan file → the text the pipeline reads, whatever its format.

The format comes from the bytes (``formats.sniff_format``). Text plans are decoded as they
always were; a web page, a PDF or a Word file is read into blocks by its own reader and
laid out as lines, with each line's locator back into the original. A .doc or .wps file
(the old binary Word and WPS formats) is converted to .docx by LibreOffice when it is
installed; otherwise the error says how to convert it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import UnreadableDocument
from loaders.document import Line, ReadDocument, as_lines
from loaders.docx_reader import read_docx
from loaders.encoding import decode_plan
from loaders.formats import sniff_format
from loaders.html_reader import read_html
from loaders.pdf_reader import read_pdf

_READERS: dict[str, Callable[..., ReadDocument]] = {
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}
_CONVERT_TIMEOUT_S = 120


@dataclass(frozen=True)
class ReadText:
    """A plan file as text lines, and what its format says about where they came from."""

    text: str
    source_format: str
    encoding: str | None
    lines: tuple[Line, ...] = ()
    """The lines with their locators and heading levels (empty for text plans)."""
    page_count: int | None = None
    source_url: str | None = None


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc(data: bytes, *, source: str) -> bytes:
    """A .doc or .wps file's bytes as .docx, by LibreOffice."""
    soffice = _soffice()
    if soffice is None:
        raise UnreadableDocument(
            "a .doc/.wps file, and LibreOffice is not installed to convert it: install it (apt-get install "
            "libreoffice-writer) or convert the file yourself (soffice --headless --convert-to docx FILE)",
            source=source,
        )
    with tempfile.TemporaryDirectory(prefix="policygraph-doc-") as folder:
        original = Path(folder) / "plan.doc"
        original.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "docx",
                 "--outdir", folder, str(original)],
                check=True, capture_output=True, timeout=_CONVERT_TIMEOUT_S,
            )  # fmt: skip
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise UnreadableDocument(
                f"LibreOffice could not convert it to .docx ({exc})", source=source
            ) from exc
        converted = original.with_suffix(".docx")
        if not converted.exists():
            raise UnreadableDocument("LibreOffice could not convert it to .docx", source=source)
        return converted.read_bytes()


def read_plan_file(data: bytes, *, source: str) -> ReadText:
    """The plan's text lines, whatever format its bytes are in."""
    kind = sniff_format(data, source=source)
    if kind == "text":
        decoded = decode_plan(data, source=source)
        return ReadText(decoded.text, "text", decoded.encoding)
    if kind == "doc":
        document = read_docx(convert_doc(data, source=source), source=source)
        document = ReadDocument(document.blocks, "doc")
    else:
        document = _READERS[kind](data, source=source)
    lines = as_lines(document.blocks)
    return ReadText(
        text="\n".join(line.text for line in lines),
        source_format=document.source_format,
        encoding=document.encoding,
        lines=tuple(lines),
        page_count=document.page_count,
        source_url=document.source_url,
    )
