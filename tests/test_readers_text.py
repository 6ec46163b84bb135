"""Text reader: the five seeds nest as checked by eye, whatever their encoding and line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygen.errors import PolicygenError
from policygen.model import Clause, Document
from policygen.readers import text

ROOT = Path(__file__).resolve().parents[1]
OUTLINES = Path(__file__).parent / "fixtures" / "seed_outlines"
SEEDS = {path.name[:3]: path for path in sorted((ROOT / "corpus").glob("*/*.txt"))}


def outline(clauses: tuple[Clause, ...], depth: int = 0) -> list[str]:
    """Return "label heading" per clause, indented two spaces per level ("¶" for unlabelled)."""
    lines = []
    for clause in clauses:
        lines.append("  " * depth + (clause.label or "¶") + (f" {clause.heading}" if clause.heading else ""))
        lines.extend(outline(clause.children, depth + 1))
    return lines


def seed(seed_id: str) -> Document:
    return text.read(SEEDS[seed_id].read_bytes(), name=SEEDS[seed_id].name)


def by_label(clauses, *labels) -> Clause:
    """Follow labels down the tree: by_label(doc.clauses, "6", "(8)")."""
    found = None
    for label in labels:
        found = next(c for c in clauses if c.label == label)
        clauses = found.children
    return found


# The outlines in fixtures/seed_outlines/ were written from the tree and checked line by line against
# the seed texts (labels, headings, nesting).
@pytest.mark.parametrize("seed_id", ["000", "001", "002", "003", "004"])
def test_seed_outline(seed_id):
    expected = (OUTLINES / f"{seed_id}.txt").read_text(encoding="utf-8").splitlines()
    assert outline(seed(seed_id).clauses) == expected


def test_seed_001_details():
    doc = seed("001")
    assert [c.label for c in doc.clauses] == [str(n) for n in range(1, 11)]
    assert [c.label for c in by_label(doc.clauses, "2").children] == [f"({n})" for n in range(1, 13)]
    # 「(1 1)」 split by extraction is (11); the literal is kept aside.
    eleven = by_label(doc.clauses, "2", "(11)")
    assert eleven.heading == "通信経路の分割" and eleven.attrs["label_text"] == "(1 1)"
    assert eleven.text.startswith("LGWAN 接続系とインターネット接続系")
    assert [c.label for c in by_label(doc.clauses, "4", "(2)").children] == ["①", "②", "③"]
    assert [c.label for c in by_label(doc.clauses, "6", "(3)").children] == ["①", "②", "③"]
    # Threat items: no heading, the whole line is the text ("- " list marks stripped).
    threat = by_label(doc.clauses, "3", "(1)")
    assert threat.heading == "" and threat.text.startswith("不正アクセス、ウイルス攻撃")
    # 6(8): three paragraphs of text of (8) (it has no labelled children).
    eight = by_label(doc.clauses, "6", "(8)")
    assert eight.children == ()
    assert [p[:8] for p in eight.paragraphs] == ["業務委託を行う場", "外部サービス（ク", "ソーシャルメディ"]
    assert by_label(doc.clauses, "10").paragraphs[1].startswith("なお、情報セキュリティ実施手順は")
    # Header and table of contents.
    assert doc.title == "五所川原市情報セキュリティポリシー 情報セキュリティ基本方針"
    assert doc.meta["date"] == "令和8年3月" and doc.meta["department"] == "五所川原市総務部デジタル行政推進課"
    assert doc.meta["toc"] is True and doc.meta["style"] == "numbered" and doc.meta["org_name"] == "五所川原市"
    assert doc.preamble == ("第1章 情報セキュリティ基本方針",)
    toc = [n for n in doc.notices if n.code == "structure.toc-skipped"]
    assert len(toc) == 1 and toc[0].source == "line 9" and "12 lines" in toc[0].message
    assert by_label(doc.clauses, "1").source == "line 25"


def test_seed_000_postscript_and_items():
    doc = seed("000")
    assert doc.title == "" and doc.postscript == ("以上",)
    five = by_label(doc.clauses, "5")
    assert five.heading == "職員等の遵守義務" and five.text == ""
    assert five.children[0].heading == "" and five.children[0].text.startswith("職員（非常勤職員")


def test_seed_002_header_and_kana_under_paren():
    doc = seed("002")
    # The title is printed twice (once broken over two lines): the pieces are not preamble.
    assert doc.title == "東京電子自治体共同運営協議会情報セキュリティ基本方針"
    assert doc.meta["date"] == "平成22年2月9日" and doc.preamble == ()
    three = by_label(doc.clauses, "3", "(3)")
    assert three.text == "情報資産の機密性、完全性及び可用性を維持することをいう。"
    assert [c.label for c in three.children] == ["ア", "イ", "ウ"]
    assert len(by_label(doc.clauses, "1").paragraphs) == 5


def test_seed_003_article_style_with_missing_articles():
    doc = seed("003")
    assert doc.meta["style"] == "article"
    assert doc.title == "鳥栖地区広域市町村圏組合情報セキュリティ規則"
    assert doc.meta["date"] == "平成21年4月1日" and doc.meta["number"] == "規則第7号"
    articles = [c.label for c in doc.clauses]
    assert articles == ["第1条"] + [f"第{n}条" for n in range(3, 28) if n != 14]
    first = doc.clauses[0]
    assert first.heading == "目的" and first.text.startswith("この規則は、情報セキュリティに関し")
    # The definitions lost their 「(定義) 第2条」 line: kept under 第1条, flagged.
    assert [c.label for c in first.children] == [f"({n})" for n in range(1, 10)]
    assert first.children[0].heading == "電子計算機"
    assert first.children[0].text.startswith("ハードウェア及びソフトウェアで構成する")
    thirteen = by_label(doc.clauses, "第13条")
    assert [c.label for c in thirteen.children] == ["2", "3", "4", "5", "(1)", "(2)", "(3)", "(4)", "(5)"]
    assert all(c.attrs.get("orphan") for c in thirteen.children[4:])
    missing = [n for n in doc.notices if n.code == "structure.missing-article"]
    assert [(n.source, n.level) for n in missing] == [("line 6", "warning"), ("line 70", "warning")]
    assert "第2条" in missing[0].message and "第14条" in missing[1].message
    # 項 and 号 under a 項.
    assert [c.label for c in by_label(doc.clauses, "第5条", "2").children] == ["(1)", "(2)", "(3)", "(4)"]
    assert doc.postscript == ("附則", "この規則は、平成21年4月1日から施行する。")


def test_seed_004_markdown_saved_as_text():
    doc = seed("004")
    assert doc.title == "鎌倉市議会情報セキュリティ基本方針"
    assert [c.label for c in doc.clauses] == [str(n) for n in range(1, 11)]
    six = by_label(doc.clauses, "6")
    assert [c.label for c in six.children] == [f"({n})" for n in range(1, 8)]
    assert len(six.children[6].paragraphs) == 3


def _same_tree(a: Document, b: Document) -> bool:
    def flat(clauses):
        return [(c.id, c.label, c.heading, c.text, flat(c.children)) for c in clauses]

    return (a.title, dict(a.meta), a.preamble, a.postscript, flat(a.clauses)) == (
        b.title,
        dict(b.meta),
        b.preamble,
        b.postscript,
        flat(b.clauses),
    )


@pytest.mark.parametrize("seed_id", ["001", "003"])
@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8-sig"),
        lambda s: s.encode("cp932"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: s.encode("utf-16-le"),  # without BOM
        lambda s: s.encode("utf-16-be"),
        lambda s: s.replace("\n", "\r\n").encode("utf-8"),
        lambda s: s.replace("\n", "\r").encode("cp932"),
    ],
    ids=["utf8-bom", "cp932", "utf16", "utf16le-nobom", "utf16be-nobom", "crlf", "cr-cp932"],
)
def test_encodings_give_the_same_tree(seed_id, encode):
    plain = SEEDS[seed_id].read_text(encoding="utf-8")
    assert _same_tree(text.read(encode(plain)), seed(seed_id))


def test_euc_jp_is_told_from_cp932():
    # Seed 003 has no circled numerals, which EUC-JP cannot encode.
    plain = SEEDS["003"].read_text(encoding="utf-8")
    assert _same_tree(text.read(plain.encode("euc_jp")), seed("003"))


def test_short_cp932_text_is_not_misdetected():
    data = "1 目的\n\n本基本方針は目的とする。\n".encode("cp932")
    doc = text.read(data)
    assert doc.clauses[0].heading == "目的" and doc.clauses[0].text == "本基本方針は目的とする。"


def test_undecodable_input_is_one_line_error():
    with pytest.raises(PolicygenError) as info:
        text.read(bytes(range(256)) * 4, name="junk.txt")
    assert "junk.txt" in str(info.value) and "\n" not in str(info.value)


def test_bad_bom_is_an_error():
    with pytest.raises(PolicygenError, match="byte-order mark"):
        text.read(b"\xef\xbb\xbf\xff\xfe\xfa", name="x.txt")


def test_hard_wrapped_lines_are_rejoined():
    body = "本基本方針は、本市が保有する情報資産の機密性、完全性及び可用性を維持するため、本市が実施する情報セキュリティ対策について基本的な事項を定めることを目的とする。"
    definition = "コンピュータ等を相互に接続するための通信網及び構成機器（ハードウェア及びソフトウェア）をいう。本基本方針ではこれを用いる。"
    width = 20
    lines = ["1 目的"] + [body[i : i + width] for i in range(0, len(body), width)]
    lines += ["2 定義", "(1) ネットワーク"] + [definition[i : i + width] for i in range(0, len(definition), width)]
    doc = text.read("\n".join(lines).encode("utf-8"))
    assert doc.clauses[0].text == body
    assert doc.clauses[1].children[0].heading == "ネットワーク"
    assert doc.clauses[1].children[0].text == definition
