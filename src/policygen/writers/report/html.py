"""Write a Comparison as one standalone HTML page: missing clauses first, then model | document rows."""

from __future__ import annotations

from html import escape

from policygen import __version__
from policygen.model import ClauseResult, Comparison
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
    depth,
    match_label,
    model_numbers,
    numbering,
    percent,
    runs,
    status_key,
    title_of,
)

# Fonts a Japanese reader is likely to have, macOS, Windows, then Linux; no web fonts (no network).
FONT_STACK = (
    '"Hiragino Kaku Gothic ProN", "Hiragino Sans", "BIZ UDPGothic", "Yu Gothic", YuGothic, Meiryo, '
    '"Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAPGothic", sans-serif'
)

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-soft: #f6f8fa;
  --identical: #1a7f37; --notation: #0969da; --modified: #9a6700; --uncertain: #8250df; --missing: #cf222e; --na: #59636e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font-family: FONTS; font-size: 15px;
  line-height: 1.7; }
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; border-bottom: 1px solid var(--line); padding-bottom: 12px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h1 small { font-size: 0.9rem; color: var(--muted); font-weight: normal; margin-left: 0.5em; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 1em; margin: 8px 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-top: 8px; }
.coverage { font-size: 1.6rem; font-weight: bold; }
.coverage small { font-size: 0.85rem; font-weight: normal; color: var(--muted); margin-left: 0.3em; }
.bar { width: 220px; height: 10px; background: #eaeef2; border-radius: 5px; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--identical); }
.count { white-space: nowrap; }
.badge { display: inline-block; min-width: 4.2em; padding: 0 0.5em; border-radius: 1em; font-size: 0.8rem;
  line-height: 1.6; text-align: center; color: #fff; white-space: nowrap; }
.b-identical { background: var(--identical); } .b-notation { background: var(--notation); }
.b-modified { background: var(--modified); } .b-uncertain { background: var(--uncertain); } .b-missing { background: var(--missing); }
.b-not_applicable { background: var(--na); } .b-extra { background: #8250df; }
section.alert { border: 2px solid var(--missing); background: #fff5f5; border-radius: 6px;
  padding: 4px 16px 8px; margin-top: 16px; }
section.alert h2 { color: var(--missing); margin-top: 8px; }
section.alert ul { margin: 0; padding-left: 1.2em; }
section.alert li.within { margin-left: 1.5em; font-size: 0.92em; }
section.ok { border: 1px solid var(--identical); background: #f0fff4; border-radius: 6px; padding: 8px 16px;
  margin-top: 16px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: 8px 10px; vertical-align: top; text-align: left; }
thead th { position: sticky; top: 0; background: var(--bg-soft); z-index: 1; font-size: 0.9rem; }
col.c-info { width: 16rem; }
tbody th { font-weight: normal; }
.num { font-weight: bold; font-variant-numeric: tabular-nums; margin-right: 0.4em; }
.heading { font-weight: bold; }
.where { display: block; color: var(--muted); font-size: 0.85rem; }
.d1 th.info { padding-left: 22px; } .d2 th.info { padding-left: 34px; } .d3 th.info { padding-left: 46px; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; line-break: strict; }
tr.st-missing td.org, .none { color: var(--muted); }
tr.st-missing { background: #fff8f8; }
tr.st-not_applicable { color: var(--na); background: var(--bg-soft); }
ins { background: #ccffd8; color: #0a3d1c; text-decoration: underline 2px #1a7f37; text-underline-offset: 3px; }
del { background: #ffd7d5; color: #6e1016; text-decoration: line-through; }
.nt { text-decoration: underline dotted var(--notation); text-underline-offset: 3px; cursor: help; }
.legend { color: var(--muted); font-size: 0.85rem; margin: 4px 0 8px; }
footer { color: var(--muted); font-size: 0.8rem; padding: 24px; }
tr.fold > td { padding: 0; }
tr.fold summary { padding: 8px 10px; cursor: pointer; color: var(--muted); }
tr.fold details[open] summary { border-bottom: 1px solid var(--line); }
tr.fold table tr:last-child > * { border-bottom: 0; }
@media print { thead th { position: static; } section.alert { break-inside: avoid; } tr { break-inside: avoid; } }
""".replace("FONTS", FONT_STACK)


def render(comparison: Comparison) -> bytes:
    """Return the report as a UTF-8 HTML page that needs nothing from the network."""
    numbers = model_numbers(comparison)
    doc_numbers = numbering(comparison.document)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(document_name(comparison))} — モデルとの比較</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(comparison),
        "<main>",
        _missing(comparison, numbers),
        _clauses(comparison, numbers, doc_numbers),
        _extra(comparison, doc_numbers),
        _notices(comparison),
        "</main>",
        f'<footer>policygen {_e(__version__)} compare</footer>',
        "</body>",
        "</html>",
    ]
    return ("\n".join(p for p in parts if p) + "\n").encode("utf-8")


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)



def _header(comparison: Comparison) -> str:
    document, model = comparison.document, comparison.model
    counts = comparison.counts()
    not_applicable = sum(1 for r in comparison.clauses if not r.applicable)
    kind = comparison.kind
    kind_text = f"{KIND_JA[kind]}（{kind}）" if kind in KIND_JA else kind
    version = model.meta.get("guideline")
    rows = [
        ("文書", "" if named_by_path(comparison) else comparison.document_path),
        ("団体", document.meta.get("org_name") or ""),
        ("種別", kind_text),
        ("モデル", (model.title or "") + (f"（{version}）" if version else "")),
    ]
    meta = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    coverage = comparison.coverage()
    chips = [
        f'<span class="count"><span class="badge b-{s}">{_e(STATUS_JA[s])}</span> {counts[s]}</span>'
        for s in ("identical", "notation", "modified", "uncertain", "missing", "extra")
    ]
    if not_applicable:
        chips.append(f'<span class="count"><span class="badge b-not_applicable">{STATUS_JA["not_applicable"]}</span> {not_applicable}</span>')
    return (
        "<header>\n"
        f"<h1>{_e(document_name(comparison))}<small>モデルとの比較</small></h1>\n"
        f'<dl class="meta">{meta}</dl>\n'
        '<div class="summary">'
        f'<span class="coverage" title="適用される条項のうち文書にあるものの割合">{percent(coverage)}<small>網羅率</small></span>'
        f'<span class="bar" aria-hidden="true"><span style="width:{coverage * 100:.1f}%"></span></span>'
        + " ".join(chips)
        + "</div>\n</header>"
    )


def _missing(comparison: Comparison, numbers: dict[str, str]) -> str:
    missing = [r for r in comparison.clauses if r.applicable and r.status == "missing"]
    if not missing:
        return '<section class="ok" id="missing"><strong>不足している条項はありません。</strong></section>'
    # An absent section is one gap: its items missing with it are listed under it, not counted again.
    gaps = {r.model_id for r in comparison.gaps()}
    items = "\n".join(
        f'<li{"" if r.model_id in gaps else WITHIN_GAP}><a href="#{_anchor(r.model_id)}">'
        f'<span class="num">{_e(numbers[r.model_id])}</span></a>{_e(title_of(r, 40))}</li>'
        for r in missing
    )
    return (
        f'<section class="alert" id="missing">\n<h2>不足している条項（{len(gaps)}件）</h2>\n'
        f"<ul>\n{items}\n</ul>\n</section>"
    )


# An item missing with its absent section: indented under it in the list of gaps.
WITHIN_GAP = ' class="within"'


def _anchor(model_id: str) -> str:
    return "c-" + model_id


def _clauses(comparison: Comparison, numbers: dict[str, str], doc_numbers: dict[str, str]) -> str:
    own = own_parameter_ids(comparison)
    rows = _collapsed([(r, _row(r, numbers, doc_numbers, r.model_id in own)) for r in comparison.clauses], numbers)
    return (
        '<section id="clauses">\n<h2>条項ごとの比較</h2>\n'
        '<p class="legend"><del>削除</del> モデルにあって文書にない語　<ins>追加</ins> 文書で加わった語　'
        '<span class="nt" title="表記だけの違い">点線</span> 表記だけの違い（マウスを重ねるとモデルの表記）'
        + (f"<br>{_e(NOT_BY_WORDING_NOTE)}" if any_not_by_wording(comparison) else "")
        + (f"<br>{_e(UNCERTAIN_NOTE)}" if any_uncertain(comparison) else "")
        + (f"<br>{_e(DECIDED_NOTE)}" if any_decided(comparison) else "")
        + "</p>\n"
        f'<table>\n{_COLUMNS}\n'
        '<thead><tr><th scope="col">モデル条項</th><th scope="col">モデル</th><th scope="col">文書</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</section>"
    )


_COLUMNS = '<colgroup><col class="c-info"><col><col></colgroup>'


def _collapsed(rows: list[tuple[ClauseResult, str]], numbers: dict[str, str]) -> list[str]:
    """Fold each run of identical clauses into one row that opens to show them, so a clean policy reads short."""
    out: list[str] = []
    run: list[tuple[ClauseResult, str]] = []

    def flush() -> None:
        if not run:
            return
        first, last = numbers[run[0][0].model_id], numbers[run[-1][0].model_id]
        span = first if len(run) == 1 else f"{first}～{last}"
        summary = (f'<span class="badge b-identical">{STATUS_JA["identical"]}</span> '
                   f"{_e(span)}（{len(run)}件、モデルと同じ文言）")
        inner = "\n".join(row for _, row in run)
        out.append(f'<tr class="fold"><td colspan="3"><details><summary>{summary}</summary>'
                   f'<table>{_COLUMNS}<tbody>\n{inner}\n</tbody></table></details></td></tr>')
        run.clear()

    for result, row in rows:
        if status_key(result) == "identical":
            run.append((result, row))
        else:
            flush()
            out.append(row)
    flush()
    return out


def _row(result: ClauseResult, numbers: dict[str, str], doc_numbers: dict[str, str], own: bool = False) -> str:
    status = status_key(result)
    badge = f'<span class="badge b-{status}">{_e(STATUS_JA[status])}</span>'
    where = ""
    if result.matches:
        found = "、".join(
            f"{match_label(m, doc_numbers)}（{score_text(m)}）" for m in result.matches
        )
        where = f'<span class="where">文書 {_e(found)}</span>'
    if own:
        where += f'<span class="where">{_e(OWN_PARAMETER_JA)}</span>'
    if result.decision:
        where += f'<span class="where decided">{_e(decision_text(result))}</span>'
    info = (
        f'<th scope="row" class="info">{badge} <span class="num">{_e(numbers[result.model_id])}</span>'
        f'<span class="heading">{_e(result.heading)}</span>{where}</th>'
    )
    if result.edits:
        model_cell, org_cell = _sides(runs(result.edits))
    else:
        model_cell = _e(result.model_text)
        org_cell = _e(result.org_text) if result.org_text else '<span class="none">（該当なし）</span>'
    return (
        f'<tr id="{_e(_anchor(result.model_id))}" class="st-{status} d{min(depth(result.model_id), 3)}">'
        f'{info}<td class="text model">{model_cell}</td><td class="text org">{org_cell}</td></tr>'
    )


def _sides(pieces: list[Run]) -> tuple[str, str]:
    """Return the model cell (deletions marked) and the document cell (insertions marked)."""
    left: list[str] = []
    right: list[str] = []
    for run in pieces:
        if run.kind == "same":
            left.append(_e(run.text))
            right.append(_e(run.text))
        elif run.kind == "del":
            left.append(f"<del>{_e(run.text)}</del>")
        elif run.kind == "ins":
            right.append(f"<ins>{_e(run.text)}</ins>")
        else:
            if run.old:
                left.append(f'<span class="nt" title="{_e("文書の表記: " + run.text)}">{_e(run.old)}</span>')
            if run.text:
                right.append(f'<span class="nt" title="{_e("モデルの表記: " + run.old)}">{_e(run.text)}</span>')
    return "".join(left), "".join(right)


def _extra(comparison: Comparison, doc_numbers: dict[str, str]) -> str:
    if not comparison.extra:
        return ""
    rows = "\n".join(
        f'<tr><th scope="row" class="info"><span class="badge b-extra">{STATUS_JA["extra"]}</span> '
        f'<span class="num">{_e(doc_numbers.get(x.path) or x.label or x.path)}</span>'
        f'<span class="heading">{_e(x.heading)}</span></th><td class="text org">{_e(x.text)}</td></tr>'
        for x in comparison.extra
    )
    return (
        f'<section id="extra">\n<h2>文書独自の条項（{len(comparison.extra)}件）</h2>\n'
        '<table>\n<colgroup><col class="c-info"><col></colgroup>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n</section>"
    )


def _notices(comparison: Comparison) -> str:
    if not comparison.notices:
        return ""
    items = "\n".join(
        f"<li><code>{_e(n.code)}</code> {_e(notice_message(n))}" + (f"（{_e(n.source)}）" if n.source else "") + "</li>"
        for n in comparison.notices
    )
    return f'<section id="notices">\n<h2>読み取りと比較の注意</h2>\n<ul>\n{items}\n</ul>\n</section>'


__all__ = ["render"]
