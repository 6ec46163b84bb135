"""Choose a reader for a file by its extension and its first bytes, and read it into a Document.

READERS names each format's reading function as "module:function" under policygen.readers; a reader is
imported only when a file of its format is read (pdfminer, python-docx and markdown-it stay unloaded
otherwise).
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.model import Document

# format → its reading function: read(data: bytes, *, name: str) -> Document
READERS = {
    "text": "text:read",
    "markdown": "markdown:read",
    "html": "html:read",
    "docx": "docx:read",
    "pdf": "pdf:read",
}
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_UNSUPPORTED = {
    ".doc": "Word 97-2003 .doc is not supported; save it as .docx",
    ".rtf": "RTF is not supported; save it as .docx",
    ".jtd": "Ichitaro .jtd is not supported; save it as .docx",
    ".xlsx": "spreadsheets are not supported",
    ".xls": "spreadsheets are not supported",
    ".odt": "OpenDocument .odt is not supported; save it as .docx",
}
_MARKDOWN_HEADING = re.compile(rb"^#{1,6}[ \t]+\S", re.MULTILINE)
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def _sniff(data: bytes) -> str | None:
    """Name the format that the first bytes prove, or None for text."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PolicygenError("Word 97-2003 .doc (or another OLE file) is not supported; save it as .docx")
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, NotImplementedError):  # damaged, or a header naming a zip version not supported
            return None
        if "word/document.xml" in names:
            return "docx"
        raise PolicygenError("a ZIP file that is not a Word .docx document is not supported")
    if _HTML.match(data[:1024].lstrip(b"\xef\xbb\xbf")):
        return "html"
    return None


def _looks_like_markdown(data: bytes) -> bool:
    """Tell whether a text file uses Markdown headings (seed 004 is Markdown saved as .txt)."""
    return bool(_MARKDOWN_HEADING.search(data.lstrip(b"\xef\xbb\xbf")))


def choose_reader(data: bytes, *, name: str = "") -> str:
    """Return the name of the format to read this input as (a key of READERS)."""
    suffix = Path(name).suffix.lower()
    if suffix in _UNSUPPORTED:
        raise PolicygenError(f"{name}: {_UNSUPPORTED[suffix]}")
    try:
        sniffed = _sniff(data)
    except PolicygenError as exc:
        raise PolicygenError(f"{name or 'input'}: {exc}") from None
    if sniffed is not None:
        return sniffed
    expected = _EXTENSIONS.get(suffix)
    if expected in ("docx", "pdf"):
        raise PolicygenError(f"{name}: not a valid {suffix} file")
    if expected in ("markdown", "html"):
        return expected
    if suffix and expected is None and b"\x00" in data[:1024] and not data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise PolicygenError(f"{name}: unsupported file format {suffix}")
    return "markdown" if _looks_like_markdown(data) else "text"


def read_bytes(data: bytes, *, name: str = "") -> Document:
    """Read the bytes of a policy file with the reader its name and content call for."""
    reader = choose_reader(data, name=name)
    if reader in ("text", "markdown", "html"):
        from policygen.limits import check_text_size

        check_text_size(data, reader, name)
    module_name, _, function = READERS[reader].partition(":")
    try:
        module = importlib.import_module(f"policygen.readers.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"policygen.readers.{module_name}":
            raise
        raise PolicygenError(f"{name or 'input'}: reading {reader} files is not available in this build") from None
    return getattr(module, function)(data, name=name)


def read_path(path: str | Path) -> Document:
    """Read a policy file from disk into a Document."""
    from policygen.limits import read_input

    return read_bytes(read_input(path), name=str(path))
