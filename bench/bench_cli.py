"""Time the command line end to end (fresh processes) against `python -c pass` in the same run.

Each command runs REPEAT times as a subprocess; the median wall time is printed with its ratio to the
baseline interpreter start-up and the time over it. The children run as an installed package does:
with compiled bytecode (kept in a private folder, written by one warm-up run) and, for compare, the
model side kept on disk by its first run (compare/model_cache.py, in a private folder); that first
run, which computes the model side, is timed on its own. Asserts nothing.
Run: python bench/bench_cli.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from timing import CORPUS


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Return the wall time of running argv to completion, in seconds."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def median_run(argv: list[str], repeat: int, env: dict[str, str]) -> float:
    """Return the median wall time of REPEAT runs of argv, in seconds."""
    return statistics.median(run_once(argv, env) for _ in range(repeat))


def main() -> None:
    """Time each command and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    seed = str(next(CORPUS.glob("003_*/003_*.txt")))
    with tempfile.TemporaryDirectory(prefix="policygen-bench-") as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "bytecode")
        env["POLICYGEN_CACHE_DIR"] = os.path.join(folder, "cache")
        compare = [sys.executable, "-m", "policygen", "compare", seed]
        cases = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("policygen --help", [sys.executable, "-m", "policygen", "--help"]),
            ("policygen compare 003", compare),
        ]
        # The first compare with an empty model cache (bytecode already written by a --help and a
        # compare run without the cache), then the warm-up of every case.
        run_once(compare, {**env, "POLICYGEN_CACHE_DIR": ""})
        first = run_once(compare, env)
        for _, argv in cases:
            run_once(argv, env)
        base = None
        print(f"{'command':<34}{'median ms':>10}{'÷ python':>10}{'over ms':>9}")
        for name, argv in cases:
            t = median_run(argv, args.repeat, env)
            base = base or t
            print(f"{name:<34}{t * 1e3:>10.0f}{t / base:>10.1f}{(t - base) * 1e3:>9.0f}")
        assert base is not None
        print(f"{'policygen compare 003, first run':<34}{first * 1e3:>10.0f}{first / base:>10.1f}{(first - base) * 1e3:>9.0f}"
              "  (one run: computes the model side)")


if __name__ == "__main__":
    main()
