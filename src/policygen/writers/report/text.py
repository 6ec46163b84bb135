"""Write a Comparison as a terminal report: summary, missing clauses, the model outline with marks."""

from __future__ import annotations

from dataclasses import dataclass

from policygen.model import Comparison
from policygen.writers.report.view import (
    DECIDED_NOTE,
    NOT_BY_WORDING_NOTE,
    UNCERTAIN_NOTE,
    any_decided,
    any_not_by_wording,
    any_uncertain,
    decision_text,
    document_name,
    named_by_path,
    notice_message,
    score_text,
    KIND_JA,
    STATUS_JA,
    Run,
    depth,
    display_width,
    match_label,
    model_numbers,
    numbering,
    percent,
    runs,
    snippet,
    status_key,
    substantive,
    title_of,
)

MARKS = {
    "identical": "=",
    "notation": "≈",
    "modified": "~",
    "uncertain": "?",
    "missing": "✗",
    "not_applicable": "-",
}

# ANSI SGR codes per role; used only when the caller asks for colour (a TTY without NO_COLOR).
_SGR = {
    "missing": "1;31",
    "modified": "33",
    "uncertain": "35",
    "notation": "36",
    "identical": "32",
    "not_applicable": "2",
    "del": "31",
    "ins": "32",
    "dim": "2",
    "bold": "1",
}

# Characters of unchanged text kept either side of a change; the rest of a long equal run becomes "…".
CONTEXT = 12
# Japanese line-breaking rule (禁則): these never begin a wrapped line.
NO_LINE_START = set("、。，．,.)）」』】〕・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ!?！？:;：；-]+}")
# Headings wider than this many columns are cut so the document columns stay in view.
TITLE_COLUMNS = 44


# The report's words in each language it speaks; Japanese like the Markdown and HTML reports.
WORDS = {
    "ja": {
        "kind": "種別", "model": "モデル", "coverage": "網羅率", "not_applicable_count": "（対象外 {n}）",
        "missing_title": "不足している条項（{count}）:", "count": "{n}件",
        "gaps_count": "{gaps}箇所、{n}条項", "needs_look": "（要確認）", "missing_cell": "（不足）", "not_applicable_cell": "（対象外）",
        "extra_title": "文書独自の条項（{n}件）:", "notices_title": "読み取りと比較の注意:",
        "info": "情報", "warning": "警告", "model_default": "モデル",
    },
    "en": {
        "kind": "kind", "model": "model", "coverage": "coverage", "not_applicable_count": "(not applicable {n})",
        "missing_title": "missing applicable clauses ({count}):", "count": "{n}",
        "gaps_count": "{gaps} gaps, {n} clauses", "needs_look": "(needs a person's look)", "missing_cell": "(missing)",
        "not_applicable_cell": "(not applicable)", "extra_title": "extra clauses in the document ({n}):",
        "notices_title": "", "info": "info", "warning": "warning", "model_default": "model",
    },
}
LANGUAGES = tuple(WORDS)


@dataclass(frozen=True)
class Options:
    """How to print: colour (ANSI), columns to wrap edit lines at (0 = never), width of ambiguous chars, language."""

    color: bool = False
    width: int = 0
    ambiguous: int = 1
    lang: str = "ja"


class _Out:
    """Collect report lines, painting them only when colour is on."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.lines: list[str] = []
        self.words = WORDS[options.lang] if options.lang in WORDS else WORDS["ja"]
        self.ja = self.words is WORDS["ja"]

    def word(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)

    def paint(self, text: str, role: str | None) -> str:
        if not self.options.color or not role or not text:
            return text
        return f"\x1b[{_SGR[role]}m{text}\x1b[0m"

    def width(self, text: str) -> int:
        return display_width(text, self.options.ambiguous)

    def pad(self, text: str, columns: int) -> str:
        return text + " " * max(0, columns - self.width(text))


def render(comparison: Comparison, options: Options | None = None) -> bytes:
    """Return the report as UTF-8 text for a terminal or a .txt file."""
    out = _Out(options or Options())
    _header(out, comparison)
    _missing(out, comparison)
    _outline(out, comparison)
    if any_not_by_wording(comparison):
        out.lines += ["", NOT_BY_WORDING_NOTE]
    if any_uncertain(comparison):
        out.lines += ["", UNCERTAIN_NOTE]
    if any_decided(comparison):
        out.lines += ["", DECIDED_NOTE]
    _extra(out, comparison)
    _notices(out, comparison)
    return ("\n".join(out.lines) + "\n").encode("utf-8")


def _header(out: _Out, comparison: Comparison) -> None:
    name = document_name(comparison)
    kind = comparison.kind
    if kind in KIND_JA:
        kind_text = f"{KIND_JA[kind]}（{kind}）" if out.ja else f"{kind}（{KIND_JA[kind]}）"
    else:
        kind_text = kind
    # A document without a title is named by its path: the path is not printed a second time.
    where = "" if named_by_path(comparison) else f"  [{comparison.document_path}]"
    out.lines.append(out.paint(name, "bold") + f"{where}  {out.word('kind')}: {kind_text}")
    version = comparison.model.meta.get("guideline")
    model_title = comparison.model.title or out.word("model_default")
    out.lines.append(f"{out.word('model')}: {model_title}" + ((f"（{version}）" if out.ja else f" ({version})")
                                                              if version else ""))
    counts = comparison.counts()
    not_applicable = sum(1 for r in comparison.clauses if not r.applicable)
    parts = [f"{out.word('coverage')} {percent(comparison.coverage())}"]
    for status in ("identical", "notation", "modified", "uncertain", "missing", "extra"):
        if status == "uncertain" and not counts[status]:
            continue  # shown only when some clause needs a person's look
        role = status if status in ("missing", "modified", "uncertain") and counts[status] else None
        name_of = STATUS_JA[status] if out.ja else status
        parts.append(out.paint(f"{name_of} {counts[status]}", role))
    if not_applicable:
        parts.append(out.word("not_applicable_count", n=not_applicable))
    out.lines.append("  ".join(parts))


def _missing(out: _Out, comparison: Comparison) -> None:
    numbers = model_numbers(comparison)
    # An absent section is one gap: its items are listed under it, not counted again.
    missing = [r for r in comparison.clauses if r.applicable and r.status == "missing"]
    if not missing:
        return
    gaps = len(comparison.gaps())
    out.lines.append("")
    count = (out.word("count", n=len(missing)) if gaps == len(missing)
             else out.word("gaps_count", gaps=gaps, n=len(missing)))
    out.lines.append(out.paint(out.word("missing_title", count=count), "missing"))
    columns = max(out.width(numbers[r.model_id]) for r in missing)
    for result in missing:
        line = f"  {MARKS['missing']} {out.pad(numbers[result.model_id], columns)}  {title_of(result, 30)}"
        out.lines.append(out.paint(line, "missing"))


def _outline(out: _Out, comparison: Comparison) -> None:
    numbers = model_numbers(comparison)
    doc_numbers = numbering(comparison.document)
    lefts = []
    for result in comparison.clauses:
        title = _fit(out, title_of(result), TITLE_COLUMNS)
        left = f"{MARKS[status_key(result)]} {'  ' * depth(result.model_id)}{numbers[result.model_id]} {title}"
        lefts.append(left)
    columns = max((out.width(left) for left in lefts), default=0)
    labels_of = {
        r.model_id: "+".join(match_label(m, doc_numbers) for m in r.matches) for r in comparison.clauses
    }
    label_columns = max((out.width(v) for v in labels_of.values()), default=0)
    out.lines.append("")
    for result, left in zip(comparison.clauses, lefts):
        status = status_key(result)
        if result.matches:
            scores = "/".join(score_text(m).rjust(4) for m in result.matches)
            right = f"{out.pad(labels_of[result.model_id], label_columns)} {scores}"
        else:
            right = out.word("missing_cell") if result.applicable else ""
        if not result.applicable:
            right = (right + "  " if right else "") + out.word("not_applicable_cell")
        if result.status == "uncertain" and result.applicable:
            right += "  " + out.word("needs_look")
        if result.decision:
            right += "  " + decision_text(result)
        line = out.pad(left, columns) + "  " + right
        out.lines.append(out.paint(line.rstrip(), status if status != "identical" else None))
        if result.status == "modified" and result.applicable and substantive(result):
            indent = "  " + "  " * depth(result.model_id) + "  | "
            out.lines.extend(_edit_lines(out, runs(result.edits), indent))


def _fit(out: _Out, text: str, columns: int) -> str:
    """Cut text to at most `columns` display columns, ending with …."""
    if out.width(text) <= columns:
        return text
    while text and out.width(text) > columns - 1:
        text = text[:-1]
    return text + "…"


def _edit_lines(out: _Out, pieces: list[Run], indent: str) -> list[str]:
    """Return the document's wording with deletions [-…-] and insertions {+…+}, long equal runs cut."""
    chunks: list[tuple[str, str | None]] = []
    for index, run in enumerate(pieces):
        text = run.text.replace("\n", " / ")
        if run.kind in ("same", "notation"):
            first, last = index == 0, index == len(pieces) - 1
            chunks.append((_shorten(text, keep_head=not first, keep_tail=not last), None))
        elif run.kind == "del":
            chunks.append(("[-" + text + "-]", "del"))
        else:
            chunks.append(("{+" + text + "+}", "ins"))
    return _wrap(out, chunks, indent)


def _shorten(text: str, *, keep_head: bool, keep_tail: bool) -> str:
    """Keep the unchanged text next to changes and replace the middle of a long stretch with …."""
    head = text[:CONTEXT] if keep_head else ""
    tail = text[-CONTEXT:] if keep_tail else ""
    if len(text) <= len(head) + len(tail) + 1:
        return text
    return head + "…" + tail


def _wrap(out: _Out, chunks: list[tuple[str, str | None]], indent: str) -> list[str]:
    """Break chunks into lines of at most out.options.width columns (when set), each after indent."""
    limit = out.options.width - out.width(indent) if out.options.width else 0
    lines: list[list[tuple[str, str | None]]] = [[]]
    used = 0
    for text, role in chunks:
        piece = ""
        for char in text:
            columns = out.width(char)
            if limit > 10 and used + columns > limit and char not in NO_LINE_START:
                lines[-1].append((piece, role))
                lines.append([])
                piece, used = "", 0
            piece += char
            used += columns
        lines[-1].append((piece, role))
    return [indent + "".join(out.paint(t, r) for t, r in line) for line in lines if any(t for t, _ in line)]


def _extra(out: _Out, comparison: Comparison) -> None:
    if not comparison.extra:
        return
    doc_numbers = numbering(comparison.document)
    out.lines.append("")
    out.lines.append(out.word("extra_title", n=len(comparison.extra)))
    for item in comparison.extra:
        number = doc_numbers.get(item.path) or item.label or item.path
        words = " ".join(part for part in (item.heading, snippet(item.text, 40)) if part)
        out.lines.append(f"  + {number} {words}")


def _notices(out: _Out, comparison: Comparison) -> None:
    if not comparison.notices:
        return
    out.lines.append("")
    if out.word("notices_title"):
        out.lines.append(out.word("notices_title"))
    lang = "ja" if out.ja else "en"
    for notice in comparison.notices:
        where = (f"（{notice.source}）" if out.ja else f" ({notice.source})") if notice.source else ""
        level = out.words.get(notice.level, notice.level)
        line = f"{level}: {notice.code}{where}: {notice_message(notice, lang)}"
        out.lines.append(out.paint(line, "dim"))


def exit_status(comparison: Comparison) -> int:
    """Return 1 when an applicable model clause is missing, modified or uncertain, else 0."""
    return int(any(r.applicable and r.status in ("missing", "modified", "uncertain") for r in comparison.clauses))


__all__ = ["LANGUAGES", "MARKS", "Options", "exit_status", "render"]
