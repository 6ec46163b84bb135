"""The printed paragraphs of a revision are paired and marked once in revise/, and the writers only draw them."""

import ast
from pathlib import Path

from policygen.model import Span
from policygen.readers import read_bytes
from policygen.revise.paragraphs import pair_paragraphs, paragraphs_of
from policygen.revise.versions import compare_revisions
from policygen.writers.old_new_table.docx import old_new_table_docx
from policygen.writers.old_new_table.html import old_new_table_html
from policygen.writers.old_new_table.rows import build_table
from policygen.writers.redline import redline_docx

WRITERS = Path(__file__).resolve().parents[1] / "src" / "policygen" / "writers"

OLD = """○○町情報セキュリティ基本方針
1 目的
本基本方針は、対策を講じることを目的とする。
2 組織体制
町長は、体制を確立する。
3 見直し
必要に応じて見直す。
"""
NEW = """○○町情報セキュリティ基本方針
1 目的
本基本方針は、対策を講じないことを目的とする。
2 見直し
必要に応じて見直す。
3 監査
監査を行う。
"""


def _revision(**options):
    old = read_bytes(OLD.encode("utf-8"), name="old.txt")
    new = read_bytes(NEW.encode("utf-8"), name="new.txt")
    return compare_revisions(old, new, **options)


def _pair(revision, status):
    index = next(i for i, p in enumerate(revision.pairs) if p.status == status)
    return revision.pairs[index], revision.paragraphs.clauses[index]


def test_the_revision_carries_its_paragraphs_only_when_asked():
    assert _revision().paragraphs is None
    revision = _revision(paragraphs=True)
    assert revision.paragraphs == pair_paragraphs(_revision())
    assert paragraphs_of(revision) is revision.paragraphs
    assert len(revision.paragraphs.clauses) == len(revision.pairs)


def test_changed_words_are_marked_on_both_sides_of_a_clause():
    _, marked = _pair(_revision(paragraphs=True), "modified")
    old_body, new_body = marked.old[-1], marked.new[-1]
    assert [s.text for s in new_body.spans if s.changed] == ["講じない"]
    assert [s.text for s in old_body.spans if s.changed] == ["講じる"]
    assert "".join(s.text for s in old_body.spans) == old_body.block.body


def test_added_and_removed_clauses_carry_their_paragraphs_unmarked():
    revision = _revision(paragraphs=True)
    _, added = _pair(revision, "added")
    _, removed = _pair(revision, "removed")
    assert added.old == () and [m.block.text for m in added.new] == ["3\u3000監査", "監査を行う。"]
    assert removed.new == () and not any(s.changed for m in removed.old for s in m.spans)


def test_the_steps_pair_paragraphs_in_order_and_carry_their_edits():
    paragraphs = _revision(paragraphs=True).paragraphs
    olds = [s.old for s in paragraphs.steps if s.old is not None]
    news = [s.new for s in paragraphs.steps if s.new is not None]
    assert olds == sorted(olds) == list(range(len(paragraphs.old)))
    assert news == sorted(news) == list(range(len(paragraphs.new)))
    changed = [s for s in paragraphs.steps if any(e.op != "equal" for e in s.edits)]
    assert [(paragraphs.old[s.old].text, paragraphs.new[s.new].text) for s in changed] == [
        ("本基本方針は、対策を講じることを目的とする。", "本基本方針は、対策を講じないことを目的とする。"),
        ("3\u3000見直し", "2\u3000見直し"),  # a new number is a change of the printed paragraph
    ]
    assert all(s.edits == () for s in paragraphs.steps if s.old is None or s.new is None)


def test_a_deletion_leaves_a_blank_on_the_other_side():
    old = read_bytes("1 目的\n対策を速やかに講じる。\n".encode("utf-8"), name="old.txt")
    new = read_bytes("1 目的\n対策を講じる。\n".encode("utf-8"), name="new.txt")
    marked = compare_revisions(old, new, paragraphs=True).paragraphs.clauses[0]
    assert [s.text for s in marked.old[-1].spans if s.changed] == ["速やかに"]
    assert [s for s in marked.new[-1].spans if s.changed] == [Span("", changed=True)]


def test_carried_and_computed_paragraphs_draw_the_same_bytes():
    bare, carried = _revision(), _revision(paragraphs=True)
    assert build_table(bare) == build_table(carried)
    assert old_new_table_html(bare) == old_new_table_html(carried)
    assert old_new_table_docx(bare) == old_new_table_docx(carried)
    assert redline_docx(bare, author="a", date="2026-04-01") == redline_docx(carried, author="a", date="2026-04-01")


def test_no_writer_diffs_text():
    for path in sorted(WRITERS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                assert name != "difflib" and not name.startswith("policygen.compare"), f"{path.name} imports {name}"
                assert name != "policygen.revise.paragraphs.text_edits", f"{path.name} diffs text"


def test_the_paragraphs_shown_moved_are_those_of_the_clause_reported_moved():
    # 2 and 3 swap places; 3 carries more text, so it is the one that stays and 2 is reported moved.
    old_text = OLD.replace("必要に応じて見直す。", "必要に応じて、少なくとも年に一度、この基本方針及び対策基準を見直す。")
    head, two, three = old_text.split("\n2 ")[0], "2 " + old_text.split("\n2 ")[1].split("\n3 ")[0], old_text.split("\n3 ")[1]
    new_text = f"{head}\n2 {three.rstrip()}\n3 {two[2:]}\n"
    old = read_bytes(old_text.encode("utf-8"), name="old.txt")
    new = read_bytes(new_text.encode("utf-8"), name="new.txt")
    revision = compare_revisions(old, new, paragraphs=True)
    moved = [p for p in revision.pairs if p.status == "moved"]
    assert [(p.old.heading, p.new.label) for p in moved] == [("組織体制", "3")]
    paragraphs = revision.paragraphs
    inserted = {paragraphs.new[s.new].clause_id for s in paragraphs.steps if s.old is None and s.new is not None}
    deleted = {paragraphs.old[s.old].clause_id for s in paragraphs.steps if s.new is None and s.old is not None}
    assert inserted == {moved[0].new.id} and deleted == {moved[0].old.id}
