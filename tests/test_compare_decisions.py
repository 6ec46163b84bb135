"""A reviewer's decisions file: pins change the result, absences and exclusions hold, faults exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policygen import cli
from policygen.compare import decisions as reviewed
from policygen.compare.with_model import compare_file
from policygen.errors import PolicygenError
from revision_cases import seed_path
from policygen.writers import write
from policygen.writers.report.view import DECIDED, numbering

SEED = seed_path("000")


@pytest.fixture
def policy(tmp_path) -> Path:
    path = tmp_path / "policy.txt"
    path.write_bytes(SEED.read_bytes())
    return path


def decide(path: Path, body: str) -> Path:
    path.write_text("decisions:\n" + body, encoding="utf-8")
    return path


def by_id(comparison):
    return {r.model_id: r for r in comparison.clauses}


def test_a_pin_changes_the_result(policy, tmp_path):
    before = by_id(compare_file(policy))
    assert before["6.9"].matches and before["6.9"].matches[0].label != "(8)"
    file = decide(tmp_path / "d.yaml", '  "6.9": {pin: "6(8)", reason: 評価は委託の項に書かれている}\n')
    after = by_id(compare_file(policy, decisions=reviewed.load(file), numbers=numbering))
    assert [m.label for m in after["6.9"].matches] == ["(8)"]
    assert after["6.9"].matches[0].basis == "pinned"
    assert after["6.9"].decision == "評価は委託の項に書かれている"
    # The pinned clause is taken before automatic matching: 6(8) no longer matches it.
    assert all(m.path != after["6.9"].matches[0].path for m in after["6.8"].matches)


def test_absent_and_not_applicable(policy, tmp_path):
    file = decide(
        tmp_path / "d.yaml",
        '  "3.4": {absent: true, reason: 想定しない}\n  "2.1": {not_applicable: true, reason: 定義しない}\n',
    )
    before = by_id(compare_file(policy))
    assert before["3.4"].status != "missing" and before["2.1"].applicable
    after = by_id(compare_file(policy, decisions=reviewed.load(file)))
    assert after["3.4"].status == "missing" and after["3.4"].decision == "想定しない"
    assert not after["2.1"].applicable


def test_a_pin_by_path_or_label_without_numbers(policy, tmp_path):
    file = decide(tmp_path / "d.yaml", '  "7": {pin: "8", reason: 番号で指す}\n')
    result = by_id(compare_file(policy, decisions=reviewed.load(file)))["7"]
    assert [m.path for m in result.matches] == ["8"]


@pytest.mark.parametrize(
    "body,message",
    [
        ('  "6.9": {pin: "第99条", reason: x}\n', "6.9: no clause '第99条' in the policy"),
        ('  "99": {absent: true, reason: x}\n', "99: no such model clause"),
        ('  "3.4": {absent: true}\n', "3.4: every decision needs a reason"),
        ('  "3.4": {absent: true, pin: "1", reason: x}\n', "give exactly one of pin, absent, not_applicable"),
        ('  "3.4": {gone: true, reason: x}\n', "unknown key 'gone'"),
        ("  - [\n", "invalid YAML"),
    ],
)
def test_a_bad_decisions_file_is_one_line_and_exit_2(policy, tmp_path, capsys, body, message):
    file = decide(tmp_path / "d.yaml", body)
    assert cli.main(["compare", str(policy), "--decisions", str(file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"policygen: error: {file}: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_decisions_file_that_does_not_exist(policy, tmp_path, capsys):
    assert cli.main(["compare", str(policy), "--decisions", str(tmp_path / "none.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_the_file_beside_the_policy_is_used(policy, capsys):
    decide(reviewed.beside(policy), '  "6.9": {pin: "6(8)", reason: 隣のファイル}\n')
    assert reviewed.beside(policy).name == "policy.decisions.yaml"
    cli.main(["compare", str(policy), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    result = next(c for c in data["clauses"] if c["model_id"] == "6.9")
    assert result["pinned"] is True and result["decision"] == "隣のファイル"
    assert result["matches"][0]["number"] == "6(8)"


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_reports_mark_pinned_results(policy, tmp_path, fmt):
    file = decide(tmp_path / "d.yaml", '  "6.9": {pin: "6(8)", reason: 判断の理由}\n')
    comparison = compare_file(policy, decisions=reviewed.load(file), numbers=numbering)
    text = write(comparison, fmt).decode("utf-8")
    assert f"{DECIDED} 判断の理由" in text
    plain = write(compare_file(policy), fmt).decode("utf-8")
    assert DECIDED not in plain


def test_load_rejects_a_file_of_another_shape(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(PolicygenError, match="expected one mapping"):
        reviewed.load(path)
