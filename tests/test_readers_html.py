"""HTML reader: the three real 例規集 pages (checked by eye against their markup) and a generic page."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_files import REIKI_SAMPLES

from policygen.readers import html

SAMPLES = REIKI_SAMPLES
FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="例規集 samples not present")


def sample(name: str):
    return html.read((SAMPLES / name).read_bytes(), name=name)


def test_hyosho_kitei_articles_items_and_postscript():
    doc = sample("k518RG00000012.html")
    assert doc.title == "かつらぎ町表彰規程"
    assert doc.meta["date"] == "昭和43年9月10日" and doc.meta["number"] == "規程第9号"
    assert doc.meta["style"] == "article"
    assert [c.label for c in doc.clauses] == [f"第{n}条" for n in range(1, 10)]
    assert all(c.heading == "" for c in doc.clauses)  # this page has no captions
    second = doc.clauses[1]
    assert second.text == "表彰は、次の各号に該当する者について町長がこれを行う。"
    assert [c.label for c in second.children] == [f"({n})" for n in range(1, 14)]
    assert second.children[12].text == "前各号に定めるもののほか、特に表彰に値すると認められる者"
    # Two sentence spans of one 項 are joined without a space.
    assert doc.clauses[4].text == "表彰は、隔年7月1日に行う。ただし、特別の理由により他の期日に表彰することが適当と認められる場合は、適宜行うことができる。"
    assert doc.postscript[0] == "附則" and doc.postscript[1].startswith("1\u3000この規程は、昭和43年10月10日")
    # The side panel (条項目次, 沿革) is not read.
    assert not any("沿革" in line or "本則" in line for line in doc.postscript + doc.preamble)
    assert doc.notices == ()


def test_seibi_jorei_captions():
    doc = sample("k518RG00000055.html")
    assert doc.title == "かつらぎ町例規集の改版に伴う条例の整備に関する条例"
    assert doc.meta["number"] == "条例第20号"
    assert [(c.label, c.heading) for c in doc.clauses] == [
        ("第1条", "目的"),
        ("第2条", "用字、用語及び送り仮名"),
        ("第3条", "句読点"),
        ("第4条", "語句"),
        ("第5条", "その他"),
    ]
    assert doc.clauses[0].text.startswith("この条例は、かつらぎ町例規集の改版に伴い")
    assert [c.label for c in doc.clauses[1].children] == ["(1)", "(2)", "(3)", "(4)"]
    assert doc.clauses[0].source == "line 32"
    assert doc.postscript == ("附則", "この条例は、公布の日から施行する。")


def test_chushajo_jorei_definitions_paragraphs_table_and_many_supplements():
    doc = sample("k518RG00000080.html")
    assert doc.title == "かつらぎ町駐車場等設置条例"
    assert [c.label for c in doc.clauses] == [f"第{n}条" for n in range(1, 10)]
    definitions = doc.clauses[1].children
    assert [(c.label, c.heading) for c in definitions] == [("(1)", "駐車場等"), ("(2)", "駐車場"), ("(3)", "駐輪場")]
    assert definitions[0].text == "次号及び第3号に規定する駐車場及び駐輪場をいう。"
    # The table of 第3条 becomes rows of its text.
    assert doc.clauses[2].paragraphs[1:3] == ["名称\u3000位置", "船岡山駐車場\u3000かつらぎ町大字西渋田372番地の5"]
    fourth = doc.clauses[3]
    assert fourth.heading == "駐車対象" and [c.label for c in fourth.children] == ["2"]
    assert [c.label for c in fourth.children[0].children] == ["(1)", "(2)", "(3)", "(4)"]
    supplements = [line for line in doc.postscript if line.startswith("附則")]
    assert len(supplements) == 9 and supplements[1] == "附則(平成10年3月30日条例第5号)"


def test_ruby_and_br_in_reiki_markup():
    page = """<html><body><div id="primary">
    <div class="eline"><div class="head"><p class="title-irregular"><span>○テスト規則</span></p></div></div>
    <div class="eline"><div class="article"><p class="title"><span>(目的)</span></p>
    <p class="num"><span class="num">第1条</span>　<span class="clause"><span class="p">
    この規則は、<ruby>鳥栖<rp>(</rp><rt>とす</rt><rp>)</rp></ruby>の<br>情報を守る。</span></span></p></div></div>
    </div><div id="secondary"><div class="eline"><p>第9条　側の欄</p></div></div></body></html>"""
    doc = html.read(page.encode("utf-8"))
    assert doc.title == "テスト規則"
    assert [(c.label, c.heading, c.text) for c in doc.clauses] == [("第1条", "目的", "この規則は、鳥栖の情報を守る。")]


def test_generic_page_in_shift_jis():
    doc = html.read((FIXTURES / "generic_policy.html").read_bytes(), name="generic_policy.html")
    assert doc.title == "サンプル町情報セキュリティ基本方針"
    assert doc.meta["date"] == "令和7年4月1日"
    assert [(c.label, c.heading) for c in doc.clauses] == [
        ("1", "目的"),
        ("2", "定義"),
        ("3", "対象とする脅威"),
        ("4", "適用範囲"),
    ]
    # Ruby reading dropped, <br> and the source line break joined without a space.
    assert doc.clauses[0].text == "本基本方針は、本町が保有する情報資産を守ることを目的とする。"
    assert (doc.clauses[1].children[0].label, doc.clauses[1].children[0].heading) == ("(1)", "ネットワーク")
    assert [c.text for c in doc.clauses[2].children] == ["不正アクセス等", "災害等"]
    assert doc.clauses[3].paragraphs == ["機関\u3000範囲", "町長部局\u3000全部"]
    # Navigation, scripts and the footer are not text.
    text = "".join(c.text for c in doc.walk()) + "".join(doc.preamble + doc.postscript)
    assert "メニュー" not in text and "Copyright" not in text and "var x" not in text


def test_squash_keeps_spaces_between_latin_words():
    assert html.squash("LGWAN\n  接続系") == "LGWAN接続系"
    assert html.squash("cloud\n service") == "cloud service"
