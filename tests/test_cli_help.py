"""Every command answers --help: exit status 0 and its usage on stdout, in process and as `python -m policygen`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policygen.cli import COMMANDS, main

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.mark.parametrize("command", [[]] + [[name] for name in COMMANDS], ids=lambda c: c[0] if c else "policygen")
def test_help_in_process(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    out, err = capsys.readouterr()
    assert exit_.value.code == 0
    assert out.startswith(f"usage: {' '.join(['policygen', *command])}")
    assert err == ""
    if not command:
        assert all(f"    {name} " in out for name in COMMANDS), "the top-level help lists every command"


@pytest.mark.parametrize("command", [[]] + [[name] for name in COMMANDS], ids=lambda c: c[0] if c else "policygen")
def test_help_as_a_program(command):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-m", "policygen", *command, "--help"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {' '.join(['policygen', *command])}")
    assert result.stderr == ""
