"""Count how many of a model clause's signals a document clause shows, all of them in a few C-level passes.

The second pass of compare asks this for hundreds of (model clause, document clause) pairs, each with up
to twenty signals; one Python call per signal (Signal.found_in) was most of its cost. The counts are the
same as counting the signals whose found_in is true, rule for rule.
"""

from __future__ import annotations

from itertools import repeat
from typing import Sequence

from policygen.model import Signal


class SignalCounts:
    """One model clause's signals, sorted by the rule that finds each: single words, word sets, headed terms."""

    def __init__(self, signals: Sequence[Signal]):
        self._words = tuple(s.words[0] for s in signals if not s.heading and len(s.words) == 1)
        self._word_sets = tuple(s.words for s in signals if not s.heading and len(s.words) != 1)
        self._terms = tuple(s.words[0] for s in signals if s.heading)
        # A term is also shown where the text defines it: 「情報資産とは」, 「「情報資産」とは」.
        self._definitions = tuple((f"{t}とは", f"{t}」とは") for t in self._terms)

    def in_text(self, heading: str, body: str, joined: str) -> int:
        """Return how many signals the clause shows in its heading and body (`joined`: the two as one)."""
        return self._words_in(joined) + self._headed(heading, body)

    def in_heading(self, heading: str) -> int:
        """Return how many signals the heading alone shows (a headed term: the heading is the term)."""
        return self._words_in(heading) + self._terms.count(heading)

    def names(self, heading: str, body: str) -> bool:
        """Return True when the clause is headed by one of the terms or defines it."""
        return self._headed(heading, body) > 0

    def _headed(self, heading: str, body: str) -> int:
        """Return how many of the terms head the clause or are defined in its body."""
        if "とは" not in body:  # no definition in the text (nearly always): only the heading can name a term
            return self._terms.count(heading)
        return sum(1 for term, (plain, quoted) in zip(self._terms, self._definitions)
                   if heading == term or plain in body or quoted in body)

    def _words_in(self, text: str) -> int:
        """Return how many of the single words and of the word sets (all their words) the text holds."""
        found = sum(map(text.__contains__, self._words))
        if self._word_sets:
            # all(map(text.__contains__, words)) for each set, in C: map(map, …) makes the inner maps.
            found += sum(map(all, map(map, repeat(text.__contains__), self._word_sets)))
        return found
