"""A realistic hand-built Revision of seed 001 for the 新旧対照表 and redline tests (plus checks of the sample).

The old version is seed 001 as the text reader reads it. The new version rewords a few sentences (edits written
by hand, joined heading + "\\n" + text as compare.py joins them), changes one heading, drops a definition (the
next one is renumbered), inserts a measure in 6 (the rest of 6 renumbered), deletes a paragraph of 6(8),
changes one notation only, swaps 9 and 10 (a move), and adds a 附則.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from policygen.model import Clause, Document, Edit, Revision, RevisionPair, renumber_ids
from policygen.readers import text as text_reader

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "001_4bef1579f8598a41" / "001_4bef1579f8598a41.txt"

SNS_PARAGRAPH = (
    "\nソーシャルメディアサービスを利用する場合には、ソーシャルメディアサービスの運用手順を定め、"
    "ソーシャルメディアサービスで発信できる情報を規定し、利用するソーシャルメディアサービスごとの責任者を定める。"
)
# The changes, as (context before, old words, new words): what the tests expect underlined.
CHANGES = {
    "1": [("基本的な事項を定める", "", "ことにより、行政サービスの信頼性を確保する")],
    "2.4": [("本基本方針", "及び", "、"), ("情報セキュリティ対策基準", "", "及び情報セキュリティ実施手順")],
    "3.1": [("不正アクセス、", "ウイルス", "ウィルス")],
    "5": [("職員、", "臨時・非常勤職員等", "会計年度任用職員等"), ("共通の認識を持ち、", "業務の遂行に当たって", "")],
    "6.8": [("利用に係る規定を整備し対策を講じる。", SNS_PARAGRAPH, "")],
    "8": [("", "", "情報")],
}
NOTATION = {"3.1"}
ADDED_MEASURE = Clause(
    id="new",
    label="(3)",
    heading="情報セキュリティインシデントへの対応",
    text="情報セキュリティインシデントが発生した場合に備え、連絡体制及び対応手順を整備する。",
)
POSTSCRIPT = ("附　則", "この基本方針は、令和9年4月1日から施行する。")


def seed_document() -> Document:
    """Return seed 001 read by the text reader."""
    return text_reader.read(SEED.read_bytes(), name=SEED.name)


def _joined(clause: Clause) -> str:
    return "\n".join(part for part in (clause.heading, clause.text) if part)


def change(clause: Clause, changes: list[tuple[str, str, str]], *, notation: bool = False
           ) -> tuple[Clause, tuple[Edit, ...]]:
    """Return the clause with the changes applied, and the edits over its heading + "\\n" + text."""
    source = _joined(clause)
    edits: list[Edit] = []
    pos = 0
    for before, old, new in changes:
        start = source.index(before + old, pos) + len(before)
        if start > pos:
            edits.append(Edit("equal", source[pos:start], source[pos:start]))
        op = "replace" if old and new else "delete" if old else "insert"
        edits.append(Edit(op, old, new, notation))
        pos = start + len(old)
    if pos < len(source):
        edits.append(Edit("equal", source[pos:], source[pos:]))
    result = "".join(e.new for e in edits)
    if clause.heading:
        heading, _, body = result.partition("\n")
    else:
        heading, body = "", result
    return replace(clause, heading=heading, text=body), tuple(edits)


def _relabel(clauses: tuple[Clause, ...], labels: list[str]) -> tuple[Clause, ...]:
    return tuple(replace(c, label=label) for c, label in zip(clauses, labels))


def sample_revision() -> Revision:
    """Return the hand-built revision of seed 001 described in the module docstring."""
    old = seed_document()
    edits: dict[str, tuple[Edit, ...]] = {}

    def edited(clause: Clause) -> Clause:
        # Tag every clause with the old clause it comes from, then apply that clause's changes.
        tagged = replace(clause, attrs={**clause.attrs, "origin": clause.id},
                         children=tuple(edited(c) for c in clause.children))
        if clause.id in CHANGES:
            tagged, edits[clause.id] = change(tagged, CHANGES[clause.id], notation=clause.id in NOTATION)
        return tagged

    tops = [edited(c) for c in old.clauses]
    definitions = tops[1].children
    kept = definitions[:10] + definitions[11:]  # 2(11) 通信経路の分割 goes; 2(12) becomes (11)
    tops[1] = tops[1].with_children(_relabel(kept, [f"({n})" for n in range(1, len(kept) + 1)]))
    measures = tops[5].children
    measures = measures[:2] + (ADDED_MEASURE,) + measures[2:]
    tops[5] = tops[5].with_children(_relabel(measures, [f"({n})" for n in range(1, len(measures) + 1)]))
    tops[8], tops[9] = replace(tops[9], label="9"), replace(tops[8], label="10")
    new = replace(
        old,
        clauses=renumber_ids(tops),
        meta={**old.meta, "date": "令和9年4月"},
        postscript=POSTSCRIPT,
    )
    return Revision(old, new, _pairs(old, new, edits), old_path="old.txt", new_path="new.txt")


def _pairs(old: Document, new: Document, edits: dict[str, tuple[Edit, ...]]) -> tuple[RevisionPair, ...]:
    olds = {c.id: c for c in old.walk()}
    order = [c.id for c in old.walk()]
    pairs: list[RevisionPair] = []
    seen: set[str] = set()
    previous_old = -1
    for clause in new.walk():
        origin = clause.attrs.get("origin")
        if origin is None:
            pairs.append(RevisionPair("added", None, clause, similarity=0.0))
            continue
        before = olds[str(origin)]
        seen.add(before.id)
        position = order.index(before.id)
        clause_edits = edits.get(before.id, ())
        if position < previous_old:
            status = "moved"
        elif clause_edits:
            status = "notation" if all(e.notation_only or e.op == "equal" for e in clause_edits) else "modified"
        elif before.label != clause.label:
            status = "renumbered"
        else:
            status = "unchanged"
        previous_old = max(previous_old, position)
        pairs.append(RevisionPair(status, before, clause, clause_edits, 1.0 if not clause_edits else 0.9))
    # A removed clause stands where it stood: after the pair of the old clause before it.
    for index, old_id in enumerate(order):
        if old_id in seen:
            continue
        anchor = next(k for k, p in enumerate(pairs) if p.old is not None and p.old.id == order[index - 1])
        pairs.insert(anchor + 1, RevisionPair("removed", olds[old_id], None, similarity=0.0))
    return tuple(pairs)


def identical_revision() -> Revision:
    """Return seed 001 compared with itself."""
    doc = seed_document()
    pairs = tuple(RevisionPair("unchanged", c, c) for c in doc.walk())
    return Revision(doc, doc, pairs)


# --- checks that the sample says what the tests assume ---------------------------------------------------------


def test_sample_has_every_status():
    statuses = [p.status for p in sample_revision().pairs]
    for status in ("unchanged", "renumbered", "modified", "notation", "added", "removed", "moved"):
        assert status in statuses, status


def test_sample_edits_spell_both_versions():
    revision = sample_revision()
    for pair in revision.pairs:
        if pair.edits:
            assert "".join(e.old for e in pair.edits) == _joined(pair.old)
            assert "".join(e.new for e in pair.edits) == _joined(pair.new)


def test_sample_new_version_reads_as_intended():
    new = sample_revision().new
    assert new.find("2.11").heading == "無害化通信" and new.find("2.11").label == "(11)"
    assert new.find("6.3").heading == "情報セキュリティインシデントへの対応"
    assert new.find("6.4").label == "(4)" and new.find("6.4").heading == "情報システム全体の強靱性の向上"
    assert new.find("9").heading == "情報セキュリティ実施手順の作成"
    assert new.find("8").heading == "情報セキュリティポリシーの見直し"
    assert "ソーシャルメディア" not in new.find("6.9").text
