"""Read a Word .docx into a Document: body paragraphs and tables in order, Word's own numbering as labels.

_ooxml.py walks the WordprocessingML (tracked changes accepted, fields by their results, generated numbers
recomputed, a soft line break splitting a paragraph); structure.py nests the paragraphs into clauses.
"""

from __future__ import annotations

from dataclasses import replace

from policygen.model import Document, Notice, Paragraph
from policygen.readers._ooxml import read_body


def extract(data: bytes, *, name: str = "") -> tuple[list[Paragraph], list[Notice]]:
    """Return the body paragraphs of a .docx in document order and the notices about them."""
    out, tracked = read_body(data, name=name)
    notices = []
    if tracked:
        notices.append(
            Notice(
                code="docx.tracked-changes",
                message="the document has tracked changes; its text was read with all changes accepted",
                level="info",
                source="word/document.xml",
            )
        )
    return out, notices


def paragraphs(data: bytes, *, name: str = "") -> list[Paragraph]:
    """Return the body paragraphs of a .docx in document order (tables row by row, numbering as labels)."""
    return extract(data, name=name)[0]


def read(data: bytes, *, name: str = "") -> Document:
    """Read a .docx into a Document."""
    from policygen.readers.structure import build_document

    paras, notices = extract(data, name=name)
    document = build_document(paras, source_name=name)
    if notices:
        document = replace(document, notices=tuple(document.notices) + tuple(notices))
    return document
