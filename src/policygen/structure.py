"""The one place that nests a flat list of paragraphs into a clause tree."""

from __future__ import annotations

from policygen.model import Document, Paragraph


def build_document(paragraphs: list[Paragraph], *, source_name: str = "") -> Document:
    """Nest paragraphs into a Document: title and header lines, clauses, postscript, notices."""
    raise NotImplementedError("structure.build_document is being written")
