"""Rendered drafts in the form a 法制担当 accepts: 号 structure, self-name, dates, 附則, definitions."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policygen import layout as L
from policygen.generate.profile import KINDS, profile_from_data, starter_yaml
from policygen.generate.template import render
from policygen.writers.markdown import to_markdown


def _profile(document: dict | None = None, organization: dict | None = None, policy: dict | None = None):
    org = {"name": "○○町", "kind": "town", "organs": ["内部部局", "行政委員会"]}
    org.update(organization or {})
    data: dict = {"organization": org}
    if document:
        data["document"] = document
    if policy:
        data["policy"] = policy
    return profile_from_data(data, "test profile")


def _clause(document, model_id):
    return next(c for c in document.walk() if c.model_id == model_id)


def test_article_6_8_paragraphs_are_kana_items_under_the_item():
    document = render(_profile(), style="article")
    item = _clause(document, "6.8")
    assert [c.label for c in item.children] == ["ア", "イ", "ウ"]
    assert [c.model_id for c in item.children] == ["6.8.1", "6.8.2", "6.8.3"]
    blocks = [b for b in L.layout(document) if b.clause_id and b.clause_id.startswith(item.id)]
    # every paragraph of 6(8) is a labelled item with a hanging indent deeper than the 号
    assert [(b.role, b.label, b.depth) for b in blocks] == [
        (L.ITEM, "(8)", 1), (L.ITEM, "ア", 2), (L.ITEM, "イ", 2), (L.ITEM, "ウ", 2)]
    markdown = to_markdown(document)
    assert "\n\nア　業務委託を行う場合には" in markdown
    assert "\n\nイ　外部サービス" in markdown and "\n\nウ　ソーシャルメディア" in markdown


def test_article_6_8_with_one_paragraph_left_reads_on_the_item_line():
    document = render(_profile(policy={"cloud": False, "social_media": False}), style="article")
    item = _clause(document, "6.8")
    assert item.children == ()
    assert item.text.startswith("業務委託を行う場合には")
    assert "6.8.1" in item.attrs["merged"]


def test_numbered_6_8_keeps_the_model_paragraphs():
    item = _clause(render(_profile(), style="numbered"), "6.8")
    assert [c.label for c in item.children] == ["", "", ""]


@pytest.mark.parametrize("instrument", ["規則", "規程"])
def test_a_rule_calls_itself_by_its_instrument_and_is_titled_so(instrument):
    document = render(_profile({"instrument": instrument, "number": 3}), style="article")
    text = to_markdown(document)
    assert f"この{instrument}は、町が保有する" in text
    assert "基本方針" not in text
    assert document.title == f"○○町情報セキュリティ{instrument}"
    assert f"この{instrument}は、公布の日から施行する。" in text


def test_a_kunrei_keeps_its_day_and_ends_with_its_supplementary_provision():
    document = render(_profile({"date": "2026-04-01", "instrument": "訓令", "number": 5}), style="article")
    assert document.meta["date"] == "令和8年4月1日"
    assert document.postscript[-2:] == ("附\u3000則", "この訓令は、令和8年4月1日から施行する。")
    blocks = L.layout(document)
    assert [b.text for b in blocks[-2:]] == ["附\u3000則", "この訓令は、令和8年4月1日から施行する。"]
    assert blocks[-2].role == L.POSTSCRIPT and blocks[-1].role == L.BODY


def test_the_effective_key_sets_the_date_of_the_supplementary_provision():
    document = render(_profile({"date": "2026-03", "effective": "2026-04-01", "instrument": "訓令"}), style="article")
    assert document.postscript[-1] == "この訓令は、令和8年4月1日から施行する。"
    assert document.meta["date"] == "令和8年3月"


def test_a_postscript_with_its_own_supplementary_provision_is_kept():
    document = render(_profile({"postscript": ["附　則", "この訓令は、令和7年4月1日から施行する。"]}), style="article")
    assert document.postscript == ("附　則", "この訓令は、令和7年4月1日から施行する。")


def test_an_article_style_rendering_ends_with_its_supplementary_provision_not_with_a_closing():
    # 「以上」 closes a numbered policy (corpus 000's profile keeps it); a 訓令 ends with its 附則.
    numbered = render(_profile({"postscript": ["以　上"]}), style="numbered")
    assert numbered.postscript == ("以　上",)
    article = render(_profile({"postscript": ["以　上"], "instrument": "訓令"}), style="article")
    assert article.postscript == ("附\u3000則", "この訓令は、公布の日から施行する。")


def test_numbered_style_has_no_supplementary_provision_and_the_date_keeps_its_verb():
    document = render(_profile({"date": "2026-03-01"}), style="numbered")
    assert document.postscript == ()
    assert document.meta["date"] == "令和8年3月\u3000策定"
    revised = render(_profile({"date": "2026-03-01", "date_action": "改定"}), style="numbered")
    assert revised.meta["date"] == "令和8年3月\u3000改定"


def test_the_starter_profile_documents_the_new_keys():
    text = starter_yaml("town")
    for key in ("# effective:", "# date_action:", "この規則"):
        assert key in text


def _policygen(*argv: str) -> subprocess.CompletedProcess:
    """Run the command line of this checkout (not whichever policygen is installed) in a process of its own."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    return subprocess.run([sys.executable, "-m", "policygen", *argv], capture_output=True, text=True, env=env)


def test_a_bad_effective_date_is_one_error_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("organization: {name: ○○町, kind: town}\ndocument: {effective: soon}\n", encoding="utf-8")
    out = _policygen("render", str(path))
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"policygen: error: {path}: document.effective: expected a date YYYY-MM-DD; got 'soon'"]


def test_a_profile_without_a_date_says_so_on_stderr(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("organization: {name: ○○町, kind: town}\n", encoding="utf-8")
    out = _policygen("render", str(path))
    assert out.returncode == 0
    assert "no document.date" in out.stderr
    dated = tmp_path / "d.yaml"
    dated.write_text("organization: {name: ○○町, kind: town}\ndocument: {date: 2026-03}\n", encoding="utf-8")
    out = _policygen("render", str(dated))
    assert out.returncode == 0 and out.stderr == ""


def test_a_subject_with_its_own_parenthetical_takes_one_parenthetical():
    document = render(_profile(organization={
        "name": "○○組合", "kind": "joint_body", "subkind": "union",
        "subject_definition": "職員（非常勤職員、会計年度任用職員、臨時職員も含む。）"}))
    text = _clause(document, "5").text
    assert text.startswith("職員（非常勤職員、会計年度任用職員、臨時職員を含む。以下「職員等」という。）は、")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("style", ["numbered", "article"])
def test_no_definition_of_any_kind_stacks_two_parentheticals(kind, style):
    import yaml

    from policygen.generate.profile import profile_from_data as load

    data = yaml.safe_load(starter_yaml(kind))
    data["organization"]["subject_definition"] = "職員（会計年度任用職員を含む。）"
    data["organization"]["name"] = "○○（仮称）" + data["organization"]["name"][2:]
    text = to_markdown(render(load(data, "starter"), style=style))
    assert not re.search(r"）（以下「", text), re.search(r".{20}）（以下「.{10}", text)
