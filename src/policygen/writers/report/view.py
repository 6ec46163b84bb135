"""Prepare a Comparison for the report writers: numbering, status names, display runs of edits."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policygen.ja.bodies import KIND_JA  # noqa: F401  (the report writers read it from here)
from policygen.model import Clause, ClauseResult, Comparison, Document, Edit, Match, Notice
from policygen.numbering import paragraph_number

# Words shown to readers of the Japanese reports; the JSON keeps the English status codes.
STATUS_JA = {
    "identical": "同一",
    "notation": "表記ゆれ",
    "modified": "修正",
    "uncertain": "要確認",
    "missing": "不足",
    "not_applicable": "対象外",
    "extra": "独自",
}



@dataclass(frozen=True)
class Run:
    """A stretch of clause text for display: kind is same, del, ins or notation (old shown as a hint)."""

    kind: str
    text: str
    old: str = ""


def document_name(comparison: Comparison) -> str:
    """Return the name to show for the compared document: its title, its body, or its path."""
    document = comparison.document
    return document.title or str(document.meta.get("org_name") or "") or comparison.document_path


def named_by_path(comparison: Comparison) -> bool:
    """Tell whether the document is shown by its path (no title, no body name): the path is then not repeated."""
    return document_name(comparison) == comparison.document_path


# The reading and comparing notices in Japanese: a pattern over the English message, and the Japanese
# sentence its groups fill. A notice no pattern knows is shown as it was written.
NOTICE_JA: dict[str, tuple[re.Pattern[str], str]] = {
    "docx.tracked-changes": (re.compile(r".*"), "文書に変更履歴がある。すべての変更を反映した状態で読み取った"),
    "structure.missing-article": (
        re.compile(r"items (?P<span>.*?) after (?P<where>\S+) are not introduced by its text: (?:the line of "
                   r"(?P<line>\S+)|an article line) seems to be missing; attached to (?P<to>\S+)"),
        "{where}の後の号{span}は、その本文から導かれていない。{line_ja}欠けているとみられるため、{to}に付けて読み取った"),
    "structure.numbering-gap": (re.compile(r"(?P<label>\S+) follows (?P<previous>\S+)"),
                                "{previous}の次が{label}になっている（番号が飛んでいる）"),
    "structure.page-chrome": (re.compile(r"dropped (?P<n>\d+) line"),
                              "ウェブページの文字（ナビゲーション、日付、フッター）{n}行を除いた"),
    "structure.page-number": (re.compile(r"dropped (?P<n>\d+) page-number"), "ページ番号の行{n}行を除いた"),
    "structure.toc-skipped": (re.compile(r"skipped a table of contents \((?P<n>\d+) lines?\)"), "目次（{n}行）を読み飛ばした"),
    "structure.unlabelled": (re.compile(r"no numbered clauses found: read (?P<n>\d+) paragraph"),
                             "番号の付いた条項が見つからないため、{n}段落を番号のない単位として読み取った"),
    "structure.no-clauses": (re.compile(r"no numbered clauses found"), "番号の付いた条項が見つからない"),
    "compare.own-organs": (re.compile(r"4\(1\) lists the body's own organs: (?P<organs>.*)"),
                           "4(1)の機関は団体ごとに定めるもの。この文書の列挙（{organs}）はモデルの例示からの相違として数えない"),
}


# What a report writes beside a clause whose difference is the body's own parameter.
OWN_PARAMETER_JA = "機関は団体ごとに定めるもの"


def own_parameter_ids(comparison: Comparison) -> set[str]:
    """Return the model IDs judged with the body's own parameter (4(1) listing the body's organs)."""
    return {"4.1"} if any(n.code == "compare.own-organs" for n in comparison.notices) else set()


def notice_message(notice: Notice, lang: str = "ja") -> str:
    """Return a notice's message in the report's language (Japanese unless lang is "en")."""
    if lang == "en" or notice.code not in NOTICE_JA:
        return notice.message
    pattern, sentence = NOTICE_JA[notice.code]
    found = pattern.match(notice.message)
    if found is None:
        return notice.message
    values = {k: v or "" for k, v in found.groupdict().items()}
    values["line_ja"] = f"{values['line']}の行が" if values.get("line") else "条の行が"
    return sentence.format(**values)


def status_key(result: ClauseResult) -> str:
    """Return the status a reader sees: a non-applicable clause is "not_applicable" whatever it matched."""
    return result.status if result.applicable else "not_applicable"


def depth(model_id: str) -> int:
    """Return how deep a model ID sits: "6" → 0, "6.8" → 1, "6.8.3" → 2."""
    return model_id.count(".")


def numbering(document: Document) -> dict[str, str]:
    """Return each clause's full printed number keyed by its path: "2(1)", "4(2)①", "6(8)¶1", "第4条第2項".

    Unlabelled paragraphs are counted among their unlabelled siblings, as the model's 6(8) ¶1–¶3.
    """
    numbers: dict[str, str] = {}

    def visit(clauses: tuple[Clause, ...], prefix: str) -> None:
        unlabelled = 0
        for clause in clauses:
            label = clause.label.strip()
            if not label:
                unlabelled += 1
                own = f"¶{unlabelled}"
            elif prefix.endswith("条") and label.isdigit():
                own = paragraph_number(label)  # a bare 項 number under an article
            else:
                own = label
            number = prefix + own
            numbers[clause.id] = number
            visit(clause.children, number)

    visit(document.clauses, "")
    return numbers


def model_numbers(comparison: Comparison) -> dict[str, str]:
    """Return the model's printed number per model ID ("2(1)"); IDs the model lacks map to themselves."""
    by_path = numbering(comparison.model)
    out = {r.model_id: r.model_id for r in comparison.clauses}
    for clause in comparison.model.walk():
        if clause.model_id is not None and clause.id in by_path:
            out[clause.model_id] = by_path[clause.id]
    return out


# Marks a match found by key phrases or by structure rather than by the clause's wording.
NOT_BY_WORDING = "*"
NOT_BY_WORDING_NOTE = "* 文言ではなく、概念を表す語句または条項の構成から対応づけたもの（類似度は文言の近さ）"


# Marks a result that a reviewer's decisions file settled (a pin, an absence, a clause not applicable).
DECIDED = "†"
DECIDED_NOTE = "† 確認者の判断（decisions ファイル）によるもの。理由を併記"

# Said of an uncertain result: the engine found only weak evidence and a person should look.
UNCERTAIN_NOTE = "? 要確認: 弱い手がかりしかなく、人が確かめる必要がある"


def score_text(match: Match) -> str:
    """Return a match's similarity as a percentage, marked when the wording did not find it."""
    mark = DECIDED if match.basis == "pinned" else NOT_BY_WORDING if match.basis != "content" else ""
    return f"{round(match.similarity * 100)}%" + mark


def any_not_by_wording(comparison: Comparison) -> bool:
    """Return True when some match was found by key phrases or structure (the reports then explain *)."""
    return any(m.basis not in ("content", "pinned") for r in comparison.clauses for m in r.matches)


def any_decided(comparison: Comparison) -> bool:
    """Return True when a reviewer's decision settled some result (the reports then explain †)."""
    return any(r.decision for r in comparison.clauses)


def any_uncertain(comparison: Comparison) -> bool:
    """Return True when some applicable result needs a person's look."""
    return any(r.applicable and r.status == "uncertain" for r in comparison.clauses)


def decision_text(result: ClauseResult) -> str:
    """Return how a reviewer's decision is shown beside its result: "† reason", or "" when none."""
    return f"{DECIDED} {result.decision}" if result.decision else ""


def match_label(match: Match, document_numbers: dict[str, str]) -> str:
    """Return how a matched document clause is named to a reader: its full number, else its label or path."""
    return document_numbers.get(match.path) or match.label or match.path


def title_of(result: ClauseResult, limit: int = 24) -> str:
    """Return a clause's heading, or the start of its model text when the clause has no heading."""
    if result.heading:
        return result.heading
    return snippet(result.model_text, limit)


def snippet(text: str, limit: int) -> str:
    """Return the first `limit` characters of text on one line, with … when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def runs(edits: tuple[Edit, ...] | list[Edit]) -> list[Run]:
    """Turn model→document edits into display runs, merging neighbours of the same kind."""
    out: list[Run] = []

    def add(kind: str, text: str, old: str = "") -> None:
        if not text and kind != "notation":
            return
        if out and out[-1].kind == kind and kind != "notation":
            out[-1] = Run(kind, out[-1].text + text)
        elif out and out[-1].kind == kind:
            out[-1] = Run(kind, out[-1].text + text, out[-1].old + old)
        else:
            out.append(Run(kind, text, old))

    for edit in edits:
        if edit.op == "equal":
            add("same", edit.new or edit.old)
        elif edit.notation_only:
            add("notation", edit.new, edit.old)
        elif edit.op == "delete":
            add("del", edit.old)
        elif edit.op == "insert":
            add("ins", edit.new)
        else:
            add("del", edit.old)
            add("ins", edit.new)
    return [r for r in out if r.text or r.old]


def substantive(result: ClauseResult) -> bool:
    """Return True when the clause has an edit that is more than notation."""
    return any(e.substantive for e in result.edits)


def display_width(text: str, ambiguous: int = 1) -> int:
    """Return the number of terminal columns text takes: wide and full-width characters count 2.

    East Asian "ambiguous" characters (①, ≈, ○, ・ in some fonts) take `ambiguous` columns: 2 in
    terminals set for Japanese, 1 elsewhere.
    """
    width = 0
    for char in text:
        if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
            continue
        kind = unicodedata.east_asian_width(char)
        width += 2 if kind in ("W", "F") else ambiguous if kind == "A" else 1
    return width


def percent(value: float) -> str:
    """Return a share 0..1 as a percentage with one decimal: 0.9743 → "97.4%"."""
    return f"{value * 100:.1f}%"
