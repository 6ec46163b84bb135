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


def forget_texts() -> None:
    """Clear the per-text caches (normalization, tokens, diff keys) so a document counts as new.

    The model's side stays prepared, as it does in a process that has compared one policy already.
    """
    from policygen.compare import diff
    from policygen.ja import normalize, tokenize

    tokenize._tokenize.cache_clear()
    normalize.normalize_with_offsets.cache_clear()
    diff._keys.cache_clear()
    normalize._placeholder_rules.cache_clear()  # a new document's names make rules of their own
    # Caches added by later code (absent when this bench times an older checkout).
    later = ("_learned", "_fold_cluster", "_normalized_text")
    for cache in (getattr(normalize, name, None) for name in later):
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()
    if hasattr(normalize, "_SIMPLE_FOLDS"):
        normalize._SIMPLE_FOLDS.clear()  # the characters' folds too, as the words' keys below
    if hasattr(tokenize, "forget_words"):
        tokenize.forget_words()  # the words' keys too: a new document counts as the first text seen


def fitted_exponent(sizes, times) -> float:
    """Return the slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    import math

    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
