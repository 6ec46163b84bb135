"""Time ja.tokenize on the five seeds against raw fugashi parsing of the same text, same process.

Baseline: the same fugashi Tagger parsing each seed and reading every node's surface and lemma
(what any lemma-keyed tool must pay). Caches are cleared before every run so the cost of offsets,
keys and whitespace tokens is what gets measured. Prints ratios; asserts nothing.
Run: python bench/bench_tokenize.py [--repeat N]
"""

from __future__ import annotations

import argparse

from timing import CORPUS, best_of, forget_texts


def main() -> None:
    """Time each seed and print a table of times and ratios."""
    from policygen.ja import normalize as normmod
    from policygen.ja import tokenize as tokmod

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    tagger = tokmod.tagger()
    seeds = sorted(CORPUS.glob("*/*.txt"))
    print(f"{'seed':6} {'chars':>6} {'fugashi ms':>10} {'tokenize ms':>11} {'ratio':>6} {'norm+tok ms':>11} {'ratio':>6}")
    totals = [0.0, 0.0, 0.0]
    for path in seeds:
        text = path.read_text(encoding="utf-8")

        def raw():
            return [(node.surface, node.feature.lemma) for node in tagger(text)]

        def ours():
            forget_texts()
            return tokmod.tokenize(text)

        def pipeline():
            forget_texts()
            return tokmod.tokenize(normmod.normalize_text(text))

        base, mine, full = (best_of(args.repeat, f) for f in (raw, ours, pipeline))
        totals = [totals[0] + base, totals[1] + mine, totals[2] + full]
        print(
            f"{path.parent.name[:3]:6} {len(text):6d} {base * 1e3:10.2f} {mine * 1e3:11.2f} "
            f"{mine / base:6.2f} {full * 1e3:11.2f} {full / base:6.2f}"
        )
    base, mine, full = totals
    print(f"{'all':6} {'':6} {base * 1e3:10.2f} {mine * 1e3:11.2f} {mine / base:6.2f} {full * 1e3:11.2f} {full / base:6.2f}")


if __name__ == "__main__":
    main()
