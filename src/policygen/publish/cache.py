"""A folder of computed results keyed by the hash of their inputs, the model version and the tool version."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

# Bump when the shape of a cached result changes.
CACHE_FORMAT = 1


def job_key(job: str, inputs: list[bytes], model_version: str, tool_version: str) -> str:
    """Return the hex key of a job over these input bytes (files and parameters)."""
    digest = hashlib.sha256()
    for part in (job, str(CACHE_FORMAT), model_version, tool_version):
        digest.update(part.encode("utf-8") + b"\0")
    for data in inputs:
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Cache:
    """JSON results stored as <folder>/<key[:2]>/<key>.json; a damaged entry counts as a miss."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """Return the stored result, or None."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        self.used.add(key)
        return data if isinstance(data, dict) else None

    def put(self, key: str, result: dict) -> None:
        """Store a result atomically (a crash never leaves half an entry)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False)
        os.replace(tmp, path)
        self.used.add(key)

    def prune(self) -> None:
        """Remove entries this build did not use, so the cache does not grow without bound."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
