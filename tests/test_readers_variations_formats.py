"""Real policies' shapes through the HTML and PDF readers: a declaration web page, a headless PDF."""

from __future__ import annotations

import pytest

from clause_outline import outline
from make_inputs import docx_to_pdf, pdf_to_text, soffice_available, text_to_docx
from policygen.readers import html, pdf
from policygen.readers import text as text_reader

needs_soffice = pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) not installed")

PAGE = """<!DOCTYPE html><html><head><title>みどり区情報セキュリティ基本方針 | みどり区</title></head><body>
<div class="skip"><a href="#main">本文へ移動する</a></div>
<div class="crumbs"><a href="/">ホーム</a> &gt; <a>区政情報</a> &gt; <a>情報公開</a> &gt; みどり区情報セキュリティ基本方針</div>
<div id="main"><h1>みどり区情報セキュリティ基本方針</h1>
<p>ページ番号：123456</p><p>更新日：2024年4月1日</p>
<h2>基本的考え方</h2>
<p>区は、区民の個人情報を守るため、情報セキュリティ対策を総合的に実施します。</p>
<p>不正アクセスやコンピュータウイルス、地震や火災などの脅威から情報資産を守ります。</p>
<h2>情報セキュリティ対策の方針</h2>
<ol><li>全庁的な管理体制を確立します。</li><li>職員の教育を徹底します。</li></ol>
</div>
<div class="share"><a>ツイート</a> <a>シェア</a></div>
<div class="contact"><h2>このページに関するお問い合わせ</h2><p>総務部情報政策課 電話：03-0000-0000</p></div>
</body></html>"""


def test_declaration_web_page_without_its_chrome():
    doc = html.read(PAGE.encode("utf-8"), name="p.html")
    assert doc.title == "みどり区情報セキュリティ基本方針"
    assert outline(doc.clauses) == [
        ("", "基本的考え方", ""),
        ("  ", "", "区は、区民の個人情報を守るため、情報セキュリティ対策を総合的に実施します。"),
        ("  ", "", "不正アクセスやコンピュータウイルス、地震や火災などの脅威から情報資産を守ります。"),
        ("", "情報セキュリティ対策の方針", ""),
        ("  ", "", "全庁的な管理体制を確立します。"),
        ("  ", "", "職員の教育を徹底します。"),
    ]
    assert doc.preamble == () and "structure.page-chrome" in [n.code for n in doc.notices]


HEADLESS = """\
みどり水道企業団(以下「企業団」という。)は、情報資産の機密性、完全性及び可用性を維持するため、この方針を定める。
この方針において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。
(1) 情報資産 ネットワーク及び情報システムで取り扱う情報をいう。
(2) 情報システム ハードウェア及びソフトウェアで構成されるものをいう。
第1 職員の義務
職員は、この方針を遵守しなければならない。
"""


@needs_soffice
def test_headless_policy_as_pdf_and_as_pdf_text(tmp_path):
    pdf_path = docx_to_pdf(text_to_docx(HEADLESS, tmp_path / "h.docx", page_numbers=True), tmp_path)
    for doc in (
        pdf.read(pdf_path.read_bytes(), name="h.pdf"),
        text_reader.read(pdf_to_text(pdf_path).encode("utf-8"), name="h.txt"),
    ):
        assert [(c.label, c.heading) for c in doc.clauses] == [("", ""), ("", ""), ("第1", "職員の義務")]
        assert doc.clauses[0].text.startswith("みどり水道企業団(以下「企業団」という。)")
        assert [(c.label, c.heading) for c in doc.clauses[1].children] == [("(1)", "情報資産"), ("(2)", "情報システム")]
