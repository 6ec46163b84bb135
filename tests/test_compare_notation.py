"""Rewriting a policy only with notation variants makes the clauses it touches `notation`, never `modified`.

The reference is the comparison of the unchanged policy (seed 001, and the model itself), so no
status is hard-coded: a clause whose compared text a rewrite changes must go identical/notation →
notation (a clause already modified stays modified), and every clause it does not touch keeps its
status. A real change of wording (適正→適切, 策定→作成) in one clause makes exactly that clause modified.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from policygen.compare.with_model import compare_document
from policygen.model import Comparison, Document
from policygen.readers import read_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = next(p for p in sorted(CORPUS.iterdir()) if p.name.startswith("001_"))
SEED_TEXT = (SEED / f"{SEED.name}.txt").read_text(encoding="utf-8")

# (as the seed or the model writes it, a variant the 公用文 conventions also accept)
LEMMA_VARIANTS = [
    ("講じる", "講ずる"),
    ("取り扱", "取扱"),
    ("ハードウェア", "ハードウエア"),
    ("強靱", "強靭"),
    ("ウイルス", "ウィルス"),
    ("行う", "行なう"),
    ("行い", "行ない"),
]
# Normalization itself unifies these, so a clause they alone touch stays identical ("same after
# normalization"); the lemma variants above make it notation.
PUNCTUATION_VARIANTS = [("、", "，"), ("。", "．")]
VARIANTS = LEMMA_VARIANTS + PUNCTUATION_VARIANTS
REAL_CHANGES = [("適正", "適切"), ("策定", "作成")]


def rewrite(text: str, pairs) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def compare_text(text: str) -> Comparison:
    return compare_document(read_bytes(text.encode("utf-8"), name="policy.txt"), kind="city")


@pytest.fixture(scope="module")
def reference() -> Comparison:
    return compare_text(SEED_TEXT)


def expected_after_notation(reference: Comparison, pairs) -> dict[str, str]:
    """Return the statuses a notation-only rewrite must give, from the reference and what the rewrite touches."""
    expected = {}
    lemma_pairs = [pair for pair in pairs if pair not in PUNCTUATION_VARIANTS]
    for result in reference.clauses:
        touched = rewrite(result.org_text, lemma_pairs) != result.org_text
        if touched and result.status in ("identical", "notation"):
            expected[result.model_id] = "notation"
        else:
            expected[result.model_id] = result.status
    return expected


def check_notation_rewrite(reference: Comparison, rewritten: Comparison, pairs) -> list[str]:
    """Return how the rewritten comparison departs from what a notation-only rewrite allows."""
    expected = expected_after_notation(reference, pairs)
    before = {r.model_id: r for r in reference.clauses}
    problems = []
    for result in rewritten.clauses:
        old = before[result.model_id]
        if result.applicable != old.applicable:
            problems.append(f"{result.model_id}: applicable changed")
        if result.status != expected[result.model_id]:
            changed = [f"{e.old}→{e.new}" for e in result.edits if e.op != "equal" and not e.notation_only]
            problems.append(
                f"{result.model_id}: {old.status} → {result.status}, expected {expected[result.model_id]}; "
                f"substantive edits {changed[:5]}"
            )
    return problems


@pytest.mark.parametrize("pair", VARIANTS, ids=[f"{a}-{b}" for a, b in VARIANTS])
def test_each_variant_in_seed_001_is_notation(reference, pair):
    touched = [r for r in reference.clauses if pair[0] in r.org_text]
    assert touched, f"seed 001 has no {pair[0]} in a matched clause: the test would check nothing"
    rewritten = compare_text(rewrite(SEED_TEXT, [pair]))
    problems = check_notation_rewrite(reference, rewritten, [pair])
    assert not problems, "\n".join(problems)
    # The rewrite reached the compared text (so notation is not just the old status kept).
    after = {r.model_id: r.org_text for r in rewritten.clauses}
    assert all(after[r.model_id] == rewrite(r.org_text, [pair]) for r in touched)


def test_all_variants_at_once_in_seed_001(reference):
    rewritten = compare_text(rewrite(SEED_TEXT, VARIANTS))
    problems = check_notation_rewrite(reference, rewritten, VARIANTS)
    assert not problems, "\n".join(problems)
    notation = [r for r in rewritten.clauses if r.status == "notation"]
    touched = [r for r in reference.clauses if rewrite(r.org_text, LEMMA_VARIANTS) != r.org_text]
    assert len(touched) >= 15, "the lemma variants reach a good part of seed 001"
    assert len(notation) == len([r for r in touched if r.status != "modified"])
    assert rewritten.counts()["missing"] == reference.counts()["missing"]


def test_model_rewritten_with_variants_is_notation():
    """The model compared with itself, then with every clause rewritten in variants."""
    from policygen.generate.template import model_document

    model = model_document()
    reference = compare_document(model, kind="city")
    assert {r.status for r in reference.clauses} == {"identical"}, "the model matches itself exactly"

    def restyle(clause):
        return replace(
            clause,
            heading=rewrite(clause.heading, VARIANTS),
            text=rewrite(clause.text, VARIANTS),
            children=tuple(restyle(c) for c in clause.children),
        )

    variant = Document(title=model.title, clauses=tuple(restyle(c) for c in model.clauses), meta=dict(model.meta))
    rewritten = compare_document(variant, kind="city")
    problems = check_notation_rewrite(reference, rewritten, VARIANTS)
    assert not problems, "\n".join(problems)
    touched = sum(rewrite(r.org_text, LEMMA_VARIANTS) != r.org_text for r in reference.clauses)
    assert touched >= 15, "the lemma variants reach a good part of the model"
    assert sum(r.status == "notation" for r in rewritten.clauses) == touched
    assert {r.status for r in rewritten.clauses} == {"identical", "notation"}


def _one_line_change(reference: Comparison, old: str, new: str) -> tuple[str, set[str]]:
    """Change `old` to `new` in one line of the seed only; return the text and the clause IDs that line feeds."""
    for result in reference.clauses:
        if result.status != "identical":
            continue
        for line in result.org_text.split("\n"):
            if old in line and SEED_TEXT.count(line) == 1:
                text = SEED_TEXT.replace(line, line.replace(old, new, 1))
                fed = {r.model_id for r in reference.clauses if line in r.org_text.split("\n")}
                return text, fed
    raise AssertionError(f"no identical clause of seed 001 has {old} on a line of its own")


@pytest.mark.parametrize("pair", REAL_CHANGES, ids=[f"{a}-{b}" for a, b in REAL_CHANGES])
def test_real_change_makes_only_that_clause_modified(reference, pair):
    text, fed = _one_line_change(reference, *pair)
    rewritten = compare_text(text)
    statuses = {r.model_id: r.status for r in rewritten.clauses}
    assert {statuses[m] for m in fed} == {"modified"}, f"{pair}: {fed} should be modified"
    unchanged = {r.model_id: r.status for r in reference.clauses if r.model_id not in fed}
    assert {m: statuses[m] for m in unchanged} == unchanged


@pytest.mark.parametrize("pair", REAL_CHANGES, ids=[f"{a}-{b}" for a, b in REAL_CHANGES])
def test_real_change_among_notation_variants(reference, pair):
    """With every notation variant applied too, the one real change is still the only modified clause."""
    text, fed = _one_line_change(reference, *pair)
    rewritten = compare_text(rewrite(text, VARIANTS))
    expected = expected_after_notation(reference, VARIANTS)
    expected.update({m: "modified" for m in fed})
    assert {r.model_id: r.status for r in rewritten.clauses} == expected
