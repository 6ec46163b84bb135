"""Turn a Revision into the rows of a 新旧対照表: cells of paragraphs of runs, underlined where the text changed.

The three table writers (Word, HTML, Markdown) only draw what this module decides: which clauses get a row,
what each side says (labels and headings laid out as writers/layout.py prints them), and which runs carry the
傍線. Rules (ja-conventions.md): changed words are underlined on both sides; a deletion leaves an underlined
blank on the new side and an insertion one on the old side; added clauses read 「(新設)」 on the old side and
removed ones 「(削る)」 on the new side; unchanged clauses may collapse into 「(略)」.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policygen.model import Clause, Document, Edit, Revision, RevisionPair
from policygen.writers import layout as L
from policygen.writers.old_new_table.options import NEW_OLD, TableOptions

OMITTED = "(略)"
ADDED_MARK = "(新設)"
REMOVED_MARK = "(削る)"
NO_CHANGE = "改正なし"
# One underlined full-width space marks the place of words deleted on the other side.
BLANK = "\u3000"

UNCHANGED_STATUSES = ("unchanged", "renumbered")
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
    old_side = _Side(revision.old)
    new_side = _Side(revision.new)
    rows: list[Row] = []
    preamble = _loose_row(revision.old.preamble, revision.new.preamble, options, "preamble")
    if preamble is not None:
        rows.append(preamble)
    context = _context_ids(revision.pairs, options)
    for pair in revision.pairs:
        rows.append(_pair_row(pair, old_side, new_side, options, context))
    postscript = _loose_row(revision.old.postscript, revision.new.postscript, options, "postscript")
    if postscript is not None:
        rows.append(postscript)
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


# --- one side's layout ---------------------------------------------------------------------------------------


class _Side:
    """One version's layout, with each clause's own blocks (its children excluded) found by clause id."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks: dict[str, list[L.Block]] = {}
        for block in L.layout(document):
            if block.clause_id and block.role != L.TOC:
                self.blocks.setdefault(block.clause_id, []).append(block)

    def clause_blocks(self, clause: Clause) -> list[L.Block]:
        """Return the blocks of a clause's own label, heading and text, as the document lays them out."""
        found = self.blocks.get(clause.id)
        if found is not None:
            return found
        # A clause that its document does not hold (a hand-made revision): lay it out on its own.
        alone = Document(clause.label, (Clause(id="x", label=clause.label, heading=clause.heading,
                                               text=clause.text),), meta={"style": L.document_style(self.document)})
        return [b for b in L.layout(alone) if b.clause_id == "x"]


# --- rows ----------------------------------------------------------------------------------------------------


def _plain(text: str, *, underlined: bool = False) -> CellParagraph:
    return CellParagraph((Run(text, underlined),))


def _pair_row(pair: RevisionPair, old_side: _Side, new_side: _Side, options: TableOptions,
              context: set[int]) -> Row:
    old_id = pair.old.id if pair.old is not None else ""
    new_id = pair.new.id if pair.new is not None else ""
    if pair.new is None and pair.old is not None:
        old = _whole(old_side.clause_blocks(pair.old), underlined=True)
        return Row("removed", old, (_plain(REMOVED_MARK),), pair.status, old_id=old_id)
    if pair.old is None and pair.new is not None:
        new = _whole(new_side.clause_blocks(pair.new), underlined=True)
        return Row("added", (_plain(ADDED_MARK),), new, pair.status, new_id=new_id)
    if pair.old is None or pair.new is None:
        return Row("clause", (), (), pair.status)
    old_blocks = old_side.clause_blocks(pair.old)
    new_blocks = new_side.clause_blocks(pair.new)
    label_changed = _first_label(old_blocks) != _first_label(new_blocks)
    old_marks, new_marks = _marks(pair, old_blocks, new_blocks, options)
    row = Row(
        "clause",
        _render(old_blocks, old_marks, label_changed),
        _render(new_blocks, new_marks, label_changed),
        pair.status,
        old_id=old_id,
        new_id=new_id,
    )
    if options.abbreviate_unchanged and not _content_changed(old_marks, new_marks):
        if label_changed or id(pair) in context:
            # Show where the change sits (or the new number) and abbreviate the rest.
            return Row("clause", _abbreviated(old_blocks, label_changed), _abbreviated(new_blocks, label_changed),
                       pair.status, old_id=old_id, new_id=new_id)
        return Row("omitted", row.old, row.new, pair.status, old_id=old_id, new_id=new_id)
    return row


def _first_label(blocks: Sequence[L.Block]) -> str:
    return next((b.label for b in blocks if b.label), "")


def _content_changed(*marks: list[list[_Mark]]) -> bool:
    return any(m.underlined for side in marks for block in side for m in block)


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
    """Merge each run of consecutive omitted rows into one 「(略)」 row."""
    out: list[Row] = []
    for row in rows:
        if row.kind != "omitted":
            out.append(row)
            continue
        if out and out[-1].kind == "omitted":
            continue
        mark = (_plain(OMITTED),)
        out.append(Row("omitted", mark, mark, "unchanged"))
    return out


def _loose_row(old_lines: Iterable[str], new_lines: Iterable[str], options: TableOptions, kind: str) -> Row | None:
    """Return a row for the lines before (or after) the clauses, or None when neither version has any."""
    old_blocks = [_loose_block(line, kind) for line in old_lines if line.strip()]
    new_blocks = [_loose_block(line, kind) for line in new_lines if line.strip()]
    if not old_blocks and not new_blocks:
        return None
    if not old_blocks:
        return Row("added", (_plain(ADDED_MARK),), _whole(new_blocks, underlined=True), kind)
    if not new_blocks:
        return Row("removed", _whole(old_blocks, underlined=True), (_plain(REMOVED_MARK),), kind)
    old_text = "\n".join(b.body for b in old_blocks)
    new_text = "\n".join(b.body for b in new_blocks)
    edits = text_edits(old_text, new_text)
    old_marks, new_marks = _transfer_edits(edits, old_blocks, new_blocks, options)
    row = Row("clause", _render(old_blocks, old_marks, False), _render(new_blocks, new_marks, False), kind)
    if options.abbreviate_unchanged and not row.changed:
        return Row("omitted", row.old, row.new, kind)
    return row


def _loose_block(line: str, kind: str) -> L.Block:
    """Lay out a line outside the clauses as layout.py does: a sentence runs as body, 附則 or 第1章 stands alone."""
    line = line.strip()
    return L.Block(L.BODY, line) if line.endswith("。") else L.Block(L.POSTSCRIPT if kind == "postscript" else L.PREAMBLE, line)


# --- marks: which characters are underlined ------------------------------------------------------------------


@dataclass(frozen=True)
class _Mark:
    """One character of a block's body, or (char == "") an underlined blank standing for the other side's words."""

    char: str
    underlined: bool

    @property
    def gap(self) -> bool:
        return self.char == ""


def _marks(pair: RevisionPair, old_blocks: list[L.Block], new_blocks: list[L.Block],
           options: TableOptions) -> tuple[list[list[_Mark]], list[list[_Mark]]]:
    """Return per block of each side the characters of its body with their underline, plus blanks."""
    edits = list(pair.edits)
    if edits and _edits_fit(edits, old_blocks, new_blocks):
        return _transfer_edits(edits, old_blocks, new_blocks, options)
    old_text = "\n".join(b.body for b in old_blocks)
    new_text = "\n".join(b.body for b in new_blocks)
    if old_text == new_text and not edits:
        return _flat(old_blocks), _flat(new_blocks)
    # No edits, or edits over some other rendering of the clause: diff the laid-out text ourselves.
    return _transfer_edits(text_edits(old_text, new_text), old_blocks, new_blocks, options)


def _flat(blocks: list[L.Block]) -> list[list[_Mark]]:
    return [[_Mark(c, False) for c in b.body] for b in blocks]


def _edits_fit(edits: list[Edit], old_blocks: list[L.Block], new_blocks: list[L.Block]) -> bool:
    """Return True when the edits spell (nearly) the same characters as the laid-out bodies on both sides."""
    import difflib

    for side_text, blocks in (("".join(e.old for e in edits), old_blocks), ("".join(e.new for e in edits), new_blocks)):
        laid_out = "".join(b.body for b in blocks)
        a = _squash(side_text)
        b = _squash(laid_out)
        if not a and not b:
            continue
        matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        if matched < 0.98 * len(a) or matched < 0.9 * len(b):
            return False
    return True


def _squash(text: str) -> str:
    return "".join(text.split())


def _ignored(edit: Edit, options: TableOptions) -> bool:
    """Return True when the options say this edit is no change worth a 傍線."""
    return (
        edit.op == "equal"
        or (options.ignore_notation and edit.notation_only)
        or (options.ignore_whitespace and _squash(edit.old) == _squash(edit.new))
    )


def _annotate(edits: list[Edit], options: TableOptions) -> tuple[list[_Mark], list[_Mark]]:
    """Return each side's characters with underline flags and blanks, as the edits spell them."""
    old: list[_Mark] = []
    new: list[_Mark] = []
    for edit in edits:
        if _ignored(edit, options):
            old.extend(_Mark(c, False) for c in edit.old)
            new.extend(_Mark(c, False) for c in edit.new)
            continue
        old.extend(_Mark(c, not c.isspace()) for c in edit.old)
        new.extend(_Mark(c, not c.isspace()) for c in edit.new)
        if edit.old and not edit.new:
            new.append(_Mark("", True))
        elif edit.new and not edit.old:
            old.append(_Mark("", True))
    return old, new


def _transfer_edits(edits: list[Edit], old_blocks: list[L.Block], new_blocks: list[L.Block],
                    options: TableOptions) -> tuple[list[list[_Mark]], list[list[_Mark]]]:
    old_marks, new_marks = _annotate(edits, options)
    return _transfer(old_marks, old_blocks), _transfer(new_marks, new_blocks)


def _transfer(marks: list[_Mark], blocks: list[L.Block]) -> list[list[_Mark]]:
    """Carry the underline flags of the edits' characters onto the laid-out bodies, matched by character.

    The edits may join heading and text with a newline, the layout may add a caption's parentheses or a
    full-width space: characters only one side has carry no 傍線, and blanks go next to their neighbours.
    """
    import difflib

    chars = [m for m in marks if not m.gap]
    text = "".join(m.char for m in chars)
    # Blanks sit between characters: remember before which character (index into `chars`) each stands.
    gaps_at: list[int] = []
    count = 0
    for m in marks:
        if m.gap:
            gaps_at.append(count)
        else:
            count += 1
    body = "".join(b.body for b in blocks)
    matcher = difflib.SequenceMatcher(None, text, body, autojunk=False)
    where: list[int | None] = [None] * len(text)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            where[block.a + k] = block.b + k
    flags = [False] * len(body)
    for j, pos in enumerate(where):
        if pos is not None:
            flags[pos] = chars[j].underlined
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for j in gaps_at:
        if j < len(where) and where[j] is not None:
            before[where[j]] = before.get(where[j], 0) + 1
        elif j > 0 and where[j - 1] is not None:
            after[where[j - 1]] = after.get(where[j - 1], 0) + 1
        else:
            following = next((where[k] for k in range(j, len(where)) if where[k] is not None), None)
            if following is not None:
                before[following] = before.get(following, 0) + 1
            elif body:
                after[len(body) - 1] = after.get(len(body) - 1, 0) + 1
            else:
                before[0] = before.get(0, 0) + 1
    out: list[list[_Mark]] = []
    offset = 0
    for index, block in enumerate(blocks):
        cell: list[_Mark] = []
        for k in range(offset, offset + len(block.body)):
            cell.extend(_Mark("", True) for _ in range(before.get(k, 0)))
            cell.append(_Mark(body[k], flags[k]))
            cell.extend(_Mark("", True) for _ in range(after.get(k, 0)))
        if not body and index == 0:
            cell.extend(_Mark("", True) for _ in range(before.get(0, 0)))
        out.append(cell)
        offset += len(block.body)
    return out


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
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].underlined == run.underlined:
            out[-1] = Run(out[-1].text + run.text, run.underlined)
        else:
            out.append(run)
    return tuple(out)


def _render(blocks: list[L.Block], marks: list[list[_Mark]], label_changed: bool) -> tuple[CellParagraph, ...]:
    out = []
    for block, cell in zip(blocks, marks):
        runs = [Run(BLANK if m.gap else m.char, m.underlined) for m in cell]
        out.append(_paragraph(block, runs, label_changed and bool(block.label)))
    return tuple(out)


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


# --- a diff for text the revision gives no edits for ---------------------------------------------------------

def text_edits(old: str, new: str) -> list[Edit]:
    """Return the edits turning old into new: the project's token diff, word by word.

    >>> [(e.op, e.old, e.new) for e in text_edits("対策を講じる。", "対策を講じない。")]
    [('equal', '対策を', '対策を'), ('replace', '講じる', '講じない'), ('equal', '。', '。')]
    """
    from policygen.compare.diff import diff_tokens

    return diff_tokens(old, new)

