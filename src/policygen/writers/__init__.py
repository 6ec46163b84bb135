"""Find a writer by the type of what is written and the format's name, as pandoc's tables do.

Entries name their function as "module:function" under policygen.writers and are imported only when used,
so that python-docx and jinja2 are not loaded to print `policygen --help`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

from policygen.errors import PolicygenError
from policygen.model import Comparison, Document, Revision


@dataclass(frozen=True)
class Writer:
    """One output format: the function that writes it, the options it takes, and its file extensions."""

    target: str  # "module:function" under policygen.writers
    text: bool = False  # the function returns str (written as UTF-8), not bytes
    options: tuple[str, ...] = ()  # keyword arguments passed on to the function when given
    extensions: tuple[str, ...] = ()

    def load(self) -> Callable[..., Any]:
        """Import the writing function."""
        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(f"policygen.writers.{module}"), function)

    def __call__(self, value: object, **options: object) -> bytes:
        """Return the bytes of `value` in this format; options the writer does not take are left out."""
        out = self.load()(value, **{k: v for k, v in options.items() if k in self.options})
        return out.encode("utf-8") if self.text else out


# The 新旧対照表 formats among the Revision writers (amend's --table takes only these).
OLD_NEW_TABLE = ("docx", "html", "md")

WRITERS: dict[type, dict[str, Writer]] = {
    Document: {
        "md": Writer("markdown:to_markdown", text=True, extensions=(".md", ".markdown")),
        "docx": Writer("docx:to_docx", options=("reference_docx", "reference_name"), extensions=(".docx",)),
        "tree": Writer("native:to_native", text=True),
        "json": Writer("json:to_json", text=True),
    },
    Comparison: {
        "text": Writer("report.text:render", options=("options",), extensions=(".txt",)),
        "json": Writer("report.json:render", extensions=(".json",)),
        "md": Writer("report.markdown:render", extensions=(".md", ".markdown")),
        "html": Writer("report.html:render", extensions=(".html", ".htm")),
    },
    Revision: {
        "docx": Writer("old_new_table.docx:old_new_table_docx", options=("options",), extensions=(".docx",)),
        "html": Writer("old_new_table.html:old_new_table_html", text=True, options=("options",),
                       extensions=(".html", ".htm")),
        "md": Writer("old_new_table.markdown:old_new_table_markdown", text=True, options=("options",),
                     extensions=(".md", ".markdown")),
        "json": Writer("changes_json:changes_json", text=True, extensions=(".json",)),
        "redline": Writer("redline:redline_docx", options=("author", "date")),
        "text": Writer("changes_text:changes_text", text=True),
    },
}


def formats(kind: type) -> tuple[str, ...]:
    """Return the format names a type of input can be written in."""
    return tuple(WRITERS[kind])


def extensions(kind: type, names: tuple[str, ...] | None = None) -> dict[str, str]:
    """Return file extension → format name for a type of input (only the formats named, if given)."""
    return {ext: name for name, writer in WRITERS[kind].items() if names is None or name in names
            for ext in writer.extensions}


def write(value: Document | Comparison | Revision, fmt: str, **options: object) -> bytes:
    """Return `value` written in the format `fmt`, as bytes."""
    table = WRITERS[type(value)]
    if fmt not in table:
        raise PolicygenError(f"{type(value).__name__}: no writer for format {fmt!r} (known: {', '.join(table)})")
    return table[fmt](value, **options)
