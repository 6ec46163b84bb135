"""Write the new version of a policy as a Word .docx with tracked changes (w:ins/w:del) against the old one.

The paragraphs come paired and diffed from the revision (revise/paragraphs.py), laid out as the Word writer
lays them out (layout.py, writers/docx.py); this module only writes them. Accepting all changes gives the new
version's paragraphs, rejecting all gives the old one's. Moves are written as a deletion where the clause
stood and an insertion where it stands now (no w:moveFrom/w:moveTo).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from policygen.errors import PolicygenError
from policygen.model import Block, Document, Edit, ParagraphStep, Revision
from policygen.revise.paragraphs import paragraphs_of
from policygen.writers import _ooxml as ooxml
from policygen.writers.old_new_table.docx import xml_text

W = ooxml.W_NS


def redline_docx(revision: Revision, *, author: str, date: str) -> bytes:
    """Return the new version as .docx bytes whose tracked changes turn the old version into it."""
    if not author.strip():
        raise PolicygenError("redline: the author of the tracked changes must not be empty")
    stamp = revision_date(date)
    paragraphs = paragraphs_of(revision)
    old_blocks, new_blocks = paragraphs.old, paragraphs.new
    old_ppr = _paragraph_properties(revision.old, len(old_blocks))
    new_package, new_ppr = _new_package(revision.new, len(new_blocks))
    steps = _mark_paragraphs(paragraphs.steps)
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
        """Return one w:p: inserted, deleted, or changed in place by the step's edits."""
        # The mark's change comes first in the XML (inside w:pPr), so it takes the first id: ids follow reading order.
        properties = self._ppr(ppr, step.mark)
        runs: list[str] = []
        if step.old is None:
            runs.append(self._ins(new_text) if new_text else "")
        elif step.new is None:
            runs.append(self._del(old_text) if old_text else "")
        else:
            for edit in step.edits:
                if edit.op == "equal":
                    runs.append(f'<w:r><w:t xml:space="preserve">{xml_text(edit.new)}</w:t></w:r>')
                    continue
                if edit.old:
                    runs.append(self._del(edit.old))
                if edit.new:
                    runs.append(self._ins(edit.new))
        return f"<w:p>{properties}{''.join(runs)}</w:p>"

    def body(self, steps: list[_Step], old_blocks: tuple[Block, ...], new_blocks: tuple[Block, ...],
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
