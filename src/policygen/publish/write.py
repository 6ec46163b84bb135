"""Write the site into a temporary folder beside DIR, then swap it in: a failed build leaves DIR as it was."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from policygen.errors import PolicygenError

from policygen.publish.outputs import Files, Previous, Written

MARKER = ".policygen-site"  # says a folder is a site this command built and may replace
CACHE = ".cache"
BUILD = "build.json"  # in the cache: each group of files with the digest it was made under, and the parsed metadata
BUILD_FORMAT = 2  # bump when the record's shape changes: an older record is not read


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


def previous_build(out: Path, tmp: Path) -> Previous:
    """Return what the site in out (its record now in the staging folder's cache) can lend to this build."""
    try:
        record = json.loads((tmp / CACHE / BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Previous()
    if not isinstance(record, dict) or record.get("format") != BUILD_FORMAT:
        return Previous()
    groups, meta = record.get("groups"), record.get("meta")
    if not isinstance(groups, dict) or not isinstance(meta, dict):
        return Previous()
    folder = out if (out / MARKER).is_file() else None
    return Previous(folder, {k: v for k, v in groups.items() if isinstance(v, dict)}, meta)


def remember_build(tmp: Path, groups: dict[str, dict], meta: dict) -> None:
    """Record the digest and files of every group, and the corpus's parsed metadata, for the next build."""
    path = tmp / CACHE / BUILD
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"format": BUILD_FORMAT, "groups": groups, "meta": meta}
    path.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def write_files(tmp: Path, files: Files) -> dict[str, int]:
    """Write every file under the staging folder (a previous build's file is linked, or copied); return their sizes."""
    sizes: dict[str, int] = {}
    made: set[Path] = set()
    try:
        for name in sorted(files):
            content = files[name]
            if isinstance(content, Written):  # a worker wrote it
                sizes[name] = content.size
                continue
            path = tmp / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            if isinstance(content, Path):
                # The old site is removed after the swap, so sharing its unchanged files costs no copy and no risk.
                try:
                    os.link(content, path, follow_symlinks=False)
                except OSError:
                    shutil.copyfile(content, path)
                    os.chmod(path, _mode())
                sizes[name] = path.stat().st_size
                continue
            _put(path, content)
            sizes[name] = len(content)
        (tmp / MARKER).write_text("This folder was built by `policygen site`; a rebuild replaces it whole.\n",
                                  encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; a site is meant to be read
    except OSError as exc:
        raise PolicygenError(f"{exc.filename or tmp}: cannot write: {exc.strerror}") from None
    return sizes


def write_new(tmp: Path, files: dict[str, bytes]) -> dict[str, Written]:
    """Write files a worker made under the staging folder; return what write_files is to count of them."""
    out: dict[str, Written] = {}
    for name in sorted(files):
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        _put(path, files[name])
        out[name] = Written(len(files[name]))
    return out


def _put(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    os.chmod(path, _mode())


@cache
def _mode() -> int:
    return 0o666 & ~_umask()


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
