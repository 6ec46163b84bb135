"""What the benchmarks share: the corpus folder and a best-of-N timer."""

from __future__ import annotations

import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def best_of(repeat: int, func) -> float:
    """Return the fastest of several timed runs, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)
