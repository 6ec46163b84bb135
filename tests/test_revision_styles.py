"""A profile rendered in numbered style and in article style: numbers and notation change, substance doesn't.

Every pair must come out renumbered, unchanged or notation, except the places where the article style
really words things differently; each of those is listed here with its reason and checked exactly.
"""

from __future__ import annotations

from collections import Counter

import pytest
import revision_cases as rc

from policygen.generate import template
from policygen.generate.profile import load_profile
from policygen.revise.versions import compare_revisions

# What the article style says differently, as (old words, new words) of substantive edits.
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


# Pairs that are not renumbered/unchanged/notation, per seed, each explained:
#   2, 4: lead sentence added (ARTICLE_WORDING);
#   10 + 10.1: the second paragraph of 10 becomes 第10条第2項 (a split: 10 loses it, 10.1 is new).
COMMON = {
    ("modified", "2", "2"),
    ("modified", "10", "10"),
    ("added", None, "10.1"),
}
EXPECTED = {
    "001": COMMON | {("modified", "4", "4")},
    # 000: section 5's items (1)(2) become 第5条's body and its 項 2: (1) merges into 第5条.
    "000": COMMON | {("modified", "4", "4"), ("modified", "5", "5"), ("removed", "5.1", None)},
    # 004: section 4 has its own text in both styles (so no lead sentence); 5's 「本市議会議員」→「市議会議員」
    # is the article style's bare self-reference, so notation.
    "004": COMMON,
}


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
                if pair.old.id == "10":
                    assert change[1] == "" and change[0].startswith("\n"), change  # the split-off 項
                elif seed_id == "000" and pair.old.id == "5":
                    assert change[0] == "" and "職員等" in change[1], change  # 5(1)'s text arrives
                else:
                    assert change in ARTICLE_WORDING, (pair.old.id, change)

    split = next(p for p in revision.pairs if p.status == "added")
    assert split.related is not None and split.related.id == "10"
    assert split.new.label == "2"


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
