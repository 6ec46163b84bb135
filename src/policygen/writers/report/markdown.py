"""Write a Comparison as Markdown to paste into a document or an issue: tables, missing list, edits."""

from __future__ import annotations

import re
import unicodedata

from policygen.model import Comparison
from policygen.writers.report.view import (
    DECIDED,
    DECIDED_NOTE,
    NOT_BY_WORDING_NOTE,
    UNCERTAIN_NOTE,
    any_decided,
    any_not_by_wording,
    any_uncertain,
    decision_text,
    score_text,
    document_name,
    named_by_path,
    own_parameter_ids,
    OWN_PARAMETER_JA,
    notice_message,
    KIND_JA,
    STATUS_JA,
    Run,
    match_label,
    model_numbers,
    numbering,
    percent,
    runs,
    status_key,
    title_of,
)

# ASCII punctuation that CommonMark or GFM reads as inline markup (| matters inside tables).
_INLINE = re.compile(r"([\\`*_\[\]<>~|!&])")
# Line starts that would open a block: heading, quote, list item, ordered item, thematic break.
_BLOCK_START = re.compile(r"^(#|>|[-+*](?=\s|$)|=|\d{1,9}[.)](?=\s|$))")


def escape(text: str) -> str:
    """Escape inline text so that it renders literally, even inside a table cell."""
    return _INLINE.sub(r"\\\1", text)


def _escape_lines(text: str, at_line_start: bool) -> str:
    """Escape text that may span lines; each line that begins a Markdown line gets its block start escaped."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        line = escape(line)
        if (index > 0 or at_line_start) and _BLOCK_START.match(line):
            line = "\\" + line
        out.append(line)
    return "\\\n".join(out)  # CommonMark hard line break


def cell(text: str) -> str:
    """Escape text for one table cell: one line, | escaped."""
    return escape(" ".join(str(text).split()))


def render(comparison: Comparison) -> bytes:
    """Return the report as UTF-8 Markdown (CommonMark with GFM tables and ~~strikethrough~~)."""
    numbers = model_numbers(comparison)
    doc_numbers = numbering(comparison.document)
    blocks = [
        _header(comparison),
        _missing(comparison, numbers),
        _table(comparison, numbers, doc_numbers),
        _details(comparison, numbers, doc_numbers),
        _extra(comparison, doc_numbers),
        _notices(comparison),
    ]
    return ("\n\n".join(b for b in blocks if b) + "\n").encode("utf-8")



def _header(comparison: Comparison) -> str:
    document, model = comparison.document, comparison.model
    counts = comparison.counts()
    not_applicable = sum(1 for r in comparison.clauses if not r.applicable)
    kind = comparison.kind
    version = model.meta.get("guideline")
    facts = [
        ("文書", "" if named_by_path(comparison) else comparison.document_path),
        ("団体", document.meta.get("org_name") or ""),
        ("種別", f"{KIND_JA[kind]}（{kind}）" if kind in KIND_JA else kind),
        ("モデル", (model.title or "") + (f"（{version}）" if version else "")),
    ]
    lines = [f"# {escape(document_name(comparison))} — モデルとの比較", ""]
    lines += [f"- {k}: {escape(str(v))}" for k, v in facts if v]
    lines += [
        "",
        "| 網羅率 | 同一 | 表記ゆれ | 修正 | 要確認 | 不足 | 独自 | 対象外 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {percent(comparison.coverage())} | {counts['identical']} | {counts['notation']} | "
        f"{counts['modified']} | {counts['uncertain']} | {counts['missing']} | {counts['extra']} | {not_applicable} |",
    ]
    return "\n".join(lines)


def _missing(comparison: Comparison, numbers: dict[str, str]) -> str:
    missing = [r for r in comparison.clauses if r.applicable and r.status == "missing"]
    if not missing:
        return "## 不足している条項\n\nなし（適用されるモデルの条項はすべて文書にあります）。"
    # An absent section is one gap: its items missing with it are listed under it, not counted again.
    gaps = {r.model_id for r in comparison.gaps()}
    items = [
        f"{'- ' if r.model_id in gaps else '  - '}**{escape(numbers[r.model_id])}** {escape(title_of(r, 40))}"
        for r in missing
    ]
    return f"## 不足している条項（{len(gaps)}件）\n\n" + "\n".join(items)


def _table(comparison: Comparison, numbers: dict[str, str], doc_numbers: dict[str, str]) -> str:
    lines = ["## 条項一覧", "", "| 状態 | モデル | 見出し | 文書 | 類似度 |", "|---|---|---|---|---:|"]
    own = own_parameter_ids(comparison)
    for result in comparison.clauses:
        status = (STATUS_JA[status_key(result)] + (f"（{OWN_PARAMETER_JA}）" if result.model_id in own else "")
                  + (f" {DECIDED}" if result.decision else ""))
        found = "、".join(match_label(m, doc_numbers) for m in result.matches)
        found = " ".join(part for part in (found, decision_text(result)) if part)
        score = " / ".join(escape(score_text(m)) for m in result.matches)
        lines.append(
            f"| {status} | {cell(numbers[result.model_id])} | {cell(title_of(result, 30))} "
            f"| {cell(found)} | {score} |"
        )
    if any_not_by_wording(comparison):
        lines += ["", escape(NOT_BY_WORDING_NOTE)]
    if any_uncertain(comparison):
        lines += ["", escape(UNCERTAIN_NOTE)]
    if any_decided(comparison):
        lines += ["", escape(DECIDED_NOTE)]
    return "\n".join(lines)


def _details(comparison: Comparison, numbers: dict[str, str], doc_numbers: dict[str, str]) -> str:
    sections = []
    for result in comparison.clauses:
        if not result.applicable or result.status == "identical":
            continue
        status = STATUS_JA[result.status]
        title = f"### {escape(numbers[result.model_id])} {escape(title_of(result, 30))}（{status}）"
        if result.status == "missing":
            body = "モデルの文:\n\n" + _quote(_escape_lines(result.model_text, True))
        else:
            where = "、".join(
                f"{match_label(m, doc_numbers)}（類似度 {score_text(m)}）" for m in result.matches
            )
            pieces = runs(result.edits)
            body = f"文書の該当箇所: {escape(where)}\n\n" + _quote(_inline(pieces))
            variants = [f"{escape(r.old) or '（なし）'} → {escape(r.text) or '（なし）'}" for r in pieces if r.kind == "notation"]
            if variants:
                body += "\n\n表記の違い: " + "、".join(variants)
        sections.append(f"{title}\n\n{body}")
    if not sections:
        return ""
    legend = "~~取り消し線~~ はモデルにあって文書にない語、**太字** は文書で加わった語。表記だけの違いは文書の表記のまま示す。"
    return "## 相違のある条項\n\n" + legend + "\n\n" + "\n\n".join(sections)


def _quote(text: str) -> str:
    """Return text as a block quote, every line prefixed."""
    return "\n".join("> " + line for line in text.split("\n"))


def _inline(pieces: list[Run]) -> str:
    """Return the document's wording with ~~deleted~~ and **inserted** words, notation edits unmarked."""
    shown: list[tuple[str, str]] = []  # (kind, raw text) with notation folded into unchanged text
    for run in pieces:
        kind = "same" if run.kind == "notation" else run.kind
        if shown and shown[-1][0] == kind:
            shown[-1] = (kind, shown[-1][1] + run.text)
        elif run.text:
            shown.append((kind, run.text))
    out = []
    for index, (kind, text) in enumerate(shown):
        at_start = index == 0 or shown[index - 1][1].endswith("\n")
        if kind == "same":
            out.append(_escape_lines(text, at_start))
            continue
        before = shown[index - 1][1][-1:] if index else ""
        after = shown[index + 1][1][:1] if index + 1 < len(shown) else ""
        body = text.strip("\n")
        lead, trail = text[: len(text) - len(text.lstrip("\n"))], text[len(text.rstrip("\n")) :]
        mark = "~~" if kind == "del" else "**"
        inner = _escape_lines(body, at_start and not lead)
        if _delimits(body, before if not lead else "\n", after if not trail else "\n"):
            marked = f"{mark}{inner}{mark}"
        else:
            # CommonMark cannot open or close ~~/** between a letter and punctuation (「攻撃~~、…」), so
            # fall back to the HTML tags that GitHub and GitLab render.
            tag = "del" if kind == "del" else "ins"
            marked = f"<{tag}>{inner}</{tag}>"
        out.append(_escape_lines(lead, False) + marked + _escape_lines(trail, False))
    return "".join(out)


def _is_space(char: str) -> bool:
    return not char or char.isspace()


def _is_punct(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


def _delimits(body: str, before: str, after: str) -> bool:
    """Return True when ~~body~~ / **body** open and close under CommonMark's flanking rules."""
    if not body or body[0].isspace() or body[-1].isspace():
        return False
    first, last = body[0], body[-1]
    # Escaping adds a backslash (punctuation) in front of ASCII markup characters.
    if _INLINE.match(first):
        first = "\\"
    opens = not _is_punct(first) or _is_space(before) or _is_punct(before)
    closes = not _is_punct(last) or _is_space(after) or _is_punct(after)
    return opens and closes


def _extra(comparison: Comparison, doc_numbers: dict[str, str]) -> str:
    if not comparison.extra:
        return ""
    lines = [f"## 文書独自の条項（{len(comparison.extra)}件）", "", "| 文書 | 見出し | 本文 |", "|---|---|---|"]
    for item in comparison.extra:
        number = doc_numbers.get(item.path) or item.label or item.path
        lines.append(f"| {cell(number)} | {cell(item.heading)} | {cell(item.text)} |")
    return "\n".join(lines)


def _notices(comparison: Comparison) -> str:
    if not comparison.notices:
        return ""
    items = [
        f"- `{n.code}` {escape(notice_message(n))}" + (f"（{escape(n.source)}）" if n.source else "")
        for n in comparison.notices
    ]
    return "## 読み取りと比較の注意\n\n" + "\n".join(items)


__all__ = ["cell", "escape", "render"]
