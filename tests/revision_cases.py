"""Build old/new pairs of policies for the revision tests: a seed parsed, then one known edit applied.

Tree edits renumber the siblings they disturb the way a drafter would (「(4)」 after an insertion
becomes 「(5)」), so the tests can check that such clauses come out "renumbered", not "modified".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

from policygen.model import Clause, Document, renumber_ids
from policygen.numbering import format_label, parse_label

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def seed_path(seed: str) -> Path:
    """Return the path of a seed policy's text by its number ("000")."""
    return next(CORPUS.glob(f"{seed}_*/{seed}_*.txt"))


@cache
def seed(seed_id: str) -> Document:
    """Return a seed policy read as the CLI reads it."""
    from policygen.readers import read_path

    return read_path(seed_path(seed_id))


def find(document: Document, clause_id: str) -> Clause:
    """Return the clause with this path or fail loudly (a test built on a missing clause is wrong)."""
    clause = document.find(clause_id)
    if clause is None:
        raise KeyError(f"no clause {clause_id}")
    return clause


# --- edits of the clause tree -------------------------------------------------------------------------------


def _children_of(document: Document, parent_id: str | None) -> list[Clause]:
    return list(document.clauses if parent_id is None else find(document, parent_id).children)


def _edit(document: Document, edits: dict[str | None, callable]) -> Document:
    """Return the document with some parents' children edited (keyed by the ORIGINAL ids), ids recomputed.

    Each edit maps the original children to the edited list; the edited siblings are then numbered again.
    """

    def rebuild(parent_id: str | None, clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        children = [c.with_children(rebuild(c.id, c.children)) for c in clauses]
        if parent_id in edits:
            children = relabel(children, edits[parent_id](children))
        return tuple(children)

    return replace(document, clauses=renumber_ids(rebuild(None, document.clauses)))


def relabel(original: list[Clause], edited: list[Clause]) -> list[Clause]:
    """Number the edited siblings again in order, each kind of label counting on from where it started."""
    start: dict[str, int] = {}
    for clause in original:
        parsed = parse_label(clause.label + " x") if clause.label else None
        if parsed is not None:
            start.setdefault(parsed[0].kind, parsed[0].number)
    seen: Counter = Counter()
    out = []
    for clause in edited:
        parsed = parse_label(clause.label + " x") if clause.label else None
        if parsed is None:
            out.append(clause)
            continue
        kind = parsed[0].kind
        number = start.get(kind, 1) + seen[kind]
        seen[kind] += 1
        out.append(replace(clause, label=format_label(kind, number)))
    return out


def _parent_id(clause_id: str) -> str | None:
    return clause_id.rsplit(".", 1)[0] if "." in clause_id else None


def _like(siblings: list[Clause], index: int, clause: Clause) -> Clause:
    """Give a clause entering a group of siblings their kind of label (relabel then numbers it)."""
    if not siblings:
        return clause
    return replace(clause, label=siblings[min(index, len(siblings) - 1)].label or clause.label)


def insert(document: Document, parent_id: str | None, index: int, clause: Clause) -> Document:
    """Insert a clause among a parent's children at an index (0 = first) and renumber the siblings."""
    return _edit(document, {parent_id: lambda kids: kids[:index] + [_like(kids, index, clause)] + kids[index:]})


def renumber(document: Document, parent_id: str | None) -> Document:
    """Number a parent's children again in order (closing gaps such as a missing 第2条), nothing else."""
    return _edit(document, {parent_id: lambda kids: kids})


def delete(document: Document, clause_id: str) -> Document:
    """Delete a clause (and its children) and renumber its siblings."""
    return _edit(document, {_parent_id(clause_id): lambda kids: [c for c in kids if c.id != clause_id]})


def move(document: Document, clause_id: str, index: int) -> Document:
    """Move a clause to another index among its own siblings (index in the list without it)."""

    def edit(kids: list[Clause]) -> list[Clause]:
        moving = next(c for c in kids if c.id == clause_id)
        rest = [c for c in kids if c.id != clause_id]
        return rest[:index] + [moving] + rest[index:]

    return _edit(document, {_parent_id(clause_id): edit})


def move_under(document: Document, clause_id: str, parent_id: str | None, index: int) -> Document:
    """Move a clause (with its children) under another parent at an index, renumbering both groups."""
    source = _parent_id(clause_id)
    assert source != parent_id, "use move() within one parent"
    moving = find(document, clause_id)

    def add(kids: list[Clause]) -> list[Clause]:
        return kids[:index] + [_like(kids, index, moving)] + kids[index:]

    return _edit(document, {source: lambda kids: [c for c in kids if c.id != clause_id], parent_id: add})


def swap(document: Document, first_id: str, second_id: str) -> Document:
    """Swap two sibling clauses and renumber them."""
    parent_id = _parent_id(first_id)
    assert parent_id == _parent_id(second_id), "swap needs siblings"

    def edit(kids: list[Clause]) -> list[Clause]:
        i = next(k for k, c in enumerate(kids) if c.id == first_id)
        j = next(k for k, c in enumerate(kids) if c.id == second_id)
        kids = list(kids)
        kids[i], kids[j] = kids[j], kids[i]
        return kids

    return _edit(document, {parent_id: edit})


def reword(document: Document, clause_id: str, old: str, new: str, *, count: int = 1) -> Document:
    """Replace words in one clause's text (or heading); the words must be there."""
    clause = find(document, clause_id)
    if old in clause.text:
        changed = replace(clause, text=clause.text.replace(old, new, count))
    elif old in clause.heading:
        changed = replace(clause, heading=clause.heading.replace(old, new, count))
    else:
        raise KeyError(f"{old!r} is not in clause {clause_id}")

    def rebuild(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        return tuple(changed if c.id == clause_id else c.with_children(rebuild(c.children)) for c in clauses)

    return replace(document, clauses=rebuild(document.clauses))


def reword_everywhere(document: Document, old: str, new: str) -> tuple[Document, set[str]]:
    """Replace words in every clause and return the new document with the ids of the clauses touched."""
    touched: set[str] = set()

    def rebuild(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        out = []
        for clause in clauses:
            text, heading = clause.text.replace(old, new), clause.heading.replace(old, new)
            if (text, heading) != (clause.text, clause.heading):
                touched.add(clause.id)
            out.append(replace(clause, text=text, heading=heading, children=rebuild(clause.children)))
        return tuple(out)

    return replace(document, clauses=rebuild(document.clauses)), touched


def seed_text_edited(seed_id: str, *replacements: tuple[str, str]) -> str:
    """Return a seed's text with literal replacements applied (each must occur)."""
    text = seed_path(seed_id).read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            raise KeyError(f"{old!r} is not in seed {seed_id}")
        text = text.replace(old, new)
    return text


def statuses(revision) -> Counter:
    """Return the multiset of the statuses that are not "unchanged"."""
    return Counter(p.status for p in revision.pairs if p.status != "unchanged")


def first_sentence(text: str) -> str:
    """Return the first sentence of a text (up to its first 「。」)."""
    match = re.match(r"[^。]*。", text)
    return match.group(0) if match else text


# --- an oracle for expectations ------------------------------------------------------------------------------

ORIGIN = "case_origin"  # attrs key: the old id a clause of a built version came from (never read by the code)


def tagged(document: Document) -> Document:
    """Return the document with each clause remembering its own id as its origin."""

    def tag(clauses: tuple[Clause, ...]) -> tuple[Clause, ...]:
        return tuple(replace(c, attrs={**c.attrs, ORIGIN: c.id}, children=tag(c.children)) for c in clauses)

    return replace(document, clauses=tag(document.clauses))


def relabelled(old: Document, new: Document, *, besides: set[str] = frozenset()) -> set[str]:
    """Return the origins of clauses carried over whose label changed (the expected "renumbered" ones)."""
    labels = {c.id: c.label for c in old.walk()}
    out = set()
    for clause in new.walk():
        origin = clause.attrs.get(ORIGIN)
        if origin is not None and origin not in besides and labels[origin] != clause.label:
            out.add(origin)
    return out
