"""Align the clauses of two documents globally: content decides, numbering and headings are hints."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from policygen.model import Clause, Document

# A featurizer turns text into the comparison keys of its tokens (normalized lemmas).
Featurize = Callable[[str], Sequence[str]]

# Tokens that carry no content of their own: punctuation and the placeholders' brackets.
_PUNCTUATION = set("、。，．・「」『』（）()［］[]〔〕【】：:；;！!？?　 ")


@dataclass(frozen=True)
class Unit:
    """One clause's own content (heading and text, children excluded), ready for scoring."""

    key: str  # model ID, or the clause's path in its document
    label: str
    heading: str
    text: str
    parent: str | None
    depth: int
    order: int
    features: Counter = field(default_factory=Counter, compare=False, hash=False)
    heading_keys: tuple[str, ...] = ()

    @property
    def has_content(self) -> bool:
        """Return True when the unit says anything beyond its label."""
        return bool(self.heading or self.text)


@dataclass(frozen=True)
class Alignment:
    """The document units one model (or old) unit corresponds to, best first."""

    key: str
    matches: tuple[str, ...]
    scores: tuple[float, ...]
    recall: float  # how much of the unit's content the matches carry, 0..1


def units(document: Document, featurize: Featurize, key_of: Callable[[Clause], str] | None = None) -> list[Unit]:
    """Return one Unit per clause of the document in document order."""
    out: list[Unit] = []

    def visit(clauses: Iterable[Clause], parent: str | None, depth: int) -> None:
        for clause in clauses:
            key = key_of(clause) if key_of else clause.id
            body = " ".join(part for part in (clause.heading, clause.text.replace("\n", " ")) if part)
            out.append(
                Unit(
                    key=key,
                    label=clause.label,
                    heading=clause.heading,
                    text=clause.text,
                    parent=parent,
                    depth=depth,
                    order=len(out),
                    features=_features(featurize(body)),
                    heading_keys=tuple(k for k in featurize(clause.heading) if k not in _PUNCTUATION),
                )
            )
            visit(clause.children, key, depth + 1)

    visit(document.clauses, None, 0)
    return out


def _features(keys: Sequence[str]) -> Counter:
    """Count content keys and adjacent key pairs; pairs reward wording kept in order."""
    content = [k for k in keys if k not in _PUNCTUATION]
    features: Counter = Counter(content)
    features.update(f"{a}\x00{b}" for a, b in zip(content, content[1:]))
    return features


class Scorer:
    """Score pairs of units by shared content, weighting rare keys above common ones (IDF)."""

    def __init__(self, left: Sequence[Unit], right: Sequence[Unit]):
        frequency: Counter = Counter()
        for unit in (*left, *right):
            frequency.update(set(unit.features))
        total = len(left) + len(right)
        self._idf = {k: math.log(1 + total / n) for k, n in frequency.items()}
        self._mass: dict[tuple[str, str], float] = {}

    def mass(self, features: Counter) -> float:
        """Return the IDF-weighted size of a feature bag."""
        return sum(self._idf.get(k, 1.0) * n for k, n in features.items())

    def overlap(self, a: Counter, b: Counter) -> float:
        """Return the IDF-weighted size of what two bags share."""
        if len(a) > len(b):
            a, b = b, a
        return sum(self._idf.get(k, 1.0) * min(n, b[k]) for k, n in a.items() if k in b)

    def recall_precision(self, left: Unit, right: Unit) -> tuple[float, float]:
        """Return the shares of the left and of the right unit's content that the other carries."""
        shared = self.overlap(left.features, right.features)
        if not shared:
            return 0.0, 0.0
        return shared / self.mass(left.features), shared / self.mass(right.features)


def heading_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Return the Dice coefficient of two headings' keys (0 when either has no heading)."""
    if not a or not b:
        return 0.0
    ca, cb = Counter(a), Counter(b)
    shared = sum((ca & cb).values())
    return 2 * shared / (len(a) + len(b))


@dataclass(frozen=True)
class Thresholds:
    """The cut-offs that decide whether content is the same clause; tuned on the labelled corpus."""

    pair: float = 0.30  # minimum pair score for a one-to-one match
    merged: float = 0.55  # recall of a model unit inside an already matched document unit
    split_gain: float = 0.10  # recall an extra document unit must add to count as part of a split
    split_precision: float = 0.35  # share of that extra unit that must belong to the model unit


def pair_score(scorer: Scorer, left: Unit, right: Unit) -> float:
    """Return the score of one pair: content F-measure plus a heading bonus."""
    recall, precision = scorer.recall_precision(left, right)
    content = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
    # A heading-only unit (a section title such as 定義) has only its heading to go by.
    heading = heading_similarity(left.heading_keys, right.heading_keys)
    return content + 0.25 * heading


def align(
    left: Sequence[Unit],
    right: Sequence[Unit],
    thresholds: Thresholds = Thresholds(),
) -> list[Alignment]:
    """Align every left unit to the right units that carry its content (possibly none).

    One-to-one matches are chosen globally (an optimal assignment over all pair scores); then a
    left unit left over may share a right unit already matched (two clauses merged into one), and
    a matched left unit may take further unmatched right units that add to its content (a clause
    split in two).
    """
    from scipy.optimize import linear_sum_assignment  # heavy: only when aligning

    scorer = Scorer(left, right)
    if not left or not right:
        return [Alignment(u.key, (), (), 0.0) for u in left]
    scores = [[pair_score(scorer, lu, ru) for ru in right] for lu in left]
    rows, cols = linear_sum_assignment(scores, maximize=True)
    chosen: dict[int, int] = {
        r: c for r, c in zip(rows, cols) if scores[r][c] >= thresholds.pair and left[r].has_content
    }
    used = set(chosen.values())
    result = []
    for i, unit in enumerate(left):
        matches: list[int] = []
        if i in chosen:
            matches.append(chosen[i])
        else:
            # Merged: the unit's content sits inside a right unit that another unit took.
            best = max(range(len(right)), key=lambda j: scorer.recall_precision(unit, right[j])[0])
            if scorer.recall_precision(unit, right[best])[0] >= thresholds.merged:
                matches.append(best)
        if matches:
            matches += _split_parts(scorer, unit, right, matches[0], used, thresholds)
        recall = _joint_recall(scorer, unit, [right[j] for j in matches])
        result.append(
            Alignment(
                key=unit.key,
                matches=tuple(right[j].key for j in matches),
                scores=tuple(round(scores[i][j], 4) for j in matches),
                recall=recall,
            )
        )
    return result


def _split_parts(
    scorer: Scorer, unit: Unit, right: Sequence[Unit], first: int, used: set[int], thresholds: Thresholds
) -> list[int]:
    """Return unmatched right units next to the first match that carry more of the unit's content."""
    taken = [first]
    recall = _joint_recall(scorer, unit, [right[first]])
    for step in (1, -1):
        j = first + step
        while 0 <= j < len(right) and j not in used and recall < 0.95:
            candidate = right[j]
            gain = _joint_recall(scorer, unit, [right[k] for k in taken] + [candidate]) - recall
            _, precision = scorer.recall_precision(unit, candidate)
            if gain < thresholds.split_gain or precision < thresholds.split_precision:
                break
            taken.append(j)
            recall += gain
            j += step
    return sorted(taken[1:])


def _joint_recall(scorer: Scorer, unit: Unit, parts: Sequence[Unit]) -> float:
    """Return the share of the unit's content carried by several right units together."""
    if not parts:
        return 0.0
    combined: Counter = Counter()
    for part in parts:
        combined |= part.features
    mass = scorer.mass(unit.features)
    return scorer.overlap(unit.features, combined) / mass if mass else 0.0
