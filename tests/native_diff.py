"""Where the tests of the native diff apply: fast-diff-match-patch is installed only where it has wheels."""

from __future__ import annotations

import importlib.util
import sys

import pytest

# Installed (pyproject's marker) on CPython 3.11–3.12 on x86_64 and arm64, Windows aside; where it is,
# compare must take it, so a broken import fails these tests instead of skipping them.
needs_native_diff = pytest.mark.skipif(
    importlib.util.find_spec("fast_diff_match_patch") is None or sys.platform == "win32",
    reason="fast-diff-match-patch is not installed here (the Python port serves)",
)
