"""Property tests: every reader and the label grammar take arbitrary bytes and text without crashing.

No exception but the project's own PolicygenError may leave a reader (that one becomes the one-line
message); a policy read, written as Markdown and read again keeps its clause tree. Example counts are
bounded so the file runs in seconds; hypothesis keeps the failures it finds in its own database.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from make_inputs import pdf_from_objects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policygen.errors import PolicygenError
from policygen.numbering import format_label, parse_label
from policygen.readers import read_bytes
from policygen.writers import write

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text near what policies hold: Japanese, full-width and circled numerals, brackets, labels' pieces.
POLICY_ALPHABET = st.sampled_from(
    list("第条項号章のの一二三十百１２３1234567890()（）⑴⑵①②アイウエ(ア)abc.．、。「」・○ 　\t\n\r")
    + list("情報セキュリティ基本方針目的定義職員等は対策を講じる本市")
)
POLICY_TEXT = st.text(POLICY_ALPHABET, max_size=400) | st.text(max_size=200)


def _read(data: bytes, name: str) -> None:
    """Read the bytes; a PolicygenError is an answer, anything else escapes and fails the test."""
    try:
        read_bytes(data, name=name)
    except PolicygenError as exc:
        assert "\n" not in str(exc)


@FAST
@given(st.binary(max_size=2000))
@pytest.mark.parametrize("name", ["p.txt", "p.md", "p.html", "p.docx", "p.pdf", "p"])
def test_any_bytes_give_a_document_or_a_policygen_error(name, data):
    _read(data, name)


@FAST
@given(POLICY_TEXT)
@pytest.mark.parametrize("name", ["p.txt", "p.md", "p.html"])
def test_any_text_gives_a_document_or_a_policygen_error(name, text):
    _read(text.encode("utf-8"), name)


@FAST
@given(POLICY_TEXT)
def test_any_text_inside_html_markup_is_read(text):
    page = f"<html><body><table><tr><td><p>{text}</p><font><div>{text}</div></td></tr></table></body></html>"
    _read(page.encode("utf-8"), "p.html")


def _small_docx() -> bytes:
    import docx

    document = docx.Document()
    for line in ("情報セキュリティ基本方針", "第1条 この方針は、情報資産を守るために定める。", "(1) 職員は対策を講じる。"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


DOCX = _small_docx()


def _damaged(original: bytes, changes: list[tuple[int, int]]) -> bytes:
    """Return the file with the bytes at the given positions overwritten."""
    data = bytearray(original)
    for position, value in changes:
        data[position] = value
    return bytes(data)


@FAST
@given(st.lists(st.tuples(st.integers(0, len(DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_docx_gives_a_document_or_a_policygen_error(changes):
    _read(_damaged(DOCX, changes), "p.docx")


@pytest.mark.parametrize("name", ["p.docx", "p"])
def test_a_docx_naming_a_zip_version_not_supported_gives_a_policygen_error(name):
    # zipfile refuses such an archive with NotImplementedError, not BadZipFile (found by the test above).
    data = bytearray(DOCX)
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6] = 64  # version needed to extract: 6.4
    with pytest.raises(PolicygenError) as raised:
        read_bytes(bytes(data), name=name)
    assert "\n" not in str(raised.value)


@FAST
@given(st.text(POLICY_ALPHABET, max_size=300))
def test_any_text_in_a_docx_paragraph_is_read(text):
    import docx

    document = docx.Document()
    document.add_paragraph("情報セキュリティ基本方針")
    for line in text.split("\n"):
        cleaned = "".join(ch for ch in line if ch.isprintable() or ch == "\t")  # what Word can hold
        document.add_paragraph(cleaned)
    buffer = io.BytesIO()
    document.save(buffer)
    _read(buffer.getvalue(), "p.docx")


def _pdf(content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


PDF = _pdf(b"BT /F1 12 Tf 72 720 Td (1 Purpose: information security) Tj ET")


@FAST
@given(st.lists(st.tuples(st.integers(0, len(PDF) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_pdf_gives_a_document_or_a_policygen_error(changes):
    _read(_damaged(PDF, changes), "p.pdf")


@FAST
@given(st.binary(max_size=600))
def test_any_pdf_content_stream_gives_a_document_or_a_policygen_error(content):
    _read(_pdf(content), "p.pdf")


@FAST
@given(st.binary(max_size=400))
def test_any_zip_member_named_like_a_docx_part_is_handled(content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content)
        archive.writestr("word/document.xml", content)
    _read(buffer.getvalue(), "p.docx")


# --- the label grammar ---------------------------------------------------------------------------------------


@FAST
@given(POLICY_TEXT)
def test_any_line_parses_to_a_label_or_none(line):
    parsed = parse_label(line)
    if parsed is None:
        return
    label, rest = parsed
    assert label.number >= 0
    assert len(rest) <= len(line)


def _kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def _wide(n: int) -> str:
    return "".join(chr(ord("０") + int(d)) for d in str(n))


LABELS = st.one_of(
    st.integers(1, 99).map(lambda n: f"第{n}条"),
    st.tuples(st.integers(1, 99), st.integers(2, 9)).map(lambda t: f"第{_kanji(t[0])}条の{_kanji(t[1])}"),
    st.integers(1, 99).map(lambda n: f"({n})"),
    st.integers(1, 99).map(lambda n: f"（{_wide(n)}）"),
    st.integers(1, 20).map(lambda n: chr(0x2474 + n - 1)),
    st.integers(1, 50).map(lambda n: chr(0x2460 + n - 1) if n <= 20 else chr(0x3251 + n - 21) if n <= 35
                            else chr(0x32B1 + n - 36)),
    st.integers(1, 20).map(_kanji),
    st.sampled_from("アイウエオカキクケコ"),
    st.sampled_from("アイウエオカキクケコ").map(lambda k: f"({k})"),
    st.sampled_from("abcdefg").map(lambda a: f"({a})"),
    st.integers(1, 99).map(lambda n: f"{n}."),
    st.integers(1, 99).map(str),
)


@FAST
@given(LABELS, st.text(st.sampled_from(list("情報資産職員等対策を講じる")), min_size=1, max_size=20))
def test_a_label_written_canonically_parses_to_itself(written, rest):
    parsed = parse_label(f"{written}　{rest}")
    assert parsed is not None, written
    label, text = parsed
    assert text == rest
    again = parse_label(f"{label.canonical()} {rest}")
    assert again is not None
    assert (again[0].kind, again[0].number, again[0].branch) == (label.kind, label.number, label.branch)


# --- read → Markdown → read ----------------------------------------------------------------------------------

SENTENCE = st.text(st.sampled_from(list("情報資産職員等対策を講じる管理する本市のはが、")), min_size=4, max_size=30).map(
    lambda s: s + "。"
)


@st.composite
def policies(draw) -> str:
    """A policy text in the model's numbered style: sections 1, 2 … with items (1), (2) … and ア, イ …."""
    lines = ["情報セキュリティ基本方針", ""]
    for section in range(1, draw(st.integers(1, 5)) + 1):
        heading = draw(st.sampled_from(["目的", "定義", "対象範囲", "職員の義務", "評価及び見直し"]))
        lines += [f"{section}　{heading}", draw(SENTENCE)]
        for item in range(1, draw(st.integers(0, 3)) + 1):
            lines.append(f"({item})　{draw(SENTENCE)}")
            for sub in range(draw(st.integers(0, 2))):
                lines.append(f"{'アイウ'[sub]}　{draw(SENTENCE)}")
    return "\n".join(lines) + "\n"


def _tree(document) -> list[tuple]:
    def depth_of(clause_id: str) -> int:
        return clause_id.count(".")

    return [(depth_of(c.id), c.label, c.heading, c.text) for c in document.walk()]


@FAST
@given(policies())
def test_read_write_markdown_read_keeps_the_tree(text):
    first = read_bytes(text.encode("utf-8"), name="policy.txt")
    markdown = write(first, "md")
    second = read_bytes(markdown, name="policy.md")
    assert _tree(second) == _tree(first)
    assert second.title == first.title
