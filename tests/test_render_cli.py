"""`policygen init` and `policygen render` through the command line: outputs, styles and errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from policygen import cli
from policygen.generate.profile import COUNCIL_SUBKINDS, JOINT_SUBKINDS, KINDS

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PROFILE_001 = next(CORPUS.glob("001_*")) / "profile.yaml"

GOOD = "organization:\n  name: ○○町\n  kind: town\n"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _has_heading(markdown: str, marker: str, heading: str) -> bool:
    """Return whether a line reads marker, one space of either width, heading."""
    return any(line in (f"{marker} {heading}", f"{marker}\u3000{heading}") for line in markdown.splitlines())


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_render_writes_docx_and_markdown(tmp_path, capsys):
    docx_path, md_path = tmp_path / "draft.docx", tmp_path / "draft.md"
    code, out, err = _run(capsys, "render", str(PROFILE_001), "-o", str(docx_path), "-o", str(md_path))
    assert code == 0, err
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# 五所川原市情報セキュリティポリシー 情報セキュリティ基本方針")
    assert _has_heading(markdown, "## 10", "情報セキュリティ実施手順の策定")
    xml = _document_xml(docx_path.read_bytes())
    assert "情報セキュリティ実施手順の策定" in xml and "令和8年3月" in xml


def test_render_is_byte_identical_across_runs(tmp_path, capsys):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert _run(capsys, "render", str(PROFILE_001), "-o", str(first))[0] == 0
    assert _run(capsys, "render", str(PROFILE_001), "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_style_option_overrides_profile(tmp_path, capsys):
    md_path = tmp_path / "draft.md"
    assert _run(capsys, "render", str(PROFILE_001), "--style", "article", "-o", str(md_path))[0] == 0
    text = md_path.read_text(encoding="utf-8")
    assert "(目的)" in text and "第1条　この基本方針は、市が保有する" in text and "第10条" in text


def test_no_output_prints_markdown(capsys):
    code, out, err = _run(capsys, "render", str(PROFILE_001))
    assert code == 0 and out.startswith("# 五所川原市") and err == ""


def test_reference_docx_is_used(tmp_path, capsys):
    import docx

    reference = docx.Document()
    reference.styles["Normal"].font.size = docx.shared.Pt(13)
    ref_path = tmp_path / "ref.docx"
    reference.save(ref_path)
    out_path = tmp_path / "out.docx"
    code, _, err = _run(capsys, "render", str(PROFILE_001), "--reference-docx", str(ref_path), "-o", str(out_path))
    assert code == 0, err
    with zipfile.ZipFile(out_path) as package:
        assert 'w:val="26"' in package.read("word/styles.xml").decode("utf-8")  # 13 pt = 26 half-points


def _profile(tmp_path: Path, text: str, name: str = "profile.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BAD_PROFILES = {
    "unknown key": (GOOD + "  nmae: x\n", "organization: unknown key 'nmae'"),
    "wrong type": (GOOD + "document:\n  toc: maybe\n", "document.toc: expected boolean; got text 'maybe'"),
    "unknown kind": ("organization:\n  name: ○○市\n  kind: cty\n", "organization.kind: expected one of prefecture, city"),
    "missing name": ("organization:\n  kind: city\n", "organization: missing required key 'name'"),
    "malformed YAML": ("organization:\n  name: ○○市\n kind: city\n", "invalid YAML"),
}


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_profile_exits_2_with_one_line(tmp_path, capsys, case):
    text, expected = BAD_PROFILES[case]
    path = _profile(tmp_path, text)
    out_path = tmp_path / "draft.md"
    code, out, err = _run(capsys, "render", str(path), "-o", str(out_path))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"policygen: error: {path}: ")
    assert expected in err
    assert not out_path.exists() and out == ""


def test_missing_profile_file(tmp_path, capsys):
    out_path = tmp_path / "draft.md"
    code, _, err = _run(capsys, "render", str(tmp_path / "nope.yaml"), "-o", str(out_path))
    assert code == 2 and err == f"policygen: error: {tmp_path / 'nope.yaml'}: no such file\n"
    assert not out_path.exists()


def test_unknown_extension_writes_nothing(tmp_path, capsys):
    path = _profile(tmp_path, GOOD)
    good, bad = tmp_path / "draft.md", tmp_path / "draft.pdf"
    code, _, err = _run(capsys, "render", str(path), "-o", str(good), "-o", str(bad))
    assert code == 2 and err.count("\n") == 1
    assert "draft.pdf: unknown output extension '.pdf': use one of .docx .markdown .md" in err
    assert not good.exists() and not bad.exists()


def test_output_given_twice_writes_nothing(tmp_path, capsys):
    path = _profile(tmp_path, GOOD)
    out_path = tmp_path / "draft.md"
    code, _, err = _run(capsys, "render", str(path), "-o", str(out_path), "-o", str(out_path))
    assert code == 2 and err == f"policygen: error: {out_path}: given twice as an output\n"
    assert not out_path.exists()


def test_failed_output_leaves_no_partial_files(tmp_path, capsys):
    path = _profile(tmp_path, GOOD)
    good, unwritable = tmp_path / "draft.md", tmp_path / "missing-folder" / "draft.docx"
    code, _, err = _run(capsys, "render", str(path), "-o", str(good), "-o", str(unwritable))
    assert code == 2 and err.count("\n") == 1
    assert not good.exists()


def test_unreadable_reference_docx(tmp_path, capsys):
    path = _profile(tmp_path, GOOD)
    out_path = tmp_path / "draft.docx"
    code, _, err = _run(capsys, "render", str(path), "--reference-docx", str(tmp_path / "none.docx"), "-o", str(out_path))
    assert code == 2 and "none.docx: no such file" in err and not out_path.exists()
    not_docx = _profile(tmp_path, "plain text", "fake.docx")
    code, _, err = _run(capsys, "render", str(path), "--reference-docx", str(not_docx), "-o", str(out_path))
    assert code == 2 and err.count("\n") == 1 and not out_path.exists()


INIT_CASES = [(k, "") for k in KINDS if k not in ("joint_body", "council")]
INIT_CASES += [("joint_body", s) for s in JOINT_SUBKINDS] + [("council", s) for s in COUNCIL_SUBKINDS]


@pytest.mark.parametrize(("kind", "subkind"), INIT_CASES)
def test_init_profile_renders_as_is(tmp_path, capsys, kind, subkind):
    profile = tmp_path / "profile.yaml"
    args = ["init", "--kind", kind, "-o", str(profile)] + (["--subkind", subkind] if subkind else [])
    code, _, err = _run(capsys, *args)
    assert code == 0, err
    out_path = tmp_path / "draft.md"
    code, _, err = _run(capsys, "render", str(profile), "-o", str(out_path))
    assert code == 0, err
    text = out_path.read_text(encoding="utf-8")
    assert _has_heading(text, "## 10", "情報セキュリティ実施手順の策定")
    code, _, err = _run(capsys, "render", str(profile), "--style", "article", "-o", str(out_path))
    assert code == 0 and "第10条" in out_path.read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(tmp_path, capsys):
    profile = _profile(tmp_path, "mine\n")
    code, _, err = _run(capsys, "init", "--kind", "city", "-o", str(profile))
    assert code == 2 and "already exists" in err and profile.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = _run(capsys, "init", "--kind", "city", "-o", str(profile), "--force")
    assert code == 0 and "kind: city" in profile.read_text(encoding="utf-8")


def test_init_to_stdout_and_bad_subkind(capsys):
    code, out, _ = _run(capsys, "init", "--kind", "village", "-o", "-")
    assert code == 0 and "name: ○○村" in out
    code, _, err = _run(capsys, "init", "--kind", "city", "--subkind", "union", "-o", "-")
    assert code == 2 and err.count("\n") == 1
