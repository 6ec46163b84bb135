"""The JSON report: exact shape, types, model order, counts that agree with the clauses."""

from __future__ import annotations

import json

import jsonschema
import pytest

from policygen.writers.report import json as report_json
from report_sample import E_THREAT, sample_comparison, sides

RATIO = {"type": "number", "minimum": 0, "maximum": 1}
COUNT = {"type": "integer", "minimum": 0}
STRING_OR_NULL = {"type": ["string", "null"]}

SCHEMA = {
    "type": "object",
    "required": ["model", "document", "summary", "clauses", "extra"],
    "properties": {
        "model": {
            "type": "object",
            "required": ["title", "version"],
            "properties": {"title": {"type": "string"}, "version": STRING_OR_NULL},
        },
        "document": {
            "type": "object",
            "required": ["path", "title", "org_name", "kind"],
            "properties": {
                "path": {"type": "string"},
                "title": {"type": "string"},
                "org_name": STRING_OR_NULL,
                "kind": {"type": "string"},
            },
        },
        "summary": {
            "type": "object",
            "required": ["coverage", "identical", "notation", "modified", "missing", "extra"],
            "properties": {
                "coverage": RATIO,
                **{k: COUNT for k in ("identical", "notation", "modified", "missing", "extra")},
            },
        },
        "clauses": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["model_id", "heading", "status", "applicable", "matches", "edits"],
                "properties": {
                    "model_id": {"type": "string", "pattern": r"^\d+(\.\d+)*$"},
                    "heading": {"type": "string"},
                    "status": {"enum": ["identical", "notation", "modified", "missing"]},
                    "applicable": {"type": "boolean"},
                    "matches": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["path", "label", "similarity"],
                            "properties": {
                                "path": {"type": "string"},
                                "label": {"type": "string"},
                                "similarity": RATIO,
                            },
                        },
                    },
                    "edits": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["op", "model", "org", "notation_only"],
                            "properties": {
                                "op": {"enum": ["equal", "insert", "delete", "replace"]},
                                "model": {"type": "string"},
                                "org": {"type": "string"},
                                "notation_only": {"type": "boolean"},
                            },
                        },
                    },
                },
            },
        },
        "extra": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "label", "heading", "text"],
                "properties": {k: {"type": "string"} for k in ("path", "label", "heading", "text")},
            },
        },
    },
}


@pytest.fixture(scope="module")
def comparison():
    return sample_comparison()


@pytest.fixture(scope="module")
def data(comparison):
    return json.loads(report_json.render(comparison).decode("utf-8"))


def test_matches_schema(data):
    jsonschema.validate(data, SCHEMA)


def test_header_fields(data):
    assert data["model"] == {"title": "情報セキュリティ基本方針", "version": "2025-03"}
    assert data["document"] == {
        "path": "corpus/架空/架空市議会.txt",
        "title": "架空市議会情報セキュリティ基本方針",
        "org_name": "架空市議会",
        "kind": "council",
    }


def test_clauses_in_model_order(data, comparison):
    assert [c["model_id"] for c in data["clauses"]] == [r.model_id for r in comparison.clauses]
    assert data["clauses"][5]["model_id"] == "3.1"


def test_summary_counts_agree_with_clause_statuses(data):
    for status in ("identical", "notation", "modified", "missing"):
        listed = sum(1 for c in data["clauses"] if c["applicable"] and c["status"] == status)
        assert data["summary"][status] == listed, status
    assert data["summary"]["extra"] == len(data["extra"]) == 1
    applicable = [c for c in data["clauses"] if c["applicable"]]
    present = sum(1 for c in applicable if c["status"] != "missing")
    assert data["summary"]["coverage"] == round(present / len(applicable), 4) == 0.8571


def test_counts_exclude_non_applicable_clauses(data):
    # 2.8, 6.3 and 6.3.1 are missing but do not apply to a council.
    assert data["summary"]["missing"] == 2
    assert data["summary"]["not_applicable"] == 3
    assert {c["model_id"] for c in data["clauses"] if not c["applicable"]} == {"2.8", "6.3", "6.3.1"}


def test_edits_spell_both_texts(data):
    threat = next(c for c in data["clauses"] if c["model_id"] == "3.1")
    model_text, org_text = sides(E_THREAT)
    assert "".join(e["model"] for e in threat["edits"]) == model_text
    assert "".join(e["org"] for e in threat["edits"]) == org_text
    ops = [(e["op"], e["notation_only"]) for e in threat["edits"]]
    assert ("replace", True) in ops and ("delete", False) in ops and ("insert", False) in ops


def test_floats_rounded_to_four_places(data):
    cloud = next(c for c in data["clauses"] if c["model_id"] == "6.8.2")
    assert cloud["matches"][0]["similarity"] == 0.8765
    assert next(c for c in data["clauses"] if c["model_id"] == "3.1")["matches"][0]["similarity"] == 0.6123


def test_match_numbers_and_model_numbers(data):
    by_id = {c["model_id"]: c for c in data["clauses"]}
    assert by_id["4.2.1"]["number"] == "4(2)①"
    assert by_id["6.8.2"]["number"] == "6(8)¶2"
    assert by_id["6.8.2"]["matches"][0]["number"] == "6(8)¶2"


def test_utf8_readable_and_deterministic(comparison):
    first = report_json.render(comparison)
    assert first == report_json.render(sample_comparison())
    text = first.decode("utf-8")
    assert "架空市議会" in text and "\\u" not in text
    assert text.startswith('{\n  "schema_version"')
    keys = list(json.loads(text))
    assert keys.index("model") < keys.index("document") < keys.index("summary") < keys.index("clauses")
