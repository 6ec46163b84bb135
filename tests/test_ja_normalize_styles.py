"""The numbered and the article style word the same things differently; normalization unifies them."""

import pytest

from policygen.ja.normalize import normalize_text


@pytest.mark.parametrize(
    ("numbered", "article"),
    [
        ("上記3の脅威から情報資産を保護する", "第3条の脅威から情報資産を保護する"),
        ("上記6、7及び8に規定する対策等", "第6条から第8条までに規定する対策等"),
        ("上記6及び7に規定する", "第6条及び第7条に規定する"),
        ("以下の脅威を想定し", "次の脅威を想定し"),
        ("以下に掲げる事項", "次に掲げる事項"),
        ("策定する。\nなお、実施手順は非公開とする。", "策定する。\n実施手順は非公開とする。"),
    ],
)
def test_style_variants_normalize_alike(numbered, article):
    assert normalize_text(numbered) == normalize_text(article)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("上記3の脅威", "上記4の脅威"),  # a different section is a different reference
        ("第6条から第8条まで", "第6条から第9条まで"),
        ("以下「職員等」という。", "次「職員等」という。"),  # 以下「…」という is a definition, not 「次の」
        ("地方公務員法第3条の2", "地方公務員法第3条"),  # 枝番 articles stay as written
    ],
)
def test_different_references_stay_different(a, b):
    assert normalize_text(a) != normalize_text(b)


def test_council_members_in_article_style_are_the_body():
    from policygen.ja.normalize import OrgNames

    council = OrgNames(name="鎌倉市議会", self_reference="本市議会", short_names=())
    assert normalize_text("本市議会議員及び本市議会の職員", org=council) == normalize_text(
        "市議会議員及び市議会の職員", org=council
    )
