"""Write the site into a temporary folder beside DIR, then swap it in: a failed build leaves DIR as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from policygen.errors import PolicygenError

MARKER = ".policygen-site"  # says a folder is a site this command built and may replace
CACHE = ".cache"


def check_target(out: Path) -> None:
    """Refuse an output that is a file, or a non-empty folder that is not a site built here."""
    if out.exists() and not out.is_dir():
        raise PolicygenError(f"{out}: is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PolicygenError(f"{out}: folder is not empty and is not a policygen site: choose a new folder")
    parent = out.resolve().parent
    if not parent.is_dir():
        raise PolicygenError(f"{out}: folder {parent} does not exist")


@contextmanager
def staging(out: Path):
    """Yield a new empty folder beside out holding out's cache; on failure remove it and restore the cache."""
    check_target(out)
    parent = out.resolve().parent
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=parent))
    except OSError as exc:
        raise PolicygenError(f"{out}: cannot write in {parent}: {exc.strerror}") from None
    old_cache = out / CACHE
    if old_cache.is_dir():
        os.replace(old_cache, tmp / CACHE)
    try:
        yield tmp
    except BaseException:
        if (tmp / CACHE).is_dir() and out.is_dir() and not old_cache.exists():
            os.replace(tmp / CACHE, old_cache)
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_files(tmp: Path, files: dict[str, bytes]) -> None:
    """Write every file under the staging folder."""
    mode = 0o666 & ~_umask()
    try:
        for name in sorted(files):
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[name])
            os.chmod(path, mode)
        (tmp / MARKER).write_text("This folder was built by `policygen site`; a rebuild replaces it whole.\n",
                                  encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; a site is meant to be read
    except OSError as exc:
        raise PolicygenError(f"{exc.filename or tmp}: cannot write: {exc.strerror}") from None


def swap_in(tmp: Path, out: Path) -> None:
    """Put the finished staging folder in out's place and remove the previous site."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=tmp.parent))
        os.replace(out, old / "site")
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
