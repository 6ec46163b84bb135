"""Time the command line end to end (fresh processes) against `python -c pass` in the same run.

Each command runs REPEAT times as a subprocess; the median wall time is printed with its ratio to the
baseline interpreter start-up and the time over it. Asserts nothing.
Run: python bench/bench_cli.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from timing import CORPUS


def median_run(argv: list[str], repeat: int) -> float:
    """Return the median wall time of running argv to completion, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time each command and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    seed = str(next(CORPUS.glob("003_*/003_*.txt")))
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("policygen --help", [sys.executable, "-m", "policygen", "--help"]),
        ("policygen compare 003", [sys.executable, "-m", "policygen", "compare", seed]),
    ]
    base = None
    print(f"{'command':<26}{'median ms':>10}{'÷ python':>10}{'over ms':>9}")
    for name, argv in cases:
        t = median_run(argv, args.repeat)
        base = base or t
        print(f"{name:<26}{t * 1e3:>10.0f}{t / base:>10.1f}{(t - base) * 1e3:>9.0f}")


if __name__ == "__main__":
    main()
