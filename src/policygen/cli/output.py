"""Write output files all-or-nothing, so that a failure never leaves a partial file behind."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from policygen.errors import PolicygenError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file through a temporary file in its own folder, then move each into place.

    All content must already be rendered in memory: nothing is written unless every output exists.
    """
    staged: list[tuple[str, Path]] = []
    for path in files:
        _check_target(path)
    try:
        for path, data in files.items():
            folder = path.parent if str(path.parent) else Path(".")
            # A short fixed prefix: the target's own name may already be as long as the system allows.
            fd, tmp = tempfile.mkstemp(prefix=".policygen-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the user's usual mode
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
        staged = []
    except OSError as exc:
        target = next((str(path) for tmp, path in staged if tmp == exc.filename), exc.filename or "")
        raise PolicygenError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)


def write_stdout(data: bytes) -> None:
    """Write bytes to standard output as they are (UTF-8), whatever the locale's encoding."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:  # a text-only stream (a test's capture): decode what we were given
        sys.stdout.write(data.decode("utf-8"))


def output_targets(groups: list[tuple[list[Path], dict[str, str], str]], redline: Path | None = None) -> dict[Path, str]:
    """Map each output path to what goes there, by its extension, for groups of (paths, kinds, what).

    Refuses an extension a group does not know and a path named twice, before anything is rendered.
    A redline, when asked for, is always a Word document.
    """
    targets: dict[Path, str] = {}
    for paths, kinds, what in groups:
        for path in paths:
            kind = kinds.get(path.suffix.lower())
            if kind is None:
                known = " ".join(sorted(kinds))
                raise PolicygenError(f"{path}: unknown {what} extension {path.suffix or '(none)'!r}: use one of {known}")
            if path in targets:
                raise PolicygenError(f"{path}: given twice as an output")
            targets[path] = kind
    if redline is not None:
        if redline.suffix.lower() != ".docx":
            raise PolicygenError(f"{redline}: the redline is a Word document: name it .docx")
        if redline in targets:
            raise PolicygenError(f"{redline}: given both as an output and as --redline")
        targets[redline] = "redline"
    return targets


def _identity(path: Path) -> tuple[int, int] | None:
    """Return the (device, inode) of the file a path leads to, links followed, or None if there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _check_target(path: Path) -> None:
    """Refuse an output path that cannot take a file: its folder is missing, or it is a folder itself."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise PolicygenError(f"{path}: folder {folder} does not exist")
        if path.is_dir():
            raise PolicygenError(f"{path}: is a folder; name a file to write")
    except OSError as exc:  # a name longer than the system allows, a folder we may not look into
        raise PolicygenError(f"{path}: cannot write: {exc.strerror}") from None


def check_outputs(inputs: Iterable[str | Path | None], outputs: Iterable[str | Path | None]) -> None:
    """Refuse, before any work, an output that is one of the inputs (by device and inode) or cannot be written.

    `./P`, a symlink or a hard link to an input is the same file: writing it would destroy the input.
    """
    sources: dict[tuple[int, int], Path] = {}
    for given in inputs:
        if given is not None:
            identity = _identity(Path(given))
            if identity is not None:
                sources.setdefault(identity, Path(given))
    for given in outputs:
        if given is None:
            continue
        path = Path(given)
        identity = _identity(path)
        if identity is not None and identity in sources:
            raise PolicygenError(f"{path}: is the input file {sources[identity]}; writing it would destroy the input")
        _check_target(path)
