"""Tests of `amend`: the seeds 002 and 003 brought up to the model in their own style, references, CLI."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from policygen import numbering
from policygen.revise.amend import amend_document
from policygen.cli import main
from policygen.compare.with_model import compare_file
from policygen.model import Clause, Document
from policygen.generate.profile import profile_from_data
from policygen.readers import read_path
from policygen.writers.markdown import to_markdown

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

PROFILES = {
    seed: yaml.safe_load((next(CORPUS.glob(f"{seed}_*")) / "profile.yaml").read_text(encoding="utf-8"))
    for seed in ("002", "003")
}


def seed_path(seed: str) -> Path:
    return next(CORPUS.glob(f"{seed}_*/{seed}_*.txt"))


def _profile_yaml(seed: str, folder: Path) -> Path:
    import yaml

    path = folder / f"profile-{seed}.yaml"
    path.write_text(yaml.safe_dump(PROFILES[seed], allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["002", "003"])
def amended(request, tmp_path_factory):
    """Amend one seed, write the draft as Markdown, read it back and compare it with the model."""
    seed = request.param
    current = read_path(seed_path(seed))
    draft, notices = amend_document(current, profile_from_data(PROFILES[seed], f"profile-{seed}"))
    folder = tmp_path_factory.mktemp(f"amend{seed}")
    path = folder / "draft.md"
    path.write_text(to_markdown(draft), encoding="utf-8")
    return seed, current, draft, notices, read_path(path), compare_file(path, kind="joint_body")


def test_no_applicable_clause_missing_after_amend(amended):
    seed, current, _, notices, _, comparison = amended
    missing = [r.model_id for r in comparison.clauses if r.applicable and r.status == "missing"]
    # What the profile leaves out (a scope given by persons has no organs to list) amend says it did not insert.
    left_out = [n.source for n in notices if n.code == "amend.not-rendered"]
    assert missing == left_out, f"seed {seed}: still missing {missing}"
    assert len(left_out) <= 1
    inserted = [n for n in notices if n.code == "amend.inserted"]
    assert len(inserted) >= 5  # 002 lacks 9 model clauses, 003 lacks 8 (compare's own count)


def test_extras_are_the_bodys_own(amended):
    seed, *_, comparison = amended
    original = "".join(seed_path(seed).read_text(encoding="utf-8").split())
    for extra in comparison.extra:
        for paragraph in extra.text.split("\n"):
            if paragraph == "(要確認)":
                continue  # the lead of an article whose line the source lost (003's 第14条): marked, not invented
            assert "".join(paragraph.split()) in original, f"extra {extra.label} is not the body's text: {paragraph[:40]}"


def _sibling_lists(clauses, path=""):
    yield path, [c.label for c in clauses]
    for clause in clauses:
        yield from _sibling_lists(clause.children, path + clause.label)


def test_numbering_has_no_gaps(amended):
    seed, _, draft, _, read_back, _ = amended
    for document in (draft, read_back):
        for where, labels in _sibling_lists(document.clauses):
            by_kind: dict[str, list[int]] = {}
            for label in labels:
                parsed = numbering.parse_label(label + " ") if label else None
                if parsed:
                    by_kind.setdefault(parsed[0].kind, []).append(parsed[0].number)
            in_article = where.endswith("条")
            for kind, numbers in by_kind.items():
                start = 2 if in_article and kind == numbering.SECTION else 1
                assert numbers == list(range(start, start + len(numbers))), f"seed {seed} {where}: {kind} {numbers}"


def test_nothing_of_the_body_is_lost(amended):
    seed, current, draft, *_ = amended
    texts = {(c.heading, c.text) for c in draft.walk()}
    for clause in current.walk():
        assert (clause.heading, clause.text) in texts, f"seed {seed}: lost {clause.label} {clause.text[:30]}"


def test_top_numbering_is_continuous_and_old_gaps_are_noticed(amended):
    """002 had no gaps; 003 lacks its 第2条 and 第14条 lines: both come out numbered 1..n, the lost two restored."""
    seed, _, draft, notices, *_ = amended
    label = "第{}条" if seed == "003" else "{}"
    assert [c.label for c in draft.clauses] == [label.format(n) for n in range(1, len(draft.clauses) + 1)]
    restored = sum(n.code == "amend.restored" and "lacks the line" in n.message for n in notices)
    assert restored == (2 if seed == "003" else 0)


def test_inserted_text_uses_the_bodys_names(amended):
    seed, _, draft, *_ = amended
    inserted = "\n".join(c.text for c in draft.walk() if c.model_id)
    assert "本市" not in inserted and "○○" not in inserted
    if seed == "003":
        assert "この基本方針" not in inserted and "この規則" in "\n".join(c.text for c in draft.walk())


# --- cross-references ------------------------------------------------------------------------------------------


def _numbered_doc() -> Document:
    def sec(n, heading, text, children=()):
        return Clause(id=str(n), label=str(n), heading=heading, text=text, children=tuple(children))

    clauses = (  # no 定義 and no 適用範囲: both go in, and 2, 3, 4 move
        sec(1, "目的", "本基本方針は、本市が保有する情報資産の機密性、完全性及び可用性を維持するため、本市が実施する情報セキュリティ対策について基本的な事項を定めることを目的とする。"),
        sec(2, "対象とする脅威", "情報資産に対する脅威として、以下の脅威を想定し、情報セキュリティ対策を実施する。",
            [Clause(id="2.1", label="(1)", text="地震、落雷、火災等の災害によるサービス及び業務の停止等")]),
        sec(3, "職員等の遵守義務", "職員等は、情報セキュリティポリシーを遵守しなければならない。"),
        sec(4, "情報セキュリティ対策", "上記2の脅威から情報資産を保護するために、上記2及び3に基づき対策を講じる。地方公務員法第3条第2項に留意する。"),
    )
    return Document(title="○○市情報セキュリティ基本方針", clauses=clauses, meta={"style": "numbered"})


def test_numbered_references_follow_renumbering():
    profile = profile_from_data({"organization": {"name": "○○市", "kind": "city"}}, "t")
    draft, notices = amend_document(_numbered_doc(), profile)
    labels = {c.heading: c.label for c in draft.clauses}
    threats, duty = labels["対象とする脅威"], labels["職員等の遵守義務"]
    assert (threats, duty) == ("3", "5")  # 定義 went in before the threats, 適用範囲 before the duty
    measures = next(c for c in draft.clauses if c.heading == "情報セキュリティ対策" and "上記" in c.text and "地方公務員法" in c.text)
    assert f"上記{threats}の脅威" in measures.text
    assert f"上記{threats}及び{duty}に基づき" in measures.text
    assert "地方公務員法第3条第2項" in measures.text
    assert any(n.code == "amend.reference" for n in notices)


def _article_doc() -> Document:
    def art(n, caption, text, children=()):
        return Clause(id=str(n), label=f"第{n}条", heading=caption, text=text, children=tuple(children))

    clauses = (
        art(1, "目的", "この規則は、本市が保有する情報資産の機密性、完全性及び可用性を維持するため、本市が実施する情報セキュリティ対策について基本的な事項を定めることを目的とする。"),
        art(2, "定義", "この規則において、次の各号に掲げる用語の意義は、それぞれ当該各号に定めるところによる。",
            [Clause(id="2.1", label="(1)", heading="ネットワーク", text="コンピュータ等を相互に接続するための通信網及び構成機器をいう。")]),
        art(3, "職員の遵守義務", "職員は、情報セキュリティの重要性について共通の認識を持ち、情報セキュリティポリシーを遵守しなければならない。"),
        art(4, "情報セキュリティ対策", "前条の職員は、第5条に定める監査に協力し、地方公務員法(昭和25年法律第261号)第3条第2項及び同法第34条を遵守する。"),
        art(5, "情報セキュリティ監査及び自己点検の実施", "情報セキュリティポリシーの遵守状況を検証するため、定期的又は必要に応じて情報セキュリティ監査及び自己点検を実施する。"),
    )
    return Document(title="○○市情報セキュリティ規則", clauses=clauses, meta={"style": "article"})


def test_article_references_follow_renumbering():
    profile = profile_from_data({"organization": {"name": "○○市", "kind": "city"}}, "t")
    draft, notices = amend_document(_article_doc(), profile)
    by_caption = {c.heading: c for c in draft.clauses}
    audit = by_caption["情報セキュリティ監査及び自己点検の実施"].label
    duty = by_caption["職員の遵守義務"].label
    assert audit != "第5条" and duty != "第3条"
    text = by_caption["情報セキュリティ対策"].text
    assert f"{audit}に定める監査" in text
    assert "地方公務員法(昭和25年法律第261号)第3条第2項" in text and "同法第34条" in text
    # 前条 stays 前条 only while the article before is still the one it meant
    before = draft.clauses[draft.clauses.index(by_caption["情報セキュリティ対策"]) - 1]
    if before.heading == "職員の遵守義務":
        assert text.startswith("前条の職員")
    else:
        assert text.startswith(f"{duty}の職員")
    assert sum(n.code == "amend.reference" and "第" in n.message for n in notices) >= 1


# --- the command -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("amendcli")
    profile = _profile_yaml("003", folder)
    outputs = {name: folder / name for name in ("draft.md", "draft.docx", "table.docx", "table.html", "red.docx")}
    code = main(["amend", str(seed_path("003")), "--profile", str(profile),
                 "-o", str(outputs["draft.md"]), "-o", str(outputs["draft.docx"]),
                 "--table", str(outputs["table.docx"]), "--table", str(outputs["table.html"]),
                 "--redline", str(outputs["red.docx"]), "--date", "2026-03-01"])
    return code, outputs


def test_cli_writes_every_output(cli_outputs):
    import docx

    code, outputs = cli_outputs
    assert code == 0
    for path in outputs.values():
        assert path.stat().st_size > 0
    for name in ("draft.docx", "table.docx", "red.docx"):
        docx.Document(str(outputs[name]))
    with zipfile.ZipFile(outputs["red.docx"]) as package:
        assert "<w:ins " in package.read("word/document.xml").decode("utf-8")
    assert "新旧対照表" in outputs["table.html"].read_text(encoding="utf-8")
    body = "".join(p.text for p in docx.Document(str(outputs["draft.docx"])).paragraphs)
    assert "情報セキュリティ対策基準の策定" in body and "第2条" in body
    again = compare_file(outputs["draft.docx"], kind="joint_body")
    # 003's profile lists no organs (its scope is given by persons): 4(1) is the one clause amend leaves out.
    assert [r.model_id for r in again.clauses if r.applicable and r.status == "missing"] in ([], ["4.1"])


def test_cli_bad_profile_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organization:\n  name: 鳥栖地区広域市町村圏組合\n  kind: union\n", encoding="utf-8")
    out = tmp_path / "draft.md"
    code = main(["amend", str(seed_path("003")), "--profile", str(bad), "-o", str(out), "--table", str(tmp_path / "t.html")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kind" in err[0]
    assert list(tmp_path.iterdir()) == [bad]


def test_cli_refuses_a_table_named_like_a_draft(tmp_path):
    profile = _profile_yaml("002", tmp_path)
    assert main(["amend", str(seed_path("002")), "--profile", str(profile), "--table", str(tmp_path / "t.txt")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [profile.name]


def test_amend_is_deterministic(tmp_path):
    profile = _profile_yaml("002", tmp_path)
    outs = []
    for n in (1, 2):
        out = tmp_path / f"d{n}.docx"
        assert main(["amend", str(seed_path("002")), "--profile", str(profile), "-o", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_an_amended_numbered_policy_says_when_it_was_revised(tmp_path):
    # A numbered policy has no 附則 to carry the amendment's date: its title block does, under the old date.
    import datetime as dt

    import docx

    from policygen.writers import write

    current = read_path(seed_path("002"))
    draft, _ = amend_document(current, profile_from_data(PROFILES["002"], "profile-002"), date=dt.date(2026, 4, 1))
    assert draft.meta["date"] == current.meta["date"] == "平成22年2月9日"
    assert draft.meta["revised"] == "令和8年4月1日\u3000改定"
    path = tmp_path / "draft.docx"
    path.write_bytes(write(draft, "docx"))
    word = docx.Document(str(path))
    assert [p.text for p in word.paragraphs][1:3] == ["平成22年2月9日", "令和8年4月1日\u3000改定"]
    assert word.core_properties.created.date() == dt.date(2010, 2, 9)
    assert word.core_properties.modified.date() == dt.date(2026, 4, 1)
    again = read_path(path)
    assert again.meta.get("revised") == "令和8年4月1日\u3000改定" and again.preamble == current.preamble
