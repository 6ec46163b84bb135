"""Which model clauses a policy covers does not depend on its order, its headings' words or its form.

Over the rendered draft of every kind of body in both styles, each test transforms the draft as real
bodies do and compares the covered clauses with those of the untransformed draft (never with a fixed
list): sections shuffled; headings renamed with other words for the same concept (from the shipped
vocabulary); the whole turned into a headingless declaration (a title and bullet commitments); the
asset and organ scope moved into definitions of 情報資産 and 実施機関. Each draft is written as
Markdown and read back, as a user's file would be.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from policygen.compare.statuses import NOT_COVERED
from policygen.compare.vocabulary import vocabulary_for
from policygen.compare.with_model import compare_with_model
from policygen.generate.profile import KINDS, default_profile
from policygen.generate.template import default_template_path, render
from policygen.model import Clause, Document, renumber_ids
from policygen.readers import read_bytes
from policygen.writers import write

STYLES = ("numbered", "article")
CASES = [(kind, style) for kind in KINDS for style in STYLES]
VOCABULARY = vocabulary_for(str(default_template_path()))


def draft(kind: str, style: str) -> Document:
    return render(default_profile(kind), style=style)


def covered(document: Document, kind: str) -> set[str]:
    """Return the model IDs a document covers, read back from its Markdown as a user's file."""
    text = write(document, "md")
    comparison = compare_with_model(read_bytes(text, name="policy.md"), kind=kind)
    return {r.model_id for r in comparison.clauses if r.applicable and r.status not in NOT_COVERED}


def covered_text(text: str, kind: str) -> set[str]:
    comparison = compare_with_model(read_bytes(text.encode("utf-8"), name="policy.txt"), kind=kind)
    return {r.model_id for r in comparison.clauses if r.applicable and r.status not in NOT_COVERED}


@pytest.fixture(scope="module")
def references() -> dict[tuple[str, str], set[str]]:
    return {(kind, style): covered(draft(kind, style), kind) for kind, style in CASES}


def test_the_drafts_cover_every_applicable_clause(references):
    # The reference itself must be right, or the properties below would compare nothing with nothing.
    for (kind, style), ids in references.items():
        comparison = compare_with_model(draft(kind, style), kind=kind)
        assert ids == {r.model_id for r in comparison.clauses if r.applicable}, (kind, style)


@pytest.mark.parametrize("kind,style", CASES)
@pytest.mark.parametrize("seed", [1, 2])
def test_shuffled_sections(references, kind, style, seed):
    document = draft(kind, style)
    clauses = list(document.clauses)
    random.Random(seed).shuffle(clauses)
    assert [c.model_id for c in clauses] != [c.model_id for c in document.clauses]
    assert covered(replace(document, clauses=tuple(clauses)), kind) == references[kind, style]


def _renamed(clause: Clause, rng: random.Random) -> Clause:
    """Return a clause tree whose headings are other words of the vocabulary for the same concept."""
    children = tuple(_renamed(c, rng) for c in clause.children)
    heading = clause.heading
    own = VOCABULARY.heading_form(heading)
    others = sorted(n for n in VOCABULARY.headings.get(clause.model_id or "", ()) if n != own and len(n) > 1)
    if heading and others:
        heading = rng.choice(others)
    return replace(clause, heading=heading, children=children)


@pytest.mark.parametrize("kind,style", CASES)
def test_headings_renamed_with_vocabulary_variants(references, kind, style):
    document = draft(kind, style)
    renamed = tuple(_renamed(c, random.Random(kind + style)) for c in document.clauses)
    assert [c.heading for c in renamed] != [c.heading for c in document.clauses]
    assert covered(replace(document, clauses=renamed), kind) == references[kind, style]


def _commitments(clause: Clause) -> list[str]:
    """Return a clause tree as declaration lines: each clause with words of its own one bullet line."""
    lines = []
    if clause.text:
        term = f"{clause.heading}　" if clause.heading else ""
        lines.append("・" + term + clause.text.replace("\n", ""))
    for child in clause.children:
        lines += _commitments(child)
    return lines


@pytest.mark.parametrize("kind,style", CASES)
def test_turned_into_a_headingless_declaration(references, kind, style):
    document = draft(kind, style)
    lines = [document.title, ""]
    for clause in document.clauses:
        lines += _commitments(clause)
    assert not any(line.startswith(("#", "第")) for line in lines[2:])  # no heading or article is left
    assert covered_text("\n".join(lines) + "\n", kind) == references[kind, style]


def _into_definitions(document: Document) -> Document | None:
    """Return the draft with 4(1) and 4(2) moved into its definitions as 実施機関 and 情報資産, or None."""
    by_id = {c.model_id: c for c in document.clauses}
    scope, definitions = by_id.get("4"), by_id.get("2")
    if scope is None or definitions is None:
        return None
    moved = []
    for child in scope.children:
        term = {"4.1": "実施機関", "4.2": "情報資産"}.get(child.model_id or "")
        if term is None:
            return None
        words = "".join([child.text, *(g.text for g in child.children)])
        moved.append(Clause(id="", label=f"({len(definitions.children) + len(moved) + 1})", heading=term, text=words))
    new_definitions = definitions.with_children(definitions.children + tuple(moved))
    clauses = [new_definitions if c is definitions else c for c in document.clauses if c is not scope]
    return replace(document, clauses=renumber_ids(clauses))


@pytest.mark.parametrize("kind,style", CASES)
def test_scope_moved_into_definitions(references, kind, style):
    document = _into_definitions(draft(kind, style))
    if document is None:
        pytest.skip("this kind's draft has no 4(1)/4(2) to move")
    assert "4" not in {c.model_id for c in document.clauses}
    assert covered(document, kind) == references[kind, style]
