"""Progress of long steps, shown as a one-line bar on a terminal's stderr and nowhere else.

Library code calls `step(what, done, total)` in its long loops; nothing is shown unless the command line
has called `show_on(stream)` with a terminal, so library use and redirected output stay silent.
"""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not one."""

    WIDTH = 30

    def __init__(self, stream: TextIO, what: str = "comparing") -> None:
        self.stream = stream
        self.what = what
        try:
            self.live = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.live = False
        self.shown = False
        self._last = (-1, "")
        self._width = 0

    def __call__(self, done: int, total: int, what: str | None = None) -> None:
        if not self.live or total <= 0:
            return
        what = what or self.what
        filled = self.WIDTH * min(done, total) // total
        if (filled, what) == self._last and done < total:
            return  # redraw only when the bar moves: a step per paragraph would flood the terminal
        self._last = (filled, what)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = f"policygen: {what} [{bar}] {done}/{total}"
        self.stream.write("\r" + line.ljust(self._width))  # blanks cover a longer line drawn before
        self._width = len(line)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


_BAR: ProgressBar | None = None


def show_on(stream: TextIO) -> None:
    """Show the steps of long work on this stream from now on (when it is a terminal)."""
    global _BAR
    _BAR = ProgressBar(stream)


def step(what: str, done: int, total: int) -> None:
    """Report that `done` of `total` units of a long step are finished."""
    if _BAR is not None:
        _BAR(done, total, what)


def close() -> None:
    """End the bar's line, if one was drawn."""
    if _BAR is not None:
        _BAR.close()
