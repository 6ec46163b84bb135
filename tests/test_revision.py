"""compare_revisions on seeds with one known edit applied: each edit reported as made, nothing invented."""

from __future__ import annotations

from collections import Counter

import pytest
import revision_cases as rc

from policygen.errors import PolicygenError
from policygen.model import Clause, Document
from policygen.revise.versions import compare_revisions, reworded

NEW_ITEM = Clause(
    id="new",
    label="(1)",
    heading="サプライチェーン対策",
    text="委託先を含むサプライチェーン全体について、情報セキュリティ上のリスクを評価し、必要な対策を講じる。",
)
NEW_SECTION = Clause(
    id="new",
    label="1",
    heading="情報セキュリティインシデントへの対応",
    text="情報セキュリティインシデントが発生した場合には、速やかに被害の拡大を防止し、原因を究明して再発防止策を講じる。",
)


def _seed(seed_id: str) -> Document:
    return rc.tagged(rc.seed(seed_id))


def _check_alignment(revision) -> None:
    """Every pair carried over must pair a clause with its own origin: no clause matched to another."""
    for pair in revision.pairs:
        if pair.old is not None and pair.new is not None:
            assert pair.new.attrs.get(rc.ORIGIN) == pair.old.id, (pair.status, pair.old.id, pair.new.id)
        if pair.new is not None and pair.old is None:
            assert rc.ORIGIN not in pair.new.attrs, f"{pair.new.id} was carried over but reported added"


def _by_status(revision, status: str) -> set[str]:
    return {(p.old or p.new).id for p in revision.pairs if p.status == status}


def _expect(revision, old: Document, new: Document, expected: Counter, *, besides: set[str] = frozenset()) -> None:
    """Assert the full multiset of statuses: the edit's own, plus one "renumbered" per relabelled clause."""
    renumbered = rc.relabelled(old, new, besides=besides)
    want = Counter(expected)
    if renumbered:
        want["renumbered"] += len(renumbered)
    assert rc.statuses(revision) == want
    assert {p.old.id for p in revision.pairs if p.status == "renumbered"} == renumbered
    _check_alignment(revision)


@pytest.mark.parametrize("seed_id", ["000", "001", "003", "004"])
def test_identical_versions_have_no_change(seed_id):
    document = rc.seed(seed_id)
    revision = compare_revisions(document, document)
    assert not revision.changed()
    assert rc.statuses(revision) == Counter()
    assert [p.new.id for p in revision.pairs] == [c.id for c in document.walk()]
    assert all(p.similarity == 1.0 for p in revision.pairs)


def test_inserted_item_renumbers_the_following_items():
    old = _seed("000")
    new = rc.insert(old, "6", 3, NEW_ITEM)
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(added=1))
    assert rc.relabelled(old, new) == {"6.4", "6.5", "6.6", "6.7", "6.8", "6.9"}
    added = [p for p in revision.pairs if p.status == "added"]
    assert added[0].new.heading == "サプライチェーン対策" and added[0].new.label == "(4)"
    # Pairs follow the new order: the added item sits between (3) and the old (4).
    ids = [(p.new.id if p.new else None) for p in revision.pairs]
    assert ids.index("6.4") == ids.index("6.3") + 1 + len(new.find("6.3").children)
    assert revision.changed()


def test_inserted_section_renumbers_later_sections_but_not_their_items():
    old = _seed("004")
    new = rc.insert(old, None, 5, NEW_SECTION)
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(added=1))
    assert rc.relabelled(old, new) == {"6", "7", "8", "9", "10"}
    # The items of the renumbered section 6 (now 7) keep their labels: unchanged.
    assert all(p.status == "unchanged" for p in revision.pairs if p.old and p.old.id.startswith("6."))


def test_deleted_definition():
    old = _seed("001")
    new = rc.delete(old, "2.11")
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(removed=1))
    removed = next(i for i, p in enumerate(revision.pairs) if p.status == "removed")
    assert revision.pairs[removed].old.heading == "通信経路の分割"
    # A removed clause stands where it stood: right after its preceding old sibling (2)(10).
    assert revision.pairs[removed - 1].old.id == "2.10"
    assert revision.pairs[removed].related is None  # plain deletion, not a merge


def test_deleted_article_with_its_paragraphs_and_items():
    old = _seed("003")
    new = rc.delete(old, "5")  # 第6条 with 項 2 (号 (1)(2)) and 項 3
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(removed=5))
    assert _by_status(revision, "removed") == {"5", "5.1", "5.1.1", "5.1.2", "5.2"}
    order = [p.old.id for p in revision.pairs if p.old is not None]
    assert order == [c.id for c in old.walk()]  # removed clauses keep their old place and order


def test_moved_item_within_its_section():
    old = _seed("004")
    new = rc.move(old, "6.2", 6)  # (2) goes to the end of section 6's seven items
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(moved=1), besides={"6.2"})
    assert _by_status(revision, "moved") == {"6.2"}
    assert revision.changed()


def test_moved_section_to_another_parent():
    old = _seed("000")
    new = rc.move_under(old, "7", "6", 9)  # section 7 becomes item 6(10); 8–10 become 7–9
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(moved=1), besides={"7"})
    pair = next(p for p in revision.pairs if p.status == "moved")
    assert (pair.old.id, pair.new.id, pair.new.label) == ("7", "6.10", "(10)")
    assert not reworded(pair)


def test_moved_and_reworded_clause_is_moved_with_edits():
    old = _seed("001")
    moved = rc.move(old, "3.1", 4)
    new = rc.reword(moved, "3.5", "サイバー攻撃", "サイバー攻撃（標的型攻撃を含む。）")
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(moved=1), besides={"3.1"})
    pair = next(p for p in revision.pairs if p.status == "moved")
    assert reworded(pair)
    inserted = [e.new for e in pair.edits if e.op == "insert"]
    assert any("標的型攻撃" in text for text in inserted)


@pytest.mark.parametrize(("seed_id", "parent", "first", "second"), [("001", "3", "3.2", "3.3"), ("004", None, "7", "8")])
def test_two_swapped_clauses_report_one_move(seed_id, parent, first, second):
    old = _seed(seed_id)
    new = rc.swap(old, first, second)
    revision = compare_revisions(old, new)
    moved = _by_status(revision, "moved")
    assert len(moved) == 1 and moved <= {first, second}
    _expect(revision, old, new, Counter(moved=1), besides=moved)
    assert rc.statuses(revision) == Counter(moved=1, renumbered=1)


def test_reworded_sentence_is_modified_with_its_edit():
    old = _seed("000")
    new = rc.reword(old, "1", "基本的な事項", "基本的な事項及び職員等の責務")
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(modified=1))
    pair = next(p for p in revision.pairs if p.status == "modified")
    assert pair.old.id == "1"
    changes = [(e.op, e.old, e.new, e.notation_only) for e in pair.edits if e.op != "equal"]
    assert changes == [("insert", "", "及び職員等の責務", False)]
    assert "".join(e.old for e in pair.edits) == "目的\n" + old.find("1").text
    assert "".join(e.new for e in pair.edits) == "目的\n" + new.find("1").text
    assert 0.8 < pair.similarity < 1.0


def test_reworded_sentence_in_an_article_paragraph():
    old = _seed("003")
    new = rc.reword(old, "3.1", "みだりに", "正当な理由なく")
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(modified=1))
    assert _by_status(revision, "modified") == {"3.1"}


def _notation_case():
    old = _seed("000")
    new, first = rc.reword_everywhere(old, "講じる", "講ずる")
    new, second = rc.reword_everywhere(new, "取り扱う", "取扱う")
    return old, new, first | second


def test_notation_only_rewording_is_notation():
    old, new, touched = _notation_case()
    assert len(touched) == 7
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(notation=len(touched)))
    assert _by_status(revision, "notation") == touched
    for pair in revision.pairs:
        changes = [e for e in pair.edits if e.op != "equal"]
        assert all(e.notation_only for e in changes)
    assert revision.changed()


def test_ignore_notation_makes_notation_edits_equal():
    old, new, _ = _notation_case()
    revision = compare_revisions(old, new, ignore_notation=True)
    assert rc.statuses(revision) == Counter()
    assert not revision.changed()
    # The surfaces are kept, so the new text can still be read off the edits.
    pair = next(p for p in revision.pairs if p.new.id == "6.4")
    assert "講ずる" in "".join(e.new for e in pair.edits)


def test_ignore_notation_keeps_renumbering_and_real_changes():
    old, new, _ = _notation_case()
    new = rc.insert(new, "6", 0, NEW_ITEM)
    revision = compare_revisions(old, new, ignore_notation=True)
    assert rc.statuses(revision) == Counter(added=1, renumbered=9)


def test_whitespace_only_change_and_ignore_whitespace():
    old = _seed("001")
    new = rc.reword(old, "1", "情報資産の", "情報資産 の")
    plain = compare_revisions(old, new)
    assert rc.statuses(plain) == Counter(notation=1)
    ignored = compare_revisions(old, new, ignore_whitespace=True)
    assert rc.statuses(ignored) == Counter()


def test_merged_sections():
    old = _seed("000")
    seven, eight = old.find("7"), old.find("8")
    merged = rc.reword(old, "7", seven.text, seven.text + eight.text)
    new = rc.delete(merged, "8")
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(modified=1, removed=1))
    removed = next(p for p in revision.pairs if p.status == "removed")
    assert removed.old.id == "8" and removed.related is not None and removed.related.id == "7"
    assert [n.code for n in revision.notices] == ["revision.merged"]


def test_split_item():
    old = _seed("000")
    item = old.find("6.9")
    first, rest = rc.first_sentence(item.text), item.text[len(rc.first_sentence(item.text)):]
    assert first and rest
    shortened = rc.reword(old, "6.9", item.text, first)
    new = rc.insert(shortened, "6", 9, Clause(id="new", label="(1)", heading="情報セキュリティポリシーの見直し", text=rest))
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(modified=1, added=1))
    added = next(p for p in revision.pairs if p.status == "added")
    assert added.new.id == "6.10" and added.related is not None and added.related.id == "6.9"


def test_unrelated_insertion_is_not_called_a_split():
    old = _seed("001")
    new = rc.insert(old, "6", 9, NEW_ITEM)
    revision = compare_revisions(old, new)
    assert all(p.related is None for p in revision.pairs)
    assert revision.notices == ()


@pytest.mark.parametrize("deleted", ["6.9", "7"])
def test_deleted_clause_resembling_another_is_not_a_merge(deleted):
    # 6(9) 評価・見直し repeats section 7's sentence word for word: deleting 7 leaves its text inside
    # 6(9), which already had it, so nothing was merged.
    old = _seed("000")
    new = rc.delete(old, deleted)
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(removed=1))
    assert all(p.related is None for p in revision.pairs)
    assert revision.notices == ()


def test_identical_text_in_two_places_pairs_under_the_matched_parent():
    # A copy of 6(4) is added as 3(4): same text, same label; only the parent tells them apart.
    old = _seed("000")
    copy = old.find("6.4")
    new = rc.insert(old, "3", 3, Clause(id="copy", label="(1)", heading=copy.heading, text=copy.text))
    assert new.find("3.4").label == new.find("6.4").label == "(4)"
    revision = compare_revisions(old, new)
    _expect(revision, old, new, Counter(added=1))
    added = next(p for p in revision.pairs if p.status == "added")
    assert added.new.id == "3.4"


def test_pairs_come_in_new_order_with_removed_clauses_in_their_old_place():
    old = _seed("001")
    edited = rc.delete(old, "3.3")
    new = rc.insert(edited, "4", 0, Clause(id="new", label="(1)", heading="外部委託先の範囲",
                                           text="本基本方針は、本市の業務を受託する事業者にも適用する。"))
    revision = compare_revisions(old, new)
    new_ids = [p.new.id for p in revision.pairs if p.new is not None]
    assert new_ids == [c.id for c in new.walk()]
    positions = {(p.old.id if p.old else None): i for i, p in enumerate(revision.pairs)}
    assert positions["3.3"] == positions["3.2"] + 1


def test_empty_version_is_an_error():
    with pytest.raises(PolicygenError, match="new.txt: no clauses found"):
        compare_revisions(rc.seed("001"), Document(title="x"), new_path="new.txt")


def test_deterministic():
    old = _seed("004")
    new = rc.swap(rc.insert(old, "3", 2, NEW_ITEM), "7", "8")
    first = compare_revisions(old, new)
    second = compare_revisions(old, new)
    assert first.pairs == second.pairs


def test_changes_json_records_merges_splits_and_reworded_moves():
    import json

    from policygen.writers.changes_json import changes_json

    old = _seed("000")
    seven, eight = old.find("7"), old.find("8")
    merged = rc.delete(rc.reword(old, "7", seven.text, seven.text + eight.text), "8")
    moved = rc.reword(rc.move(merged, "3.1", 4), "3.5", "サイバー攻撃", "標的型攻撃")
    revision = compare_revisions(old, moved)
    text = changes_json(revision)
    assert text == changes_json(compare_revisions(old, moved))
    data = json.loads(text)
    by_status = {}
    for pair in data["pairs"]:
        by_status.setdefault(pair["status"], []).append(pair)
    assert [p["merged_into"] for p in by_status["removed"]] == ["7"]
    assert [(p["old_path"], p["new_path"], p["modified"]) for p in by_status["moved"]] == [("3.1", "3.5", True)]
    assert data["summary"]["moved"] == 1 and data["summary"]["removed"] == 1 and data["changed"] is True
    removed = by_status["removed"][0]
    assert (removed["new_path"], removed["new_label"], removed["similarity"]) == (None, None, 0.0)
