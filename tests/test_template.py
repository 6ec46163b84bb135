"""The model template rendered per organization: conditions, numbering, cross-references, styles."""

from __future__ import annotations

import pytest
from shared_files import MODEL_IDS_MD

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import Clause, Document
from policygen.generate.profile import default_profile, profile_from_data
from policygen.generate.template import load_model, model_document, present_model_ids, render

# Model IDs as listed in model-ids.md.
MODEL_IDS = [
    "1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12",
    "3", "3.1", "3.2", "3.3", "3.4", "3.5", "4", "4.1", "4.2", "4.2.1", "4.2.2", "4.2.3", "5",
    "6", "6.1", "6.2", "6.3", "6.3.1", "6.3.2", "6.3.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.8.1",
    "6.8.2", "6.8.3", "6.9", "7", "8", "9", "10",
]  # fmt: skip

# Every kind, with the self-reference each must use in the numbered and the article style.
KIND_CASES = [
    ("prefecture", "", "本県", "県"),
    ("city", "", "本市", "市"),
    ("special_ward", "", "本区", "区"),
    ("town", "", "本町", "町"),
    ("village", "", "本村", "村"),
    ("council", "", "本市議会", "市議会"),
    ("joint_body", "union", "本組合", "組合"),
    ("joint_body", "regional_union", "本広域連合", "広域連合"),
    ("joint_body", "consultative_council", "本協議会", "協議会"),
]
STYLES = ["numbered", "article"]


def _city(**changes) -> dict:
    data = {"organization": {"name": "○○市", "kind": "city", "organs": ["内部部局", "行政委員会"]}}
    if changes:
        data["changes"] = changes
    return data


def _top(document: Document, model_id: str) -> Clause:
    return document.by_model_id()[model_id]


def test_template_has_exactly_the_model_ids():
    assert load_model().ids() == MODEL_IDS
    spec = MODEL_IDS_MD
    if spec.is_file():
        listed = [line.split("|")[0].strip() for line in spec.read_text(encoding="utf-8").splitlines()]
        assert [i for i in listed if i[:1].isdigit()] == MODEL_IDS


def test_model_document_carries_every_clause():
    document = model_document()
    assert present_model_ids(document) == set(MODEL_IDS)
    assert [c.label for c in document.clauses] == [str(n) for n in range(1, 11)]


def _check_numbering(children, style: str, depth: int, where: str) -> None:
    labelled = [c for c in children if c.label]
    numbers = []
    kinds = set()
    for clause in labelled:
        parsed = numbering.parse_label(clause.label + " x")
        assert parsed is not None, f"{where}: unreadable label {clause.label!r}"
        kinds.add(parsed[0].kind)
        numbers.append(parsed[0].number)
    # 項 ("2", "3") follow 号 inside an article and are numbered from 2.
    for kind in kinds:
        these = [n for c, n in zip(labelled, numbers) if numbering.parse_label(c.label + " x")[0].kind == kind]
        start = 2 if (style == "article" and depth == 1 and kind == numbering.SECTION) else 1
        assert these == list(range(start, start + len(these))), f"{where}: gap in {these}"
    for clause in children:
        _check_numbering(clause.children, style, depth + 1, f"{where}/{clause.label}")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("kind", "subkind", "numbered_ref", "article_ref"), KIND_CASES)
def test_every_kind_renders_a_coherent_document(kind, subkind, numbered_ref, article_ref, style):
    document = render(default_profile(kind, subkind), style=style)
    selfref = numbered_ref if style == "numbered" else article_ref
    for clause in document.walk():
        assert clause.text or clause.children, f"empty clause {clause.id} {clause.label}"
        assert "{" not in clause.text + clause.heading, f"unrendered template in {clause.id}"
    _check_numbering(document.clauses, style, 0, "top")
    first = document.clauses[0].text
    assert selfref in first
    if style == "article":
        assert "本" + selfref not in first and "この基本方針は" in first
        assert [c.label for c in document.clauses] == [f"第{n}条" for n in range(1, 11)]
        assert all(c.heading for c in document.clauses)  # every article has its caption
    else:
        assert first.startswith("本基本方針は、")
    assert document.meta["self_reference"] == selfref
    subject = "議員等" if kind == "council" else "職員等"
    assert _top(document, "5").heading == f"{subject}の遵守義務"


def test_three_tier_clauses_follow_the_networks_run():
    city = present_model_ids(render(default_profile("city")))
    assert {"2.8", "2.9", "2.10", "2.11", "2.12", "6.3.1", "6.3.2", "6.3.3"} <= city
    joint = present_model_ids(render(default_profile("joint_body")))
    assert {"2.10", "2.12", "6.3", "6.3.3"} <= joint
    assert not {"2.8", "2.9", "2.11", "6.3.1", "6.3.2"} & joint
    council = present_model_ids(render(default_profile("council")))
    assert not {"2.8", "2.9", "2.10", "2.11", "2.12", "6.3"} & council
    lgwan_only = profile_from_data({**_city(), "policy": {"networks": ["mynumber", "lgwan"]}})
    ids = present_model_ids(render(lgwan_only))
    assert {"2.8", "2.9", "6.3.1"} <= ids and not {"2.10", "2.11", "2.12", "6.3.2", "6.3.3"} & ids
    doc = render(lgwan_only)
    assert "（マイナンバー利用事務系を除く。）" in _top(doc, "2.9").text
    assert "次の" not in _top(doc, "6.3").text  # one remaining measure joins the lead sentence


def test_definitions_renumber_when_tiers_drop():
    document = render(default_profile("joint_body"))
    definitions = _top(document, "2").children
    assert [(c.label, c.heading) for c in definitions[-2:]] == [("(8)", "インターネット接続系"), ("(9)", "無害化通信")]


def test_single_tier_joins_the_lead():
    clause = _top(render(default_profile("joint_body")), "6.3")
    assert clause.children == ()
    assert "情報システム全体に対し、インターネット接続系においては、" in clause.text
    two = _top(render(profile_from_data({**_city(), "policy": {"networks": ["lgwan", "internet"]}})), "6.3")
    assert "次の二段階の対策" in two.text and [c.label for c in two.children] == ["①", "②"]


def test_kind_dependent_wording():
    city = render(default_profile("city"))
    council = render(default_profile("council"))
    joint = render(default_profile("joint_body", "regional_union"))
    assert _top(city, "4.1").heading == "行政機関の範囲"
    assert _top(joint, "4.1").heading == "広域連合の機関の範囲"
    assert "全庁的な" in _top(city, "6.1").text and "全庁的な" not in _top(council, "6.1").text
    assert "本市の行政運営" in _top(city, "10").text
    assert "本市議会の運営" in _top(council, "10").text
    assert "情報セキュリティ対策基準及び情報セキュリティ実施手順は" in _top(council, "10").text
    assert _top(city, "7").heading == "情報セキュリティ監査及び自己点検の実施"
    assert _top(council, "7").heading == "情報セキュリティ自己点検の実施"
    assert "定期的又は必要に応じて情報セキュリティ自己点検を実施し" in _top(council, "6.9").text
    assert _top(council, "5").text.startswith("本市議会議員及び本市議会の職員（以下「議員等」という。）")
    assert "議員等のパソコン" in _top(council, "6.4").text
    audit = render(profile_from_data({**_city(), "policy": {"checks": ["audit"]}}))
    assert _top(audit, "8").text.startswith("情報セキュリティ監査の結果、")
    assert _top(joint, "1").text.startswith("本基本方針は、○○広域連合（以下「本広域連合」という。）が保有する")


def test_public_documents_drop_the_sentence():
    document = render(profile_from_data({**_city(), "policy": {"non_public": []}}))
    assert "非公開" not in _top(document, "10").text


def test_cloud_and_social_media_switches():
    none = render(profile_from_data({**_city(), "policy": {"cloud": False, "social_media": False}}))
    clause = _top(none, "6.8")
    assert clause.heading == "業務委託" and [c.model_id for c in clause.children] == ["6.8.1"]


def test_cross_references_follow_new_numbers():
    added = _city(additions=[{"after": "2", "heading": "基本理念", "text": "情報セキュリティの確保に努める。"}])
    numbered = render(profile_from_data(added))
    assert [c.label for c in numbered.clauses][:4] == ["1", "2", "3", "4"]
    assert _top(numbered, "6").text.startswith("上記4の脅威から")
    assert _top(numbered, "9").text.startswith("上記7、8及び9に規定する")
    article = render(profile_from_data(added), style="article")
    assert _top(article, "6").text.startswith("第4条の脅威から")
    assert _top(article, "9").text.startswith("第7条から第9条までに規定する")
    plain = render(profile_from_data(_city()), style="article")
    assert _top(plain, "9").text.startswith("第6条から第8条までに規定する")


def test_reference_to_a_dropped_clause_is_an_error():
    with pytest.raises(PolicygenError, match=r"clause 6: refers to clause 3, which this profile leaves out"):
        render(profile_from_data(_city(omit=["3"])))
    # Overriding the referring clause's text is the way out.
    fixed = _city(omit=["3", "9"], overrides={"6": {"text": "次の情報セキュリティ対策を講じる。"}})
    assert "3" not in present_model_ids(render(profile_from_data(fixed)))


def test_omit_renumbers_and_unknown_ids_are_refused():
    document = render(profile_from_data(_city(omit=["6.9", "6.1"])))
    six = _top(document, "6")
    assert [c.label for c in six.children] == [f"({n})" for n in range(1, 8)]
    assert six.children[0].heading == "情報資産の分類と管理"
    with pytest.raises(PolicygenError, match=r"changes.omit\[0\]: 6.10 is not a model clause ID"):
        render(profile_from_data(_city(omit=["6.10"]), "p.yaml"))
    with pytest.raises(PolicygenError, match=r"changes.additions\[0\].after: clause 2.8 is left out"):
        render(profile_from_data({**_city(additions=[{"after": "2.8", "text": "x"}]), "policy": {"networks": []}}, "p"))


def test_added_items_under_body_text():
    data = _city(additions=[{"child_of": "5", "text": "違反した者には対応を行う。"}])
    numbered = _top(render(profile_from_data(data)), "5")
    assert numbered.text == ""
    assert [c.label for c in numbered.children] == ["(1)", "(2)"]
    assert numbered.children[0].text.startswith("職員、臨時・非常勤職員等") and numbered.children[0].attrs["body_of"] == "5"
    article = _top(render(profile_from_data(data), style="article"), "5")
    assert article.text.startswith("職員、臨時・非常勤職員等")
    assert [(c.label, c.text) for c in article.children] == [("2", "違反した者には対応を行う。")]


def test_additions_keep_their_order():
    data = _city(
        additions=[
            {"after": "6.9", "heading": "甲", "text": "一。"},
            {"after": "6.9", "heading": "乙", "text": "二。"},
            {"before": "6.1", "heading": "丙", "text": "三。"},
        ]
    )
    six = _top(render(profile_from_data(data)), "6")
    assert [c.heading for c in six.children][:2] == ["丙", "組織体制"]
    assert [(c.label, c.heading) for c in six.children[-2:]] == [("(11)", "甲"), ("(12)", "乙")]


def test_article_nesting():
    document = render(default_profile("city"), style="article")
    two = _top(document, "2")
    assert two.label == "第2条" and two.heading == "定義" and two.text.startswith("この基本方針において、次の各号")
    assert two.children[0].label == "(1)" and two.children[0].heading == "ネットワーク"
    assets = _top(document, "4.2")
    assert assets.label == "(2)" and [c.label for c in assets.children] == ["ア", "イ", "ウ"]
    tiers = _top(document, "6.3")
    assert [c.label for c in tiers.children] == ["ア", "イ", "ウ"]
    ten = _top(document, "10")
    assert [c.label for c in ten.children] == ["2"] and ten.children[0].text.startswith("情報セキュリティ実施手順は")
    assert "本市" not in "".join(c.text for c in document.walk())
    assert "本基本方針" not in "".join(c.text for c in document.walk())


def test_article_markdown_shows_captions_and_articles():
    from policygen.writers.markdown import to_markdown

    text = to_markdown(render(default_profile("town"), style="article"))
    lines = text.splitlines()
    for n in range(1, 11):
        caption = next(i for i, line in enumerate(lines) if line.startswith(f"第{n}条"))
        previous = [line for line in lines[:caption] if line.strip()][-1]
        assert previous.startswith("(") and previous.endswith(")"), (n, previous)


def test_values_are_data_not_template_code():
    name = "{{ 7*7 }}市{% if true %}X{% endif %}"
    data = {
        "organization": {"name": name, "kind": "city", "organs": ["{{ organs }}"]},
        "document": {"title": "{{ title }}"},
        "changes": {
            "overrides": {"6.4": {"text": "{{ selfref }}の設備"}},
            "additions": [{"after": "10", "heading": "{% raw %}", "text": "{{ refs('3') }}"}],
        },
        "policy": {"other_rules": ["{{ subject }}規程"]},
    }
    profile = profile_from_data({**data, "organization": {**data["organization"], "define_self_reference": True}})
    document = render(profile)
    assert document.title == "{{ title }}"
    assert _top(document, "1").text.startswith(f"本基本方針は、{name}（以下「本市」という。）")
    assert "{{ organs }}とする" in _top(document, "4.1").text
    assert _top(document, "6.4").text == "{{ selfref }}の設備"
    assert "{{ subject }}規程を遵守" in _top(document, "5").text
    added = document.clauses[-1]
    assert (added.heading, added.text) == ("{% raw %}", "{{ refs('3') }}")


def test_rendering_is_deterministic():
    from policygen.writers.markdown import to_markdown

    one = to_markdown(render(default_profile("joint_body"), style="article"))
    two = to_markdown(render(default_profile("joint_body"), style="article"))
    assert one == two


def test_sandbox_blocks_unsafe_template(tmp_path):
    import yaml

    from policygen.generate.template import ModelTemplate

    evil = tmp_path / "evil.yaml"
    evil.write_text(
        yaml.safe_dump({"title": "t", "clauses": [{"id": "1", "heading": "x", "text": "{{ ''.__class__.__mro__ }}"}]}),
        encoding="utf-8",
    )
    model = load_model(evil)
    assert isinstance(model, ModelTemplate)
    with pytest.raises(PolicygenError, match="clause 1"):
        render(default_profile("city"), model=model)
