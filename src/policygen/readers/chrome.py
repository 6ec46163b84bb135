"""Recognize web-page chrome in policy text: navigation, breadcrumbs, share buttons, page dates, footers.

Policies copied from a body's website (or printed from it to PDF) carry the page around the policy:
skip links, breadcrumbs 「ホーム > 市政情報 > …」, 「ページ番号」「更新日」「印刷用ページを表示する」 before it,
「このページに関するお問い合わせ」 and its address block after it. None of it is a clause.
"""

from __future__ import annotations

import re

# Markers that say where the page's own text begins or ends (accessibility skip targets).
BODY_STARTS = re.compile(r"^(?:ここから本文(?:です)?|本文(?:ここ)?から|本文はじまり|本文開始)[。.]?$")
BODY_ENDS = re.compile(r"^(?:ここまで本文(?:です)?|本文ここまで|本文(?:おわり|終わり|終了)|ここで本文(?:は)?終わり(?:です)?)[。.]?$")

# Whole lines that are page furniture, whatever page they are on.
_LINE = re.compile(
    r"^(?:"
    r"(?:ナビゲーション|メニュー)(?:を)?(?:スキップ|飛ばす|飛ばして)[^。]{0,20}"
    r"|[^。]{0,20}(?:本文へ(?:移動|進む|ジャンプ|スキップ)?(?:する)?|メニューへ(?:移動)?(?:する)?|ページの先頭(?:へ|に)?(?:戻る)?(?:です)?)[。.]?"
    r"|(?:このページの)?(?:先頭|トップ|上)へ(?:戻る)?"
    r"|(?:ページ番号|記事番号|ページID|更新日|更新日時|最終更新日|掲載日|公開日|登録日|作成日)[ \u3000]*[:：]?[^。]{0,40}"
    r"|印刷(?:用ページ|する|用ページを表示する|プレビュー)?"
    r"|文字(?:サイズ|の大きさ)[^。]{0,30}|背景色[^。]{0,30}|(?:音声)?読み上げ[^。]{0,20}|Foreign Language|Language"
    r"|(?:ツイート|シェア|いいね!?|LINEで送る|ポスト|Tweet|Share|Facebook|Twitter|X[(（]旧Twitter[)）]|はてなブックマーク)"
    r"(?:[ \u3000]*(?:ツイート|シェア|いいね!?|LINEで送る|ポスト|Tweet|Share|Facebook|Twitter|X[(（]旧Twitter[)）]|はてなブックマーク))*"
    r"|(?:前|次)のページ(?:へ|に)?(?:戻る)?|戻る|閉じる|ホーム|トップページ|サイトマップ|検索"
    r"|PDF(?:ファイル|形式)?[^。]{0,10}(?:[(（][^()（）]*[)）])?|Adobe[^。]*|Acrobat[^。]*"
    r")$",
    re.IGNORECASE,
)
# A breadcrumb: three or more short steps joined by 「>」「＞」「›」「»」.
_BREADCRUMB = re.compile(r"^(?:[^>＞›»。]{1,40}[ \u3000]*[>＞›»][ \u3000]*){2,}[^>＞›»。]{1,60}$")
# The page's footer starts here: what follows (contact, address, survey) is not the policy.
FOOTER = re.compile(
    r"^(?:このページ(?:に関する|についての)?(?:お問い?合わせ|情報は役に立ちましたか|の内容は分かりやすかったですか)"
    r"|お問い?合わせ(?:先)?|問い合わせ先|このページの作成担当|このページを見ている人は|アンケート"
    r"|より良いウェブサイトにするために|関連(?:情報|リンク|ページ)|PDF(?:ファイル)?をご覧(?:いただく|になる)には)"
    r"[^。]{0,40}$"
)


def _chrome_piece(piece: str) -> bool:
    return bool(_LINE.match(piece) or _BREADCRUMB.match(piece) or BODY_STARTS.match(piece) or BODY_ENDS.match(piece))


def is_chrome(text: str) -> bool:
    """Tell whether a whole line is web-page furniture rather than text of the policy.

    A line may join several pieces of furniture with spaces (「印刷用ページを表示する 掲載日:…更新」): it is
    chrome when it splits at spaces into pieces that all are.
    """
    line = text.strip(" \u3000\t")
    if not line:
        return False
    if _chrome_piece(line):
        return True
    if len(line) > 120:
        return False  # furniture comes in short pieces
    words = [w for w in re.split(r"[ \u3000\t|｜]+", line) if w]
    if len(words) < 2 or len(words) > 12:
        return False
    # can[i]: the first i words split into chrome pieces.
    can = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        can[end] = any(can[start] and _chrome_piece(" ".join(words[start:end])) for start in range(end))
    return can[-1]
