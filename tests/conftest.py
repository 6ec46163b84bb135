"""Shared test helpers: the --update-goldens switch, LibreOffice conversion to PDF with a private profile per call."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Keep the model side the tests prepare in a folder of the run's own, not the user's ~/.cache."""
    # Set in the environment so the command-line tests' subprocesses use it too; a test that sets its own wins.
    if "POLICYGEN_CACHE_DIR" not in os.environ:
        os.environ["POLICYGEN_CACHE_DIR"] = config._policygen_cache = tempfile.mkdtemp(prefix="policygen-test-cache-")  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's own model-side folder."""
    folder = getattr(config, "_policygen_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["POLICYGEN_CACHE_DIR"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the expected outputs under tests/goldens/ from what the code gives now (review the diff)",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Return True when the run should rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-goldens"))


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(path: Path, *, timeout: float = 120) -> Path:
    """Convert a document to PDF beside it with headless LibreOffice and return the PDF's path."""
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer")
    path = Path(path)
    # A fresh user profile per conversion: parallel runs sharing one profile lock each other out.
    with tempfile.TemporaryDirectory(prefix="policygen-lo-") as profile:
        result = subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(path.parent),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    pdf = path.with_suffix(".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise AssertionError(f"LibreOffice could not convert {path.name}: {result.stdout} {result.stderr}")
    return pdf


@pytest.fixture(scope="session")
def soffice_pdf() -> Callable[[Path], Path]:
    """Return a function converting a file to PDF with LibreOffice (skips when soffice is absent)."""
    return convert_to_pdf


def pdf_text(pdf: Path) -> str:
    """Return the text of a PDF as pdftotext extracts it (layout order)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
