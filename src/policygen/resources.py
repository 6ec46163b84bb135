"""Locate the files shipped with the package: the model template and reference styles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def templates_dir() -> Path:
    """Return the folder holding the shipped templates, installed or in a source checkout."""
    try:
        installed = Path(str(resources.files("policygen.templates")))
        if installed.is_dir():
            return installed
    except ModuleNotFoundError:
        pass
    # Running from a checkout without installing: templates/ sits beside src/.
    return Path(__file__).resolve().parents[2] / "templates"
