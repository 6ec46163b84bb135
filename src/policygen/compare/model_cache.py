"""The shipped model's side of a comparison kept on disk between runs, keyed by all it is computed from.

A command-line compare would otherwise parse the template and vocabulary, render the model and
tokenize it on every run (most of a run's time). The key is a hash of the template folder's files,
the package's source code, the tokenizer's dictionary and Python's version, so any change to what the
model side is computed from computes it afresh: a stale entry can never be found. A missing, damaged
or unwritable cache only costs the computation.

The folder is $POLICYGEN_CACHE_DIR (empty: no disk cache), else $XDG_CACHE_HOME/policygen, else
~/.cache/policygen.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

CACHE_ENV = "POLICYGEN_CACHE_DIR"
# Raised when what a cache file holds changes shape, so that old files are never read as new ones.
_FORMAT = b"policygen model side 2"
_PREFIX = "model-side-"
_KEEP_FILES = 8  # other versions (other checkouts, older releases) whose files are kept beside the current one's

T = TypeVar("T")

# digest -> {entry key: value} already read or computed in this process.
_MEMORY: dict[str, dict[tuple[str, ...], object]] = {}


def cache_dir() -> Path | None:
    """Return the folder the model side is kept in, or None when the disk cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value) if value else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policygen"


def digest(template: Path) -> str:
    """Return the hash of everything the model side of this template is computed from."""
    folder = template.parent
    files = tuple(sorted(p for p in folder.iterdir() if p.is_file()))
    # Re-hash the template folder only when one of its files changes on disk.
    stamp = tuple((p.name, s.st_size, s.st_mtime_ns) for p in files for s in (p.stat(),))
    return _digest(str(template), stamp)


@functools.lru_cache(maxsize=8)
def _digest(template: str, stamp: tuple) -> str:
    h = hashlib.sha256(_FORMAT)
    h.update(repr((sys.version, pickle.HIGHEST_PROTOCOL, Path(template).name)).encode())
    for name, _size, _mtime in stamp:
        h.update(name.encode() + b"\0" + (Path(template).parent / name).read_bytes() + b"\0")
    h.update(_code_digest())
    h.update(_dictionary())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Return the hash of the package's Python sources (a running process does not see them change)."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


@functools.lru_cache(maxsize=1)
def _dictionary() -> bytes:
    """Return what identifies the tokenizer's dictionary and binding (their files' sizes and times)."""
    import fugashi  # type: ignore[import-untyped]
    import unidic_lite  # type: ignore[import-untyped]

    parts = [getattr(fugashi, "__file__", ""), str(unidic_lite.DICDIR)]
    for path in sorted(Path(unidic_lite.DICDIR).iterdir()):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def cached(template: Path, key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """Return the value kept for this template and key, computing and keeping it when there is none."""
    try:
        code = digest(template)
    except OSError:
        return compute()  # an unreadable template: let the computation report it
    entries = _MEMORY.setdefault(code, {})
    if key in entries:
        return entries[key]  # type: ignore[return-value]
    found, value = _read(code, key)
    if not found:
        value = compute()
        _write(code, key, value)
    entries[key] = value
    return value  # type: ignore[return-value]


def _path(code: str, key: tuple[str, ...]) -> Path | None:
    # One file an entry: a run reads only the kind and style it compares, not every body's model side.
    folder = cache_dir()
    name = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
    return folder / f"{_PREFIX}{code[:40]}-{name}.pickle" if folder is not None else None


def _read(code: str, key: tuple[str, ...]) -> tuple[bool, object]:
    """Return whether an entry is kept on disk for this digest and key, and its value."""
    path = _path(code, key)
    if path is None:
        return False, None
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # missing, truncated, from an incompatible version: computed again
        return False, None
    if not isinstance(stored, dict) or stored.get("digest") != code or stored.get("key") != key:
        return False, None
    return True, stored.get("value")


def _write(code: str, key: tuple[str, ...], value: object) -> None:
    """Keep one entry on disk (atomically: a reader sees no file or the whole file, never half)."""
    path = _path(code, key)
    if path is None:
        return
    import tempfile  # only when writing: a run that finds its entries never needs it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=_PREFIX, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"digest": code, "key": key, "value": value}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(code[:40], path.parent)
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full disk: the cache is an optimization only


def _prune(current: str, folder: Path) -> None:
    """Remove the files of all but the newest few other versions."""
    newest: dict[str, int] = {}
    files: dict[str, list[Path]] = {}
    for path in folder.glob(f"{_PREFIX}*.pickle"):
        version = path.name[len(_PREFIX):].split("-", 1)[0]
        if version == current:
            continue
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        newest[version] = max(newest.get(version, 0), mtime)
        files.setdefault(version, []).append(path)
    for version in sorted(newest, key=lambda v: newest[v], reverse=True)[_KEEP_FILES:]:
        for old in files[version]:
            try:
                old.unlink()
            except OSError:
                pass
