"""Time `compare` on each corpus seed against two baselines measured in the same process.

Baselines: raw fugashi tokenization of the same text (the floor: every comparison tokenizes), and a
whole-document diff-match-patch character diff against the model text (what a naive tool does).
Prints ratios; asserts nothing. Run: python bench/bench_compare.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics

from timing import CORPUS, best_of


def main() -> None:
    """Benchmark each seed and print a table of times and ratios."""
    import fugashi
    from diff_match_patch import diff_match_patch

    from policygen.generate import template
    from policygen.compare.with_model import compare_document
    from policygen.readers import read_path
    from policygen.writers.markdown import to_markdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tagger = fugashi.Tagger()
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time cut-off: the baseline does the whole diff
    model_text = to_markdown(template.model_document())
    compare_document(read_path(next(CORPUS.glob("001_*/001_*.txt"))))  # warm caches and the tagger

    print(f"{'seed':<24}{'chars':>7}{'compare ms':>12}{'fugashi ms':>12}{'dmp ms':>10}{'÷fugashi':>10}{'÷dmp':>8}")
    ratios_tok, ratios_dmp = [], []
    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")):
        text = path.read_text(encoding="utf-8")
        document = read_path(path)
        t_compare = best_of(args.repeat, lambda: compare_document(document, path=str(path)))
        t_tok = best_of(args.repeat, lambda: [w.surface for w in tagger(text)])
        t_dmp = best_of(args.repeat, lambda: dmp.diff_main(model_text, text))
        ratios_tok.append(t_compare / t_tok)
        ratios_dmp.append(t_compare / t_dmp)
        print(
            f"{path.stem:<24}{len(text):>7}{t_compare * 1e3:>12.1f}{t_tok * 1e3:>12.2f}{t_dmp * 1e3:>10.1f}"
            f"{ratios_tok[-1]:>10.1f}{ratios_dmp[-1]:>8.2f}"
        )
    print(
        f"median ratio: compare ÷ raw tokenization {statistics.median(ratios_tok):.1f}×, "
        f"compare ÷ whole-document dmp diff {statistics.median(ratios_dmp):.2f}×"
    )


if __name__ == "__main__":
    main()
