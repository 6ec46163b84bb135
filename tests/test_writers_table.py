"""The reader and writer tables: every entry resolves, the commands' formats are in them, nothing heavy loads early."""

import subprocess
import sys
from pathlib import Path

import pytest

from policygen.cli import build_parser
from policygen.errors import PolicygenError
from policygen.model import Clause, Comparison, Document, Revision, RevisionPair
from policygen.readers import READERS, read_bytes
from policygen.writers import OLD_NEW_TABLE, WRITERS, extensions, formats, write

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("kind, name", [(k, n) for k, table in WRITERS.items() for n in table])
def test_every_writer_entry_names_a_function(kind, name):
    assert callable(WRITERS[kind][name].load())


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_reader_entry_names_a_function(name):
    import importlib

    module, _, function = READERS[name].partition(":")
    assert callable(getattr(importlib.import_module(f"policygen.readers.{module}"), function))


def _choices(command: str, option: str) -> tuple[str, ...]:
    sub = next(a for a in build_parser()._actions if a.dest == "command").choices[command]
    return tuple(next(a for a in sub._actions if a.dest == option).choices)


def test_the_commands_formats_are_writers():
    assert set(_choices("read", "format")) <= set(formats(Document))
    assert _choices("compare", "format") == formats(Comparison)
    assert set(OLD_NEW_TABLE) <= set(formats(Revision))


def test_extensions_per_input_type():
    assert extensions(Document) == {".md": "md", ".markdown": "md", ".docx": "docx"}
    assert extensions(Revision, OLD_NEW_TABLE) == {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md",
                                                   ".markdown": "md"}
    assert extensions(Comparison)[".txt"] == "text"


def test_write_picks_the_writer_by_type_and_name_and_passes_only_its_options():
    document = read_bytes("1 目的\n本基本方針は、目的を定める。\n".encode("utf-8"), name="p.txt")
    tree = write(document, "tree", reference_docx=b"ignored by the tree writer")
    assert "1 【目的】 本基本方針は、目的を定める。" in tree.decode("utf-8").splitlines()
    assert write(document, "md").decode("utf-8").startswith("## 1 目的\n")
    assert write(document, "docx").startswith(b"PK")
    revision = Revision(document, document, tuple(RevisionPair("unchanged", c, c) for c in document.walk()))
    assert write(revision, "text", author="x") == "no change\n".encode("utf-8")
    with pytest.raises(PolicygenError, match="no writer for format 'pdf'"):
        write(document, "pdf")


def test_help_loads_no_writer_or_heavy_library():
    code = ("import sys; from policygen.cli import build_parser; build_parser(); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('docx', 'jinja2', 'lxml', 'fugashi', "
            "'pdfminer', 'markdown_it', 'policygen.writers.', 'policygen.readers.')))))")
    out = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == ""
