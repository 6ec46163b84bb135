"""Build real input files for tests: plain-text policies as .docx (python-docx) and as PDF (LibreOffice).

Reusable by any test: `text_to_docx(text, path)` writes one Word paragraph per non-empty line;
`docx_to_pdf(docx_path, outdir)` converts with a private LibreOffice profile so that parallel runs
do not fight over ~/.config/libreoffice.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

BODY_FONT = "IPAex明朝"


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """Write a PDF by hand: the numbered objects (1 the catalog), a cross-reference table and a trailer."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def soffice_available() -> bool:
    """Tell whether LibreOffice can be run here."""
    return shutil.which("soffice") is not None


def _set_font(run_or_style_font, name: str) -> None:
    from docx.oxml.ns import qn

    run_or_style_font.name = name
    rpr = run_or_style_font.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    # Word picks the East Asian font from w:eastAsia; without it Japanese falls back to a default.
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _add_page_field(paragraph, text_before: str = "- ", text_after: str = " -") -> None:
    """Append 「- PAGE -」 to a paragraph as a real Word field (fldChar begin/instr/separate/end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run(text_before)
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run("1")
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    paragraph.add_run(text_after)


def text_to_docx(
    text: str,
    path: str | Path,
    *,
    header: str | None = None,
    page_numbers: bool = False,
    font: str = BODY_FONT,
    size_pt: float = 10.5,
    space_after_pt: float = 4.0,
) -> Path:
    """Write each non-empty line of `text` as one paragraph of an A4 .docx; return the path.

    `header` adds a running header on every page; `page_numbers` adds a 「- N -」 footer field.
    Paragraph spacing (`space_after_pt`) is what separates paragraphs visually, as in most
    office documents; 0 gives a layout where only line lengths and labels mark paragraphs.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    _set_font(normal.font, font)
    normal.font.size = Pt(size_pt)
    normal.paragraph_format.space_after = Pt(space_after_pt)
    normal.paragraph_format.space_before = Pt(0)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(25), Mm(25)
        section.left_margin, section.right_margin = Mm(30), Mm(17)
        section.header_distance, section.footer_distance = Mm(12), Mm(12)
        if header is not None:
            section.header.is_linked_to_previous = False
            section.header.paragraphs[0].text = header
            section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if page_numbers:
            section.footer.is_linked_to_previous = False
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_page_field(footer)
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    path = Path(path)
    document.save(path)
    return path


def docx_to_pdf(docx_path: str | Path, outdir: str | Path, *, timeout: float = 180) -> Path:
    """Convert a .docx (or any LibreOffice-readable file) to PDF in `outdir`; return the PDF path."""
    docx_path, outdir = Path(docx_path), Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"lo-policygen-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx_path),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (docx_path.stem + ".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"soffice failed on {docx_path}: {result.stderr.strip() or result.stdout.strip()}")
    return pdf


def pdf_to_text(pdf_path: str | Path) -> str:
    """Return poppler's pdftotext rendering of a PDF (an independent check of what a PDF shows)."""
    result = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    return result.stdout
