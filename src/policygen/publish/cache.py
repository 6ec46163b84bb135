"""A folder of computed results keyed by the hash of their inputs, the model version and the tool version."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

# Bump when the shape of a cached result changes.
CACHE_FORMAT = 2


def job_key(job: str, inputs: list[bytes], model_version: str, tool_version: str) -> str:
    """Return the hex key of a job over these input bytes (files and parameters)."""
    digest = hashlib.sha256()
    for part in (job, str(CACHE_FORMAT), model_version, tool_version):
        digest.update(part.encode("utf-8") + b"\0")
    for data in inputs:
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Cache:
    """JSON results stored as <folder>/<key[:2]>/<key>.json, each with its large parts beside it in <key>.blobs.json.

    The overview pages need every body's small part; only the pages of a body being rendered read its
    blobs, so a rebuild does not parse every stored .docx. A damaged entry counts as a miss.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str, part: str = "") -> Path:
        return self.folder / key[:2] / f"{key}{part}.json"

    def get(self, key: str) -> dict | None:
        """Return the stored small part of a result, or None (also when its blobs are gone)."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not self._path(key, ".blobs").is_file():
            return None
        self.used.add(key)
        return data

    def has(self, key: str) -> bool:
        """Say whether a result is stored (read later with get), and keep it."""
        if self._path(key).is_file() and self._path(key, ".blobs").is_file():
            self.used.add(key)
            return True
        return False

    def blobs(self, key: str) -> dict:
        """Return the stored large part of a result (raises OSError or ValueError when damaged)."""
        data = json.loads(self._path(key, ".blobs").read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{key}: damaged cache entry")
        return data

    def put(self, key: str, result: dict, blobs: dict) -> None:
        """Store a result atomically (a crash never leaves half an entry); the build marks it used (gather)."""
        self._write(self._path(key, ".blobs"), blobs)
        self._write(self._path(key), result)  # last: an entry counts only once its blobs are there

    def _write(self, path: Path, data: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, ensure_ascii=False))  # dumps: the C encoder (dump streams in Python)
        os.replace(tmp, path)

    def prune(self) -> None:
        """Remove entries this build did not use, so the cache does not grow without bound."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.name.split(".")[0] not in self.used:
                path.unlink(missing_ok=True)
