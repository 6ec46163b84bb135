"""Pair and mark a revision's printed paragraphs once, for the 新旧対照表 and the redline to draw.

Both versions are laid out as every writer prints them (layout.py). For the 新旧対照表, each clause pair's
edits (over its heading and text, versions.py) are carried onto its printed paragraphs character by
character: the layout adds labels, a caption's parentheses or a full-width space that the edits do not
spell. Where the edits do not fit the printed text (a hand-made revision), that text is diffed anew.
For the text with tracked changes, paragraphs are paired inside each clause pair and diffed one by one.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from policygen import layout as L
from policygen.model import (
    Block,
    Clause,
    Document,
    Edit,
    MarkedBlock,
    MarkedPair,
    ParagraphStep,
    Paragraphs,
    Revision,
    RevisionPair,
    Span,
)
from policygen.revise.increasing import longest_increasing

# How closely the characters the edits spell must match the printed bodies to carry the edits over:
# nearly all of the edits' own text (a few characters of layout may be missing), most of the printed one.
_FIT_EDITS = 0.98
_FIT_PRINTED = 0.9

# How a character changed: (changed, notation only, spacing only); "unchanged" for the rest.
_Change = tuple[bool, bool, bool]
_UNCHANGED: _Change = (False, False, False)


def with_paragraphs(revision: Revision) -> Revision:
    """Return the revision carrying its paired and marked paragraphs."""
    return replace(revision, paragraphs=pair_paragraphs(revision))


def paragraphs_of(revision: Revision, *, steps: bool = True) -> Paragraphs:
    """Return the revision's paragraphs: those it carries, else computed now (a hand-made revision).

    `steps=False`: a caller that draws only the marked clauses (the 新旧対照表) skips the tracked-changes
    order, whose paragraph diffs cost a third of the work; its `steps` are then empty.
    """
    return revision.paragraphs if revision.paragraphs is not None else pair_paragraphs(revision, steps=steps)


def pair_paragraphs(revision: Revision, *, steps: bool = True) -> Paragraphs:
    """Lay out both versions, mark each clause pair's paragraphs and pair the paragraphs for tracked changes."""
    old_blocks = tuple(L.layout(revision.old))
    new_blocks = tuple(L.layout(revision.new))
    old_side = _Side(revision.old, old_blocks)
    new_side = _Side(revision.new, new_blocks)
    return Paragraphs(
        old=old_blocks,
        new=new_blocks,
        steps=tuple(_steps(revision, old_blocks, new_blocks)) if steps else (),
        clauses=tuple(_clause(pair, old_side, new_side) for pair in revision.pairs),
        preamble=_loose(revision.old.preamble, revision.new.preamble, L.PREAMBLE),
        postscript=_loose(revision.old.postscript, revision.new.postscript, L.POSTSCRIPT),
    )


def text_edits(old: str, new: str) -> list[Edit]:
    """Return the edits turning old into new: the project's token diff, word by word.

    >>> [(e.op, e.old, e.new) for e in text_edits("対策を講じる。", "対策を講じない。")]
    [('equal', '対策を', '対策を'), ('replace', '講じる', '講じない'), ('equal', '。', '。')]
    """
    from policygen.compare.diff import diff_tokens

    return diff_tokens(old, new)


# --- one version's layout ------------------------------------------------------------------------------------


class _Side:
    """One version's layout, with each clause's own blocks (its children excluded) found by clause id."""

    def __init__(self, document: Document, blocks: tuple[Block, ...]) -> None:
        self.document = document
        self.blocks: dict[str, list[Block]] = {}
        for block in blocks:
            if block.clause_id and block.role != L.TOC:
                self.blocks.setdefault(block.clause_id, []).append(block)

    def clause_blocks(self, clause: Clause) -> list[Block]:
        """Return the blocks of a clause's own label, heading and text, as the document lays them out."""
        found = self.blocks.get(clause.id)
        if found is not None:
            return found
        # A clause that its document does not hold (a hand-made revision): lay it out on its own.
        alone = Document(clause.label, (Clause(id="x", label=clause.label, heading=clause.heading,
                                               text=clause.text),), meta={"style": L.document_style(self.document)})
        return [b for b in L.layout(alone) if b.clause_id == "x"]


# --- the 新旧対照表's marks: which characters changed -----------------------------------------------------------


def _unmarked(blocks: list[Block]) -> tuple[MarkedBlock, ...]:
    return tuple(MarkedBlock(b, (Span(b.body),) if b.body else ()) for b in blocks)


def _clause(pair: RevisionPair, old_side: _Side, new_side: _Side) -> MarkedPair:
    """Return a pair's printed paragraphs on both sides, its changes marked (an added or removed clause: unmarked)."""
    old_blocks = old_side.clause_blocks(pair.old) if pair.old is not None else []
    new_blocks = new_side.clause_blocks(pair.new) if pair.new is not None else []
    if pair.old is None or pair.new is None:
        return MarkedPair(_unmarked(old_blocks), _unmarked(new_blocks))
    old_marks, new_marks = _marks(list(pair.edits), old_blocks, new_blocks)
    return MarkedPair(_marked(old_blocks, old_marks), _marked(new_blocks, new_marks))


def _loose(old_lines: tuple[str, ...], new_lines: tuple[str, ...], role: str) -> MarkedPair | None:
    """Return the lines before (or after) the clauses on both sides, marked, or None when neither has any."""
    old_blocks = [L.loose_line(line, role) for line in old_lines if line.strip()]
    new_blocks = [L.loose_line(line, role) for line in new_lines if line.strip()]
    if not old_blocks and not new_blocks:
        return None
    if not old_blocks or not new_blocks:
        return MarkedPair(_unmarked(old_blocks), _unmarked(new_blocks))
    edits = text_edits("\n".join(b.body for b in old_blocks), "\n".join(b.body for b in new_blocks))
    old_marks, new_marks = _transfer_edits(edits, old_blocks, new_blocks)
    return MarkedPair(_marked(old_blocks, old_marks), _marked(new_blocks, new_marks))


# A character of a block's body with how it changed; char "" is a blank standing for the other side's words.
_Mark = tuple[str, _Change]


def _marks(edits: list[Edit], old_blocks: list[Block], new_blocks: list[Block]
           ) -> tuple[list[list[_Mark]], list[list[_Mark]]]:
    """Return per block of each side the characters of its body with how they changed, plus blanks."""
    if edits and _edits_fit(edits, old_blocks, new_blocks):
        return _transfer_edits(edits, old_blocks, new_blocks)
    old_text = "\n".join(b.body for b in old_blocks)
    new_text = "\n".join(b.body for b in new_blocks)
    if old_text == new_text and not edits:
        return _flat(old_blocks), _flat(new_blocks)
    # No edits, or edits over some other rendering of the clause: diff the laid-out text.
    return _transfer_edits(text_edits(old_text, new_text), old_blocks, new_blocks)


def _flat(blocks: list[Block]) -> list[list[_Mark]]:
    return [[(c, _UNCHANGED) for c in b.body] for b in blocks]


def _edits_fit(edits: list[Edit], old_blocks: list[Block], new_blocks: list[Block]) -> bool:
    """Return True when the edits spell (nearly) the same characters as the laid-out bodies on both sides."""
    for side_text, blocks in (("".join(e.old for e in edits), old_blocks), ("".join(e.new for e in edits), new_blocks)):
        laid_out = "".join(b.body for b in blocks)
        a = _squash(side_text)
        b = _squash(laid_out)
        if a == b:
            continue  # the usual case: every character matched, nothing to measure
        matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
        if matched < _FIT_EDITS * len(a) or matched < _FIT_PRINTED * len(b):
            return False
    return True


def _squash(text: str) -> str:
    return "".join(text.split())


def _change(edit: Edit) -> _Change:
    """Return how an edit changed its text (unchanged for an "equal" step)."""
    if edit.op == "equal":
        return _UNCHANGED
    return (True, edit.notation_only, _squash(edit.old) == _squash(edit.new))


def _annotate(edits: list[Edit]) -> tuple[list[_Mark], list[_Mark]]:
    """Return each side's characters with how they changed, and blanks where only the other side has words.

    Whole paragraphs that only the other side has get no blank: they stand in rows or lines of their own,
    underlined there, and a blank at the end of this side's paragraph would mark a change it does not have.
    """
    old: list[_Mark] = []
    new: list[_Mark] = []
    for index, edit in enumerate(edits):
        change = _change(edit)
        old.extend((c, change) for c in edit.old)
        new.extend((c, change) for c in edit.new)
        if not change[0]:
            continue
        later = edits[index + 1:]
        if edit.old and not edit.new and not _whole_paragraphs(edit.old, new, "".join(e.new for e in later)):
            new.append(("", change))
        elif edit.new and not edit.old and not _whole_paragraphs(edit.new, old, "".join(e.old for e in later)):
            old.append(("", change))
    return old, new


def _whole_paragraphs(words: str, before: list[_Mark], after: str) -> bool:
    """Return True when words only the other side has are paragraphs of their own at this side's paragraph break."""
    previous = next((c for c, _ in reversed(before) if c), "\n")
    following = after[:1] or "\n"
    return (words.startswith("\n") and following == "\n") or (words.endswith("\n") and previous == "\n")


def _transfer_edits(edits: list[Edit], old_blocks: list[Block], new_blocks: list[Block]
                    ) -> tuple[list[list[_Mark]], list[list[_Mark]]]:
    old_marks, new_marks = _annotate(edits)
    return _transfer(old_marks, old_blocks), _transfer(new_marks, new_blocks)


def _transfer(marks: list[_Mark], blocks: list[Block]) -> list[list[_Mark]]:
    """Carry how the edits' characters changed onto the laid-out bodies, matched by character.

    The edits may join heading and text with a newline, the layout may add a caption's parentheses or a
    full-width space: characters only one side has are unchanged, and blanks go next to their neighbours.
    """
    chars = [m for m in marks if m[0]]
    text = "".join(c for c, _ in chars)
    # Blanks sit between characters: remember before which character (index into `chars`) each stands.
    gaps_at: list[tuple[int, _Change]] = []
    count = 0
    for char, change in marks:
        if not char:
            gaps_at.append((count, change))
        else:
            count += 1
    body = "".join(b.body for b in blocks)
    where: list[int | None]
    if text == body:
        where = list(range(len(text)))  # what the matcher finds for equal texts, without running it
    else:
        where = [None] * len(text)
        for same in difflib.SequenceMatcher(None, text, body, autojunk=False).get_matching_blocks():
            for k in range(same.size):
                where[same.a + k] = same.b + k
    changes = [_UNCHANGED] * len(body)
    for j, pos in enumerate(where):
        if pos is not None:
            changes[pos] = chars[j][1]
    before: dict[int, list[_Change]] = {}
    after: dict[int, list[_Change]] = {}
    for j, change in gaps_at:
        here = where[j] if j < len(where) else None
        previous = where[j - 1] if j > 0 else None
        if here is not None:
            before.setdefault(here, []).append(change)
        elif previous is not None:
            after.setdefault(previous, []).append(change)
        else:
            following = next((where[k] for k in range(j, len(where)) if where[k] is not None), None)
            if following is not None:
                before.setdefault(following, []).append(change)
            elif body:
                after.setdefault(len(body) - 1, []).append(change)
            else:
                before.setdefault(0, []).append(change)
    out: list[list[_Mark]] = []
    offset = 0
    for index, block in enumerate(blocks):
        end = offset + len(block.body)
        cell: list[_Mark] = []
        if not before and not after:  # no blanks to place (most cells): the characters as they are
            cell = list(zip(body[offset:end], changes[offset:end]))
        else:
            for k in range(offset, end):
                cell.extend(("", change) for change in before.get(k, ()))
                cell.append((body[k], changes[k]))
                cell.extend(("", change) for change in after.get(k, ()))
        if not body and index == 0:
            cell.extend(("", change) for change in before.get(0, ()))
        out.append(cell)
        offset += len(block.body)
    return out


def _marked(blocks: list[Block], marks: list[list[_Mark]]) -> tuple[MarkedBlock, ...]:
    """Return each block with its marked characters joined into spans (each blank a span of its own)."""
    out = []
    for block, cell in zip(blocks, marks):
        spans: list[Span] = []
        run = ""
        run_change = _UNCHANGED
        for char, change in cell:
            if char and change == run_change:
                run += char
                continue
            if run:
                spans.append(Span(run, *run_change))
            run, run_change = char, change
            if not char:
                spans.append(Span("", *change))
        if run:
            spans.append(Span(run, *run_change))
        out.append(MarkedBlock(block, tuple(spans)))
    return tuple(out)


# --- the text with tracked changes: paragraphs paired in output order ----------------------------------------


def _steps(revision: Revision, old_blocks: tuple[Block, ...], new_blocks: tuple[Block, ...]) -> list[ParagraphStep]:
    """Return the paragraphs in output order: paired ones in place, the others deleted or inserted between them."""
    anchors = _anchors(revision, old_blocks, new_blocks)
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    for a, b in anchors + [(len(old_blocks), len(new_blocks))]:
        steps.extend((k, None) for k in range(i, a))
        steps.extend((None, k) for k in range(j, b))
        if a < len(old_blocks) and b < len(new_blocks):
            steps.append((a, b))
        i, j = a + 1, b + 1
    return [
        ParagraphStep(old, new, tuple(text_edits(old_blocks[old].text, new_blocks[new].text)))
        if old is not None and new is not None else ParagraphStep(old, new)
        for old, new in _pair_last(steps)
    ]


def _pair_last(steps: list[tuple[int | None, int | None]]) -> list[tuple[int | None, int | None]]:
    """When both versions end in unpaired paragraphs, write the last of each as one changed paragraph.

    A Word document's last paragraph mark cannot be deleted or inserted, so the text with tracked
    changes must end in a paragraph both versions have.
    """
    tail = len(steps)
    while tail > 0 and (steps[tail - 1][0] is None or steps[tail - 1][1] is None):
        tail -= 1
    trailing = steps[tail:]
    olds = [old for old, new in trailing if new is None and old is not None]
    news = [new for old, new in trailing if old is None and new is not None]
    if not olds or not news:
        return steps
    last_old, last_new = max(olds), max(news)
    rest = [s for s in trailing if s[0] != last_old and s[1] != last_new]
    return steps[:tail] + rest + [(last_old, last_new)]


def _anchors(revision: Revision, old_blocks: tuple[Block, ...], new_blocks: tuple[Block, ...]
             ) -> list[tuple[int, int]]:
    """Return paired (old, new) block indices, increasing on both sides."""
    old_units = _units(old_blocks)
    new_units = _units(new_blocks)
    pairs: list[tuple[int, int]] = []
    # Lines outside the clause tree (title, date, 目次, 章, 附則) pair among themselves.
    pairs += _align(old_units.get("", []), new_units.get("", []), old_blocks, new_blocks)
    for pair in revision.pairs:
        if pair.old is None or pair.new is None:
            continue
        pairs += _align(old_units.get(pair.old.id, []), new_units.get(pair.new.id, []), old_blocks, new_blocks)
    pairs = sorted(set(pairs), key=lambda p: (p[1], p[0]))
    # A clause that moved would pair backwards: keep the longest run that goes forward on both sides,
    # weighed by text as versions.py weighs clauses, so that the paragraphs deleted and inserted again
    # are those of the clause reported moved.
    kept = longest_increasing([(old, len(old_blocks[old].text) + 1) for old, _ in pairs])
    return [pairs[i] for i in kept]


def _units(blocks: tuple[Block, ...]) -> dict[str, list[int]]:
    """Return block indices grouped by clause id ("" for lines outside the clauses and the 目次)."""
    units: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        key = "" if block.role == L.TOC else block.clause_id
        units.setdefault(key, []).append(index)
    return units


def _align(old: list[int], new: list[int], old_blocks: tuple[Block, ...], new_blocks: tuple[Block, ...]
           ) -> list[tuple[int, int]]:
    """Pair the paragraphs of one clause: equal texts first, then paragraphs of the same role in order."""
    a = [(old_blocks[k].role, old_blocks[k].text) for k in old]
    b = [(new_blocks[k].role, new_blocks[k].text) for k in new]
    out: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [(old[i1 + k], new[j1 + k]) for k in range(i2 - i1)]
            continue
        roles_a = [role for role, _ in a[i1:i2]]
        roles_b = [role for role, _ in b[j1:j2]]
        inner = difflib.SequenceMatcher(None, roles_a, roles_b, autojunk=False)
        for block in inner.get_matching_blocks():
            out += [(old[i1 + block.a + k], new[j1 + block.b + k]) for k in range(block.size)]
    return out
