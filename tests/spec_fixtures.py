"""Read the specification fixtures (tests/fixtures/specs/*.md) into `pytest.mark.parametrize` cases.

A fixture file is a list of cases in markdown-it-py's spec layout: a title line, a line holding a single
dot, the input, a dot line, the expected output, a dot line. Anything else (the file's explanation,
section headings, blank lines between cases) is prose for the reader and is skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

SPECS = Path(__file__).resolve().parent / "fixtures" / "specs"


def _block(text: str) -> str:
    """Return a block's text without the line break that ends its last line."""
    return text[:-1] if text.endswith("\n") else text


def cases(name: str) -> list:
    """Return the cases of one fixture file as pytest params (input, expected), named by line and title."""
    path = SPECS / name
    params = []
    for line, title, given, expected in read_fixture_file(path):
        # `line` is the 0-based index of the dot under the title: the title's line number counted from 1.
        params.append(pytest.param(_block(given), _block(expected), id=f"{path.stem}:{line} {title}"))
    if not params:
        raise AssertionError(f"{path}: no cases found")
    return params
