"""A profile rendered in numbered style and in article style: numbers and notation change, substance doesn't.

Every pair must come out renumbered, unchanged or notation, except the places where a profile's article
rendering really words things differently; each of those is listed here with its reason and checked exactly.
What the article style writes differently for every body (a lead sentence, a paragraph as its own 項) is
notation, and the revision says why.
"""

from __future__ import annotations

from collections import Counter

import pytest
import revision_cases as rc

from policygen.generate import template
from policygen.generate.profile import load_profile
from policygen.revise.versions import compare_revisions

# What the article style says differently for every body, as (old words, new words): notation, with a reason.
ARTICLE_WORDING = {
    # 第2条 and 第4条 get a lead sentence where the numbered sections have a bare heading.
    ("", "\nこの基本方針において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。"),
    ("", "\nこの基本方針の適用範囲は、次のとおりとする。"),
}
# 「以下の」→「次の」 and cross-references (上記3 → 第3条, 上記6、7及び8 → 第6条から第8条まで) are the two
# styles' ways of writing the same thing: normalization unifies them, so they are notation, not listed here.


def _styles(seed_id: str):
    profile = load_profile(next(rc.CORPUS.glob(f"{seed_id}_*/profile.yaml")))
    return template.render(profile, style="numbered"), template.render(profile, style="article")


def _substantive(pair) -> list[tuple[str, str]]:
    return [(e.old, e.new) for e in pair.edits if e.op != "equal" and not e.notation_only]


def _exceptions(revision) -> set[tuple[str, str | None, str | None]]:
    return {
        (p.status, p.old.id if p.old else None, p.new.id if p.new else None)
        for p in revision.pairs
        if p.status not in ("unchanged", "renumbered", "notation")
    }


# Pairs that are not renumbered/unchanged/notation, per seed, each explained.
EXPECTED = {
    "001": set(),
    # 000: section 5's items (1)(2) become 第5条's body and its 項 2: (1) merges into 第5条.
    "000": {("modified", "5", "5"), ("removed", "5.1", None)},
    # 004: section 4 has its own text in both styles (so no lead sentence); 5's 「本市議会議員」→「市議会議員」
    # is the article style's bare self-reference, so notation.
    "004": set(),
}
LEAD_SENTENCES = {"000": {"第2条", "第4条"}, "001": {"第2条", "第4条"}, "004": {"第2条"}}


@pytest.mark.parametrize("seed_id", ["000", "001", "004"])
def test_numbered_to_article_changes_only_numbers_notation_and_known_wording(seed_id):
    numbered, article = _styles(seed_id)
    revision = compare_revisions(numbered, article)
    assert _exceptions(revision) == EXPECTED[seed_id]

    # Every top clause's label changes (1 → 第1条): none of them can be "unchanged".
    top = [p for p in revision.pairs if p.new is not None and "." not in p.new.id]
    assert len(top) == 10 and all(p.status != "unchanged" for p in top)
    for pair in revision.pairs:
        if pair.status == "modified":
            for change in _substantive(pair):
                assert seed_id == "000" and pair.old.id == "5", (pair.old.id, change)
                assert change[0] == "" and "職員等" in change[1], change  # 5(1)'s text arrives

    # The lead sentences are notation edits, and a notice names each with its reason.
    leads = {(e.old, e.new) for p in revision.pairs if p.old and p.old.id in ("2", "4")
             for e in p.edits if e.op != "equal" and e.old == ""}
    assert leads <= ARTICLE_WORDING and len(leads) == len(LEAD_SENTENCES[seed_id])
    assert all(e.notation_only for p in revision.pairs for e in p.edits if (e.old, e.new) in ARTICLE_WORDING)
    said = {n.source for n in revision.notices if n.code == "revision.style-form" and "lead sentence" in n.message}
    assert said == LEAD_SENTENCES[seed_id]

    # 10's second paragraph is 第10条第2項: the same paragraph, numbered now.
    paragraph = next(p for p in revision.pairs if p.new is not None and p.new.id == "10.1")
    assert paragraph.status == "notation" and paragraph.new.label == "2"
    assert paragraph.old is not None and paragraph.old.label == "" and paragraph.old.text.startswith("なお、")
    assert [n.source for n in revision.notices if n.code == "revision.style-items"] == ["10"]


def test_numbered_to_article_renumbers_labels_without_moves():
    numbered, article = _styles("001")
    revision = compare_revisions(numbered, article)
    assert not any(p.status == "moved" for p in revision.pairs)
    labels = {(p.old.label, p.new.label) for p in revision.pairs if p.status == "renumbered"}
    assert ("①", "ア") in labels and ("7", "第7条") in labels


def test_numbered_to_article_ignoring_notation_leaves_only_the_explained_exceptions():
    numbered, article = _styles("001")
    revision = compare_revisions(numbered, article, ignore_notation=True)
    assert _exceptions(revision) == EXPECTED["001"]
    assert "notation" not in Counter(p.status for p in revision.pairs)


def test_a_lead_sentence_inserted_within_one_style_is_a_change():
    # The forms are the two styles' ways of writing: a numbered revision that adds the sentence changed it.
    import dataclasses

    numbered, _ = _styles("001")
    lead = "この基本方針において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。"
    revised = dataclasses.replace(numbered, clauses=tuple(
        dataclasses.replace(c, text=lead) if c.id == "2" else c for c in numbered.clauses))
    revision = compare_revisions(numbered, revised)
    assert _exceptions(revision) == {("modified", "2", "2")}
    assert not [n for n in revision.notices if n.code.startswith("revision.style")]
