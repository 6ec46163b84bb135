"""Write a 新旧対照表 as a standalone HTML page (lang="ja", inline CSS, 傍線 as <u>)."""

from __future__ import annotations

from html import escape

from policygen.model import Revision
from policygen.writers.old_new_table.rows import CellParagraph, Table, build_table
from policygen.writers.old_new_table.options import TableOptions

_CSS = """
body { font-family: "Yu Mincho", "YuMincho", "Hiragino Mincho ProN", "IPAexMincho", "IPAMincho", serif;
       margin: 2em; line-height: 1.7; }
h1 { font-size: 1.3em; text-align: center; font-weight: normal; }
p.legend { text-align: right; margin: 0 0 .5em; }
table.old-new { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.old-new th, table.old-new td { border: 1px solid #000; padding: .3em .5em; vertical-align: top; width: 50%; }
table.old-new th { font-weight: normal; text-align: center; }
table.old-new p { margin: 0; }
table.old-new u { text-decoration: underline; text-underline-offset: .15em; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
@page { size: A4 landscape; margin: 20mm 25mm; }
""".strip()


def old_new_table_html(revision: Revision, options: TableOptions | None = None) -> str:
    """Return the 新旧対照表 of a revision as a standalone HTML page."""
    return table_html(build_table(revision, options))


def _paragraph(paragraph: CellParagraph) -> str:
    runs = "".join(f"<u>{escape(r.text)}</u>" if r.underlined else escape(r.text) for r in paragraph.runs)
    styles = []
    if paragraph.indent or paragraph.first_line:
        styles.append(f"padding-left: {paragraph.indent}em")
        if paragraph.first_line:
            styles.append(f"text-indent: {paragraph.first_line}em")
    style = f' style="{"; ".join(styles)}"' if styles else ""
    return f"<p{style}>{runs}</p>"


def _cell(paragraphs: tuple[CellParagraph, ...]) -> str:
    return "<td>" + "".join(_paragraph(p) for p in paragraphs) + "</td>"


def table_html(table: Table) -> str:
    """Return a built table as a standalone HTML page."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="ja">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{escape(table.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(table.title)}</h1>",
    ]
    if table.legend:
        lines.append(f'<p class="legend">{escape(table.legend)}</p>')
    left, right = table.labels
    lines += [
        '<table class="old-new">',
        f'<thead><tr><th scope="col">{escape(left)}</th><th scope="col">{escape(right)}</th></tr></thead>',
        "<tbody>",
    ]
    for row in table.rows:
        cells = table.cells(row)
        lines.append(f'<tr class="{row.kind}">{_cell(cells[0])}{_cell(cells[1])}</tr>')
    lines += ["</tbody>", "</table>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
