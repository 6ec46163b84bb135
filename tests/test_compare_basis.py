"""Each match says how it was found, and the reports mark those the wording did not find."""

from pathlib import Path

from policygen.compare.with_model import compare_file
from policygen.writers.report import html as report_html
from policygen.writers.report import markdown as report_markdown
from policygen.writers.report import text as report_text
from policygen.writers.report.view import NOT_BY_WORDING_NOTE

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _compare(seed: str):
    return compare_file(next(CORPUS.glob(f"{seed}_*/{seed}_*.txt")), kind="joint_body" if seed == "003" else None)


def test_a_policy_close_to_the_model_is_matched_by_its_wording_alone():
    comparison = _compare("001")
    assert {m.basis for r in comparison.clauses for m in r.matches} == {"content"}
    assert NOT_BY_WORDING_NOTE not in report_text.render(comparison).decode("utf-8")


def test_an_old_reworded_policy_shows_which_matches_came_from_key_phrases_or_structure():
    comparison = _compare("003")
    bases = {r.model_id: r.matches[0].basis for r in comparison.clauses if r.matches}
    assert set(bases.values()) == {"content", "signals", "block"}
    # 機密性 is only named inside 003's definition of 情報セキュリティ: a key phrase, not its wording.
    assert bases["2.5"] == "signals"
    text = report_text.render(comparison).decode("utf-8")
    assert NOT_BY_WORDING_NOTE in text
    assert NOT_BY_WORDING_NOTE in report_markdown.render(comparison).decode("utf-8")
    assert NOT_BY_WORDING_NOTE in report_html.render(comparison).decode("utf-8")


def test_json_carries_each_matchs_basis():
    import json

    from policygen.writers.report import json as report_json

    comparison = _compare("003")
    data = json.loads(report_json.render(comparison))
    listed = {c["model_id"]: [m["basis"] for m in c["matches"]] for c in data["clauses"]}
    assert listed == {r.model_id: [m.basis for m in r.matches] for r in comparison.clauses}
