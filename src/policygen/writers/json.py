"""Write a Document as JSON: every field of the clause tree, for other programs."""

from __future__ import annotations

import json

from policygen.model import Clause, Document


def clause_to_dict(clause: Clause) -> dict[str, object]:
    """Return a clause and its children as plain JSON-ready data."""
    return {
        "id": clause.id,
        "label": clause.label,
        "heading": clause.heading,
        "text": clause.text,
        "source": clause.source,
        "attrs": dict(clause.attrs),
        "children": [clause_to_dict(child) for child in clause.children],
    }


def document_to_dict(document: Document) -> dict[str, object]:
    """Return a Document as plain JSON-ready data."""
    return {
        "title": document.title,
        "meta": dict(document.meta),
        "preamble": list(document.preamble),
        "clauses": [clause_to_dict(clause) for clause in document.clauses],
        "postscript": list(document.postscript),
        "notices": [
            {"code": n.code, "level": n.level, "message": n.message, "source": n.source} for n in document.notices
        ],
    }


def to_json(document: Document) -> str:
    """Return the Document as indented JSON with sorted keys, one trailing newline."""
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
