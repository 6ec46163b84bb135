"""structure.build_document on the shapes real policies take: declarations, 第建て, headless pages, PDF text."""

from __future__ import annotations

from clause_outline import outline
from policygen.model import Paragraph
from policygen.readers.structure import build_document
from policygen.readers.text import read as read_text


def build(*lines: str):
    return build_document([Paragraph(t, f"line {i + 1}") for i, t in enumerate(lines)], source_name="t.txt")


def codes(doc):
    return [n.code for n in doc.notices]


def test_declaration_with_bullets_and_no_headings_is_read_as_units():
    doc = build(
        "○○○区情報セキュリティ基本方針",
        "区は、区民の情報を守るため、次のとおり情報セキュリティ対策に取り組みます。",
        "・情報資産を脅威から守る体制を確立します。",
        "○職員の教育を徹底します。",
        "•監査を定期的に実施します。",
    )
    assert doc.title == "○○区情報セキュリティ基本方針"  # the 例規集 mark 「○」 taken off
    assert [c.text for c in doc.clauses] == [
        "区は、区民の情報を守るため、次のとおり情報セキュリティ対策に取り組みます。"
    ]
    lead = doc.clauses[0]
    # The lead announces a list: each commitment is a unit of its own, its bullet mark kept aside.
    assert [c.text for c in lead.children] == [
        "情報資産を脅威から守る体制を確立します。",
        "職員の教育を徹底します。",
        "監査を定期的に実施します。",
    ]
    assert [c.attrs["bullet"] for c in lead.children] == ["・", "○", "•"]
    assert "structure.unlabelled" in codes(doc)


def test_declaration_with_numbered_commitments_under_unnumbered_headings():
    doc = build(
        "○○市情報セキュリティ基本方針",
        "基本的考え方",
        "近年、情報通信技術が発展しています。",
        "一方、不正アクセスやコンピュータウイルスの脅威があります。",
        "情報セキュリティ対策の方針",
        "⑴ 管理体制の整備",
        "全庁的な体制を確立します。",
        "(2) 規定の整備",
        "対策基準を定めます。",
    )
    assert outline(doc.clauses) == [
        ("", "基本的考え方", ""),
        ("  ", "", "近年、情報通信技術が発展しています。"),
        ("  ", "", "一方、不正アクセスやコンピュータウイルスの脅威があります。"),
        ("", "情報セキュリティ対策の方針", ""),
        ("  (1)", "管理体制の整備", "全庁的な体制を確立します。"),
        ("  (2)", "規定の整備", "対策基準を定めます。"),
    ]
    assert doc.preamble == ()


def test_dai_articles_without_jo_nest_sections_and_items():
    doc = build(
        "○○市情報セキュリティ基本方針",
        "第1 目的",
        "この方針は、情報資産を守ることを目的とする。",
        "第2 定義",
        "次に、用語の意義を定める。",
        "1 情報資産",
        "行政情報及び情報システムをいう。",
        "(1) 電子化された情報",
        "第３　適用範囲",
        "この方針は、市の機関に適用する。",
    )
    assert outline(doc.clauses) == [
        ("第1", "目的", "この方針は、情報資産を守ることを目的とする。"),
        ("第2", "定義", "次に、用語の意義を定める。"),
        ("  1", "情報資産", "行政情報及び情報システムをいう。"),
        ("    (1)", "", "電子化された情報"),
        ("第3", "適用範囲", "この方針は、市の機関に適用する。"),
    ]


def test_toc_of_chapters_and_article_ranges_is_never_clauses():
    doc = build(
        "○○町情報セキュリティ規程",
        "目次",
        "第1章 総則(第1条―第4条)",
        "第2章 対策基準",
        "第1節 人的対策(第5条・第6条)",
        "附則",
        "第1章 総則",
        "(目的)",
        "第1条 この規程は、情報資産を守ることを目的とする。",
        "第2章 対策基準",
        "(教育)",
        "第5条 職員は研修を受ける。",
    )
    assert [c.label for c in doc.clauses] == ["第1条", "第5条"]
    assert doc.preamble == ("第1章 総則",)  # a chapter line before the body
    assert doc.clauses[1].attrs["chapter"] == "第2章 対策基準"
    assert "structure.toc-skipped" in codes(doc) and doc.postscript == ()


def test_labels_on_their_own_line_take_the_line_after_them():
    doc = build("1", "目的", "本方針は、目的とする。", "2", "定義", "(1)", "ネットワーク", "通信網をいう。")
    assert outline(doc.clauses) == [
        ("1", "目的", "本方針は、目的とする。"),
        ("2", "定義", ""),
        ("  (1)", "ネットワーク", "通信網をいう。"),
    ]


def test_a_bare_number_out_of_sequence_is_a_page_number():
    doc = build("1 目的", "本方針は、", "7", "情報資産を守ることを目的とする。")
    assert outline(doc.clauses) == [("1", "目的", "本方針は、\n情報資産を守ることを目的とする。")]
    assert "structure.page-number" in codes(doc)


def test_word_broken_across_lines_is_rejoined():
    doc = build("1 目的", "この方針は、情報セキュリテ", "ィ対策を定めることを目的とする。")
    assert doc.clauses[0].text == "この方針は、情報セキュリティ対策を定めることを目的とする。"


def test_spaced_digits_in_labels_and_dates():
    doc = build("○○町情報セキュリティ基本方針", "令和 5 年 4 月 1 日", "(目的)", "第 1 条 この方針は、目的とする。")
    assert doc.meta["date"] == "令和 5 年 4 月 1 日"
    assert [(c.label, c.heading) for c in doc.clauses] == [("第1条", "目的")]


def test_no_headings_at_all_each_paragraph_is_a_unit_with_a_notice():
    doc = build(
        "この方針は、団体が保有する情報資産の機密性、完全性及び可用性を維持することを目的とする。",
        "職員等は、情報セキュリティの重要性を認識し、この方針を遵守しなければならない。",
    )
    assert [c.text for c in doc.clauses] == [
        "この方針は、団体が保有する情報資産の機密性、完全性及び可用性を維持することを目的とする。",
        "職員等は、情報セキュリティの重要性を認識し、この方針を遵守しなければならない。",
    ]
    assert all(c.label == "" for c in doc.clauses)
    notice = next(n for n in doc.notices if n.code == "structure.unlabelled")
    assert notice.level == "warning" and "2 paragraph" in notice.message


def test_prose_that_names_no_security_matter_is_not_taken_for_a_policy():
    doc = build("これは方針ではない文章です。", "今日は晴れです。")
    assert doc.clauses == () and "structure.no-clauses" in codes(doc)


def test_headless_definitions_nest_under_their_lead_paragraph():
    doc = build(
        "この方針は、情報資産の機密性を維持することを目的とする。",
        "この方針において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        "(1)職員等",
        "一般職に属する職員をいう。",
        "(2)情報資産",
        "ア 情報システム",
        "イ 情報システムで取り扱う情報",
    )
    assert outline(doc.clauses) == [
        ("", "", "この方針は、情報資産の機密性を維持することを目的とする。"),
        ("", "", "この方針において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"),
        ("  (1)", "職員等", "一般職に属する職員をいう。"),
        ("  (2)", "情報資産", ""),
        ("    ア", "", "情報システム"),
        ("    イ", "", "情報システムで取り扱う情報"),
    ]


def test_captions_without_article_bodies_are_headings():
    doc = build(
        "(平成17年4月1日訓令第6号)",
        "改正",
        "令和5年3月31日訓令第1号",
        "(目的)",
        "(用語の定義)",
        "項目内容",
        "(1)実施機関市長、議会及び教育委員会をいう。",
        "(遵守義務)",
    )
    assert [(c.label, c.heading) for c in doc.clauses] == [("", "目的"), ("", "用語の定義"), ("", "遵守義務")]
    assert [c.label for c in doc.clauses[1].children] == ["(1)"]
    assert doc.title == ""  # the 例規集 header line with date and number is no title


def test_caption_cut_off_at_the_end_of_an_article_text_is_kept():
    doc = build("(目的)", "第1条 この方針は、目的とする。", "(対策基準等)")
    assert [(c.label, c.heading) for c in doc.clauses] == [("第1条", "目的"), ("", "対策基準等")]


def test_omission_marks_in_parentheses_stay_text():
    doc = build("1 目的", "(略)")
    assert doc.clauses[0].text == "(略)"


def test_web_page_chrome_before_and_after_is_dropped():
    doc = build(
        "ページの先頭です。 メニューを飛ばして本文へ",
        "ホーム > 市政情報 > 情報公開 > ○○市情報セキュリティ基本方針",
        "ページ番号:717118550",
        "更新日:2014年6月25日",
        "ツイート シェア",
        "ここから本文です。",
        "○○○市情報セキュリティ基本方針",
        "○○市情報セキュリティ基本方針",
        "1 目的",
        "この方針は、情報資産を守ることを目的とする。",
        "印刷用ページを表示する",
        "このページに関するお問い合わせ",
        "総務部情報政策課 電話:0000-00-0000",
    )
    assert doc.title == "○○市情報セキュリティ基本方針" and doc.preamble == ()
    assert outline(doc.clauses) == [("1", "目的", "この方針は、情報資産を守ることを目的とする。")]
    assert "date" not in doc.meta  # a page's update date is not the policy's date
    assert "structure.page-chrome" in codes(doc)


def test_unnumbered_headings_over_dotted_items_and_a_narrative_preface():
    doc = build(
        "ナビゲーションスキップメニュー",
        "1. 本文へ移動する",
        "「○○市情報セキュリティポリシー」を改訂しました",
        "不正アクセスや自然災害によるシステム障害に備える必要があります。",
        "第1章 情報セキュリティ基本方針",
        "目的",
        "本基本方針は、情報資産の機密性を維持することを目的とする。",
        "定義",
        "1.ネットワーク",
        "コンピュータ等を相互に接続するための通信網をいう。",
        "2.情報システム",
        "情報処理を行う仕組みをいう。",
    )
    assert doc.title == "「○○市情報セキュリティポリシー」を改訂しました"
    assert outline(doc.clauses) == [
        ("", "", "不正アクセスや自然災害によるシステム障害に備える必要があります。"),
        ("", "目的", "本基本方針は、情報資産の機密性を維持することを目的とする。"),
        ("", "定義", ""),
        ("  1.", "ネットワーク", "コンピュータ等を相互に接続するための通信網をいう。"),
        ("  2.", "情報システム", "情報処理を行う仕組みをいう。"),
    ]
    assert doc.clauses[1].attrs["chapter"] == "第1章 情報セキュリティ基本方針"


def test_dotted_items_nest_under_a_numbered_section():
    doc = build("2 定義", "この方針において、用語の意義は次による。", "1. 情報資産", "行政情報をいう。", "2. 機密性", "確保することをいう。")
    assert outline(doc.clauses) == [
        ("2", "定義", "この方針において、用語の意義は次による。"),
        ("  1.", "情報資産", "行政情報をいう。"),
        ("  2.", "機密性", "確保することをいう。"),
    ]


def test_pdf_text_file_with_labels_on_their_own_lines():
    text = "○○市情報セキュリティ基本方針\n\n1\n目的\nこの方針は、情報セキュリテ\nィを確保することを目的とする。\n2\n定義\n(1)\nネットワーク\n通信網をいう。\n"
    doc = read_text(text.encode("cp932"), name="p.txt")
    assert outline(doc.clauses) == [
        ("1", "目的", "この方針は、情報セキュリティを確保することを目的とする。"),
        ("2", "定義", ""),
        ("  (1)", "ネットワーク", "通信網をいう。"),
    ]


def test_numbering_reads_dai_dotted_and_spaced_labels():
    from policygen import numbering as N

    cases = {
        "第1　目的": (N.DAI, 1, "目的"),
        "第１ 定義": (N.DAI, 1, "定義"),
        "1.ネットワーク": (N.DOTTED, 1, "ネットワーク"),
        "12．情報資産": (N.DOTTED, 12, "情報資産"),
        "第 1 2 条 この方針": (N.ARTICLE, 12, "この方針"),
        "第 3 章 対策": (N.CHAPTER, 3, "対策"),
    }
    for text, (kind, number, rest) in cases.items():
        label, after = N.parse_label(text)
        assert (label.kind, label.number, after) == (kind, number, rest), text
        assert N.parse_label(N.format_label(kind, number) + " x")[0].kind == kind
    for text in ("1.5倍の容量", "2014.7.31更新", "第1回会議", "第1条の規定"):
        parsed = N.parse_label(text)
        assert parsed is None or parsed[0].kind not in (N.DAI, N.DOTTED), text


def test_items_whose_markers_were_lost_become_units():
    doc = build("4 適用範囲", "(2) 情報資産", "ネットワーク及び情報システム", "ネットワーク及び情報システムで取り扱う情報")
    item = doc.clauses[0].children[0]
    assert (item.heading, item.text) == ("情報資産", "")
    assert [c.text for c in item.children] == ["ネットワーク及び情報システム", "ネットワーク及び情報システムで取り扱う情報"]


def test_sentences_under_a_heading_stay_its_text():
    doc = build("1 目的", "本方針は、目的を定める。", "なお、対策基準は別に定める。")
    assert doc.clauses[0].text == "本方針は、目的を定める。\nなお、対策基準は別に定める。"


def test_indented_continuation_of_a_long_line_joins_it():
    text = (
        "1 定義\n"
        "(1) ネットワーク コンピュータ等を相互に接続するための通信網及び\n"
        "    その構成機器をいう。\n"
        "(2) 情報システム\n"
        "    仕組みをいう。\n"
    )
    doc = read_text(text.encode("utf-8"), name="p.txt")
    assert [(c.label, c.heading, c.text) for c in doc.clauses[0].children] == [
        ("(1)", "ネットワーク", "コンピュータ等を相互に接続するための通信網及びその構成機器をいう。"),
        ("(2)", "情報システム", "仕組みをいう。"),
    ]


def test_reiki_header_caption_and_amendment_list_go_to_meta():
    doc = build("(平成17年4月1日訓令第6号)", "改正", "令和5年3月31日訓令第1号", "(目的)", "第1条 この規程は、目的とする。")
    assert (doc.meta["date"], doc.meta["number"]) == ("平成17年4月1日", "訓令第6号")
    assert doc.meta["amendments"] == "令和5年3月31日訓令第1号"
    assert doc.preamble == () and doc.title == ""


def test_a_list_announced_by_an_item_keeps_its_continuation():
    doc = build(
        "次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        "(1)部門システム",
        "業務処理を行う以下のシステムをいう。",
        "庁内情報システム、図面情報管理システム",
    )
    item = doc.clauses[0].children[0]
    assert item.text == "業務処理を行う以下のシステムをいう。\n庁内情報システム、図面情報管理システム"


def test_a_caption_after_a_long_unfinished_line_stays_a_caption():
    text = (
        "(目的)\n第1条 この規程は、目的とする。\n"
        "(1) 電力供給の途絶、通信の途絶、水道供給の途絶等のインフラの障害からの波及等\n"
        "(適用範囲)\n第2条 この規程は、町の機関に適用する。\n"
    )
    doc = read_text(text.encode("utf-8"), name="p.txt")
    assert [(c.label, c.heading) for c in doc.clauses] == [("第1条", "目的"), ("第2条", "適用範囲")]


def test_article_and_chapter_labels_on_their_own_line():
    doc = build("第1章", "総則", "(目的)", "第1条", "この規程は、目的とする。", "第2条", "職員は、この規程を守る。")
    assert [(c.label, c.heading, c.text) for c in doc.clauses] == [
        ("第1条", "目的", "この規程は、目的とする。"),
        ("第2条", "", "職員は、この規程を守る。"),
    ]
    assert doc.preamble == ("第1章\u3000総則",)


def test_kanji_numbered_items_of_older_reiki_are_go():
    doc = build(
        "(定義)",
        "第二条　この規程において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        "一　ネットワーク　通信網をいう。",
        "二　情報システム　仕組みをいう。",
        "一方、脅威は増している。",
    )
    items = doc.clauses[0].children
    assert [(c.label, c.heading, c.attrs.get("label_text")) for c in items] == [
        ("(1)", "ネットワーク", "一"),
        ("(2)", "情報システム", "二"),
    ]
    assert items[1].text.endswith("一方、脅威は増している。")  # 「一方」 is a word, not a label
