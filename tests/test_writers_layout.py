"""Sample Documents for the writer tests (seed 001 as Documents in both styles) and layout tests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import Clause, Document, renumber_ids
from policygen import layout as L

SEED_001 = Path(__file__).resolve().parents[1] / "corpus" / "001_4bef1579f8598a41" / "001_4bef1579f8598a41.txt"


@dataclass
class _Node:
    label: str
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)

    def freeze(self) -> Clause:
        children = [c.freeze() for c in self.children]
        text = "\n".join(self.paragraphs)
        if self.heading and len(self.paragraphs) > 1 and self.label.startswith("("):
            # Contract: a titled (n) with several paragraphs (6(8)) holds them as unlabelled children.
            children = [Clause(id="", text=p) for p in self.paragraphs] + children
            text = ""
        return Clause(id="", label=self.label, heading=self.heading, text=text, children=tuple(children))


def seed001_clauses() -> tuple[Clause, ...]:
    """Nest the body of seed 001 by hand-written rules (this is test data, not the real reader)."""
    lines = [line.strip() for line in SEED_001.read_text(encoding="utf-8").splitlines() if line.strip()]
    start = [i for i, line in enumerate(lines) if line == "第1章 情報セキュリティ基本方針"][-1] + 1
    tops: list[_Node] = []
    paren: _Node | None = None
    for raw in lines[start:]:
        bulleted = raw.startswith("- ")
        line = raw[2:] if bulleted else raw
        parsed = numbering.parse_label(line)
        if parsed and parsed[0].kind == numbering.SECTION:
            tops.append(_Node(parsed[0].canonical(), parsed[1]))
            paren = None
        elif parsed and parsed[0].kind == numbering.PAREN:
            paren = _Node(parsed[0].canonical(), "" if bulleted else parsed[1], [parsed[1]] if bulleted else [])
            tops[-1].children.append(paren)
        elif parsed and parsed[0].kind == numbering.CIRCLED:
            assert paren is not None
            paren.children.append(_Node(parsed[0].canonical(), "", [parsed[1]]))
        elif paren is not None:
            paren.paragraphs.append(line)
        else:
            tops[-1].paragraphs.append(line)
    return renumber_ids([t.freeze() for t in tops])


def numbered_document(**meta: object) -> Document:
    """Return seed 001 as a numbered-style Document with its header."""
    values = {
        "org_name": "五所川原市",
        "kind": "city",
        "date": "令和8年3月",
        "department": "五所川原市総務部デジタル行政推進課",
        "style": "numbered",
        "toc": True,
        "self_reference": "本市",
        "subject": "職員等",
    }
    values.update(meta)
    return Document(
        title="五所川原市情報セキュリティ基本方針",
        clauses=seed001_clauses(),
        meta=values,
        preamble=("第1章 情報セキュリティ基本方針",),
    )


def _to_article(clause: Clause, level: int) -> Clause:
    parsed = numbering.parse_label(clause.label)
    label = clause.label
    if parsed and level == 0:
        label = f"第{parsed[0].number}条"
    elif parsed and parsed[0].kind == numbering.CIRCLED:
        label = numbering.format_label(numbering.KANA, parsed[0].number)
    heading = clause.heading
    if level >= 1 and heading and not clause.text and not clause.children:
        heading = ""
    children = tuple(_to_article(c, level + 1) for c in clause.children)
    text = clause.text
    if level == 1 and clause.heading and clause.children and not clause.text:
        # 6(8): the first unlabelled paragraph becomes the 号's definition text.
        text, children = children[0].text, children[1:]
    if level == 0 and not text:
        text = _LEADS[clause.heading]
    return Clause(id="", label=label, heading=heading, text=text, children=children)


_LEADS = {
    "定義": "この基本方針において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
    "適用範囲": "この基本方針の適用範囲は、次のとおりとする。",
}


def article_document(**meta: object) -> Document:
    """Return the same policy in 訓令 article style, with 項, ア and (ア) levels added."""
    clauses = [_to_article(c, 0) for c in seed001_clauses()]
    # Give 第5条 a second 項 and 第4条's list a (ア) level so that every depth appears.
    fifth = clauses[4]
    clauses[4] = fifth.with_children(
        fifth.children
        + (Clause(id="", label="2", text="職員等は、その職を退いた後も、職務上知り得た情報をみだりに他人に知らせてはならない。"),)
    )
    fourth = clauses[3]
    scope = fourth.children[1]
    item = scope.children[0]
    item = item.with_children(
        (
            Clause(id="", label="(ア)", text="庁内ネットワーク及びその構成機器"),
            Clause(id="", label="(イ)", text="外部と接続するネットワーク"),
        )
    )
    scope = scope.with_children((item,) + scope.children[1:])
    clauses[3] = fourth.with_children((fourth.children[0], scope) + fourth.children[2:])
    values = {
        "org_name": "五所川原市",
        "kind": "city",
        "date": "令和8年3月31日",
        "number": "訓令第5号",
        "issuer": "五所川原市長",
        "style": "article",
        "toc": False,
    }
    values.update(meta)
    return Document(
        title="五所川原市情報セキュリティ基本方針",
        clauses=renumber_ids(clauses),
        meta=values,
        postscript=("附　則", "この訓令は、令和8年4月1日から施行する。"),
    )


# ----------------------------------------------------------------------------------------------


def test_seed001_sample_has_the_model_shape():
    clauses = seed001_clauses()
    assert [c.label for c in clauses] == [str(n) for n in range(1, 11)]
    definitions = clauses[1].children
    assert [c.label for c in definitions][-2:] == ["(11)", "(12)"]
    assert definitions[0].heading == "ネットワーク" and definitions[0].text.startswith("コンピュータ等を")
    threats = clauses[2].children
    assert threats[0].heading == "" and threats[0].text.startswith("不正アクセス")
    outsourcing = clauses[5].children[7]
    assert outsourcing.text == "" and [c.label for c in outsourcing.children] == ["", "", ""]


def test_numbered_layout_roles_depths_and_order():
    blocks = L.layout(numbered_document())
    roles = [b.role for b in blocks]
    assert roles[:4] == [L.TITLE, L.META, L.META, L.TOC_TITLE]
    assert [b.text for b in blocks if b.role == L.META] == ["令和8年3月", "五所川原市総務部デジタル行政推進課"]
    toc = [b.text for b in blocks if b.role == L.TOC]
    assert toc[0] == "1\u3000目的" and len(toc) == 10
    first_heading = roles.index(L.HEADING1)
    assert blocks[first_heading - 1] == L.Block(L.PREAMBLE, "第1章 情報セキュリティ基本方針")
    by_text = {b.text: b for b in blocks}
    assert by_text["1\u3000目的"].role == L.HEADING1 and by_text["1\u3000目的"].depth == 0
    network = by_text["(1)\u3000ネットワーク"]
    assert (network.role, network.depth, network.label, network.body) == (L.HEADING2, 1, "(1)", "ネットワーク")
    definition = blocks[blocks.index(network) + 1]
    assert definition.role == L.BODY and definition.depth == 2 and definition.body.startswith("コンピュータ等")
    threat = next(b for b in blocks if b.body.startswith("不正アクセス"))
    assert (threat.role, threat.depth, threat.label) == (L.ITEM, 1, "(1)")
    circled = next(b for b in blocks if b.label == "①")
    assert (circled.role, circled.depth) == (L.ITEM, 2)
    sns = next(b for b in blocks if b.body.startswith("ソーシャルメディアサービスを利用する"))
    assert (sns.role, sns.depth, sns.label) == (L.BODY, 2, "")


def test_every_clause_paragraph_appears_exactly_once_in_order():
    document = numbered_document(toc=False)
    expected = []
    for clause in document.walk():
        expected.extend(clause.paragraphs)
    bodies = [b.body for b in L.layout(document) if b.role in (L.BODY, L.ITEM)]
    assert bodies == expected


def test_article_layout_caption_article_and_items():
    blocks = L.layout(article_document())
    texts = [b.text for b in blocks]
    assert texts[:4] == ["五所川原市情報セキュリティ基本方針", "令和8年3月31日", "訓令第5号", "五所川原市長"]
    caption = texts.index("(目的)")
    assert blocks[caption].role == L.CAPTION and blocks[caption].depth == 1
    article = blocks[caption + 1]
    assert (article.role, article.label, article.depth) == (L.ITEM, "第1条", 0)
    assert article.text.startswith("第1条\u3000本基本方針は")
    definition = next(b for b in blocks if b.label == "(1)" and "ネットワーク" in b.body)
    assert definition.text.startswith("(1)\u3000ネットワーク\u3000コンピュータ等を")
    assert definition.depth == 1
    paragraph = next(b for b in blocks if b.text.startswith("2\u3000職員等は、その職を退いた"))
    assert paragraph.depth == 0
    kana = next(b for b in blocks if b.label == "ア")
    assert kana.depth == 2
    paren_kana = next(b for b in blocks if b.label == "(ア)")
    assert paren_kana.depth == 3
    assert texts[-2:] == ["附　則", "この訓令は、令和8年4月1日から施行する。"]
    assert not any(b.role in (L.HEADING1, L.HEADING2) for b in blocks)


def test_unknown_style_is_a_one_line_error():
    with pytest.raises(PolicygenError, match=r'meta "style": unknown style \'legal\''):
        L.layout(Document(title="x", meta={"style": "legal"}))


def test_label_without_text_prints_the_label_alone():
    document = Document(clauses=(Clause(id="1", label="1"),))
    assert [b.text for b in L.layout(document)] == ["1"]
    assert re.fullmatch(r"\S+", L.Block(L.ITEM, "", "(1)").text)
