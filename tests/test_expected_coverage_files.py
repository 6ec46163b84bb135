"""Check the hand-labelled corpus/<seed>/expected-coverage.json files: shape, IDs, and excerpts found where labelled."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED_DIRS = sorted(p for p in CORPUS.iterdir() if re.fullmatch(r"\d{3}_[0-9a-f]{16}", p.name))
from shared_files import MODEL_IDS_MD

# The model clause IDs of model-ids.md, in model order; copied here so the test runs without the spec folder.
MODEL_IDS = (
    "1 2 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 3 3.1 3.2 3.3 3.4 3.5 "
    "4 4.1 4.2 4.2.1 4.2.2 4.2.3 5 6 6.1 6.2 6.3 6.3.1 6.3.2 6.3.3 6.4 6.5 6.6 6.7 "
    "6.8 6.8.1 6.8.2 6.8.3 6.9 7 8 9 10"
).split()

TOP_KEYS = {"seed", "organization", "kind", "year", "style", "labelled_by", "note", "rules", "clauses"}
CLAUSE_KEYS = {"status", "applicable", "where", "excerpt", "note"}
KINDS = {"city", "town", "village", "prefecture", "special_ward", "joint_body", "council"}
STATUSES = {"present", "missing"}

NUMBERED_HEADING = re.compile(r"^(?:#+\s*)?(\d{1,2})\s+\S")
ARTICLE_LINE = re.compile(r"^第(\d+)条")


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict:
    """Build a JSON object, failing on a key given twice (json.load would keep the last silently)."""
    keys = [k for k, _ in pairs]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicated, f"duplicate keys {duplicated}"
    return dict(pairs)


def _load(seed_dir: Path) -> tuple[str, dict]:
    """Return the raw text and the parsed labels of one seed."""
    raw = (seed_dir / "expected-coverage.json").read_text(encoding="utf-8")
    return raw, json.loads(raw, object_pairs_hook=_reject_duplicates)


def _seed_text(seed_dir: Path) -> str:
    return (seed_dir / f"{seed_dir.name}.txt").read_text(encoding="utf-8")


def _numbered_span(lines: list[str], section: int) -> str:
    """Return the body text of top-level section `section` of a numbered policy (TOC lines carry tabs)."""
    starts = [(int(m.group(1)), i) for i, line in enumerate(lines)
              if "\t" not in line and (m := NUMBERED_HEADING.match(line))]
    hits = [k for k, (n, _) in enumerate(starts) if n == section]
    assert len(hits) == 1, f"section {section}: {len(hits)} heading lines found"
    begin = starts[hits[0]][1]
    end = starts[hits[0] + 1][1] if hits[0] + 1 < len(starts) else len(lines)
    return "\n".join(lines[begin:end])


def _article_span(lines: list[str], article: int) -> str:
    """Return the text of 第N条, or, when its line is missing, what lies between its neighbours."""
    starts = [(int(m.group(1)), i) for i, line in enumerate(lines) if (m := ARTICLE_LINE.match(line))]
    own = [i for n, i in starts if n == article]
    before = [i for n, i in starts if n < article]
    after = [i for n, i in starts if n > article]
    assert own or before, f"第{article}条: no article line at or before it"
    begin = own[0] if own else before[-1] + 1
    end = after[0] if after else len(lines)
    return "\n".join(lines[begin:end])


def _span_for(where: str, style: str, text: str) -> str:
    """Return the part of the seed that a `where` label names (its top-level section or article)."""
    lines = text.splitlines()
    if style == "article":
        m = re.match(r"第(\d+)条", where)
        assert m, f"article-style where {where!r} does not start with 第N条"
        return _article_span(lines, int(m.group(1)))
    m = re.match(r"(\d{1,2})(?!\d)", where)
    assert m, f"numbered where {where!r} does not start with a section number"
    return _numbered_span(lines, int(m.group(1)))


def test_every_seed_has_a_labels_file():
    assert len(SEED_DIRS) == 5
    missing = [d.name for d in SEED_DIRS if not (d / "expected-coverage.json").is_file()]
    assert not missing


def test_model_ids_match_the_spec():
    if not MODEL_IDS_MD.is_file():
        pytest.skip("spec folder not available")
    table = re.findall(r"^(\d+(?:\.\d+)*)\s*\|", MODEL_IDS_MD.read_text(encoding="utf-8"), flags=re.M)
    assert table == MODEL_IDS


@pytest.mark.parametrize("seed_dir", SEED_DIRS, ids=lambda d: d.name[:3])
def test_file_shape(seed_dir):
    raw, data = _load(seed_dir)
    assert raw == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "not in canonical form"
    # engine_disagreements is optional: test_compare_accuracy.py reads it where engine and label differ.
    assert TOP_KEYS <= set(data) <= TOP_KEYS | {"engine_disagreements"}
    assert data["seed"] == seed_dir.name
    assert data["kind"] in KINDS
    assert data["style"] in {"numbered", "article"}
    assert data["year"] is None or (isinstance(data["year"], int) and 1990 <= data["year"] <= 2100)
    assert data["organization"] and data["labelled_by"]
    assert data["rules"] and all(isinstance(r, str) and r for r in data["rules"])


@pytest.mark.parametrize("seed_dir", SEED_DIRS, ids=lambda d: d.name[:3])
def test_every_model_id_exactly_once(seed_dir):
    raw, data = _load(seed_dir)  # duplicates are rejected while parsing
    assert sorted(data["clauses"], key=MODEL_IDS.index) == MODEL_IDS


@pytest.mark.parametrize("seed_dir", SEED_DIRS, ids=lambda d: d.name[:3])
def test_clause_entries(seed_dir):
    _, data = _load(seed_dir)
    problems = []
    for cid, entry in data["clauses"].items():
        if set(entry) != CLAUSE_KEYS:
            problems.append(f"{cid}: keys {sorted(entry)}")
            continue
        if entry["status"] not in STATUSES:
            problems.append(f"{cid}: status {entry['status']!r}")
        if not isinstance(entry["applicable"], bool) or not isinstance(entry["note"], str):
            problems.append(f"{cid}: applicable/note of the wrong type")
        if not entry["applicable"] and not entry["note"].strip():
            problems.append(f"{cid}: not applicable without a note saying why")
        if entry["status"] == "present" and not (entry["where"].strip() and entry["excerpt"].strip()):
            problems.append(f"{cid}: present without where/excerpt")
        if entry["status"] == "missing" and (entry["where"] or entry["excerpt"]):
            problems.append(f"{cid}: missing but has where/excerpt")
    assert not problems, problems


@pytest.mark.parametrize("seed_dir", SEED_DIRS, ids=lambda d: d.name[:3])
def test_excerpts_occur_where_labelled(seed_dir):
    _, data = _load(seed_dir)
    text = _seed_text(seed_dir)
    problems = []
    for cid, entry in data["clauses"].items():
        if entry["status"] != "present":
            continue
        excerpt = entry["excerpt"]
        if not 10 <= len(excerpt) <= 40 or "\n" in excerpt:
            problems.append(f"{cid}: excerpt of {len(excerpt)} characters or spanning lines")
        elif excerpt not in text:
            problems.append(f"{cid}: excerpt not in the seed: {excerpt!r}")
        elif excerpt not in _span_for(entry["where"], data["style"], text):
            problems.append(f"{cid}: excerpt not under {entry['where']!r}")
    assert not problems, problems


def test_rules_are_one_set_for_all_seeds():
    rule_sets = {tuple(_load(d)[1]["rules"]) for d in SEED_DIRS}
    assert len(rule_sets) == 1


def test_applicability_depends_on_kind_only():
    by_kind: dict[str, dict[str, dict[str, bool]]] = {}
    for seed_dir in SEED_DIRS:
        _, data = _load(seed_dir)
        flags = {cid: e["applicable"] for cid, e in data["clauses"].items()}
        by_kind.setdefault(data["kind"], {})[seed_dir.name] = flags
    for kind, seeds in by_kind.items():
        differing = {cid for flags in seeds.values() for cid in MODEL_IDS
                     if len({f[cid] for f in seeds.values()}) > 1}
        assert not differing, f"{kind}: applicability differs between seeds for {sorted(differing)}"


def test_excerpt_check_catches_a_wrong_place():
    """The location check must fail for an excerpt quoted under the wrong section."""
    text = _seed_text(CORPUS / "001_4bef1579f8598a41")
    assert "緊急時対応計画を策定する" in _span_for("6(7)", "numbered", text)
    assert "緊急時対応計画を策定する" not in _span_for("7", "numbered", text)
    text003 = _seed_text(CORPUS / "003_07866c46755dc2bc")
    assert "誤操作、不正行為等の人的脅威" in _span_for("第2条第6号", "article", text003)
    assert "誤操作、不正行為等の人的脅威" not in _span_for("第3条", "article", text003)
