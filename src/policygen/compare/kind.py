"""Tell the kind of body a policy belongs to (city, town, joint body, council …) from its own text.

The evidence, strongest first: the body's name (the title, the name recorded by the reader, or a
definition 「乙訓消防組合(以下「組合」という。)」); the short name the text defines for itself
(「(以下「町」という。)」); how the text refers to itself (本県, 本組合, 市議会は …, article style 「県は」).
A name decides by the words in it before its last character: 「○○市町村事務組合」 is a joint body and
「○○市議会」 a council, although both contain 市.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from policygen.compare.features import plain_text
from policygen.ja.bodies import NAME_ENDINGS, NAME_WORDS, SHORT_NAMES
from policygen.model import Document

DEFAULT = "city"

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"
_ALTERNATION = "|".join(sorted(map(re.escape, SHORT_NAMES), key=len, reverse=True))
_DEFINED = re.compile(rf"以下[「『]([本当]?)({_ALTERNATION})[」』]という")


@cache
def _self_references() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a text's references to itself: 本県, 当組合; then bare ones, 県は, 組合における.

    Compiled on first use: their kanji ranges take re some 7 ms to compile, and a policy whose name
    tells its kind (most of them) never needs them.
    """
    own = re.compile(rf"(?<![{_KANJI}])[本当]({_ALTERNATION})(?![{_KANJI}])")
    # Article style drops 本: 「県は」「町が保有する」「組合における」; the word must stand alone (not 市町村).
    bare = re.compile(
        rf"(?<![{_KANJI}ァ-ヺー])({_ALTERNATION})(?=は|が|における|において|の(?:保有|情報|行政|機関|職員|業務))"
    )
    return own, bare

_POLICY_WORDS = ("情報セキュリティ", "の情報", "における", "個人情報")


def kind_of_name(name: str) -> str | None:
    """Return the kind of body a name says (「乙訓消防組合」 → joint_body), or None when it says none."""
    name = name.strip().lstrip("○◯「『 \u3000")
    for stop in _POLICY_WORDS:
        name = name.split(stop)[0]
    name = name.rstrip("」』 \u3000")
    if not name:
        return None
    for word, kind in NAME_WORDS:
        if word in name:
            return kind
    for suffix, kind in NAME_ENDINGS:
        if name.endswith(suffix):
            return kind
    return None


def kind_of_text(text: str) -> str | None:
    """Return the kind of body that the text's own short names and self-references point to."""
    text = re.sub(r"[ \u3000\t\r\n]", "", text)
    for match in _DEFINED.finditer(text):
        return SHORT_NAMES[match.group(2)]
    for pattern in _self_references():
        counts = Counter(SHORT_NAMES[m.group(1)] for m in pattern.finditer(text))
        if counts:
            # Most used wins; on a tie a joint body or council beats the city it sits in.
            return max(counts, key=lambda kind: (counts[kind], kind in ("joint_body", "council")))
    return None


def guess_kind(document: Document) -> str:
    """Guess the kind of body from the document (its name, then its self-references; "city" if unsure)."""
    from policygen.ja.normalize import OrgNames

    text = plain_text(document)
    names = [str(document.meta.get("org_name") or ""), document.title, OrgNames.guess(text).name]
    for name in names:
        kind = kind_of_name(name)
        if kind is not None:
            return kind
    return kind_of_text(text) or DEFAULT

