"""The site's files, each group of them made under a digest of what it shows, or taken from the previous build.

A group is a body's files, one corpus-wide page, one slice of the search index, an export. Its digest is
the hash of the site's salt (theme, tool, model, base URL), its name and the inputs it is made from; when
the previous build recorded the same digest for the same name and its files are still there, they are
taken as they are (hard-linked by write.write_files) instead of being rendered again, so a rebuild renders
only what changed and gives the same bytes as a cold build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any



@dataclass(frozen=True)
class Written:
    """A file a worker process has already written into the staging folder."""

    size: int


Files = dict[str, bytes | Path | Written]


@dataclass
class Previous:
    """The previous build in DIR: its folder, its groups (name -> digest, files, info) and its parsed metadata."""

    folder: Path | None = None
    groups: dict[str, dict] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


def digest(*parts: Any) -> str:
    """Return the hex hash of JSON-able parts."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Outputs:
    """Collect the site's files group by group, and what the next build needs to reuse them."""

    def __init__(self, previous: Previous, salt: str) -> None:
        self.previous = previous
        self.salt = salt
        self.files: Files = {}
        self.groups: dict[str, dict] = {}
        self._root = previous.folder.resolve() if previous.folder is not None else None
        self._inside: dict[Path, bool] = {}  # folder of the previous site -> whether it really lies inside it

    def plan(self, name: str, inputs: Any, check: Callable[[Any], bool] = lambda info: True
             ) -> tuple[str, dict[str, Path] | None, Any]:
        """Return a group's digest, and the previous build's files and info for it when they can be taken as they are."""
        key = digest(self.salt, name, inputs)
        old = self.previous.groups.get(name)
        kept = self._kept(name, old, key)
        if kept is None or old is None or not check(old.get("info")):
            return key, None, None
        return key, kept, old.get("info")

    def add(self, name: str, key: str, files: Mapping[str, bytes | Path | Written], info: Any) -> None:
        """Add the files of a group (paths name or under name/), made under the digest key."""
        self.files.update(files)
        self.groups[name] = {"digest": key, "files": sorted(files), "info": info}

    def group(self, name: str, inputs: Any, make: Callable[[], tuple[Mapping[str, bytes | Path], Any]],
              check: Callable[[Any], bool] = lambda info: True) -> tuple[Any, bool]:
        """Add a group's files, made by make (files and an info the next build gets back with reused files) unless
        the previous build's can be taken; check says whether a recorded info is still usable. Return the info
        and whether the group was made anew."""
        key, kept, info = self.plan(name, inputs, check)
        if kept is not None:
            self.add(name, key, kept, info)
            return info, False
        files, info = make()
        self.add(name, key, files, info)
        return info, True

    def file(self, path: str, inputs: Any, make: Callable[[], bytes]) -> None:
        """Add one file made from inputs."""
        self.group(path, inputs, lambda: ({path: make()}, None))

    def _kept(self, name: str, old: dict | None, key: str) -> dict[str, Path] | None:
        """Return the previous build's files of a group made under the same digest, when every one is still there."""
        if self._root is None or not isinstance(old, dict) or old.get("digest") != key:
            return None
        paths = old.get("files")
        if not isinstance(paths, list) or not paths:
            return None
        kept: dict[str, Path] = {}
        for path in paths:
            if not isinstance(path, str) or not (path == name or path.startswith(name + "/")):
                return None
            if path.startswith("/") or ".." in path.split("/"):
                return None
            file = self._root / path
            # Only regular files inside the previous site: a link planted there must not bring in a file from elsewhere.
            if file.is_symlink() or not file.is_file() or not self._within(file.parent):
                return None
            kept[path] = file
        return kept

    def _within(self, folder: Path) -> bool:
        if folder not in self._inside:
            assert self._root is not None
            self._inside[folder] = folder.resolve().is_relative_to(self._root)
        return self._inside[folder]
