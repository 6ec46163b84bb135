"""Accept or reject all tracked changes of .docx files in LibreOffice and write the resulting paragraph texts.

Run with the system Python that has Debian's python3-uno (not the project's venv):

    /usr/bin/python3 tests/lo_tracked_changes.py IN.docx accept OUT.txt [IN.docx reject OUT.txt ...]

For each (input, mode, output) triple the document is loaded hidden, LibreOffice's own
.uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges runs on its frame, and the text of every body
paragraph is written to the output, one per line, UTF-8, each line ending in "\\n". The first line of the output
is a header "# redlines BEFORE AFTER": the number of tracked changes LibreOffice saw on loading and the number
left after the command (0 when it worked). One headless soffice with a private profile serves all triples.
On any failure: one line on stderr and exit status 1.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}
START_TIMEOUT = 90.0


class Failure(Exception):
    """A failure to report as one line."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_office(profile: Path, port: int) -> subprocess.Popen:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise Failure("soffice is not on PATH")
    return subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Its own process group, so that stopping it also stops soffice.bin behind the oosplash launcher.
        start_new_session=True,
    )


def connect(office: subprocess.Popen, port: int):
    """Return the office's Desktop, retrying while soffice starts up."""
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            context = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None:
                raise Failure(f"soffice exited with status {office.returncode} before accepting connections")
            if time.monotonic() > deadline:
                raise Failure(f"soffice did not accept a connection on port {port} within {START_TIMEOUT:.0f} s")
            time.sleep(0.25)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return context, desktop


def _property(name: str, value):
    from com.sun.star.beans import PropertyValue

    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def count_redlines(document) -> int:
    enumeration = document.getRedlines().createEnumeration()
    count = 0
    while enumeration.hasMoreElements():
        enumeration.nextElement()
        count += 1
    return count


def paragraph_texts(document) -> list[str]:
    """Return the text of every paragraph of the body, in order (a table in the body is a failure)."""
    texts = []
    enumeration = document.getText().createEnumeration()
    while enumeration.hasMoreElements():
        element = enumeration.nextElement()
        if not element.supportsService("com.sun.star.text.Paragraph"):
            raise Failure("the body holds something other than paragraphs (a table?)")
        texts.append(element.getString())
    return texts


def process(context, desktop, source: Path, mode: str, target: Path) -> None:
    document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (_property("Hidden", True),))
    if document is None:
        raise Failure(f"LibreOffice could not load {source}")
    try:
        before = count_redlines(document)
        frame = document.getCurrentController().getFrame()
        helper = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        helper.executeDispatch(frame, COMMANDS[mode], "", 0, ())
        after = count_redlines(document)
        texts = paragraph_texts(document)
    finally:
        document.close(True)
    for number, text in enumerate(texts, 1):
        if "\n" in text or "\r" in text:
            raise Failure(f"{source.name}: paragraph {number} holds a line break, which one line per paragraph cannot show")
    target.write_text(f"# redlines {before} {after}\n" + "".join(t + "\n" for t in texts), encoding="utf-8")


def stop_office(desktop, office: subprocess.Popen) -> None:
    # The bridge may drop while soffice quits, raising here: the wait below is what counts.
    with contextlib.suppress(Exception):
        if desktop is not None:
            desktop.terminate()
    try:
        office.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(office.pid, signal.SIGKILL)
        office.wait(timeout=10)


def parse(argv: list[str]) -> list[tuple[Path, str, Path]]:
    if not argv or len(argv) % 3:
        raise Failure("usage: lo_tracked_changes.py IN.docx accept|reject OUT.txt [IN.docx accept|reject OUT.txt ...]")
    jobs = []
    for k in range(0, len(argv), 3):
        source, mode, target = Path(argv[k]), argv[k + 1], Path(argv[k + 2])
        if mode not in COMMANDS:
            raise Failure(f"mode {mode!r}: expected accept or reject")
        if not source.is_file():
            raise Failure(f"{source}: no such file")
        jobs.append((source, mode, target))
    return jobs


def main(argv: list[str]) -> int:
    office = desktop = None
    profile = Path(tempfile.mkdtemp(prefix="lo-"))  # the private profile: /tmp/lo-<unique>
    try:
        jobs = parse(argv)
        try:
            import uno  # noqa: F401 - fail early, with one line, when python3-uno is missing
        except ImportError:
            raise Failure(f"{sys.executable} cannot import uno (install python3-uno)") from None
        port = free_port()
        office = start_office(profile, port)
        context, desktop = connect(office, port)
        for source, mode, target in jobs:
            process(context, desktop, source, mode, target)
        return 0
    except Failure as failure:
        print(f"lo_tracked_changes: {failure}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a UNO error is reported as one line too
        print(f"lo_tracked_changes: {type(error).__name__}: {' '.join(str(error).split())}", file=sys.stderr)
        return 1
    finally:
        if office is not None:
            stop_office(desktop, office)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
