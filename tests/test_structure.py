"""structure.build_document: the numbering grammar, headings, header lines and notices."""

from __future__ import annotations

from policygen.model import Paragraph
from policygen.readers.structure import build_document


def build(*lines: str, hints: dict[int, str] | None = None):
    hints = hints or {}
    return build_document([Paragraph(t, f"line {i + 1}", hints.get(i, "")) for i, t in enumerate(lines)])


def labels(clauses):
    return [c.label for c in clauses]


def codes(doc):
    return [n.code for n in doc.notices]


def test_kanji_article_numbers_and_branches():
    doc = build("（目的）", "第一条　この方針は目的とする。", "第十二条　次の各号に掲げる。", "第十二条の二　枝番の条。")
    assert labels(doc.clauses) == ["第1条", "第12条", "第12条の2"]
    assert doc.clauses[0].heading == "目的"
    assert doc.clauses[1].attrs["label_text"] == "第十二条"
    assert doc.meta["style"] == "article"
    assert "structure.numbering-gap" in codes(doc)  # 第1条 → 第12条


def test_full_width_and_parenthesized_digits():
    doc = build("１　目的", "本文である。", "２　定義", "⑴　ネットワーク", "通信網をいう。", "（２）　情報システム", "仕組みをいう。")
    assert labels(doc.clauses) == ["1", "2"]
    assert [(c.label, c.heading, c.text) for c in doc.clauses[1].children] == [
        ("(1)", "ネットワーク", "通信網をいう。"),
        ("(2)", "情報システム", "仕組みをいう。"),
    ]
    assert doc.clauses[1].children[0].attrs["label_text"] == "⑴"


def test_numbered_hierarchy_down_to_paren_alpha():
    doc = build(
        "1 対策",
        "(1) 組織",
        "ア 体制",
        "(ア) 委員会を置く。",
        "a 委員長",
        "(a) 任命する。",
        "(イ) 事務局を置く。",
        "イ 予算",
        "(2) 管理",
        "2 監査",
    )
    one = doc.clauses[0]
    assert labels(doc.clauses) == ["1", "2"]
    assert labels(one.children) == ["(1)", "(2)"]
    kana = one.children[0].children
    assert labels(kana) == ["ア", "イ"]
    assert labels(kana[0].children) == ["(ア)", "(イ)"]
    assert labels(kana[0].children[0].children) == ["a"]
    assert labels(kana[0].children[0].children[0].children) == ["(a)"]
    assert [c.id for c in doc.walk()][:6] == ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.1.1", "1.1.1.1.1.1"]


def test_circled_directly_under_a_section_and_kana_under_paren():
    doc = build("1 範囲", "①ネットワーク", "②情報", "2 定義", "(3) 情報セキュリティ", "維持することをいう。", "ア 機密性とは、…をいう。")
    assert labels(doc.clauses[0].children) == ["①", "②"]
    assert labels(doc.clauses[1].children[0].children) == ["ア"]


def test_heading_or_text_of_an_item():
    doc = build(
        "3 対象とする脅威",
        "- (1) 不正アクセス、ウイルス攻撃等",
        "- (2) 地震、落雷、火災等の災害",
        "4 適用範囲",
        "(1) 情報資産の範囲",
        "- ①ネットワーク",
    )
    threats = doc.clauses[0].children
    assert [(c.heading, c.text) for c in threats] == [("", "不正アクセス、ウイルス攻撃等"), ("", "地震、落雷、火災等の災害")]
    # A short title followed by its own sub-items is a heading even without a body paragraph.
    assert doc.clauses[1].children[0].heading == "情報資産の範囲"


def test_numbered_definition_on_one_line_splits_term():
    doc = build("2 定義", "(1) ネットワーク　コンピュータ等を接続する通信網をいう。")
    item = doc.clauses[0].children[0]
    assert (item.heading, item.text) == ("ネットワーク", "コンピュータ等を接続する通信網をいう。")


def test_article_items_split_term_and_definition():
    doc = build(
        "(定義)",
        "第2条 この規則において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        "(1) 電子計算機 ハードウェア及びソフトウェアで構成するコンピュータをいう。",
        "(2) 行政情報の秘密保持に関すること。",
        "2 前項の規定は準用する。",
        "ア 機器",
    )
    art = doc.clauses[0]
    assert art.heading == "定義" and labels(art.children) == ["(1)", "(2)", "2"]
    assert (art.children[0].heading, art.children[0].text) == ("電子計算機", "ハードウェア及びソフトウェアで構成するコンピュータをいう。")
    assert (art.children[1].heading, art.children[1].text) == ("", "行政情報の秘密保持に関すること。")
    assert art.children[2].text == "前項の規定は準用する。" and labels(art.children[2].children) == ["ア"]
    assert "structure.missing-article" not in codes(doc)


def test_items_without_their_article_line_attach_to_the_article_with_a_notice():
    doc = build(
        "第13条 責任者は、試験を行うものとする。",
        "2 責任者は、記録するものとする。",
        "(1) 管理記録の作成 記録を作成すること。",
        "(2) 仕様書の管理 保管すること。",
        "第15条 責任者は、登録する。",
    )
    art = doc.clauses[0]
    assert labels(art.children) == ["2", "(1)", "(2)"]
    assert art.children[1].attrs["orphan"] is True
    notice = next(n for n in doc.notices if n.code == "structure.missing-article")
    assert notice.source == "line 3" and "第14条" in notice.message and "第13条第2項" in notice.message


def test_unlabelled_paragraph_after_children_becomes_an_unlabelled_child():
    doc = build(
        "(8) 業務委託",
        "業務委託を行う場合には、契約を締結する。",
        "外部サービスを利用する場合には、規定を整備する。",
        "(9) 評価",
        "- ① 監査",
        "- ② 点検",
        "なお、結果を公表する。",
        "また、見直す。",
    )
    eight, nine = doc.clauses
    assert eight.children == () and len(eight.paragraphs) == 2
    # The list ended: the paragraphs after it belong to (9), as unlabelled children.
    assert [(c.label, c.text) for c in nine.children] == [
        ("①", "監査"),
        ("②", "点検"),
        ("", "なお、結果を公表する。"),
        ("", "また、見直す。"),
    ]
    assert [c.id for c in nine.children] == ["2.1", "2.2", "2.3", "2.4"]


def test_table_of_contents_is_skipped_with_a_notice():
    doc = build(
        "情報セキュリティ基本方針",
        "目次",
        "1 目的 1",
        "2 定義 1",
        "1 目的",
        "本文。",
        "2 定義",
        "定義する。",
    )
    assert labels(doc.clauses) == ["1", "2"] and doc.clauses[0].text == "本文。"
    assert doc.meta["toc"] is True and codes(doc)[0] == "structure.toc-skipped"
    assert doc.notices[0].source == "line 2"


def test_toc_without_page_numbers_after_a_toc_title():
    doc = build("目次", "1　目的", "2　定義", "1　目的", "本文。", "2　定義", "定義する。")
    assert labels(doc.clauses) == ["1", "2"] and doc.clauses[0].text == "本文。"


def test_toc_with_leaders_and_tabs_without_toc_title():
    doc = build("第1章 基本方針\t1", "1 目的……………1", "第1章 基本方針", "1 目的", "本文。")
    assert labels(doc.clauses) == ["1"] and doc.preamble == ("第1章 基本方針",)


def test_header_lines_go_to_title_and_meta():
    doc = build(
        "○○○市情報セキュリティ基本方針",
        "令和8年3月31日",
        "○○市訓令第5号",
        "○○市情報セキュリティ基本方針の全部を改正する。",
        "(目的)",
        "第1条 この基本方針は、目的とする。",
    )
    assert doc.title == "○○市情報セキュリティ基本方針"
    assert doc.meta["date"] == "令和8年3月31日" and doc.meta["number"] == "○○市訓令第5号"
    assert doc.preamble == ("○○市情報セキュリティ基本方針の全部を改正する。",)
    assert doc.clauses[0].heading == "目的"


def test_chapters_inside_the_body_go_to_attrs():
    doc = build("第1章 総則", "第1条 目的とする。", "第2章 対策", "第2条 対策を講じる。", "附 則", "この規則は施行する。")
    assert labels(doc.clauses) == ["第1条", "第2条"]
    assert doc.preamble == ("第1章 総則",)
    assert doc.clauses[1].attrs["chapter"] == "第2章 対策"
    assert doc.postscript == ("附 則", "この規則は施行する。")


def test_page_numbers_are_dropped():
    doc = build("1 目的", "本文の前半", "- 1 -", "2 定義", "3")
    assert labels(doc.clauses) == ["1", "2"] and doc.clauses[0].text == "本文の前半"
    assert "structure.page-number" in codes(doc)


def test_caption_that_is_not_before_an_article_is_text():
    doc = build("1 目的", "(略)")
    assert doc.clauses[0].text == "(略)" and doc.meta["style"] == "numbered"


def test_given_labels_from_word_numbering():
    paragraphs = [
        Paragraph("目的", "p1", "", "1."),
        Paragraph("本文。", "p2"),
        Paragraph("ネットワーク", "p3", "", "(1)"),
        Paragraph("通信網をいう。", "p4"),
    ]
    doc = build_document(paragraphs)
    assert (doc.clauses[0].label, doc.clauses[0].heading, doc.clauses[0].text) == ("1", "目的", "本文。")
    assert doc.clauses[0].children[0].heading == "ネットワーク"


def test_markdown_heading_hint_makes_a_heading():
    doc = build("2 定義", "(1) 組織体制", hints={0: "heading:2", 1: "heading:5"})
    assert doc.clauses[0].children[0].heading == "組織体制"


def test_empty_input_gives_an_empty_document_with_a_notice():
    doc = build_document([Paragraph("   "), Paragraph("")], source_name="empty.txt")
    assert doc.clauses == () and doc.notices[-1].code == "structure.no-clauses"
    assert doc.notices[-1].source == "empty.txt"


def test_deterministic():
    lines = ["1 目的", "本文。", "第2条 混在"]
    assert build(*lines) == build(*lines)


def test_a_caption_with_a_parenthetical_of_its_own_heads_the_next_article():
    # 「(業務委託と外部サービス(クラウドサービス)の利用)」 after a 号: the caption of 第2条, not a line of that 号.
    doc = build("第1条　次の事項を定める。", "(1)　その他必要なこと。",
                "(業務委託と外部サービス(クラウドサービス)の利用)", "第2条　外部サービスを利用する場合には、対策を講じる。")
    assert labels(doc.clauses) == ["第1条", "第2条"]
    assert doc.clauses[0].children[0].text == "その他必要なこと。"
    assert doc.clauses[1].heading == "業務委託と外部サービス(クラウドサービス)の利用"
