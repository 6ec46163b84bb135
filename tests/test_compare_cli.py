"""`policygen compare`: formats, output files, exit statuses, errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policygen.compare.with_model as engine
from policygen import cli
from policygen.errors import PolicygenError
from report_sample import identical_comparison, sample_comparison

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def policy(tmp_path):
    path = tmp_path / "方針.txt"
    path.write_text("1　目的\n本基本方針は…\n", encoding="utf-8")
    return path


@pytest.fixture
def fake(monkeypatch):
    """Replace the comparison engine with one returning a chosen Comparison, recording its calls."""
    calls = []

    def install(comparison=None, error=None):
        def compare_file(path, *, kind=None, **options):
            calls.append((Path(path), kind))
            if error:
                raise error
            return comparison

        monkeypatch.setattr(engine, "compare_file", compare_file)
        return calls

    return install


def test_text_to_stdout_exit_1_when_missing(fake, policy, capsys):
    calls = fake(sample_comparison())
    assert cli.main(["compare", str(policy), "--kind", "council"]) == 1
    out, err = capsys.readouterr()
    assert calls == [(policy, "council")]
    assert "網羅率 85.7%" in out and "✗     6(8)¶3" in out
    assert "\x1b[" not in out  # not a terminal: no colour
    assert err == ""  # not a terminal: no progress either


def test_lang_en_gives_the_english_text_report(fake, policy, capsys):
    fake(sample_comparison())
    assert cli.main(["compare", str(policy), "--kind", "council", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "coverage 85.7%" in out and "網羅率" not in out


def test_exit_0_when_nothing_applicable_missing_or_modified(fake, policy, capsys):
    fake(identical_comparison())
    assert cli.main(["compare", str(policy)]) == 0


def test_json_to_stdout(fake, policy, capsys):
    fake(sample_comparison())
    assert cli.main(["compare", str(policy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["missing"] == 2 and data["document"]["kind"] == "council"


@pytest.mark.parametrize(
    "name, start",
    [("report.json", b"{"), ("report.md", "# 架空".encode()), ("report.html", b"<!DOCTYPE html>"),
     ("report.txt", "架空".encode()), ("REPORT.HTM", b"<!DOCTYPE html>")],
)
def test_output_format_from_extension(fake, policy, tmp_path, capsys, name, start):
    fake(sample_comparison())
    out = tmp_path / name
    assert cli.main(["compare", str(policy), "-o", str(out)]) == 1
    assert out.read_bytes().startswith(start)
    assert capsys.readouterr().out == ""


def test_format_option_wins_over_extension(fake, policy, tmp_path):
    fake(sample_comparison())
    out = tmp_path / "report.txt"
    assert cli.main(["compare", str(policy), "--format", "json", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["extra"] == 1


def test_unknown_extension_is_an_error_and_writes_nothing(fake, policy, tmp_path, capsys):
    calls = fake(sample_comparison())
    out = tmp_path / "report.pdf"
    assert cli.main(["compare", str(policy), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policygen: error: ") and "'.pdf'" in err and err.count("\n") == 1
    assert not out.exists() and calls == []


def test_missing_output_folder_is_an_error(fake, policy, tmp_path, capsys):
    fake(sample_comparison())
    assert cli.main(["compare", str(policy), "-o", str(tmp_path / "nowhere" / "r.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_policy_file(fake, tmp_path, capsys):
    fake(sample_comparison())
    assert cli.main(["compare", str(tmp_path / "ない.txt")]) == 2
    err = capsys.readouterr().err
    assert err == f"policygen: error: {tmp_path / 'ない.txt'}: no such file\n"


@pytest.mark.parametrize(
    "error",
    [
        PolicygenError("方針.pdf: the PDF is encrypted: remove the password first"),
        PolicygenError("方針.txt: no clauses found: is this a policy text?"),
        PermissionError(13, "Permission denied"),
        UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
    ],
)
def test_engine_errors_are_one_line_exit_2(fake, policy, capsys, error):
    fake(error=error)
    assert cli.main(["compare", str(policy)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("policygen: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_colour_and_progress_only_on_a_terminal(fake, policy, capsys, monkeypatch):
    import policygen.cli.compare as command

    fake(sample_comparison())
    monkeypatch.setattr(command, "_isatty", lambda stream: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.main(["compare", str(policy)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b[1;31m" in out
    assert err.startswith("policygen: comparing ")
    monkeypatch.setenv("NO_COLOR", "1")
    cli.main(["compare", str(policy)])
    assert "\x1b[" not in capsys.readouterr().out


def test_policy_that_is_a_folder(fake, tmp_path, capsys):
    fake(sample_comparison())
    assert cli.main(["compare", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


# End to end on the real seeds.

SEED_001 = ROOT / "corpus" / "001_4bef1579f8598a41" / "001_4bef1579f8598a41.txt"
SEED_004 = ROOT / "corpus" / "004_645209a511fff9bc" / "004_645209a511fff9bc.txt"
THREE_TIER = ("2.8", "2.9", "2.10", "2.11", "6.3", "6.3.1", "6.3.2", "6.3.3")


def _run_json(path: Path, tmp_path: Path, *extra: str) -> tuple[int, dict, bytes]:
    out = tmp_path / f"{path.stem}.json"
    status = cli.main(["compare", str(path), "-o", str(out), *extra])
    assert status in (0, 1), f"policygen compare {path.name} failed"
    return status, json.loads(out.read_text(encoding="utf-8")), out.read_bytes()


@pytest.fixture(scope="module")
def seed_001(tmp_path_factory):
    return _run_json(SEED_001, tmp_path_factory.mktemp("seed001"))


@pytest.fixture(scope="module")
def seed_004(tmp_path_factory):
    return _run_json(SEED_004, tmp_path_factory.mktemp("seed004"))


def _check_schema(data: dict) -> None:
    from test_report_json import SCHEMA
    import jsonschema

    jsonschema.validate(data, SCHEMA)
    for status in ("identical", "notation", "modified", "missing"):
        listed = sum(1 for c in data["clauses"] if c["applicable"] and c["status"] == status)
        assert data["summary"][status] == listed


def test_seed_001_close_to_the_model(seed_001):
    status, data, _ = seed_001
    _check_schema(data)
    summary = data["summary"]
    applicable = sum(1 for c in data["clauses"] if c["applicable"])
    assert data["document"]["kind"] == "city"
    assert summary["coverage"] >= 0.95
    assert summary["identical"] + summary["notation"] >= 0.8 * applicable
    assert status == (1 if summary["missing"] or summary["modified"] else 0)


def test_seed_004_council_drops_three_tier_clauses(seed_004):
    status, data, _ = seed_004
    _check_schema(data)
    assert data["document"]["kind"] == "council"
    by_id = {c["model_id"]: c for c in data["clauses"]}
    for model_id in THREE_TIER:
        assert by_id[model_id]["applicable"] is False, model_id
    assert by_id["1"]["applicable"] and by_id["1"]["status"] in ("identical", "notation")
    assert status in (0, 1)


def test_seed_reports_in_every_format_are_deterministic(seed_004, tmp_path):
    _, _, first = seed_004
    again = tmp_path / "again.json"
    cli.main(["compare", str(SEED_004), "-o", str(again)])
    assert again.read_bytes() == first
    for suffix in (".html", ".md", ".txt"):
        out = tmp_path / f"report{suffix}"
        assert cli.main(["compare", str(SEED_004), "-o", str(out)]) in (0, 1)
        assert "鎌倉市議会" in out.read_text(encoding="utf-8")


def test_json_names_the_model_version_of_the_shipped_template(capsys):
    """The real model carries its guideline version into the report (not null)."""
    from policygen.generate import template

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    seed = next(corpus.glob("001_*/001_*.txt"))
    cli.main(["compare", str(seed), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["model"]["version"] == template.load_model().guideline["version"]
