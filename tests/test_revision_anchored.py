"""The diff's short cuts change what is computed, never what a revision reports.

Anchoring: every case is compared twice, anchored (the default) and with every old clause scored against
every new one; the pairs (statuses, clauses, edits, similarity, related clause) and the notices must be
the same. Identical texts: a pair whose text did not change is not diffed token by token.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
import revision_cases as rc
from shared_files import SHARED

from policygen.generate import template
from policygen.generate.profile import load_profile
from policygen.model import Clause, Document, renumber_ids
from policygen.revise import anchors
from policygen.revise.versions import compare_revisions

NEW_ITEM = Clause(id="new", label="(1)", heading="サプライチェーン対策",
                  text="委託先を含むサプライチェーン全体について、情報セキュリティ上のリスクを評価し、必要な対策を講じる。")


def _merged(seed_id: str, keep: str, gone: str) -> tuple[Document, Document]:
    old = rc.tagged(rc.seed(seed_id))
    kept, removed = old.find(keep), old.find(gone)
    return old, rc.delete(rc.reword(old, keep, kept.text, kept.text + removed.text), gone)


def _split(seed_id: str, parent: str, item: str, index: int) -> tuple[Document, Document]:
    old = rc.tagged(rc.seed(seed_id))
    text = old.find(item).text
    first = rc.first_sentence(text)
    shortened = rc.reword(old, item, text, first)
    return old, rc.insert(shortened, parent, index, Clause(id="new", label="(1)", heading="", text=text[len(first):]))


def _moved_far_and_rewritten() -> tuple[Document, Document]:
    # Section 8 goes under section 3, keeping its heading and the first half of its sentence: too little of
    # it is left to read as merged anywhere, enough to pair it across the unchanged clauses in between.
    old = rc.tagged(rc.seed("000"))
    text = old.find("8").text
    kept = text[: text.index("場合には、") + len("場合には、")]
    rewritten = rc.reword(old, "8", text, kept + "委託先を含めて対策を点検し、必要な措置を速やかに講ずる。")
    return old, rc.move_under(rewritten, "8", "3", 0)


def _files(old_path, new_path) -> tuple[Document, Document]:
    from policygen.readers import read_path

    if not (old_path.exists() and new_path.exists()):
        pytest.skip(f"{old_path.parent} is not beside the repository")
    return read_path(old_path), read_path(new_path)


REAL = SHARED / "real-policies" / "docs"


def _styles(seed_id: str) -> tuple[Document, Document]:
    profile = load_profile(next(rc.CORPUS.glob(f"{seed_id}_*/profile.yaml")))
    return template.render(profile, style="numbered"), template.render(profile, style="article")


def _edited(seed_id: str, edit) -> tuple[Document, Document]:
    old = rc.tagged(rc.seed(seed_id))
    return old, edit(old)


def _notation(old: Document) -> Document:
    new, _ = rc.reword_everywhere(old, "講じる", "講ずる")
    return rc.reword_everywhere(new, "取り扱う", "取扱う")[0]


# The kinds of edit the revision tests build, and some of them together.
CASES = {
    "identical": lambda: _edited("003", lambda d: d),
    "inserted item": lambda: _edited("000", lambda d: rc.insert(d, "6", 3, NEW_ITEM)),
    "inserted section": lambda: _edited("004", lambda d: rc.insert(d, None, 5, replace(NEW_ITEM, label="1"))),
    "deleted definition": lambda: _edited("001", lambda d: rc.delete(d, "2.11")),
    "deleted article": lambda: _edited("003", lambda d: rc.delete(d, "5")),
    "moved item": lambda: _edited("004", lambda d: rc.move(d, "6.2", 6)),
    "moved to another parent": lambda: _edited("000", lambda d: rc.move_under(d, "7", "6", 9)),
    "moved and reworded": lambda: _edited(
        "001", lambda d: rc.reword(rc.move(d, "3.1", 4), "3.5", "サイバー攻撃", "サイバー攻撃（標的型攻撃を含む。）")),
    "moved far and rewritten": _moved_far_and_rewritten,
    "swapped items": lambda: _edited("001", lambda d: rc.swap(d, "3.2", "3.3")),
    "swapped sections": lambda: _edited("004", lambda d: rc.swap(d, "7", "8")),
    "reworded": lambda: _edited("000", lambda d: rc.reword(d, "1", "基本的な事項", "基本的な事項及び職員等の責務")),
    "reworded article paragraph": lambda: _edited("003", lambda d: rc.reword(d, "3.1", "みだりに", "正当な理由なく")),
    "notation": lambda: _edited("000", _notation),
    "whitespace": lambda: _edited("001", lambda d: rc.reword(d, "1", "情報資産の", "情報資産 の")),
    "merged sections": lambda: _merged("000", "7", "8"),
    "split item": lambda: _split("000", "6", "6.9", 9),
    "deleted look-alike 6.9": lambda: _edited("000", lambda d: rc.delete(d, "6.9")),
    "deleted look-alike 7": lambda: _edited("000", lambda d: rc.delete(d, "7")),
    "identical text in two places": lambda: _edited(
        "000", lambda d: rc.insert(d, "3", 3, replace(d.find("6.4"), id="copy", label="(1)", children=()))),
    "inserted and swapped": lambda: _edited("004", lambda d: rc.swap(rc.insert(d, "3", 2, NEW_ITEM), "7", "8")),
    "real revision: 阿久比町 2004 → 2018": lambda: _files(REAL / "09_agui_town_2004.txt", REAL / "08_agui_town_2018.txt"),
    "amended draft 002": lambda: _files(rc.seed_path("002"), rc.seed_path("002").with_suffix(".amended-draft.md")),
    "amended draft 003": lambda: _files(rc.seed_path("003"), rc.seed_path("003").with_suffix(".amended-draft.md")),
    "numbered → article 000": lambda: _styles("000"),
    "numbered → article 001": lambda: _styles("001"),
    "numbered → article 004": lambda: _styles("004"),
}


def _same_either_way(old: Document, new: Document) -> None:
    anchored = compare_revisions(old, new)
    whole = compare_revisions(old, new, anchor=False)
    assert [(p.status, p.old and p.old.id, p.new and p.new.id) for p in anchored.pairs] == [
        (p.status, p.old and p.old.id, p.new and p.new.id) for p in whole.pairs
    ]
    assert anchored.pairs == whole.pairs
    assert anchored.notices == whole.notices


@pytest.mark.parametrize("name", list(CASES))
def test_anchored_alignment_reports_what_scoring_every_pair_reports(name):
    old, new = CASES[name]()
    _same_either_way(old, new)


# --- big synthetic pairs ---------------------------------------------------------------------------------------


def _copies(document: Document, copies: int) -> Document:
    """Return the document's clauses repeated, the texts of each copy marked so that no two copies read alike."""

    def mark(clause: Clause, copy: int) -> Clause:
        text = f"{clause.text}（第{copy + 1}編）" if clause.text else clause.text
        return replace(clause, text=text, children=tuple(mark(c, copy) for c in clause.children))

    return replace(document, clauses=renumber_ids([mark(c, k) for k in range(copies) for c in document.clauses]))


def _random_edits(document: Document, rng: random.Random, count: int) -> Document:
    """Apply random rewordings, deletions, insertions, moves, swaps and merges of siblings."""
    for step in range(count):
        clauses = [c for c in document.walk() if c.text]
        clause = rng.choice(clauses)
        parent = clause.id.rsplit(".", 1)[0] if "." in clause.id else None
        siblings = [c.id for c in (document.find(parent).children if parent else document.clauses)]
        kind = rng.choice(["reword", "reword", "delete", "insert", "move", "swap", "merge"])
        if kind == "reword":
            document = rc.reword(document, clause.id, clause.text[:4], clause.text[:4] + "（改正）")
        elif kind == "delete":
            document = rc.delete(document, clause.id)
        elif kind == "insert":
            added = replace(NEW_ITEM, heading=f"新設{step}", text=f"第{step}の規定として、{NEW_ITEM.text}")
            document = rc.insert(document, parent, rng.randrange(len(siblings) + 1), added)
        elif kind == "move" and len(siblings) > 1:
            document = rc.move(document, clause.id, rng.randrange(len(siblings) - 1))
        elif kind == "swap" and len(siblings) > 1:
            document = rc.swap(document, clause.id, rng.choice([s for s in siblings if s != clause.id]))
        elif kind == "merge":
            index = siblings.index(clause.id)
            if index + 1 < len(siblings) and document.find(siblings[index + 1]).text:
                after = document.find(siblings[index + 1])
                document = rc.delete(rc.reword(document, clause.id, clause.text, clause.text + after.text), after.id)
    return document


@pytest.mark.parametrize(("seed_id", "copies", "edits", "seed"), [
    ("003", 3, 12, 1), ("000", 4, 15, 2), ("001", 4, 15, 3), ("004", 4, 25, 4),
])
def test_anchored_alignment_on_big_synthetic_pairs(seed_id, copies, edits, seed):
    old = _copies(rc.seed(seed_id), copies)
    new = _random_edits(old, random.Random(seed), edits)
    # The case must leave both anchors and stretches to align, or it tests nothing.
    plan = anchors.plan(*(_units(d) for d in (old, new)))
    assert len(plan.twins) > len(plan.stretches) > copies
    _same_either_way(old, new)


def _units(document: Document):
    from policygen.compare.align import units
    from policygen.compare.features import featurizer as _featurizer, org_names as _org_names

    return units(document, _featurizer(_org_names(document)))


def test_a_moved_twin_is_moved_and_a_renumbered_one_renumbered():
    old = _copies(rc.seed("004"), 2)
    new = rc.move(old, "3", 12)  # the third section goes after the thirteenth: 4–13 move up one number
    revision = compare_revisions(old, new)
    by_old = {p.old.id: p for p in revision.pairs if p.old is not None}
    assert (by_old["3"].status, by_old["3"].new.id) == ("moved", "13")
    assert (by_old["5"].status, by_old["5"].old.label, by_old["5"].new.label) == ("renumbered", "5", "4")
    _same_either_way(old, new)


@pytest.mark.parametrize("seed_id", ["000", "001", "002", "003", "004"])
def test_an_unchanged_text_diffs_as_the_one_equal_run_the_revision_assumes(seed_id):
    from policygen.compare.diff import diff_tokens, similarity
    from policygen.model import Edit
    from policygen.compare.features import org_names as _org_names
    from policygen.revise.versions import comparable

    document = rc.seed(seed_id)
    org = _org_names(document)
    for clause in document.walk():
        text = comparable(clause)
        assert diff_tokens(text, text, org_old=org, org_new=org) == ([Edit("equal", text, text)] if text else [])
        assert similarity(text, text, org_old=org, org_new=org) == 1.0


@pytest.mark.parametrize(("seed_id", "copies", "edits", "seed"), [("003", 3, 12, 1), ("004", 4, 25, 4)])
def test_every_twin_scores_what_its_own_pair_scores(seed_id, copies, edits, seed):
    # The anchored alignment scores one twin per heading kind and gives the others that score (_twin).
    from policygen.compare.align import Scorer, pair_score
    from policygen.revise.versions import _Anchored

    old = _copies(rc.seed(seed_id), copies)
    new = _random_edits(old, random.Random(seed), edits)
    old_units, new_units = _units(old), _units(new)
    scorer = Scorer(old_units, new_units)
    twins = _Anchored(scorer, old_units, new_units).twins
    by_key = {u.key: u for u in new_units}
    assert {bool(u.heading_keys) for u in old_units if u.key in {a.key for a in twins}} == {True, False}
    olds = {u.key: u for u in old_units}
    assert [a.scores[0] for a in twins] == [
        round(pair_score(scorer, olds[a.key], by_key[a.matches[0]]), 4) for a in twins]
