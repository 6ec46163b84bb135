"""What compare and revise both see of a text: its names, its comparison keys, its change class."""

from __future__ import annotations

from typing import Callable, Iterable, Literal

from policygen.model import Document, Edit

# How far a pair's text differs: not at all, in notation only (講じる/講ずる), or in substance.
Change = Literal["none", "notation", "substance"]


def plain_text(document: Document) -> str:
    """Return the document's title, preamble and clause texts as one string (for learning its names)."""
    lines = [document.title, *document.preamble]
    lines += [f"{c.heading}\n{c.text}" for c in document.walk()]
    return "\n".join(lines)


def org_names(document: Document):
    """Learn the names a document uses for its own body (本市, 本組合, 市, …) from its text."""
    from policygen.ja.normalize import OrgNames

    return OrgNames.guess(plain_text(document))


def featurizer(names) -> Callable[[str], list[str]]:
    """Return a function mapping text to the normalized lemma keys that alignment compares, for one body's names."""
    from policygen.ja.normalize import normalize_text
    from policygen.ja.tokenize import tokenize

    def featurize(text: str) -> list[str]:
        return [t.key for t in tokenize(normalize_text(text, org=names))]

    return featurize


def comparable(heading: str, text: str) -> str:
    """Return a clause's own content as compared: its heading, then its body."""
    return "\n".join(part for part in (heading, text) if part)


def change(edits: Iterable[Edit]) -> Change:
    """Return how much a pair's edits change: none, notation only, or substance."""
    changes = [e for e in edits if e.op != "equal"]
    if not changes:
        return "none"
    if all(e.notation_only for e in changes):
        return "notation"
    return "substance"
