"""Tests of the 新旧対照表 rows: which clauses get a row, what each side says, where the 傍線 fall."""

from __future__ import annotations

import itertools

import pytest
from test_old_new_table_sample import identical_revision, sample_revision

from policygen.errors import PolicygenError
from policygen.model import Clause, Document, Edit, Revision, RevisionPair
from policygen.writers.old_new_table.rows import (
    ADDED_MARK,
    NO_CHANGE,
    OMITTED,
    REMOVED_MARK,
    build_table,
)
from policygen.revise.paragraphs import text_edits
from policygen.writers.old_new_table.options import TableOptions


@pytest.fixture(scope="module")
def revision() -> Revision:
    return sample_revision()


def _row(table, *, new_id: str = "", old_id: str = ""):
    for row in table.rows:
        if (new_id and row.new_id == new_id) or (old_id and row.old_id == old_id and not new_id):
            return row
    raise AssertionError(f"no row for new {new_id!r} old {old_id!r}")


def _underlined(paragraphs) -> list[str]:
    return [text for p in paragraphs for text in p.underlined]


def _text(paragraphs) -> str:
    return "\n".join(p.text for p in paragraphs)


def test_replacement_and_deletion_are_underlined_on_both_sides(revision):
    row = _row(build_table(revision), new_id="5")
    assert _underlined(row.old) == ["臨時・非常勤職員等", "業務の遂行に当たって"]
    assert _underlined(row.new) == ["会計年度任用職員等", "\u3000"]
    # The blank stands where the words were deleted.
    assert "持ち、\u3000情報セキュリティポリシー" in _text(row.new)
    assert row.new[0].text == "5\u3000職員等の遵守義務" and row.new[0].underlined == []


def test_insertion_leaves_an_underlined_blank_on_the_old_side(revision):
    row = _row(build_table(revision), new_id="1")
    assert _underlined(row.new) == ["ことにより、行政サービスの信頼性を確保する"]
    assert _underlined(row.old) == ["\u3000"]
    assert "定める\u3000ことを目的とする" in _text(row.old)


def test_two_changes_in_one_definition(revision):
    row = _row(build_table(revision), new_id="2.4")
    assert _underlined(row.old) == ["及び", "\u3000"]
    assert _underlined(row.new) == ["、", "及び情報セキュリティ実施手順"]


def test_change_in_a_heading_is_underlined_in_the_heading_line(revision):
    row = _row(build_table(revision), new_id="8")
    assert row.new[0].text == "8\u3000情報セキュリティポリシーの見直し"
    assert row.new[0].underlined == ["情報"]
    assert row.old[0].underlined == ["\u3000"]
    assert all(p.underlined == [] for p in row.new[1:] + row.old[1:])


def test_deleted_paragraph_is_underlined_and_leaves_no_blank(revision):
    # A whole paragraph is underlined where it stands; the other side has no paragraph for it, and a blank
    # at the end of the paragraph before would mark a change of words that paragraph does not have.
    row = _row(build_table(revision), new_id="6.9")
    assert row.old[-1].underlined == [row.old[-1].text] and row.old[-1].text.startswith("ソーシャルメディア")
    assert row.new[-1].text.endswith("対策を講じる。") and row.new[-1].underlined == []
    # The label went from (8) to (9): underlined on both sides, nothing else in the heading line.
    assert row.old[0].underlined == ["(8)"] and row.new[0].underlined == ["(9)"]


def test_added_and_removed_clauses_are_marked(revision):
    table = build_table(revision)
    added = _row(table, new_id="6.3")
    assert added.kind == "added"
    assert _text(added.old) == ADDED_MARK and _underlined(added.old) == []
    assert _text(added.new) == "(3)\u3000情報セキュリティインシデントへの対応\n" + \
        "情報セキュリティインシデントが発生した場合に備え、連絡体制及び対応手順を整備する。"
    assert "".join(_underlined(added.new)) == _text(added.new).replace("\n", "")
    removed = _row(table, old_id="2.11")
    assert removed.kind == "removed" and _text(removed.new) == REMOVED_MARK
    assert "".join(_underlined(removed.old)).startswith("(11)\u3000通信経路の分割")


def test_renumbered_clause_underlines_only_its_label(revision):
    row = _row(build_table(revision), new_id="6.5")
    assert row.old[0].text == "(4)\u3000物理的セキュリティ" and row.new[0].text == "(5)\u3000物理的セキュリティ"
    assert _underlined(row.old) == ["(4)"] and _underlined(row.new) == ["(5)"]


def test_unchanged_clause_has_no_underline(revision):
    row = _row(build_table(revision), new_id="2.1")
    assert row.kind == "clause" and not row.changed
    assert row.old == row.new


def test_notation_change_is_underlined_unless_ignored(revision):
    assert _underlined(_row(build_table(revision), new_id="3.1").new) == ["ウィルス"]
    ignored = _row(build_table(revision, TableOptions(ignore_notation=True)), new_id="3.1")
    assert _underlined(ignored.new) == [] and _underlined(ignored.old) == []
    assert "ウィルス" in _text(ignored.new) and "ウイルス" in _text(ignored.old)


def test_abbreviation_collapses_runs_of_unchanged_clauses(revision):
    full = build_table(revision)
    short = build_table(revision, TableOptions(abbreviate_unchanged=True))
    kinds = [row.kind for row in short.rows]
    assert "omitted" in kinds
    assert not any(a == b == "omitted" for a, b in itertools.pairwise(kinds))
    assert all(_text(r.old).endswith(OMITTED) and _text(r.new).endswith(OMITTED) for r in short.rows
               if r.kind == "omitted")
    assert len(short.rows) < len(full.rows) - 10
    # Every change is still there.
    assert [_underlined(r.new) for r in full.rows if r.changed] == [_underlined(r.new) for r in short.rows
                                                                       if r.changed]
    # 2(1)-(3) collapse into the single row between 「2 定義」 and 2(4).
    index = next(i for i, r in enumerate(short.rows) if r.new_id == "2.4")
    assert short.rows[index - 1].kind == "omitted" and short.rows[index - 2].new_id == "2"
    # and the row says what it stands for, as 法制執務 writes it
    assert _text(short.rows[index - 1].new) == "(1)～(3)\u3000(略)"
    assert short.rows[index - 1].new[0].indent == _row(short, new_id="2.4").new[0].indent


def test_one_abbreviated_clause_says_its_label():
    from policygen.writers.old_new_table.rows import CellParagraph, Run, _omission

    one = _omission([("3", (CellParagraph((Run("3\u3000対象とする脅威"),), role="heading1"),))])
    assert [p.text for p in one] == ["3\u3000(略)"]
    article = _omission([("1", (CellParagraph((Run("(目的)"),), role="caption"),
                                CellParagraph((Run("第1条\u3000この基本方針は、…"),), role="item")))])
    assert [p.text for p in article] == ["第1条\u3000(略)"]


def test_a_heading_row_keeps_with_the_row_after_it(revision):
    import io, zipfile

    from policygen.writers.old_new_table.docx import old_new_table_docx

    table = build_table(revision)
    headings = [r for r in table.rows if r.heading]
    assert headings, "the sample has heading-only rows (「2　定義」)"
    xml = zipfile.ZipFile(io.BytesIO(old_new_table_docx(revision))).read("word/document.xml").decode("utf-8")
    rows = xml.split("<w:tr>")[2:]  # after the header row
    assert len(rows) == len(table.rows)
    for row, xml_row in zip(table.rows, rows):
        assert ("<w:keepNext/>" in xml_row) == (row.heading and row is not table.rows[-1])


def test_an_undated_table_claims_no_date():
    import io, zipfile

    from policygen.writers.old_new_table.docx import old_new_table_docx

    from policygen.model import Clause, Document
    from policygen.revise.versions import compare_revisions

    undated = Document(title="○○町情報セキュリティ基本方針", clauses=(
        Clause(id="1", label="1", heading="目的", text="本基本方針は、本町の情報資産を守る。"),))
    data = old_new_table_docx(compare_revisions(undated, undated))
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert "2000-01-01" not in core and "dcterms:created" not in core


def test_abbreviated_parent_keeps_its_heading_and_renumbered_clause_its_label(revision):
    short = build_table(revision, TableOptions(abbreviate_unchanged=True))
    parent = _row(short, new_id="6")
    assert [p.text for p in parent.new] == ["6\u3000情報セキュリティ対策", OMITTED]
    renumbered = _row(short, new_id="6.5")
    assert [p.text for p in renumbered.new] == ["(5)\u3000物理的セキュリティ", OMITTED]
    assert _underlined(renumbered.new) == ["(5)"] and _underlined(renumbered.old) == ["(4)"]


def test_identical_revision_says_no_change():
    table = build_table(identical_revision())
    assert not table.changed
    assert len(table.rows) == 1 and _text(table.rows[0].new) == _text(table.rows[0].old) == NO_CHANGE


def test_columns_follow_the_configured_order_and_labels(revision):
    default = build_table(revision)
    assert default.labels == ("改正後", "改正前")
    row = _row(default, new_id="5")
    assert default.cells(row) == (row.new, row.old)
    reverse = build_table(revision, TableOptions(order="old-new", new_label="改正案", old_label="現行"))
    assert reverse.labels == ("現行", "改正案")
    assert reverse.cells(row) == (row.old, row.new)


def test_title_and_legend(revision):
    table = build_table(revision)
    assert table.title == "五所川原市情報セキュリティポリシー 情報セキュリティ基本方針 新旧対照表"
    assert table.legend == "(傍線部分は改正部分)"
    custom = build_table(revision, TableOptions(title="基本方針の一部改正", legend=""))
    assert custom.title == "基本方針の一部改正" and custom.legend == ""


def _small(old_text: str, new_text: str, edits: tuple[Edit, ...]) -> Revision:
    old = Document("方針", (Clause("1", "1", "目的", old_text),), meta={"style": "numbered"})
    new = Document("方針", (Clause("1", "1", "目的", new_text),), meta={"style": "numbered"})
    return Revision(old, new, (RevisionPair("modified", old.clauses[0], new.clauses[0], edits),))


def test_whitespace_edits_are_ignored_on_request():
    edits = (Edit("equal", "目的\n情報を", "目的\n情報を"), Edit("replace", "守る", "守 る"), Edit("equal", "。", "。"))
    revision = _small("情報を守る。", "情報を守 る。", edits)
    assert _underlined(build_table(revision).rows[0].new) == ["守", "る"]
    ignored = build_table(revision, TableOptions(ignore_whitespace=True))
    assert not ignored.changed and ignored.rows[0].kind == "no-change"


def test_missing_or_foreign_edits_fall_back_to_a_diff_of_the_text():
    without = _small("情報資産を保護する。", "情報資産を適切に保護する。", ())
    assert _underlined(build_table(without).rows[0].new) == ["適切に"]
    assert _underlined(build_table(without).rows[0].old) == ["\u3000"]
    # Edits over some other rendering (here: NFKC-normalized, no heading) do not fit and are not trusted.
    foreign = _small("ＡＢＣを保護する。", "ＡＢＣを必ず保護する。",
                     (Edit("equal", "ABCを", "ABCを"), Edit("insert", "", "必ず"), Edit("equal", "xyz", "xyz")))
    assert _underlined(build_table(foreign).rows[0].new) == ["必ず"]


def test_text_edits_merge_tiny_islands():
    edits = text_edits("本基本方針及び対策基準", "本基本方針、対策基準及び実施手順")
    assert [(e.op, e.old, e.new) for e in edits if e.op != "equal"] == [("replace", "及び", "、"),
                                                                        ("insert", "", "及び実施手順")]


@pytest.mark.parametrize("kwargs", [{"order": "left-right"}, {"new_label": " "}])
def test_bad_options_are_policygen_errors(kwargs):
    with pytest.raises(PolicygenError):
        TableOptions(**kwargs)


def test_a_new_item_with_paragraphs_is_one_row_marked_new_once():
    # 6(8) in numbered style is a heading and three unlabelled paragraphs: added, it is one 号, one (新設).
    from policygen.revise.versions import compare_revisions

    kept = Clause(id="6.1", label="(1)", heading="組織体制", text="情報セキュリティ対策を推進する体制を確立する。")
    paragraphs = tuple(Clause(id=f"6.2.{i}", label="", text=text) for i, text in enumerate(
        ["業務委託を行う場合には、委託事業者を選定する。", "外部サービスを利用する場合には、規定を整備する。"], start=1))
    added = Clause(id="6.2", label="(2)", heading="業務委託と外部サービスの利用", children=paragraphs)
    old = Document("方針", (Clause(id="6", label="6", heading="情報セキュリティ対策", children=(kept,)),))
    new = Document("方針", (Clause(id="6", label="6", heading="情報セキュリティ対策", children=(kept, added)),))
    table = build_table(compare_revisions(old, new, paragraphs=True))
    rows = [row for row in table.rows if row.kind == "added"]
    assert len(rows) == 1
    assert _text(rows[0].old) == ADDED_MARK
    assert [p.text for p in rows[0].new][1:] == [c.text for c in paragraphs]
    assert all(p.underlined == [p.text] for p in rows[0].new[1:])
