"""Read a corpus folder: bodies with their metadata and dated versions; report bad entries, never fail on them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.ja.bodies import KINDS

UNKNOWN = "不明"
# A body's folder name becomes its page's folder: keep it to characters safe in any URL and file system.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


@dataclass(frozen=True)
class Version:
    """One dated policy file of a body."""

    file: Path
    date: dt.date | None
    label: str
    edition: str = UNKNOWN  # which edition of the model this version follows, as the metadata judges
    made_by: str = ""  # "policygen amend" for a draft the tool made: never a real revision

    @property
    def date_text(self) -> str:
        """Return the date as YYYY-MM-DD, or 日付不明."""
        return self.date.isoformat() if self.date else "日付不明"


@dataclass(frozen=True)
class Body:
    """A local government body of the corpus: metadata and its versions, oldest first."""

    id: str
    name: str
    kind: str
    prefecture: str
    code: str
    versions: tuple[Version, ...]
    profile: Path | None = None
    subkind: str = ""

    @property
    def current(self) -> Version:
        """Return the newest version (the last listed)."""
        return self.versions[-1]


@dataclass(frozen=True)
class Problem:
    """A corpus entry that was skipped, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Corpus:
    """The bodies that could be read, and the entries that were skipped."""

    root: Path
    bodies: list[Body] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    parsed: dict[str, object] = field(default_factory=dict)  # meta.yaml hash -> its data, for the next build (MetaMemo)


def load_corpus(root: Path, known: dict | None = None) -> Corpus:
    """Read every body folder (one holding a meta.yaml) under root, sorted by folder name.

    known is the previous build's Corpus.parsed: a meta.yaml whose bytes are unchanged is not parsed again
    (the bounded YAML parser takes milliseconds a file, which a corpus of a thousand bodies feels).
    """
    if not root.exists():
        raise PolicygenError(f"{root}: no such folder")
    if not root.is_dir():
        raise PolicygenError(f"{root}: is not a folder: give the corpus folder")
    corpus = Corpus(root=root)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        meta_path = folder / "meta.yaml"
        if not meta_path.is_file():
            continue  # not a body (a shared folder, a README's images)
        try:
            corpus.bodies.append(load_body(folder, known or {}, corpus.parsed))
        except PolicygenError as exc:
            corpus.problems.append(Problem(str(meta_path), str(exc)))
    if not corpus.bodies and not corpus.problems:
        raise PolicygenError(f"{root}: no body folders (a folder with a meta.yaml) found")
    return corpus


def load_body(folder: Path, known: dict | None = None, parsed: dict | None = None) -> Body:
    """Read one body's meta.yaml (its data from known when its bytes are unchanged); raise PolicygenError saying what is wrong."""
    from policygen.limits import read_input

    meta_path = folder / "meta.yaml"
    try:
        raw = read_input(meta_path, what="meta.yaml")
    except PolicygenError as exc:
        raise PolicygenError(str(exc).removeprefix(f"{meta_path}: ")) from None
    digest = hashlib.sha256(raw).hexdigest()
    data = _remembered(known or {}, digest)
    if data is not _NOT_KNOWN:
        plain = (known or {})[digest]  # the record it was read from: no need to make it again
    else:
        data = _parse_meta(raw)
        plain = _plain(data) if parsed is not None else None
    if parsed is not None and plain is not None:
        parsed[digest] = plain
    if not isinstance(data, dict):
        raise PolicygenError("expected a mapping of metadata")
    if not _SAFE_ID.fullmatch(folder.name):
        raise PolicygenError(f"folder name {folder.name!r}: use letters, digits, '_', '-' or '.'")
    name = str(data.get("organization") or "").strip()
    if not name:
        raise PolicygenError("no organization name")
    kind = str(data.get("kind") or "")
    if kind not in KINDS:
        raise PolicygenError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    versions = _versions(folder, data)
    profile = data.get("profile")
    profile_path = folder / str(profile) if profile else None
    return Body(
        id=folder.name,
        name=name,
        kind=kind,
        subkind=str(data.get("subkind") or ""),
        prefecture=str(data.get("prefecture") or UNKNOWN),
        code=str(data.get("code") or ""),
        versions=versions,
        profile=profile_path if profile_path and profile_path.is_file() else None,
    )


def _parse_meta(raw: bytes):
    """Parse a meta.yaml's bytes with the bounded YAML parser."""
    from policygen.limits import load_yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicygenError(f"cannot read: {exc}") from None
    try:
        return load_yaml(text, "")
    except PolicygenError as exc:
        raise PolicygenError(f"not valid YAML: {str(exc).removeprefix(': ')}") from None


# Parsed metadata is kept between builds as JSON: dates are tagged, and data JSON cannot hold exactly is not kept.
_TAGS = {"$date": dt.date.fromisoformat, "$datetime": dt.datetime.fromisoformat}


def _plain(value):
    """Return YAML data as JSON-safe data (dates tagged), or None when it holds anything else."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"$value": value}
    if isinstance(value, list):
        items = [_plain(v) for v in value]
        return None if any(i is None for i in items) else {"$list": items}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        entries = {k: _plain(v) for k, v in value.items()}
        return None if any(v is None for v in entries.values()) else {"$map": entries}
    return None


_NOT_KNOWN = object()


def _remembered(known: dict, digest: str):
    """Return the data kept for a meta.yaml's hash, or _NOT_KNOWN (also when the record is damaged)."""
    if digest not in known:
        return _NOT_KNOWN
    try:
        return _unplain(known[digest])
    except (AttributeError, KeyError, TypeError, ValueError):
        return _NOT_KNOWN


def _unplain(value):
    """Return the YAML data that _plain made JSON-safe."""
    (tag, inner), = value.items()
    if tag in _TAGS:
        return _TAGS[tag](inner)
    if tag == "$list":
        return [_unplain(v) for v in inner]
    if tag == "$map":
        return {k: _unplain(v) for k, v in inner.items()}
    return inner


def _versions(folder: Path, data: dict) -> tuple[Version, ...]:
    """Return the listed versions (or the single `source` file of older metadata), checked."""
    listed = data.get("versions")
    if listed is None and data.get("source"):
        listed = [{"file": data["source"], "date": data.get("date"), "label": "現行"}]
    if not isinstance(listed, list) or not listed:
        raise PolicygenError("no versions: list them under versions: with file, date and label")
    out = []
    real = folder.resolve()
    for index, entry in enumerate(listed, start=1):
        if not isinstance(entry, dict) or not entry.get("file"):
            raise PolicygenError(f"version {index}: needs at least file:")
        path = folder / str(entry["file"])
        if path.resolve().parent != real:
            raise PolicygenError(f"version {index}: {entry['file']}: the file must sit in the body's folder")
        if not path.is_file():
            raise PolicygenError(f"version {index}: {entry['file']}: no such file")
        out.append(
            Version(
                file=path,
                date=_date(entry.get("date"), index),
                label=str(entry.get("label") or f"版{index}"),
                edition=str(entry.get("edition") or UNKNOWN),
                made_by=str(entry.get("made_by") or ""),
            )
        )
    return tuple(out)


def _date(value, index: int) -> dt.date | None:
    """Return a version's date from YAML (a date, or a YYYY-MM[-DD] string), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", str(value).strip())
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3] or 1))
        except ValueError:
            pass
    raise PolicygenError(f"version {index}: date {value!r}: write it as YYYY-MM-DD")
