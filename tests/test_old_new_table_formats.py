"""Tests of the 新旧対照表 in Word (XML and LibreOffice), HTML and Markdown."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from conftest import pdf_text
from lxml import etree
from test_old_new_table_sample import identical_revision, sample_revision

from policygen.model import Clause, Document, Revision, RevisionPair
from policygen.writers.old_new_table.rows import build_table
from policygen.writers.old_new_table.docx import old_new_table_docx
from policygen.writers.old_new_table.html import old_new_table_html
from policygen.writers.old_new_table.markdown import old_new_table_markdown
from policygen.writers.old_new_table.options import TableOptions

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
REVERSED = TableOptions(order="old-new", new_label="改正案", old_label="現行")


@pytest.fixture(scope="module")
def revision() -> Revision:
    return sample_revision()


@pytest.fixture(scope="module")
def docx(revision) -> bytes:
    return old_new_table_docx(revision, TableOptions())


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _cell_runs(tc) -> list[tuple[str, bool]]:
    out = []
    for run in tc.iter(f"{{{W}}}r"):
        text = "".join(t.text or "" for t in run.findall("w:t", NS))
        underline = run.find("w:rPr/w:u", NS)
        out.append((text, underline is not None and underline.get(f"{{{W}}}val") == "single"))
    return out


def _rows(data: bytes):
    return _part(data, "word/document.xml").findall(".//w:tbl/w:tr", NS)


def _cell_text(tc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in tc.findall("w:p", NS))


# --- Word ------------------------------------------------------------------------------------------------------


def test_docx_table_has_two_columns_with_labels_in_order(revision, docx):
    root = _part(docx, "word/document.xml")
    assert len(root.findall(".//w:tbl/w:tblGrid/w:gridCol", NS)) == 2
    header = _rows(docx)[0]
    assert [_cell_text(tc) for tc in header.findall("w:tc", NS)] == ["改正後", "改正前"]
    reverse = _rows(old_new_table_docx(revision, REVERSED))[0]
    assert [_cell_text(tc) for tc in reverse.findall("w:tc", NS)] == ["現行", "改正案"]
    assert all(len(tr.findall("w:tc", NS)) == 2 for tr in _rows(docx))


def test_docx_header_repeats_and_rows_do_not_split(docx):
    rows = _rows(docx)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in rows[1:])
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in rows)


def test_docx_underlines_exactly_the_changed_words(revision, docx):
    table = build_table(revision)
    rows = _rows(docx)[1:]
    assert len(rows) == len(table.rows)
    for tr, row in zip(rows, table.rows):
        left, right = tr.findall("w:tc", NS)
        for tc, paragraphs in zip((left, right), table.cells(row)):
            underlined = [text for text, flag in _cell_runs(tc) if flag]
            assert underlined == [t for p in paragraphs for t in p.underlined]
    # A concrete row, read from the XML alone: 5 職員等の遵守義務.
    tr = next(tr for tr in rows if "職員等の遵守義務" in _cell_text(tr.findall("w:tc", NS)[0]))
    new_runs, old_runs = (_cell_runs(tc) for tc in tr.findall("w:tc", NS))
    assert [t for t, u in new_runs if u] == ["会計年度任用職員等", "\u3000"]
    assert [t for t, u in old_runs if u] == ["臨時・非常勤職員等", "業務の遂行に当たって"]
    plain = "".join(t for t, u in new_runs if not u)
    assert "共通の認識を持ち、" in plain and "職員等の遵守義務" in plain


def test_docx_marks_added_and_removed(docx):
    texts = [[_cell_text(tc) for tc in tr.findall("w:tc", NS)] for tr in _rows(docx)]
    assert any(new.startswith("(3)\u3000情報セキュリティインシデントへの対応") and old == "(新設)" for new, old in texts)
    assert any(new == "(削る)" and old.startswith("(11)\u3000通信経路の分割") for new, old in texts)


def test_docx_abbreviation_shows_omitted_rows(revision):
    data = old_new_table_docx(revision, TableOptions(abbreviate_unchanged=True))
    texts = [[_cell_text(tc) for tc in tr.findall("w:tc", NS)] for tr in _rows(data)]
    assert ["(略)", "(略)"] in texts
    assert len(texts) < len(_rows(old_new_table_docx(revision))) - 10


def test_docx_is_landscape_a4_in_mincho_ja(docx):
    size = _part(docx, "word/document.xml").find(".//w:sectPr/w:pgSz", NS)
    assert size.get(f"{{{W}}}orient") == "landscape"
    assert int(size.get(f"{{{W}}}w")) == 16838 > int(size.get(f"{{{W}}}h")) == 11906
    styles = _part(docx, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert "明朝" in fonts.get(f"{{{W}}}eastAsia")
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{{{W}}}eastAsia") == "ja-JP"


def test_docx_title_and_legend_precede_the_table(docx):
    body = _part(docx, "word/document.xml").find("w:body", NS)
    first, second = body.findall("w:p", NS)[:2]
    assert "".join(first.itertext()) == "五所川原市情報セキュリティポリシー 情報セキュリティ基本方針 新旧対照表"
    assert "".join(second.itertext()) == "(傍線部分は改正部分)"
    assert list(body).index(second) < list(body).index(body.find("w:tbl", NS))


def test_docx_is_deterministic(revision, docx):
    assert old_new_table_docx(revision, TableOptions()) == docx
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "2027-04-01" in core  # 令和9年4月, from the new version


def test_docx_identical_revision_says_no_change():
    texts = [[_cell_text(tc) for tc in tr.findall("w:tc", NS)]
             for tr in _rows(old_new_table_docx(identical_revision()))]
    assert texts == [["改正後", "改正前"], ["改正なし", "改正なし"]]


@pytest.fixture(scope="module")
def docx_pdf(tmp_path_factory, soffice_pdf, revision):
    path = tmp_path_factory.mktemp("old_new_table") / "table.docx"
    path.write_bytes(old_new_table_docx(revision, TableOptions()))
    return soffice_pdf(path)


@pytest.mark.libreoffice
def test_libreoffice_renders_landscape_pages_with_the_header_on_each(docx_pdf):
    from pypdf import PdfReader

    reader = PdfReader(str(docx_pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
        text = "".join((page.extract_text() or "").split())
        assert "改正後" in text and "改正前" in text  # the repeated header row


@pytest.mark.libreoffice
def test_libreoffice_text_shows_both_versions(docx_pdf):
    text = "".join(pdf_text(docx_pdf).split())
    for words in ("会計年度任用職員等", "臨時・非常勤職員等", "(新設)", "(削る)", "情報セキュリティインシデントへの対応"):
        assert words in text, words


# --- HTML ------------------------------------------------------------------------------------------------------


class _Cells(HTMLParser):
    """Collect the header labels and, per body row, each cell's text and underlined stretches."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.headers: list[str] = []
        self.rows: list[list[dict]] = []
        self._cell: dict | None = None
        self._in_th = False
        self._u = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang", "")
        elif tag == "th":
            self._in_th = True
            self.headers.append("")
        elif tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = {"text": "", "u": []}
            self.rows[-1].append(self._cell)
        elif tag == "u" and self._cell is not None:
            self._u += 1
            self._cell["u"].append("")

    def handle_endtag(self, tag):
        if tag == "th":
            self._in_th = False
        elif tag == "td":
            self._cell = None
        elif tag == "u":
            self._u -= 1

    def handle_data(self, data):
        if self._in_th:
            self.headers[-1] += data
        elif self._cell is not None:
            self._cell["text"] += data
            if self._u:
                self._cell["u"][-1] += data


def _parse(page: str) -> _Cells:
    parser = _Cells()
    parser.feed(page)
    parser.rows = [r for r in parser.rows if r]
    return parser


def test_html_page_matches_the_table(revision):
    page = old_new_table_html(revision)
    assert page.startswith("<!DOCTYPE html>")
    parsed = _parse(page)
    assert parsed.lang == "ja" and parsed.headers == ["改正後", "改正前"]
    table = build_table(revision)
    assert len(parsed.rows) == len(table.rows)
    for cells, row in zip(parsed.rows, table.rows):
        for cell, paragraphs in zip(cells, table.cells(row)):
            assert cell["u"] == [t for p in paragraphs for t in p.underlined]
    row = next(r for r in parsed.rows if "職員等の遵守義務" in r[0]["text"])
    assert row[0]["u"] == ["会計年度任用職員等", "\u3000"] and row[1]["u"] == ["臨時・非常勤職員等", "業務の遂行に当たって"]
    assert _parse(old_new_table_html(revision, REVERSED)).headers == ["現行", "改正案"]


def _tricky() -> Revision:
    old = Document("方針 <A&B>", (Clause("1", "1", "記号", "a|b <i>x</i> & *c*"),), meta={"style": "numbered"})
    new = Document("方針 <A&B>", (Clause("1", "1", "記号", "a|b <i>y</i> & *c*"),), meta={"style": "numbered"})
    return Revision(old, new, (RevisionPair("modified", old.clauses[0], new.clauses[0]),))


def test_html_escapes_text():
    page = old_new_table_html(_tricky())
    assert "<i>" not in page and "&lt;i&gt;" in page
    parsed = _parse(page)
    assert parsed.rows[0][0]["text"].endswith("a|b <i>y</i> & *c*")
    assert parsed.rows[0][0]["u"] == ["y"] and parsed.rows[0][1]["u"] == ["x"]


def test_html_and_markdown_say_no_change_for_identical_versions():
    assert _parse(old_new_table_html(identical_revision())).rows[0][0]["text"] == "改正なし"
    assert "| 改正なし | 改正なし |" in old_new_table_markdown(identical_revision())


# --- Markdown --------------------------------------------------------------------------------------------------


def _md_cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_markdown_table_matches_the_table(revision):
    text = old_new_table_markdown(revision)
    lines = text.splitlines()
    assert lines[0] == "# 五所川原市情報セキュリティポリシー 情報セキュリティ基本方針 新旧対照表"
    assert lines[2].startswith("(傍線部分は改正部分)") and "<u>…</u>" in lines[2]
    rows = [line for line in lines if line.startswith("| ") and line != "| --- | --- |"]
    assert _md_cells(rows[0]) == ["改正後", "改正前"] and lines[lines.index(rows[0]) + 1] == "| --- | --- |"
    body = rows[1:]
    table = build_table(revision)
    assert len(body) == len(table.rows)
    for line, row in zip(body, table.rows):
        cells = _md_cells(line)
        assert len(cells) == 2
        for cell, paragraphs in zip(cells, table.cells(row)):
            assert re.findall(r"<u>(.*?)</u>", cell) == [t for p in paragraphs for t in p.underlined]
    reverse = [line for line in old_new_table_markdown(revision, REVERSED).splitlines() if line.startswith("| ")]
    assert _md_cells(reverse[0]) == ["現行", "改正案"]


def test_markdown_escapes_pipes_and_markup():
    text = old_new_table_markdown(_tricky())
    row = [line for line in text.splitlines() if line.startswith("| ")][2]
    cells = _md_cells(row)
    assert len(cells) == 2
    assert r"a\|b \<i\>" in cells[0] and r"\*c\*" in cells[0]
    assert "<u>y</u>" in cells[0] and "<u>x</u>" in cells[1]
    assert text.startswith(r"# 方針 \<A&B\>")


def test_seed_003_table_has_no_underlined_blank_beside_whole_new_paragraphs():
    # The amended draft adds an amending 附則 and new articles after a 号: those are paragraphs of their own,
    # underlined on the new side; the old side's paragraph before them has nothing to underline.
    import revision_cases as rc

    from policygen.readers import read_path
    from policygen.revise.versions import compare_revisions

    folder = next(rc.CORPUS.glob("003_*"))
    old = read_path(folder / f"{folder.name}.txt")
    new = read_path(folder / f"{folder.name}.amended-draft.md")
    data = old_new_table_docx(compare_revisions(old, new, paragraphs=True), TableOptions())
    runs = [(text, underlined) for tc in _part(data, "word/document.xml").iter(f"{{{W}}}tc") for text, underlined in _cell_runs(tc)]
    assert any(underlined and "施行する" in text for text, underlined in runs)  # the new 附則 is marked
    assert [text for text, underlined in runs if underlined and not text.strip()] == []
