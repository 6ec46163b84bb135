"""Time `compare` on each corpus seed against two baselines measured in the same process.

compare is timed warm, as in a corpus run: the model side prepared once, but every run on a document
not seen before (the per-text caches are cleared first). Baselines: raw fugashi lemma tokenization
of the same text (the floor: every comparison tokenizes and reads lemmas), and a whole-document
diff-match-patch character diff against the model text (what a naive tool does; --no-dmp skips it,
it takes ~25 s a run on seed 003). Prints ratios; asserts nothing.
Run: python bench/bench_compare.py [--repeat N] [--no-dmp]
"""

from __future__ import annotations

import argparse
import statistics

from timing import CORPUS, best_of, forget_texts


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
    parser.add_argument("--no-dmp", action="store_true", help="skip the whole-document dmp baseline")
    args = parser.parse_args()

    tagger = fugashi.Tagger()
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time cut-off: the baseline does the whole diff
    model_text = to_markdown(template.model_document())
    compare_document(read_path(next(CORPUS.glob("001_*/001_*.txt"))))  # prepare the model side, load the tagger

    def fresh_compare(document, path):
        forget_texts()
        return compare_document(document, path=str(path))

    print(f"{'seed':<24}{'chars':>7}{'compare ms':>12}{'fugashi ms':>12}{'dmp ms':>10}{'÷fugashi':>10}{'÷dmp':>8}")
    ratios_tok, ratios_dmp = [], []
    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")):
        text = path.read_text(encoding="utf-8")
        document = read_path(path)
        t_compare = best_of(args.repeat, lambda: fresh_compare(document, path))
        t_tok = best_of(args.repeat, lambda: [(w.surface, w.feature.lemma) for w in tagger(text)])
        t_dmp = float("nan") if args.no_dmp else best_of(args.repeat, lambda: dmp.diff_main(model_text, text))
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
