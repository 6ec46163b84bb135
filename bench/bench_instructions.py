"""Count the instructions of compare and of raw fugashi tokenization per seed, under valgrind's callgrind.

The wall-clock ratio of bench_compare.py moves by a third from one run to the next on a shared machine;
an instruction count does not (the same code and inputs give the same count to within a few in ten
thousand). Each count is taken as a difference of whole processes: one that only warms up (imports,
the model side read from a private cache, one compare of seed 001 and one of the seed), and ones that
then compare the seed, as a new document, or tokenize its text, REPEAT more times. Instructions are not
time (MeCab's C runs more of them per nanosecond than the interpreter), so the ratio says where the code
goes from one commit to another, not the wall-clock ratio. Asserts nothing.
Run: python bench/bench_instructions.py [--repeat N] [--seeds 000,004]   (~1 min a seed; needs valgrind)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from timing import CORPUS

PHASES = ("warm", "compare", "fugashi")


def child(seed: str, phase: str, repeat: int) -> None:
    """Warm up, then run one phase REPEAT times (run inside valgrind by main)."""
    import fugashi  # type: ignore[import-untyped]

    from timing import forget_texts

    from policygen.compare.with_model import compare_document
    from policygen.readers import read_path

    path = next(CORPUS.glob(f"{seed}_*/{seed}_*.txt"))
    document, text = read_path(path), path.read_text(encoding="utf-8")
    tagger = fugashi.Tagger()
    compare_document(read_path(next(CORPUS.glob("001_*/001_*.txt"))))
    forget_texts()
    compare_document(document, path=str(path))
    [(w.surface, w.feature.lemma) for w in tagger(text)]
    for _ in range(repeat if phase != "warm" else 0):
        if phase == "compare":
            forget_texts()
            compare_document(document, path=str(path))
        else:
            [(w.surface, w.feature.lemma) for w in tagger(text)]


def count(seed: str, phase: str, repeat: int, env: dict[str, str]) -> int:
    """Return the instructions a child process of one phase executes."""
    argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
            sys.executable, __file__, "--child", seed, phase, str(repeat)]
    result = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or found is None:
        sys.exit(f"bench_instructions: the {phase} run of seed {seed} failed:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    """Count each seed's phases and print instructions per compare and per tokenization, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seeds", default="000,001,002,003,004")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("bench_instructions: valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="policygen-bench-") as folder:
        env = {**os.environ, "POLICYGEN_CACHE_DIR": folder}
        print(f"{'seed':6}{'compare M':>11}{'fugashi M':>11}{'ratio':>7}")
        ratios = []
        for seed in args.seeds.split(","):
            # The model side of the seed's kind of body computed once, outside the counted runs.
            subprocess.run([sys.executable, __file__, "--child", seed, "warm", "0"], env=env, check=True)
            warm, compare, tokenize = (count(seed, phase, args.repeat, env) for phase in PHASES)
            per_compare = (compare - warm) / args.repeat / 1e6
            per_tokenize = (tokenize - warm) / args.repeat / 1e6
            ratios.append(per_compare / per_tokenize)
            print(f"{seed:6}{per_compare:>11.1f}{per_tokenize:>11.1f}{ratios[-1]:>7.2f}", flush=True)
        print(f"median ratio: compare ÷ raw tokenization {statistics.median(ratios):.2f}× in instructions")


if __name__ == "__main__":
    main()
