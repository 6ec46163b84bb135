"""Locate the files shipped with the package: the model template and reference styles."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache  # where the package sits does not move while it runs; every compare asks (resolving costs ~0.1 ms)
def templates_dir() -> Path:
    """Return the folder holding the shipped templates, installed or in a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"  # pip install . puts the top-level templates/ here
    if installed.is_dir():
        return installed
    # A source checkout (or an editable install): templates/ sits beside src/.
    return package.parents[1] / "templates"


def model_template_path() -> Path:
    """Return the path of the shipped model basic policy template (its vocabulary sits beside it)."""
    return templates_dir() / "model" / "basic-policy.yaml"
