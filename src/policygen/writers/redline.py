"""Write the new version of a policy as a Word .docx with tracked changes (w:ins/w:del) against the old one.

Both versions are laid out as the Word writer lays them out (writers/layout.py, writers/docx.py), paragraphs
are paired through the revision's clause pairs, and each pair's text is diffed word by word. Accepting all
changes gives the new version's paragraphs, rejecting all gives the old one's. Moves are written as a
deletion where the clause stood and an insertion where it stands now (no w:moveFrom/w:moveTo).

The diff is old_new_table.text_edits, the project's token diff (policygen.compare.diff).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import zipfile
from dataclasses import dataclass

from policygen.errors import PolicygenError
from policygen.model import Document, Revision
from policygen.writers import layout as L
from policygen.writers import _ooxml as ooxml
from policygen.writers.old_new_table.rows import text_edits
from policygen.writers.old_new_table.docx import xml_text

W = ooxml.W_NS


def redline_docx(revision: Revision, *, author: str, date: str) -> bytes:
    """Return the new version as .docx bytes whose tracked changes turn the old version into it."""
    if not author.strip():
        raise PolicygenError("redline: the author of the tracked changes must not be empty")
    stamp = revision_date(date)
    old_blocks = L.layout(revision.old)
    new_blocks = L.layout(revision.new)
    old_ppr = _paragraph_properties(revision.old, len(old_blocks))
    new_package, new_ppr = _new_package(revision.new, len(new_blocks))
    steps = _steps(revision, old_blocks, new_blocks)
    writer = _Writer(xml_text(author.strip()).replace('"', "&quot;"), stamp)
    body = writer.body(steps, old_blocks, new_blocks, old_ppr, new_ppr)
    return _replace_body(new_package, body)


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


# --- pairing paragraphs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One output paragraph: an old block index, a new block index, or both (a paragraph changed in place)."""

    old: int | None
    new: int | None
    mark: str = ""  # "" normal, "ins"/"del": the paragraph mark itself is inserted/deleted


def _steps(revision: Revision, old_blocks: list[L.Block], new_blocks: list[L.Block]) -> list[_Step]:
    """Return the paragraphs in output order: paired ones in place, the others deleted or inserted between them."""
    anchors = _anchors(revision, old_blocks, new_blocks)
    steps: list[_Step] = []
    i = j = 0
    for a, b in anchors + [(len(old_blocks), len(new_blocks))]:
        steps.extend(_Step(k, None) for k in range(i, a))
        steps.extend(_Step(None, k) for k in range(j, b))
        if a < len(old_blocks) and b < len(new_blocks):
            steps.append(_Step(a, b))
        i, j = a + 1, b + 1
    return _mark_paragraphs(steps)


def _anchors(revision: Revision, old_blocks: list[L.Block], new_blocks: list[L.Block]) -> list[tuple[int, int]]:
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
    # A clause that moved would pair backwards: keep the longest run that goes forward on both sides.
    return _increasing(pairs)


def _units(blocks: list[L.Block]) -> dict[str, list[int]]:
    """Return block indices grouped by clause id ("" for lines outside the clauses and the 目次)."""
    units: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        key = "" if block.role == L.TOC else block.clause_id
        units.setdefault(key, []).append(index)
    return units


def _align(old: list[int], new: list[int], old_blocks: list[L.Block], new_blocks: list[L.Block]
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


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest subsequence of pairs (sorted by new index) whose old indices increase."""
    import bisect

    tails: list[int] = []  # tails[k]: index into pairs of the smallest old index ending a run of length k+1
    previous: list[int] = [-1] * len(pairs)
    for index, (old, _) in enumerate(pairs):
        k = bisect.bisect_left([pairs[t][0] for t in tails], old)
        previous[index] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    out = []
    index = tails[-1] if tails else -1
    while index >= 0:
        out.append(pairs[index])
        index = previous[index]
    return out[::-1]


def _mark_paragraphs(steps: list[_Step]) -> list[_Step]:
    """Set which paragraph marks are inserted or deleted, so that accepting or rejecting leaves no stray paragraph.

    A deleted (inserted) paragraph's mark is deleted (inserted) too: it then merges into the next paragraph.
    The document's last paragraph mark cannot go: there the flag moves to the mark before the run.
    """
    marked = [_Step(s.old, s.new, "del" if s.new is None else "ins" if s.old is None else "") for s in steps]
    tail = len(marked)
    while tail > 0 and marked[tail - 1].mark:
        tail -= 1
    trailing = marked[tail:]
    if not trailing:
        return marked
    kinds = {s.mark for s in trailing}
    if len(kinds) == 2:
        # Both kinds at the end: write the last deleted and the last inserted paragraph as one changed paragraph.
        last_old = max(s.old for s in trailing if s.old is not None)
        last_new = max(s.new for s in trailing if s.new is not None)
        rest = [s for s in trailing if s.old != last_old and s.new != last_new]
        return marked[:tail] + rest + [_Step(last_old, last_new, "")]
    kind = kinds.pop()
    if tail > 0:
        before = marked[tail - 1]
        marked[tail - 1] = _Step(before.old, before.new, kind)
    last = marked[-1]
    marked[-1] = _Step(last.old, last.new, "")
    return marked


# --- writing paragraphs --------------------------------------------------------------------------------------


class _Writer:
    """Write w:p elements with numbered w:ins/w:del, all by one author at one date."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def _attrs(self) -> str:
        attrs = f'w:id="{self.next_id}" w:author="{self.author}" w:date="{self.date}"'
        self.next_id += 1
        return attrs

    def _ins(self, text: str) -> str:
        return f'<w:ins {self._attrs()}><w:r><w:t xml:space="preserve">{xml_text(text)}</w:t></w:r></w:ins>'

    def _del(self, text: str) -> str:
        return (f'<w:del {self._attrs()}><w:r><w:delText xml:space="preserve">{xml_text(text)}</w:delText>'
                "</w:r></w:del>")

    def _ppr(self, ppr: str, mark: str) -> str:
        if not mark:
            return ppr
        flag = f"<w:rPr><w:{mark} {self._attrs()}/></w:rPr>"
        if not ppr:
            return f"<w:pPr>{flag}</w:pPr>"
        return ppr.replace("</w:pPr>", flag + "</w:pPr>") if ppr.endswith("</w:pPr>") else ppr[:-2] + f">{flag}</w:pPr>"

    def paragraph(self, step: _Step, old_text: str, new_text: str, ppr: str) -> str:
        # The mark's change comes first in the XML (inside w:pPr), so it takes the first id: ids follow reading order.
        properties = self._ppr(ppr, step.mark)
        runs: list[str] = []
        if step.old is None:
            runs.append(self._ins(new_text) if new_text else "")
        elif step.new is None:
            runs.append(self._del(old_text) if old_text else "")
        else:
            for edit in text_edits(old_text, new_text):
                if edit.op == "equal":
                    runs.append(f'<w:r><w:t xml:space="preserve">{xml_text(edit.new)}</w:t></w:r>')
                    continue
                if edit.old:
                    runs.append(self._del(edit.old))
                if edit.new:
                    runs.append(self._ins(edit.new))
        return f"<w:p>{properties}{''.join(runs)}</w:p>"

    def body(self, steps: list[_Step], old_blocks: list[L.Block], new_blocks: list[L.Block],
             old_ppr: list[str], new_ppr: list[str]) -> str:
        out = []
        for step in steps:
            old_text = old_blocks[step.old].text if step.old is not None else ""
            new_text = new_blocks[step.new].text if step.new is not None else ""
            ppr = new_ppr[step.new] if step.new is not None else old_ppr[step.old]  # type: ignore[index]
            out.append(self.paragraph(step, old_text, new_text, ppr))
        return "".join(out)


# --- the package ---------------------------------------------------------------------------------------------


def _body_paragraphs(package: bytes, expected: int) -> list:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{{{W}}}body")
    paragraphs = body.findall(f"{{{W}}}p")
    if len(paragraphs) != expected:  # the Word writer writes one paragraph per block; anything else is a bug
        raise AssertionError(f"redline: {len(paragraphs)} Word paragraphs for {expected} laid-out blocks")
    return paragraphs


def _ppr_xml(paragraph) -> str:
    from lxml import etree

    ppr = paragraph.find(f"{{{W}}}pPr")
    if ppr is None:
        return ""
    text = etree.tostring(ppr, encoding="unicode")
    # Serialized alone, the element repeats the root's namespace declarations: drop them, the root has them.
    for prefix, uri in (ppr.getroottree().getroot().nsmap or {}).items():
        text = text.replace(f' xmlns:{prefix}="{uri}"', "")
    return text


def _paragraph_properties(document: Document, expected: int) -> list[str]:
    """Return each block's w:pPr as the Word writer writes it."""
    from policygen.writers.docx import to_docx

    return [_ppr_xml(p) for p in _body_paragraphs(to_docx(document), expected)]


def _new_package(document: Document, expected: int) -> tuple[bytes, list[str]]:
    from policygen.writers.docx import to_docx

    package = to_docx(document)
    return package, [_ppr_xml(p) for p in _body_paragraphs(package, expected)]


def _replace_body(package: bytes, paragraphs: str) -> bytes:
    """Return the package with the body's paragraphs replaced, keeping its section (page setup, footer)."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = entries["word/document.xml"].decode("utf-8")
    start = xml.index("<w:body>") + len("<w:body>")
    section = xml.rindex("<w:sectPr")
    entries["word/document.xml"] = (xml[:start] + paragraphs + xml[section:]).encode("utf-8")
    return ooxml.write_zip(entries)
