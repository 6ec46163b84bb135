"""Write a Document as an indented outline of its clause tree: what `policygen read` prints by default."""

from __future__ import annotations

from policygen.model import Clause, Document

_PREVIEW = 40  # characters of text shown per clause


def _preview(text: str) -> str:
    flat = " / ".join(text.split("\n"))
    return flat if len(flat) <= _PREVIEW else flat[:_PREVIEW] + "…"


def to_native(document: Document) -> str:
    """Return an indented outline: label, heading and the first characters of each clause's text."""
    lines = []
    if document.title:
        lines.append(f"title: {document.title}")
    for key in sorted(document.meta):
        lines.append(f"meta.{key}: {document.meta[key]}")
    lines.extend(f"preamble: {line}" for line in document.preamble)

    def walk(clause: Clause, depth: int) -> None:
        parts = [clause.label or "¶"]
        if clause.heading:
            parts.append(f"【{clause.heading}】")
        if clause.text:
            parts.append(_preview(clause.text))
        lines.append("  " * depth + " ".join(parts))
        for child in clause.children:
            walk(child, depth + 1)

    for clause in document.clauses:
        walk(clause, 0)
    lines.extend(f"postscript: {line}" for line in document.postscript)
    return "\n".join(lines) + "\n"
