"""Write the new version of a policy as a Word .docx with tracked changes (w:ins/w:del) against the old one.

The paragraphs come paired and diffed from the revision (revise/paragraphs.py), laid out as the Word writer
lays them out (layout.py, writers/docx.py); this module only writes them. Accepting all changes gives the new
version's paragraphs, rejecting all gives the old one's. Moves are written as a deletion where the clause
stood and an insertion where it stands now (no w:moveFrom/w:moveTo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policygen.errors import PolicygenError
from policygen.model import Block, Edit, ParagraphStep, Revision
from policygen.revise.paragraphs import paragraphs_of
from policygen.writers import _ooxml as ooxml


def redline_docx(revision: Revision, *, author: str, date: str) -> bytes:
    """Return the new version as .docx bytes whose tracked changes turn the old version into it."""
    if not author.strip():
        raise PolicygenError("redline: the author of the tracked changes must not be empty")
    stamp = revision_date(date)
    paragraphs = paragraphs_of(revision)
    old_blocks, new_blocks = paragraphs.old, paragraphs.new
    from policygen.writers.docx import to_docx

    old_ppr = ooxml.body_paragraph_properties(to_docx(revision.old), len(old_blocks))
    new_package = to_docx(revision.new)
    new_ppr = ooxml.body_paragraph_properties(new_package, len(new_blocks))
    steps = _mark_paragraphs(paragraphs.steps)
    body = _body(ooxml.TrackedChanges(author.strip(), stamp), steps, old_blocks, new_blocks, old_ppr, new_ppr)
    return ooxml.replace_body(new_package, body)


def revision_date(date: str) -> str:
    """Return an ISO 8601 date or date-time as Word's w:date form (UTC, seconds, "Z")."""
    text = date.strip()
    try:
        when = dt.datetime.fromisoformat(text.removesuffix("Z"))
    except ValueError:
        raise PolicygenError(f"redline date {date!r}: not an ISO 8601 date (expected e.g. 2026-04-01 or "
                             "2026-04-01T09:00:00Z)") from None
    # Word reads w:date as local wall-clock time (and writes it with a "Z" anyway): keep the clock time given.
    return when.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- paragraph marks ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One output paragraph: an old block index, a new block index, or both (a paragraph changed in place)."""

    old: int | None
    new: int | None
    mark: str = ""  # "" normal, "ins"/"del": the paragraph mark itself is inserted/deleted
    edits: tuple[Edit, ...] = ()


def _mark_paragraphs(steps: tuple[ParagraphStep, ...]) -> list[_Step]:
    """Set which paragraph marks are inserted or deleted, so that accepting or rejecting leaves no stray paragraph.

    A deleted (inserted) paragraph's mark is deleted (inserted) too: it then merges into the next paragraph.
    The document's last paragraph mark cannot go: there the flag moves to the mark before the run (the
    pairing already makes the last paragraph a changed one when both versions end in unpaired ones).
    """
    marked = [_Step(s.old, s.new, "del" if s.new is None else "ins" if s.old is None else "", s.edits) for s in steps]
    tail = len(marked)
    while tail > 0 and marked[tail - 1].mark:
        tail -= 1
    if tail == len(marked):
        return marked
    kind = marked[-1].mark
    if tail > 0:
        before = marked[tail - 1]
        marked[tail - 1] = _Step(before.old, before.new, kind, before.edits)
    last = marked[-1]
    marked[-1] = _Step(last.old, last.new, "", last.edits)
    return marked


# --- writing paragraphs --------------------------------------------------------------------------------------


def _paragraph(changes: ooxml.TrackedChanges, step: _Step, old_text: str, new_text: str, ppr: str) -> str:
    """Return one w:p: inserted, deleted, or changed in place by the step's edits."""
    # The mark's change comes first in the XML (inside w:pPr), so it takes the first id: ids follow reading order.
    properties = changes.mark(ppr, step.mark)
    runs: list[str] = []
    if step.old is None:
        runs.append(changes.inserted(new_text) if new_text else "")
    elif step.new is None:
        runs.append(changes.deleted(old_text) if old_text else "")
    else:
        for edit in step.edits:
            if edit.op == "equal":
                runs.append(ooxml.run(edit.new))
                continue
            if edit.old:
                runs.append(changes.deleted(edit.old))
            if edit.new:
                runs.append(changes.inserted(edit.new))
    return ooxml.paragraph(properties, "".join(runs))


def _body(changes: ooxml.TrackedChanges, steps: list[_Step], old_blocks: tuple[Block, ...],
          new_blocks: tuple[Block, ...], old_ppr: list[str], new_ppr: list[str]) -> str:
    """Return the body's paragraphs, in the new version's paragraph properties where it has the paragraph."""
    out = []
    for step in steps:
        old_text = old_blocks[step.old].text if step.old is not None else ""
        new_text = new_blocks[step.new].text if step.new is not None else ""
        ppr = new_ppr[step.new] if step.new is not None else old_ppr[step.old]  # type: ignore[index]
        out.append(_paragraph(changes, step, old_text, new_text, ppr))
    return "".join(out)
