"""Tests of the redline writer: tracked changes that accept to the new version and reject to the old one."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from conftest import pdf_text
from lxml import etree
from test_old_new_table_sample import identical_revision, sample_revision

from policygen.errors import PolicygenError
from policygen.model import Clause, Document, Revision, RevisionPair
from policygen import layout as L
from policygen.writers.redline import redline_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
AUTHOR = "五所川原市 総務部"
DATE = "2026-04-01T09:00:00"


def _body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return root.find("w:body", NS)


def _inside(element, tag: str) -> bool:
    return any(a.tag == f"{{{W}}}{tag}" for a in element.iterancestors())


def _merge(paragraphs: list[tuple[str, bool]]) -> list[str]:
    """Join each paragraph whose mark goes away into the paragraph after it."""
    out: list[str] = []
    carried = ""
    for text, mark_goes in paragraphs:
        if mark_goes:
            carried += text
            continue
        out.append(carried + text)
        carried = ""
    if carried:
        out.append(carried)
    return out


def accept_all(data: bytes) -> list[str]:
    """Return the paragraph texts after accepting every tracked change, read from the XML."""
    paragraphs = []
    for p in _body(data).findall("w:p", NS):
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t") if not _inside(t, "del"))
        paragraphs.append((text, p.find("w:pPr/w:rPr/w:del", NS) is not None))
    return _merge(paragraphs)


def reject_all(data: bytes) -> list[str]:
    """Return the paragraph texts after rejecting every tracked change, read from the XML."""
    paragraphs = []
    for p in _body(data).findall("w:p", NS):
        parts = []
        for element in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            if element.tag == f"{{{W}}}t" and _inside(element, "ins"):
                continue
            parts.append(element.text or "")
        paragraphs.append(("".join(parts), p.find("w:pPr/w:rPr/w:ins", NS) is not None))
    return _merge(paragraphs)


def texts(document: Document) -> list[str]:
    return [block.text for block in L.layout(document)]


def changes(data: bytes) -> list:
    return [e for e in _body(data).iter(f"{{{W}}}ins", f"{{{W}}}del")]


@pytest.fixture(scope="module")
def revision() -> Revision:
    return sample_revision()


@pytest.fixture(scope="module")
def redline(revision) -> bytes:
    return redline_docx(revision, author=AUTHOR, date=DATE)


def test_accept_all_gives_the_new_version(revision, redline):
    assert accept_all(redline) == texts(revision.new)


def test_reject_all_gives_the_old_version(revision, redline):
    assert reject_all(redline) == texts(revision.old)


def test_helpers_see_a_difference_between_the_versions(revision, redline):
    # Guard against a vacuous round trip: the two versions differ and the file holds changes both ways.
    assert texts(revision.new) != texts(revision.old)
    assert accept_all(redline) != reject_all(redline)


def test_every_change_has_author_date_and_a_unique_sequential_id(redline):
    found = changes(redline)
    assert len(found) > 20
    ids = [int(e.get(f"{{{W}}}id")) for e in found]
    assert ids == list(range(1, len(ids) + 1))
    for element in found:
        assert element.get(f"{{{W}}}author") == AUTHOR
        assert element.get(f"{{{W}}}date") == "2026-04-01T09:00:00Z"


def test_deleted_text_only_in_deltext_and_no_moves(redline):
    body = _body(redline)
    for t in body.iter(f"{{{W}}}t"):
        assert not _inside(t, "del")
    for t in body.iter(f"{{{W}}}delText"):
        assert _inside(t, "del")
    assert not list(body.iter(f"{{{W}}}moveFrom", f"{{{W}}}moveTo"))


def _tracked(data: bytes, tag: str) -> str:
    body = _body(data)
    inner = "delText" if tag == "del" else "t"
    return "|".join(t.text or "" for e in body.iter(f"{{{W}}}{tag}") for t in e.iter(f"{{{W}}}{inner}"))


def test_reworded_words_are_deleted_and_inserted(redline):
    deleted, inserted = _tracked(redline, "del"), _tracked(redline, "ins")
    assert "臨時・非常勤" in deleted and "会計年度任用" in inserted
    assert "業務の遂行に当たって" in deleted
    assert "により、行政サービスの信頼性を確保" in inserted
    assert "通信経路の分割" in deleted  # the removed definition
    assert "情報セキュリティインシデントへの対応" in inserted  # the added measure
    # Unchanged words stay plain text.
    assert "共通の認識を持ち" not in deleted and "共通の認識を持ち" not in inserted


def test_renumbered_labels_are_tracked(redline):
    body = _body(redline)
    for p in body.findall("w:p", NS):
        if "情報システム全体の強靱性の向上" in "".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText")):
            deleted = [t.text for t in p.iter(f"{{{W}}}delText")]
            inserted = [t.text for e in p.iter(f"{{{W}}}ins") for t in e.iter(f"{{{W}}}t")]
            assert deleted == ["3"] and inserted == ["4"]
            break
    else:
        pytest.fail("no paragraph for 6(4)")


def test_removed_paragraph_marks_are_deleted_and_added_ones_inserted(redline):
    body = _body(redline)
    by_text = {}
    for p in body.findall("w:p", NS):
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText"))
        by_text[text] = p
    removed = by_text["(11)　通信経路の分割"]
    assert removed.find("w:pPr/w:rPr/w:del", NS) is not None
    added = by_text["(3)　情報セキュリティインシデントへの対応"]
    assert added.find("w:pPr/w:rPr/w:ins", NS) is not None
    mark = added.find("w:pPr/w:rPr/w:ins", NS)
    assert mark.get(f"{{{W}}}author") == AUTHOR and mark.get(f"{{{W}}}date")


def test_document_is_deterministic(revision, redline):
    assert redline_docx(revision, author=AUTHOR, date=DATE) == redline


def test_identical_revision_has_no_tracked_changes():
    revision = identical_revision()
    data = redline_docx(revision, author=AUTHOR, date=DATE)
    assert changes(data) == []
    assert accept_all(data) == reject_all(data) == texts(revision.new)


def test_removed_and_added_at_the_end_still_round_trip():
    old = Document("方針", (Clause("1", "1", "目的", "目的を定める。"), Clause("2", "2", "見直し", "見直す。")),
                   meta={"style": "numbered"}, postscript=("以上",))
    new = Document("方針", (Clause("1", "1", "目的", "目的を定める。"),),
                   meta={"style": "numbered"}, postscript=("附　則", "この方針は、公表の日から施行する。"))
    pairs = (RevisionPair("unchanged", old.clauses[0], new.clauses[0]),
             RevisionPair("removed", old.clauses[1], None))
    data = redline_docx(Revision(old, new, pairs), author=AUTHOR, date="2026-04-01")
    assert accept_all(data) == texts(new)
    assert reject_all(data) == texts(old)
    only_added = Revision(replace(old, postscript=()), replace(old, postscript=("附　則",)),
                          tuple(RevisionPair("unchanged", c, c) for c in old.clauses))
    data = redline_docx(only_added, author=AUTHOR, date="2026-04-01")
    assert accept_all(data) == texts(only_added.new)
    assert reject_all(data) == texts(only_added.old)


def test_moved_clause_is_a_deletion_and_an_insertion(revision, redline):
    # Old 9 now follows old 10: its heading appears once deleted and once inserted.
    deleted, inserted = _tracked(redline, "del"), _tracked(redline, "ins")
    assert "情報セキュリティ対策基準の策定" in deleted
    assert "10　情報セキュリティ対策基準の策定" in inserted


@pytest.mark.parametrize("date", ["", "昨日", "2026-13-01"])
def test_bad_date_is_a_policygen_error(revision, date):
    with pytest.raises(PolicygenError, match="ISO 8601"):
        redline_docx(revision, author=AUTHOR, date=date)


def test_empty_author_is_a_policygen_error(revision):
    with pytest.raises(PolicygenError, match="author"):
        redline_docx(revision, author=" ", date=DATE)


@pytest.mark.libreoffice
def test_libreoffice_opens_it_and_shows_both_versions(tmp_path, soffice_pdf, redline):
    path = tmp_path / "redline.docx"
    path.write_bytes(redline)
    text = "".join(pdf_text(soffice_pdf(path)).split())
    for words in ("臨時・非常勤", "会計年度任用", "通信経路の分割", "情報セキュリティインシデントへの対応",
                  "により、行政サービスの信頼性を確保"):
        assert words in text, words
