"""Write a 新旧対照表 as a Markdown (GFM) table, 傍線 as <u>…</u>."""

from __future__ import annotations

import re

from policygen.model import Revision
from policygen.writers.old_new_table.rows import CellParagraph, Table, build_table
from policygen.writers.old_new_table.options import TableOptions

# Characters that inline Markdown or the table syntax would read as markup.
_SPECIAL = re.compile(r"([\\`*_\[\]<>~|#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")

# Said in the legend line, since a reader of the plain text sees the tags.
LEGEND_NOTE = "傍線は `<u>…</u>` で示す。"


def old_new_table_markdown(revision: Revision, options: TableOptions | None = None) -> str:
    """Return the 新旧対照表 of a revision as Markdown."""
    return table_markdown(build_table(revision, options))


def escape(text: str) -> str:
    """Escape text for one line of a table cell: markup characters and | get a backslash."""
    text = " ".join(text.splitlines())
    return _SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", text))


def _paragraph(paragraph: CellParagraph) -> str:
    # Indentation as full-width spaces: Markdown keeps them, and they read as the 字下げ of the original.
    lead = "\u3000" * max(0, paragraph.indent + max(paragraph.first_line, 0))
    runs = "".join(f"<u>{escape(r.text)}</u>" if r.underlined else escape(r.text) for r in paragraph.runs)
    return lead + runs


def _cell(paragraphs: tuple[CellParagraph, ...]) -> str:
    return "<br>".join(_paragraph(p) for p in paragraphs) or " "


def table_markdown(table: Table) -> str:
    """Return a built table as Markdown: title, legend (saying how 傍線 is written), then the table."""
    chunks = [f"# {escape(table.title)}"]
    if table.legend:
        chunks.append(f"{escape(table.legend)}\u3000{LEGEND_NOTE}")
    left, right = table.labels
    lines = [f"| {escape(left)} | {escape(right)} |", "| --- | --- |"]
    for row in table.rows:
        cells = table.cells(row)
        lines.append(f"| {_cell(cells[0])} | {_cell(cells[1])} |")
    chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"
