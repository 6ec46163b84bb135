"""Time the clause assignment: the pure-Python solver against SciPy's, and SciPy's import.

Matrices are pair scores of the model against each seed (47 rows) and of seed 003 against itself;
both solvers must give the same pairs (checked here, and in tests/test_assignment.py). The import is
timed in a fresh process, against `python -c pass`. Asserts nothing.
Run: python bench/bench_assignment.py [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from timing import CORPUS, best_of


def main() -> None:
    """Time both solvers on real score matrices and print a table."""
    from scipy.optimize import linear_sum_assignment

    from policygen.compare.align import Scorer, score_matrix, units
    from policygen.compare.assignment import _augmenting_paths
    from policygen.compare.model_side import model_side
    from policygen.compare.features import featurizer as _featurizer, plain_text as _plain_text
    from policygen.ja.normalize import OrgNames
    from policygen.readers import read_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    side = model_side()
    print(f"{'matrix':<28}{'pure ms':>9}{'scipy ms':>10}{'same':>6}")
    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")):
        document = read_path(path)
        doc_units = units(document, _featurizer(OrgNames.guess(_plain_text(document))))
        cases = [(f"model × {path.stem[:3]}", list(side.units), doc_units)]
        if path.stem.startswith("003"):
            cases.append(("003 × 003", doc_units, doc_units))
        for name, left, right in cases:
            scores = score_matrix(Scorer(left, right), left, right).scores
            pure = best_of(args.repeat, lambda: _augmenting_paths(scores))
            sci = best_of(args.repeat, lambda: linear_sum_assignment(scores, maximize=True))
            rows, cols = linear_sum_assignment(scores, maximize=True)
            same = _augmenting_paths(scores) == [(int(r), int(c)) for r, c in zip(rows, cols)]
            print(f"{name + f' ({len(left)}×{len(right)})':<28}{pure * 1e3:>9.2f}{sci * 1e3:>10.2f}{str(same):>6}")

    def started(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    base = min(started("pass") for _ in range(5))
    scipy_import = min(started("import scipy.optimize") for _ in range(5))
    print(f"import scipy.optimize: {(scipy_import - base) * 1e3:.0f} ms over python start-up ({base * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
