"""Turn a Revision into the rows of a 新旧対照表: cells of paragraphs of runs, underlined where the text changed.

The three table writers (Word, HTML, Markdown) only draw what this module decides: which clauses get a row,
what each side says (labels and headings laid out as layout.py prints them), and which runs carry the 傍線.
Which characters changed is the revision's (revise/paragraphs.py); here the options decide which changes
are drawn. Rules (ja-conventions.md): changed words are underlined on both sides; a deletion leaves an underlined
blank on the new side and an insertion one on the old side; added clauses read 「(新設)」 on the old side and
removed ones 「(削る)」 on the new side; unchanged clauses may collapse into 「(略)」.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from operator import attrgetter

from policygen import layout as L
from policygen.model import UNCHANGED_STATUSES, MarkedBlock, MarkedPair, Revision, RevisionPair, Span
from policygen.revise.paragraphs import paragraphs_of
from policygen.writers.old_new_table.options import NEW_OLD, TableOptions

OMITTED = "(略)"
ADDED_MARK = "(新設)"
REMOVED_MARK = "(削る)"
NO_CHANGE = "改正なし"
# One underlined full-width space marks the place of words deleted on the other side.
BLANK = "\u3000"

_LOOSE_INDENT_CHARS = 3


@dataclass(frozen=True)
class Run:
    """A stretch of text, underlined (傍線) or not."""

    text: str
    underlined: bool = False


@dataclass(frozen=True)
class CellParagraph:
    """One paragraph inside a cell: runs, left indent and first-line offset in characters (-1 = hanging)."""

    runs: tuple[Run, ...]
    indent: int = 0
    first_line: int = 0
    role: str = L.BODY

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(run.text for run in self.runs)

    @property
    def underlined(self) -> list[str]:
        """Return the underlined stretches, adjacent runs merged."""
        return [run.text for run in self.runs if run.underlined]


@dataclass(frozen=True)
class Row:
    """One row of the table: the old side's and the new side's paragraphs.

    kind: "clause" (a clause, or the lines before/after the clauses), "omitted" (unchanged clauses collapsed
    into 「(略)」), "added", "removed", "no-change" (the whole revision changed nothing).
    """

    kind: str
    old: tuple[CellParagraph, ...]
    new: tuple[CellParagraph, ...]
    status: str = ""
    old_id: str = ""
    new_id: str = ""

    @property
    def heading(self) -> bool:
        """Return True when the row is only a heading (「4　適用範囲」): it belongs with the row after it."""
        paragraphs = self.old + self.new
        return bool(paragraphs) and all(p.role in L.HEADING_ROLES for p in paragraphs)

    @property
    def changed(self) -> bool:
        """Return True when either side has an underlined run."""
        return any(run.underlined for p in self.old + self.new for run in p.runs)


@dataclass(frozen=True)
class Table:
    """A whole 新旧対照表: title, legend, column labels left to right, and rows."""

    title: str
    legend: str
    labels: tuple[str, str]
    order: str
    rows: tuple[Row, ...]
    changed: bool = True
    options: TableOptions = field(default_factory=TableOptions)

    def cells(self, row: Row) -> tuple[tuple[CellParagraph, ...], tuple[CellParagraph, ...]]:
        """Return a row's cells left to right, in the configured column order."""
        return (row.new, row.old) if self.order == NEW_OLD else (row.old, row.new)


def build_table(revision: Revision, options: TableOptions | None = None) -> Table:
    """Return the 新旧対照表 of a revision: one row per clause (or per run of unchanged clauses) in the new order."""
    options = options or TableOptions()
    paragraphs = paragraphs_of(revision, steps=False)  # the table prints clauses, not the redline's order
    rows: list[Row] = []
    if paragraphs.preamble is not None:
        rows.append(_loose_row(paragraphs.preamble, options, "preamble"))
    context = _context_ids(revision.pairs, options)
    for pair, marked in zip(revision.pairs, paragraphs.clauses):
        row = _pair_row(pair, marked, options, context)
        if rows and _continues(pair, row, rows[-1]):
            # An unlabelled paragraph of a clause added (or removed) with it is part of that clause's row:
            # one (新設) for the new 号, not one per paragraph.
            before = rows[-1]
            row = replace(before, old=before.old + row.old if row.kind == "removed" else before.old,
                          new=before.new + row.new if row.kind == "added" else before.new)
            rows[-1] = row
            continue
        rows.append(row)
    if paragraphs.postscript is not None:
        rows.append(_loose_row(paragraphs.postscript, options, "postscript"))
    changed = any(row.changed or row.kind in ("added", "removed") for row in rows)
    if not changed:
        mark = (_plain(NO_CHANGE),)
        rows = [Row("no-change", mark, mark)]
    elif options.abbreviate_unchanged:
        rows = _collapse(rows)
    return Table(
        title=options.title_for(revision.new.title or revision.old.title),
        legend=options.legend_text,
        labels=options.labels,
        order=options.order,
        rows=tuple(rows),
        changed=changed,
        options=options,
    )


# --- rows ----------------------------------------------------------------------------------------------------


def _plain(text: str, *, underlined: bool = False) -> CellParagraph:
    return CellParagraph((Run(text, underlined),))


def _pair_row(pair: RevisionPair, marked: MarkedPair, options: TableOptions, context: set[int]) -> Row:
    old_id = pair.old.id if pair.old is not None else ""
    new_id = pair.new.id if pair.new is not None else ""
    old_blocks = [m.block for m in marked.old]
    new_blocks = [m.block for m in marked.new]
    if pair.new is None and pair.old is not None:
        return Row("removed", _whole(old_blocks, underlined=True), (_plain(REMOVED_MARK),), pair.status, old_id=old_id)
    if pair.old is None and pair.new is not None:
        return Row("added", (_plain(ADDED_MARK),), _whole(new_blocks, underlined=True), pair.status, new_id=new_id)
    if pair.old is None or pair.new is None:
        return Row("clause", (), (), pair.status)
    label_changed = _first_label(old_blocks) != _first_label(new_blocks)
    old_runs = [_runs(m, options) for m in marked.old]
    new_runs = [_runs(m, options) for m in marked.new]
    row = Row(
        "clause",
        _render(old_blocks, old_runs, label_changed),
        _render(new_blocks, new_runs, label_changed),
        pair.status,
        old_id=old_id,
        new_id=new_id,
    )
    if options.abbreviate_unchanged and not _content_changed(old_runs, new_runs):
        if label_changed or id(pair) in context:
            # Show where the change sits (or the new number) and abbreviate the rest.
            return Row("clause", _abbreviated(old_blocks, label_changed), _abbreviated(new_blocks, label_changed),
                       pair.status, old_id=old_id, new_id=new_id)
        return Row("omitted", row.old, row.new, pair.status, old_id=old_id, new_id=new_id)
    return row


def _continues(pair: RevisionPair, row: Row, before: Row) -> bool:
    """Return True when an added (removed) unlabelled paragraph follows a row added (removed) as a whole."""
    clause = pair.new if row.kind == "added" else pair.old if row.kind == "removed" else None
    return clause is not None and not clause.label and before.kind == row.kind


def _first_label(blocks: Sequence[L.Block]) -> str:
    return next((b.label for b in blocks if b.label), "")


def _content_changed(*sides: list[list[Run]]) -> bool:
    return any(run.underlined for side in sides for cell in side for run in cell)


def _context_ids(pairs: Sequence[RevisionPair], options: TableOptions) -> set[int]:
    """Return the pairs that are ancestors of a changed clause: abbreviated, they still show their label."""
    if not options.abbreviate_unchanged:
        return set()
    new_ancestors: set[str] = set()
    old_ancestors: set[str] = set()
    for pair in pairs:
        if pair.status in UNCHANGED_STATUSES:
            continue
        if pair.new is not None:
            new_ancestors.update(_prefixes(pair.new.id))
        if pair.old is not None:
            old_ancestors.update(_prefixes(pair.old.id))
    return {
        id(pair)
        for pair in pairs
        if (pair.new is not None and pair.new.id in new_ancestors)
        or (pair.old is not None and pair.old.id in old_ancestors)
    }


def _prefixes(path: str) -> list[str]:
    parts = path.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _collapse(rows: list[Row]) -> list[Row]:
    """Merge each run of consecutive omitted rows into one row that says what it stands for: 「(1)～(5)　(略)」."""
    out: list[Row] = []
    run: list[Row] = []
    for row in [*rows, None]:
        if row is not None and row.kind == "omitted":
            run.append(row)
            continue
        if run:
            old = _omission([(r.old_id, r.old) for r in run])
            new = _omission([(r.new_id, r.new) for r in run])
            out.append(Row("omitted", old, new, "unchanged", old_id=run[0].old_id, new_id=run[0].new_id))
            run = []
        if row is not None:
            out.append(row)
    return out


def _omission(side: list[tuple[str, tuple[CellParagraph, ...]]]) -> tuple[CellParagraph, ...]:
    """Return the 「(略)」 of a run of clauses on one side, naming the first and last of its outermost level.

    法制執務 writes 「1　(略)」 for one clause and 「(1)～(5)　(略)」 for several; lines outside the
    clauses (a preamble) have no label and stay 「(略)」.
    """
    # An article's caption 「(目的)」 stands above its label: the label is on the next paragraph.
    firsts = [(path, next((p for p in paragraphs if p.role != L.CAPTION), None)) for path, paragraphs in side if path]
    labelled = [(path, first) for path, first in firsts if first is not None]
    if not labelled:
        return (_plain(OMITTED),)
    depth = min(path.count(".") for path, _ in labelled)
    outer = [(path, first) for path, first in labelled if path.count(".") == depth]
    labels = [_label_of(first) for _, first in outer]
    if not all(labels):
        return (_plain(OMITTED),)
    named = labels[0] if len(labels) == 1 else f"{labels[0]}～{labels[-1]}"
    first = outer[0][1]
    return (CellParagraph((Run(f"{named}{L.SPACE}{OMITTED}"),), first.indent, first.first_line, L.BODY),)


def _label_of(paragraph: CellParagraph) -> str:
    """Return the label a clause's first paragraph starts with (「(1)」 of 「(1)　不正アクセス…」), or ""."""
    text = paragraph.text
    head = text.split(L.SPACE, 1)[0]
    return head if head != text and numbering_label(head) else ""


def numbering_label(text: str) -> bool:
    """Tell whether a text is one clause label (1, (1), ①, ア, 第1条)."""
    from policygen import numbering

    return numbering.parse_label(text) is not None


def _loose_row(marked: MarkedPair, options: TableOptions, kind: str) -> Row:
    """Return the row of the lines before (or after) the clauses."""
    old_blocks = [m.block for m in marked.old]
    new_blocks = [m.block for m in marked.new]
    if not old_blocks:
        return Row("added", (_plain(ADDED_MARK),), _whole(new_blocks, underlined=True), kind)
    if not new_blocks:
        return Row("removed", _whole(old_blocks, underlined=True), (_plain(REMOVED_MARK),), kind)
    old_runs = [_runs(m, options) for m in marked.old]
    new_runs = [_runs(m, options) for m in marked.new]
    row = Row("clause", _render(old_blocks, old_runs, False), _render(new_blocks, new_runs, False), kind)
    if options.abbreviate_unchanged and not row.changed:
        return Row("omitted", row.old, row.new, kind)
    return row


# --- which changes carry a 傍線 ---------------------------------------------------------------------------------


def _drawn(span: Span, options: TableOptions) -> bool:
    """Return True when a change is drawn: the options may say notation or spacing changes are none."""
    return span.changed and not (
        (options.ignore_notation and span.notation_only) or (options.ignore_whitespace and span.spacing_only)
    )


def _runs(marked: MarkedBlock, options: TableOptions) -> list[Run]:
    """Return a block's body as runs: changed characters underlined (spaces never), a blank for the other side's words."""
    runs: list[Run] = []
    for span in marked.spans:
        drawn = _drawn(span, options)
        if not span.text:
            if drawn:
                runs.append(Run(BLANK, True))
            continue
        if not drawn:
            runs.append(Run(span.text))
            continue
        runs.extend(Run("".join(chars), not space) for space, chars in groupby(span.text, str.isspace))
    return runs


# --- rendering blocks into cell paragraphs -------------------------------------------------------------------


def indentation(block: L.Block) -> tuple[int, int]:
    """Return (left indent, first-line offset) in characters for a block, as the Word writer indents it."""
    if block.role == L.ITEM:
        return block.depth + 1, -1
    if block.role == L.BODY:
        return block.depth, 1
    if block.role in (L.HEADING2, L.CAPTION):
        return block.depth, 0
    if block.role in (L.PREAMBLE, L.POSTSCRIPT):
        return _LOOSE_INDENT_CHARS, 0  # 章名 and 附則 stand three characters in
    return 0, 0


def _paragraph(block: L.Block, body_runs: list[Run], label_underlined: bool, *, whole: bool = False
               ) -> CellParagraph:
    runs: list[Run] = []
    if block.label:
        runs.append(Run(block.label, label_underlined))
        if block.body:
            runs.append(Run(L.SPACE, whole))
    runs.extend(body_runs)
    indent, first = indentation(block)
    return CellParagraph(_merge(runs), indent, first, block.role)


def _merge(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Return the runs with empty ones left out and neighbours of the same underlining joined."""
    kept = (run for run in runs if run.text)
    return tuple(Run("".join(run.text for run in group), underlined)
                 for underlined, group in groupby(kept, key=attrgetter("underlined")))


def _render(blocks: list[L.Block], runs: list[list[Run]], label_changed: bool) -> tuple[CellParagraph, ...]:
    return tuple(_paragraph(block, cell, label_changed and bool(block.label)) for block, cell in zip(blocks, runs))


def _whole(blocks: list[L.Block], *, underlined: bool) -> tuple[CellParagraph, ...]:
    """Return blocks as paragraphs whose whole text (labels included) is underlined or not."""
    return tuple(_paragraph(b, [Run(b.body, underlined)], underlined, whole=underlined) for b in blocks)


def _abbreviated(blocks: list[L.Block], label_changed: bool) -> tuple[CellParagraph, ...]:
    """Return a clause shortened to its label (and heading line) followed by 「(略)」."""
    out: list[CellParagraph] = []
    for block in blocks:
        if block.role == L.CAPTION:
            out.append(_paragraph(block, [Run(block.body)], False))
            continue
        if block.role in (L.HEADING1, L.HEADING2):
            out.append(_paragraph(block, [Run(block.body)], label_changed))
            if len(blocks) > 1:
                indent, first = indentation(L.Block(L.BODY, "", depth=block.depth + 1))
                out.append(CellParagraph((Run(OMITTED),), indent, first, L.BODY))
            return tuple(out)
        if block.label:
            out.append(_paragraph(L.Block(block.role, OMITTED, block.label, block.depth), [Run(OMITTED)],
                                  label_changed))
            return tuple(out)
    return tuple(out) or (_plain(OMITTED),)
