"""Statuses agree with their similarity, parents follow their children, 6(8) is three units, gaps count once.

The consistency rules are checked on every comparison the project has at hand (the bundled policies,
the rendered drafts and, when present, the development set beside the repository), and the rules of
compare/statuses.py on small hand-made results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accuracy import real_documents, seed_documents
from policygen.compare.statuses import MODIFIED_AT_MOST, NOT_COVERED, UNCERTAIN_BELOW, cover_parents, settle
from policygen.compare.with_model import compare_file, compare_with_model
from policygen.generate.profile import KINDS, default_profile
from policygen.generate.template import render
from policygen.model import ClauseResult, Comparison, Match
from policygen.readers import read_bytes
from policygen.writers import write


@pytest.fixture(scope="module")
def comparisons() -> list[Comparison]:
    out = [compare_file(d.path, kind=d.kind) for d in seed_documents() + real_documents()]
    out += [compare_with_model(render(default_profile(kind), style="numbered"), kind=kind) for kind in KINDS]
    return out


def test_there_is_something_to_check(comparisons):
    assert len(comparisons) >= 5 + len(KINDS)


def test_no_status_contradicts_its_similarity(comparisons):
    for comparison in comparisons:
        for result in comparison.clauses:
            if not result.matches:
                assert result.status == "missing", (comparison.document_path, result.model_id)
                continue
            first = result.matches[0]
            where = (comparison.document_path, result.model_id, result.status, first.similarity)
            if result.status == "identical":
                assert first.similarity == 1.0, where
            if result.status in ("modified", "notation"):
                assert first.similarity <= MODIFIED_AT_MOST, where
            if result.status == "uncertain":
                assert first.basis == "signals" and first.similarity < UNCERTAIN_BELOW, where


def test_a_parent_is_covered_when_a_child_is(comparisons):
    for comparison in comparisons:
        by_id = {r.model_id: r for r in comparison.clauses}
        for result in comparison.clauses:
            parent = result.model_id.rpartition(".")[0]
            if parent and result.status not in NOT_COVERED and not by_id[parent].decision:
                assert by_id[parent].status not in NOT_COVERED, (comparison.document_path, result.model_id)


def test_settle_rules():
    content = Match("1", "1", 0.39, "content")
    assert settle("identical", (content,), strong=True)[1][0].similarity == 1.0
    full = Match("1", "1", 1.0, "content")
    assert settle("modified", (full,), strong=True)[1][0].similarity == MODIFIED_AT_MOST
    weak = Match("1", "1", UNCERTAIN_BELOW / 2, "signals")
    assert settle("modified", (weak,), strong=False)[0] == "uncertain"
    assert settle("modified", (weak,), strong=True)[0] == "modified"  # a caption that names it is strong
    assert settle("missing", (), strong=False) == ("missing", ())


def test_cover_parents_takes_the_childrens_places():
    results = [
        ClauseResult("6", "対策", "missing", True),
        ClauseResult("6.8", "業務委託", "missing", True),
        ClauseResult("6.8.1", "", "modified", True, matches=(Match("5", "5", 0.6),)),
        ClauseResult("7", "監査", "missing", True),
    ]
    parents = {"6": None, "6.8": "6", "6.8.1": "6.8", "7": None}
    out = {r.model_id: r for r in cover_parents(results, parents)}
    assert out["6.8"].status == out["6"].status == "modified"
    assert [m.path for m in out["6"].matches] == ["5"] and out["6"].matches[0].basis == "children"
    assert out["7"].status == "missing"
    assert cover_parents(results, parents, keep={"6.8"})[1].status == "missing"  # a reviewer's absence stays


def _with_68(paragraphs: int) -> str:
    """Return the city draft as Markdown, with 6(8) cut to its first paragraphs (all three, or none)."""
    text = write(render(default_profile("city"), style="numbered"), "md").decode("utf-8")
    if paragraphs:
        return text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "(8)" in line and "業務委託" in line)
    end = next(i for i in range(start + 1, len(lines)) if "(9)" in lines[i])
    return "\n".join(lines[:start] + lines[end:]) + "\n"


def test_68_verbatim_is_identical_on_each_paragraph():
    comparison = compare_with_model(read_bytes(_with_68(3).encode("utf-8"), name="policy.md"), kind="city")
    statuses = {r.model_id: r.status for r in comparison.clauses}
    assert [statuses[k] for k in ("6.8.1", "6.8.2", "6.8.3")] == ["identical"] * 3


def test_an_absent_section_is_one_gap():
    comparison = compare_with_model(read_bytes(_with_68(0).encode("utf-8"), name="policy.md"), kind="city")
    missing = [r.model_id for r in comparison.clauses if r.applicable and r.status == "missing"]
    assert missing == ["6.8", "6.8.1", "6.8.2", "6.8.3"]
    assert [r.model_id for r in comparison.gaps()] == ["6.8"]
