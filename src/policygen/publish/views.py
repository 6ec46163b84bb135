"""Shape computed results for the pages: status glyphs and labels, display runs, numbering, URLs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from policygen.ja.bodies import KIND_JA, SUBKIND_JA
from policygen.writers.report.view import STATUS_JA

# Every status has a glyph and a word, so that colour is never the only signal; a status compare adds later
# (uncertain …) shows with its code until it gets its own entry here.
STATUS_GLYPH = {
    "identical": "●",
    "notation": "◎",
    "modified": "▲",
    "uncertain": "？",
    "missing": "×",
    "not_applicable": "－",
}
STATUS_WORDS = {**STATUS_JA, "uncertain": "要確認"}
STATUS_ORDER = ("identical", "notation", "modified", "uncertain", "missing", "not_applicable")
REVISION_JA = {
    "unchanged": "改正なし",
    "renumbered": "番号のみ",
    "notation": "表記",
    "modified": "改正",
    "moved": "移動",
    "added": "新設",
    "removed": "削除",
}


@dataclass(frozen=True)
class Status:
    """A status as a reader sees it: code (CSS class and data), glyph and Japanese word."""

    code: str
    glyph: str
    word: str


@cache
def status(code: str) -> Status:
    """Return the glyph and word of a status code."""
    return Status(code, STATUS_GLYPH.get(code, "？"), STATUS_WORDS.get(code, code))


def clause_status(clause: dict) -> str:
    """Return the status a reader sees for one clause of report data (not applicable wins)."""
    return clause["status"] if clause["applicable"] else "not_applicable"


def kind_word(kind: str, subkind: str = "") -> str:
    """Return the kind of body in Japanese (the joint body's own form when known)."""
    if kind == "joint_body" and subkind in SUBKIND_JA:
        return SUBKIND_JA[subkind]
    return KIND_JA.get(kind, kind)


def side_runs(clause: dict, side: str) -> list[tuple[str, str, str]]:
    """Return (kind, text, other side's text) runs of one side ("model" or "org"), each in its own wording.

    Model side: deleted words are "del"; body side: inserted words are "ins"; notation-only stretches are
    "notation" on both, with the other side's spelling for a hint.
    """
    out: list[tuple[str, str, str]] = []
    mine, theirs = ("model", "org") if side == "model" else ("org", "model")
    changed = "del" if side == "model" else "ins"
    for edit in clause["edits"]:
        text, other = edit[mine], edit[theirs]
        if edit["op"] == "equal":
            kind = "same"
        elif edit["notation_only"]:
            kind = "notation"
        else:
            kind = changed
        if not text:
            continue
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text, out[-1][2] + other)
        else:
            out.append((kind, text, other))
    return out


def anchor(model_id: str) -> str:
    """Return the permalink anchor of a model clause on a body page: c-6.8.2."""
    return f"c-{model_id}"


def extra_anchor(path: str) -> str:
    """Return the anchor of a body's own clause (one the model lacks): x-5.2."""
    return f"x-{path}"


def body_url(body_id: str) -> str:
    """Return a body page's path from the site root."""
    return f"bodies/{body_id}/index.html"


def clause_url(model_id: str, page: int = 1) -> str:
    """Return a model clause page's path from the site root."""
    return f"clauses/{model_id}.html" if page == 1 else f"clauses/{model_id}-{page}.html"


def step_url(body_id: str, number: int, ext: str = "html") -> str:
    """Return a revision step's page (or its .docx / .json) from the site root."""
    return f"bodies/{body_id}/changes/{number}.{ext}"
