"""LibreOffice's own accept-all / reject-all of the redline gives the new / old version's paragraphs.

tests/lo_tracked_changes.py drives LibreOffice over UNO; it needs Debian's python3-uno, which serves only the
system Python, so it runs as a subprocess of /usr/bin/python3. One soffice start serves the whole module.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from test_old_new_table_sample import sample_revision
from test_redline import AUTHOR, DATE, accept_all, reject_all, texts

from policygen.model import Clause, Document, Revision, RevisionPair
from policygen.writers import _ooxml as ooxml
from policygen.writers.redline import redline_docx

SCRIPT = Path(__file__).with_name("lo_tracked_changes.py")
SYSTEM_PYTHON = "/usr/bin/python3"
# A paragraph mark's own change, <w:pPr><w:rPr><w:del …/></w:rPr></w:pPr>, as the redline writer writes it.
MARK_FLAG = re.compile(r"<w:rPr><w:(?:ins|del) [^>]*/></w:rPr>")


def _system_env() -> dict[str, str]:
    # The venv's or pyenv's PYTHONPATH/PYTHONHOME would point the system Python at the wrong standard library.
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def _skip_without_uno() -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer")
    if not Path(SYSTEM_PYTHON).exists():
        pytest.skip(f"{SYSTEM_PYTHON} is missing; python3-uno serves only the system Python")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, env=_system_env(), check=False)
    if probe.returncode != 0:
        pytest.skip(f"{SYSTEM_PYTHON} cannot import uno; CI installs python3-uno")


@dataclass(frozen=True)
class Outcome:
    """What LibreOffice left after one command: redlines before and after it, and the paragraph texts."""

    before: int
    after: int
    paragraphs: list[str]


def _read(path: Path) -> Outcome:
    header, *lines = path.read_text(encoding="utf-8").split("\n")
    tag, before, after = header.removeprefix("# ").split()
    assert tag == "redlines" and lines[-1] == "", "every paragraph line ends in a newline"
    return Outcome(int(before), int(after), lines[:-1])


def _ends_revisions() -> dict[str, Revision]:
    """Return small revisions whose changes sit at the end, where the last paragraph mark cannot be deleted."""
    old = Document("方針", (Clause("1", "1", "目的", "目的を定める。"), Clause("2", "2", "見直し", "見直す。")),
                   meta={"style": "numbered"}, postscript=("以上",))
    new = Document("方針", (Clause("1", "1", "目的", "目的を定める。"),),
                   meta={"style": "numbered"}, postscript=("附　則", "この方針は、公表の日から施行する。"))
    both = Revision(old, new, (RevisionPair("unchanged", old.clauses[0], new.clauses[0]),
                               RevisionPair("removed", old.clauses[1], None)))
    bare, with_postscript = replace(old, postscript=()), replace(old, postscript=("附　則",))
    same = tuple(RevisionPair("unchanged", c, c) for c in old.clauses)
    return {
        "removed_and_added_at_end": both,
        "added_at_end": Revision(bare, with_postscript, same),
        "removed_at_end": Revision(with_postscript, bare, same),
    }


def _without_mark_flags(data: bytes) -> bytes:
    """Return the redline with the paragraph marks' own changes dropped (a deliberately broken control)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = entries["word/document.xml"].decode("utf-8")
    assert MARK_FLAG.search(xml), "the sample redline flags some paragraph marks"
    entries["word/document.xml"] = MARK_FLAG.sub("", xml).encode("utf-8")
    return ooxml.write_zip(entries)


@pytest.fixture(scope="module")
def cases() -> dict[str, tuple[Revision, bytes]]:
    revisions = {"sample": sample_revision(), **_ends_revisions()}
    return {name: (r, redline_docx(r, author=AUTHOR, date=DATE)) for name, r in revisions.items()}


@pytest.fixture(scope="module")
def libreoffice(cases, tmp_path_factory) -> dict[tuple[str, str], Outcome]:
    """Return LibreOffice's outcome for every (case, "accept"|"reject"), from one soffice run."""
    _skip_without_uno()
    folder = tmp_path_factory.mktemp("lo-redline")
    files = {name: data for name, (_, data) in cases.items()}
    files["control_without_mark_flags"] = _without_mark_flags(cases["sample"][1])
    args, outputs = [], {}
    for name, data in files.items():
        source = folder / f"{name}.docx"
        source.write_bytes(data)
        for mode in ("accept", "reject"):
            outputs[name, mode] = folder / f"{name}.{mode}.txt"
            args += [str(source), mode, str(outputs[name, mode])]
    result = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), *args], capture_output=True, text=True, timeout=300,
                            env=_system_env(), check=False)
    assert result.returncode == 0, result.stderr.strip()
    return {key: _read(path) for key, path in outputs.items()}


CASES = ["sample", "removed_and_added_at_end", "added_at_end", "removed_at_end"]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_accept_all_gives_the_new_version(cases, libreoffice, name):
    revision, _ = cases[name]
    assert libreoffice[name, "accept"].paragraphs == texts(revision.new)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_reject_all_gives_the_old_version(cases, libreoffice, name):
    revision, _ = cases[name]
    assert libreoffice[name, "reject"].paragraphs == texts(revision.old)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_agrees_with_the_xml_round_trip(cases, libreoffice, name):
    _, data = cases[name]
    assert libreoffice[name, "accept"].paragraphs == accept_all(data)
    assert libreoffice[name, "reject"].paragraphs == reject_all(data)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", CASES)
def test_libreoffice_saw_tracked_changes_and_its_commands_cleared_them(libreoffice, name):
    # Guards against a command that silently did nothing: then the redlines would remain.
    for mode in ("accept", "reject"):
        outcome = libreoffice[name, mode]
        assert outcome.before > 0 and outcome.after == 0, (mode, outcome.before, outcome.after)
    assert libreoffice[name, "accept"].paragraphs != libreoffice[name, "reject"].paragraphs


@pytest.mark.libreoffice
def test_sample_is_large_enough_to_mean_something(libreoffice):
    outcome = libreoffice["sample", "accept"]
    assert len(outcome.paragraphs) > 80 and outcome.before > 30


@pytest.mark.libreoffice
def test_control_without_mark_flags_leaves_empty_paragraphs(cases, libreoffice):
    # Without the paragraph marks' own w:del/w:ins, LibreOffice keeps the marks of paragraphs deleted or inserted
    # whole: the texts are right but empty paragraphs stay. So the checks above do see paragraph-mark handling.
    revision, _ = cases["sample"]
    accepted = libreoffice["control_without_mark_flags", "accept"].paragraphs
    rejected = libreoffice["control_without_mark_flags", "reject"].paragraphs
    assert "" in accepted and "" in rejected
    assert [t for t in accepted if t] == texts(revision.new)
    assert [t for t in rejected if t] == texts(revision.old)


def test_script_reports_bad_arguments_in_one_line(tmp_path):
    # Argument checks come before LibreOffice or uno is needed, so any Python runs this.
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "missing.docx"), "accept",
                             str(tmp_path / "out.txt")], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "missing.docx: no such file" in result.stderr
    result = subprocess.run([sys.executable, str(SCRIPT), str(SCRIPT), "approve", str(tmp_path / "out.txt")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "expected accept or reject" in result.stderr
