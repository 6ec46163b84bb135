"""Write a Revision as a short text: one line per changed clause and a count line (`policygen diff` to the terminal)."""

from __future__ import annotations

from policygen import numbering
from policygen.model import UNCHANGED_STATUSES, Document, Revision, RevisionStatus

_SUMMARY_WIDTH = 160
_CONTEXT = 6


def changes_text(revision: Revision) -> str:
    """Return one line per changed pair (status, old label → new label, compact diff) and a count line."""
    old_labels = _full_labels(revision.old)
    new_labels = _full_labels(revision.new)
    lines = []
    counts: dict[str, int] = {}
    for pair in revision.pairs:
        counts[pair.status] = counts.get(pair.status, 0) + 1
        if pair.status in UNCHANGED_STATUSES:
            continue
        old = old_labels.get(pair.old.id, "") if pair.old else "—"
        new = new_labels.get(pair.new.id, "") if pair.new else "—"
        lines.append(_clip(f"{pair.status:<9} {old} → {new}  {_compact(pair)}".rstrip()))
    shown = ", ".join(f"{counts[s]} {s}" for s in _ORDER if counts.get(s) and s != "unchanged")
    if not revision.changed():
        lines.append(f"no change ({shown})" if shown else "no change")
    else:
        lines.append(shown)
    return "\n".join(lines) + "\n"


# The count line names the changes of substance first.
_ORDER: tuple[RevisionStatus, ...] = ("modified", "notation", "moved", "added", "removed", "renumbered", "unchanged")


def _full_labels(document: Document) -> dict[str, str]:
    """Return each clause's label with its ancestors' (6(3)①, 第4条第2項) for the summary."""
    out: dict[str, str] = {}

    def visit(clauses, prefix: str, parent_label: str) -> None:
        for clause in clauses:
            label = numbering.full_part(clause.label, parent_label)
            full = prefix + label if label else prefix + f"[{clause.id.rsplit('.', 1)[-1]}]"
            out[clause.id] = full
            visit(clause.children, full, clause.label)

    visit(document.clauses, "", "")
    return out


def _compact(pair) -> str:
    """Return the pair's changes as [-old-]{+new+} with a few characters of context each."""
    if pair.old is None or pair.new is None:
        clause = pair.new or pair.old
        text = clause.heading or clause.text.split("\n")[0]
        extra = ""
        if pair.related is not None:
            extra = f" (merged into {pair.related.id})" if pair.old is not None else f" (split from {pair.related.id})"
        return text + extra
    edits = [e for e in pair.edits]
    pieces = []
    for index, edit in enumerate(edits):
        if edit.op == "equal":
            continue
        before = edits[index - 1].new[-_CONTEXT:] if index and edits[index - 1].op == "equal" else ""
        after = edits[index + 1].new[:_CONTEXT] if index + 1 < len(edits) and edits[index + 1].op == "equal" else ""
        change = (f"[-{edit.old}-]" if edit.old else "") + (f"{{+{edit.new}+}}" if edit.new else "")
        pieces.append((before + change + after).replace("\n", "⏎"))
    if not pieces:  # a move without rewording: name the clause
        return _clip(pair.new.heading or pair.new.text.split("\n")[0])
    return " … ".join(pieces)


def _clip(line: str) -> str:
    return line if len(line) <= _SUMMARY_WIDTH else line[: _SUMMARY_WIDTH - 1] + "…"
