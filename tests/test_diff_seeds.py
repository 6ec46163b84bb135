"""Diff tests on the real seeds: notation rewrites of 001, reconstruction, similarity ordering."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from policygen.compare.diff import diff_tokens, is_notation_only, similarity
from policygen.ja.normalize import OrgNames

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*/{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def paragraph_after(text: str, heading: str) -> str:
    """Return the paragraph that follows a heading line (Markdown marks ignored)."""
    body = lines(text)
    for index, line in enumerate(body):
        if line.lstrip("#- ").strip() == heading:
            return body[index + 1]
    raise KeyError(heading)


def section(text: str, start: str, end: str) -> str:
    """Return the raw text from a heading line up to (not including) the next given heading."""
    begin = text.index(f"\n{start}\n")
    return text[begin + 1 : text.index(f"\n{end}\n", begin)]


S000, S001, S004 = seed("000"), seed("001"), seed("004")
ORG000, ORG001, ORG004 = OrgNames.guess(S000), OrgNames.guess(S001), OrgNames.guess(S004)

# 公用文 notation variants, applied to seed 001 (old form → variant form).
REWRITES = [
    ("講じる", "講ずる"),
    ("取り扱う", "取扱う"),
    ("ハードウェア", "ハードウエア"),
    ("ソフトウェア", "ソフトウエア"),
    ("強靱", "強靭"),
    ("ウイルス", "ウィルス"),
    ("行う", "行なう"),
    ("又は", "または"),
    ("及び", "および"),
    ("並びに", "ならびに"),
    ("係る", "かかる"),
    ("持ち出し", "持出し"),
    ("踏まえ", "ふまえ"),
    ("基づき", "もとづき"),
    ("当たって", "あたって"),
    ("LGWAN接続系", "LGWAN 接続系"),
    ("（", "("),
    ("）", ")"),
    ("、", "，"),
    ("。", "．"),
    ("本市", "本組合"),
    ("本基本方針", "この基本方針"),
]


def rewrite(text: str) -> str:
    for old, new in REWRITES:
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    "start, end",
    [
        ("1 目的", "2 定義"),
        ("2 定義", "3 対象とする脅威"),
        ("4 適用範囲", "5 職員等の遵守義務"),
        ("6 情報セキュリティ対策", "7 情報セキュリティ監査及び自己点検の実施"),
    ],
)
def test_notation_rewrite_of_seed_001_is_notation_only(start, end):
    old = section(S001, start, end)
    new = rewrite(old)
    # The rewrite keeps the name 五所川原市 in 4(1) but calls the body 本組合.
    union = OrgNames(name=ORG001.name, self_reference="本組合")
    edits = diff_tokens(old, new, org_old=ORG001, org_new=union)
    assert sum(e.op != "equal" for e in edits) >= 5  # the rewrite really changed the clause
    assert all(e.notation_only for e in edits if e.op != "equal")
    assert is_notation_only(old, new, org_old=ORG001, org_new=union)
    assert similarity(old, new, org_old=ORG001, org_new=union) == 1.0


@pytest.mark.parametrize(
    "old_word, new_word, heading",
    [("適正", "適切", "(7) 運用"), ("講じる", "講じない", "(6) 技術的セキュリティ")],
)
def test_substantive_change_inside_a_notation_rewrite(old_word, new_word, heading):
    old = paragraph_after(S001, heading)
    new = rewrite(old.replace(old_word, new_word, 1))
    assert not is_notation_only(old, new, org_old=ORG001)
    substantive = [e for e in diff_tokens(old, new, org_old=ORG001) if e.op != "equal" and not e.notation_only]
    assert len(substantive) == 1 and old_word[:2] in substantive[0].old


def test_real_reworded_clauses_are_substantive():
    # 000 says 迅速かつ適切に where 001 says 迅速かつ適正に.
    old, new = paragraph_after(S001, "(7) 運用"), paragraph_after(S000, "(7) 運用")
    edits = diff_tokens(old, new, org_old=ORG001, org_new=ORG000)
    assert ("適正", "適切") in [(e.old, e.new) for e in edits if not e.notation_only]
    # 001 heads section 10 with 作成, 000 with 策定.
    assert not is_notation_only("10 情報セキュリティ実施手順の作成", "10 情報セキュリティ実施手順の策定")


def test_self_reference_of_seeds_is_equal():
    old = paragraph_after(S001, "(1) 組織体制")  # 本市の情報資産について、…
    new = paragraph_after(S000, "(1) 組織体制の確立")  # 本組合の情報資産について、…
    assert is_notation_only(old, new, org_old=ORG001, org_new=ORG000)
    assert is_notation_only(old, paragraph_after(S004, "(1) 組織体制").replace("組織体制", "全庁的な組織体制"), org_old=ORG001, org_new=ORG004)


PAIRS = [
    ("1 目的", "1 目的"),
    ("(1) ネットワーク", "(1) ネットワーク"),
    ("(1) 組織体制", "(1) 組織体制の確立"),
    ("(2) 情報資産の分類と管理", "(2) 情報資産の分類と管理"),
    ("(3) 情報システム全体の強靱性の向上", "(3) 情報システム全体の強靱性の向上"),
    ("(4) 物理的セキュリティ", "(4) 物理的セキュリティ"),
    ("(7) 運用", "(7) 運用"),
    ("(9) 評価・見直し", "(9) 評価・見直し"),
    ("10 情報セキュリティ実施手順の作成", "10 情報セキュリティ実施手順の策定"),
]


def test_similarity_prefers_the_reworded_clause():
    olds = [paragraph_after(S001, a) for a, _ in PAIRS]
    news = [paragraph_after(S000, b) for _, b in PAIRS]
    for i, old in enumerate(olds):
        scores = [similarity(old, new, org_old=ORG001, org_new=ORG000) for new in news]
        others = max(score for j, score in enumerate(scores) if j != i)
        assert scores[i] > others + 0.1, (PAIRS[i], scores)


def test_edits_rebuild_every_seed_clause_pair():
    olds = lines(S001)
    news = lines(S000) + lines(S004)
    for old, new in itertools.product(olds[::3], news[::2]):
        edits = diff_tokens(old, new, org_old=ORG001, org_new=ORG000)
        assert "".join(e.old for e in edits) == old
        assert "".join(e.new for e in edits) == new


@pytest.mark.parametrize("other", ["000", "002", "003", "004"])
def test_edits_rebuild_whole_seeds(other):
    text = seed(other)
    edits = diff_tokens(S001, text, org_old=ORG001, org_new=OrgNames.guess(text))
    assert "".join(e.old for e in edits) == S001
    assert "".join(e.new for e in edits) == text
