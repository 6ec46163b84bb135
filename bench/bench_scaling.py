"""Time compare and diff at 1×, 4× and 16× a seed's clause count and print the fitted exponent.

The large documents are seed 003 repeated (each copy's clauses marked with their copy number, so no two
clauses read alike; a consolidated 例規 with hundreds of articles is this size). compare aligns the
document with the model; diff compares it with a revision that rewords one clause in ten. Each size
is also divided by a raw fugashi lemma tokenization of the same text (same process). An exponent of 1
is linear, 2 quadratic. diff is also timed on a pair of about 1,000 clauses (the issue's goal: 2 s), and
at the small sizes with every old clause scored against every new one (`anchor=False`, the quadratic
reference), as a ratio in the same process. Asserts nothing.
Run: python bench/bench_scaling.py [--sizes 1,4,16] [--diff-sizes ...] [--whole-sizes 1,4] [--pair 1000] [--repeat N]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import tracemalloc

from timing import CORPUS, best_of, fitted_exponent, forget_texts


def repeated(document, copies: int, reword_every: int = 0):
    """Return the document's clauses repeated, each copy marked; optionally reword every n-th clause."""
    from policygen.model import renumber_ids

    counter = [0]

    def mark(clause, copy):
        counter[0] += 1
        text = clause.text
        if text:
            text = f"{text}（第{copy + 1}編）"
            if reword_every and counter[0] % reword_every == 0:
                text = text.replace("する。", "するものとする。", 1) + "なお、別に定める。"
        children = tuple(mark(c, copy) for c in clause.children)
        return dataclasses.replace(clause, text=text, children=children)

    clauses = [mark(c, copy) for copy in range(copies) for c in document.clauses]
    return dataclasses.replace(document, clauses=renumber_ids(clauses))


def main() -> None:
    """Time each size and print times, ratios and the fitted exponents."""
    import fugashi

    from policygen.compare.with_model import compare_document
    from policygen.readers import read_path
    from policygen.revise.versions import compare_revisions
    from policygen.writers.markdown import to_markdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16")
    parser.add_argument("--diff-sizes", default=None, help="sizes for diff (default: --sizes)")
    parser.add_argument("--whole-sizes", default="1,4", help="sizes for diff scoring every pair ('' for none)")
    parser.add_argument("--pair", type=int, default=1000, help="clauses of the one large diff pair (0 for none)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tagger = fugashi.Tagger()
    seed = read_path(next(CORPUS.glob("003_*/003_*.txt")))
    compare_document(seed)  # prepare the model side, load the tagger
    seed_clauses = sum(1 for _ in seed.walk())

    def timed(name: str, copies: int, besides=None) -> tuple[int, float]:
        """Time one case at one size and print its row (divided by `besides` too, when given); return clauses, time."""
        old = repeated(seed, copies)
        clauses = sum(1 for _ in old.walk())
        text = to_markdown(old)
        if name == "compare":
            def run():
                forget_texts()
                compare_document(old, kind="city")
        else:
            new = repeated(seed, copies, reword_every=10)
            text += to_markdown(new)

            def run():
                forget_texts()
                compare_revisions(old, new, anchor=name != "whole")
        t = best_of(args.repeat, run)
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        t_tok = best_of(args.repeat, lambda: [(w.surface, w.feature.lemma) for w in tagger(text)])
        ratio = f"{t / besides:>11.1f}" if besides else ""
        print(f"{'':<8}{copies:>7}{clauses:>9}{t * 1e3:>11.1f}{t / t_tok:>10.1f}{peak / 2**20:>9.1f}{ratio}")
        return clauses, t

    header = f"{'copies':>7}{'clauses':>9}{'ms':>11}{'÷fugashi':>10}{'peak MB':>9}"
    anchored: dict[int, float] = {}
    for name, sizes in (("compare", args.sizes), ("diff", args.diff_sizes or args.sizes)):
        print(f"{name:<8}{header}")
        rows = [timed(name, int(s)) for s in sizes.split(",")]
        if name == "diff":
            anchored = {copies: t for copies, (_, t) in zip((int(s) for s in sizes.split(",")), rows)}
        counts, times = zip(*rows)
        if len(rows) > 1:
            print(f"{name}: fitted exponent {fitted_exponent(counts, times):.2f} (time ∝ clauses^k)")
    if args.whole_sizes:
        print(f"{'whole':<8}{header}{'÷anchored':>11}")
        for copies in (int(s) for s in args.whole_sizes.split(",")):
            timed("whole", copies, anchored.get(copies))
    if args.pair:
        copies = max(1, math.ceil(args.pair / seed_clauses))  # at least --pair clauses
        print(f"{'pair':<8}{header}")
        clauses, t = timed("diff", copies)
        print(f"diff of a {clauses}-clause pair: {t:.2f} s (goal ≤ 2 s)")


if __name__ == "__main__":
    main()
