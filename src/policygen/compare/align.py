"""Align the clauses of two documents globally: content decides, numbering and headings are hints."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import chain
from operator import add
from typing import Callable, Iterable, Mapping, Sequence

from policygen import progress
from policygen.compare.features import comparable
from policygen.compare.signal_counts import SignalCounts
from policygen.compare.vocabulary import EMPTY, Vocabulary
from policygen.model import Clause, Document, MatchBasis, Signal

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
    total = sum(1 for _ in document.walk())

    def visit(clauses: Iterable[Clause], parent: str | None, depth: int) -> None:
        for clause in clauses:
            key = key_of(clause) if key_of else clause.id
            # The text compare diffs and judges: one normalization serves features, status and diff alike.
            body = comparable(clause.heading, clause.text)
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
            progress.step("preparing clauses", len(out), total)
            visit(clause.children, key, depth + 1)

    visit(document.clauses, None, 0)
    return out


def _features(keys: Sequence[str]) -> Counter:
    """Count content keys and adjacent key pairs; pairs reward wording kept in order."""
    content = [k for k in keys if k not in _PUNCTUATION]
    features: Counter = Counter(content)
    features.update(map("\x00".join, zip(content, content[1:])))  # a\x00b, built in C
    return features


def added(values: Iterable[float]) -> float:
    """Return the values added one after another from 0.0, as score_matrix adds them.

    Not sum(): from Python 3.12 sum() compensates float rounding, which would set the score of a pair
    apart from its cell in the matrix by a last bit, and results apart from one Python to another.
    """
    return reduce(add, values, 0.0)


class Scorer:
    """Score pairs of units by shared content, weighting rare keys above common ones (IDF)."""

    def __init__(self, left: Sequence[Unit], right: Sequence[Unit]):
        # How many units hold each key (a bag's iteration gives each of its keys once), counted in C.
        frequency = Counter(chain.from_iterable(unit.features for unit in (*left, *right)))
        total = len(left) + len(right)
        # Few distinct counts: each count's IDF is computed once, then looked up per key (the same value).
        of_count = {n: math.log(1 + total / n) for n in set(frequency.values())}
        self._idf = dict(zip(frequency, map(of_count.__getitem__, frequency.values())))
        # id(bag) -> (bag, value): a unit's bag is asked for once per pair; holding the bag keeps its id unique.
        self._mass: dict[int, tuple[Counter, float]] = {}
        self._weighted: dict[int, tuple[Counter, dict[str, float]]] = {}  # key -> IDF × count
        self._places: dict[int, tuple[Counter, dict[str, int]]] = {}  # key -> its place in the bag

    def mass(self, features: Counter) -> float:
        """Return the IDF-weighted size of a feature bag (memoized per bag: bags are not changed once built)."""
        cached = self._mass.get(id(features))
        if cached is not None and cached[0] is features:
            return cached[1]
        value = added(self.weights(features).values())
        self._mass[id(features)] = (features, value)
        return value

    def weights(self, features: Counter) -> dict[str, float]:
        """Return each key's IDF-weighted count in a unit's bag (memoized per bag)."""
        cached = self._weighted.get(id(features))
        if cached is not None and cached[0] is features:
            return cached[1]
        idf = self._idf
        weights = {k: idf.get(k, 1.0) * n for k, n in features.items()}
        self._weighted[id(features)] = (features, weights)
        return weights

    def overlap(self, a: Counter, b: Counter) -> float:
        """Return the IDF-weighted size of what two bags share."""
        if len(a) > len(b):
            a, b = b, a
        shared = a.keys() & b.keys()
        if not shared:
            return 0
        known_a, known_b = self._weighted.get(id(a)), self._weighted.get(id(b))
        if known_a is not None and known_a[0] is a and known_b is not None and known_b[0] is b:
            # Both are units' bags: the same terms in the same order (a's), each min(IDF × count) being
            # IDF × min(count) exactly, as the IDF is positive; a different order could change a last bit.
            wa, wb = known_a[1], known_b[1]
            if 4 * len(shared) < len(a):
                keys = sorted(shared, key=self._place(a).__getitem__)  # a few shared keys: put in a's order
            else:
                keys = list(filter(shared.__contains__, a))
            return added(map(min, map(wa.__getitem__, keys), map(wb.__getitem__, keys)))
        idf = self._idf
        return added(idf.get(k, 1.0) * min(n, b[k]) for k, n in a.items() if k in shared)

    def _place(self, features: Counter) -> dict[str, int]:
        cached = self._places.get(id(features))
        if cached is not None and cached[0] is features:
            return cached[1]
        places = {k: i for i, k in enumerate(features)}
        self._places[id(features)] = (features, places)
        return places

    def recall_precision(self, left: Unit, right: Unit) -> tuple[float, float]:
        """Return the shares of the left and of the right unit's content that the other carries."""
        self.weights(left.features), self.weights(right.features)  # a unit's bag: weighted once for every pair
        shared = self.overlap(left.features, right.features)
        if not shared:
            return 0.0, 0.0
        return shared / self.mass(left.features), shared / self.mass(right.features)


def heading_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Return the Dice coefficient of two headings' keys (0 when either has no heading)."""
    if not a or not b:
        return 0.0
    ca, cb = _counts(tuple(a)), _counts(tuple(b))
    if ca.keys().isdisjoint(cb):
        return 0.0
    shared = sum((ca & cb).values())
    return 2 * shared / (len(a) + len(b))


@lru_cache(maxsize=4096)
def _counts(keys: tuple[str, ...]) -> Counter:
    """Return the count of each key of a heading (asked for once per pair; never changed by a caller)."""
    return Counter(keys)


@dataclass(frozen=True)
class Thresholds:
    """The cut-offs that decide whether content is the same clause; tuned on the labelled corpus."""

    pair: float = 0.30  # minimum pair score for a one-to-one match
    merged: float = 0.55  # recall of a model unit inside an already matched document unit
    split_gain: float = 0.10  # recall an extra document unit must add to count as part of a split
    split_precision: float = 0.35  # share of that extra unit that must belong to the model unit
    confirm: float = 0.35  # below this, a match must show one of its unit's signals (when it has any)


# Weight of heading agreement beside content (0..1): enough to decide between clauses of like content and
# to carry a heading-only unit, too little for a shared heading alone to reach `Thresholds.pair`.
_HEADING_WEIGHT = 0.25


def pair_score(scorer: Scorer, left: Unit, right: Unit) -> float:
    """Return the score of one pair: content F-measure plus a heading bonus."""
    return _score_and_recall(scorer, left, right)[0]


def _score_and_recall(scorer: Scorer, left: Unit, right: Unit) -> tuple[float, float]:
    """Return a pair's score and the share of the left unit's content the right one carries."""
    recall, precision = scorer.recall_precision(left, right)
    content = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
    # A heading-only unit (a section title such as 定義) has only its heading to go by.
    heading = heading_similarity(left.heading_keys, right.heading_keys)
    return content + _HEADING_WEIGHT * heading, recall


@dataclass(frozen=True)
class Scores:
    """Every pair's score and the left unit's recall in the right one, row by left unit."""

    scores: list[list[float]]
    recalls: list[list[float]]


def score_matrix(scorer: Scorer, left: Sequence[Unit], right: Sequence[Unit]) -> Scores:
    """Score all pairs once (the costly step), for align() to reuse across calls on the same units.

    The same arithmetic as `_score_and_recall` (so the same bits): each pair's shared weight is summed
    in the order of the smaller bag's keys, as Scorer.overlap sums it, but through an index of which
    units hold each key, so that a pair costs only the keys it shares.
    """
    lefts = [_Prepared.of(scorer, u) for u in left]
    rights = [_Prepared.of(scorer, u) for u in right]
    by_left = _shared_weights(lefts, rights, smaller=False)  # [i][j]: the left bag no larger, in its order
    by_right = _shared_weights(rights, lefts, smaller=True)  # [j][i]: the right bag smaller, in its order
    right_sizes = [len(ru.weights) for ru in rights]
    headings = _shared_heading_keys(lefts, rights)
    scores, recalls = [], []
    for i, lu in enumerate(lefts):
        row_scores, row_recalls = [], []
        size, mass, in_left_order, heading_row = len(lu.weights), lu.mass, by_left[i], headings[i]
        for j, ru in enumerate(rights):
            # The smaller bag's order decides the order of the sum (the left's when both are the same size).
            shared = in_left_order[j] if size <= right_sizes[j] else by_right[j][i]
            if shared:
                recall, precision = shared / mass, shared / ru.mass
                content = 2 * recall * precision / (recall + precision)
            else:
                recall = content = 0.0
            common = heading_row[j]
            heading = 2 * common / (lu.heading_size + ru.heading_size) if common else 0.0
            row_scores.append(content + _HEADING_WEIGHT * heading)
            row_recalls.append(recall)
        scores.append(row_scores)
        recalls.append(row_recalls)
        progress.step("aligning clauses", i + 1, len(left))
    return Scores(scores, recalls)


def _shared_weights(rows: Sequence["_Prepared"], columns: Sequence["_Prepared"], *, smaller: bool) -> list[list[float]]:
    """Return, for each row unit, the weight it shares with each column unit its bag is the smaller of.

    Summed in the row's key order, each shared key adding min(row weight, column weight) as
    Scorer.overlap adds them; a column whose bag is not larger (or, with `smaller` False, not at least as
    large) is left at 0.0, as is one sharing nothing (weights are positive).
    """
    sizes = [len(column.weights) for column in columns]
    waiting = sorted(range(len(columns)), key=lambda j: -sizes[j])  # largest bag first
    # key -> the columns holding it, with their weight. Rows are taken largest bag first, and before each
    # row the index takes in the columns it may pair with (those of a larger row are its own too), so a
    # key's list holds only columns the row pairs with: nothing to cut off per key.
    index: dict[str, list[tuple[int, float]]] = {}
    get = index.get
    out: list[list[float]] = [[] for _ in rows]
    taken = 0
    for i in sorted(range(len(rows)), key=lambda i: -len(rows[i].weights)):
        row = rows[i]
        size = len(row.weights)
        while taken < len(waiting) and (sizes[waiting[taken]] > size if smaller else sizes[waiting[taken]] >= size):
            j = waiting[taken]
            for key, weight in columns[j].weights.items():
                entry = get(key)
                if entry is None:
                    index[key] = [(j, weight)]
                else:
                    entry.append((j, weight))
            taken += 1
        shared = out[i] = [0.0] * len(columns)
        for key, weight in row.weights.items():
            entry = get(key)
            if entry is not None:
                for j, other in entry:
                    shared[j] += weight if weight <= other else other
    return out


def _shared_heading_keys(lefts: Sequence["_Prepared"], rights: Sequence["_Prepared"]) -> list[list[int]]:
    """Return, for each pair, how many heading keys they share (what Counter's & counts)."""
    holders: dict[str, list[tuple[int, int]]] = {}
    for j, right in enumerate(rights):
        for key, count in right.heading.items():
            holders.setdefault(key, []).append((j, count))
    out = []
    for left in lefts:
        shared = [0] * len(rights)
        for key, count in left.heading.items():
            for j, other in holders.get(key, ()):
                shared[j] += count if count <= other else other
        out.append(shared)
    return out


@dataclass(frozen=True)
class _Prepared:
    """What scoring needs of one unit, computed once for a whole matrix."""

    weights: dict[str, float]
    mass: float
    heading: Counter
    heading_size: int

    @classmethod
    def of(cls, scorer: Scorer, unit: Unit) -> "_Prepared":
        """Return the unit's weighted bag, its mass and its heading's key counts."""
        return cls(scorer.weights(unit.features), scorer.mass(unit.features), _counts(unit.heading_keys),
                   len(unit.heading_keys))


def align(
    left: Sequence[Unit],
    right: Sequence[Unit],
    thresholds: Thresholds = Thresholds(),
    *,
    bonus: Callable[[Unit, Unit], float] | None = None,
    scorer: Scorer | None = None,
    matrix: Scores | None = None,
) -> list[Alignment]:
    """Align every left unit to the right units that carry its content (possibly none).

    One-to-one matches are chosen globally (an optimal assignment over all pair scores); then a
    left unit left over may share a right unit already matched (two clauses merged into one), and
    a matched left unit may take further unmatched right units that add to its content (a clause
    split in two). `bonus(left, right)` is added to a pair's score when choosing the assignment only
    (structural context such as matched parents breaks ties); the thresholds still judge content alone.
    A caller aligning the same units twice may pass their `scorer` and `matrix` to score them once.
    """
    from policygen.compare.assignment import maximize

    scorer = scorer or Scorer(left, right)
    if not left or not right:
        return [Alignment(u.key, (), (), 0.0) for u in left]
    matrix = matrix or score_matrix(scorer, left, right)
    scores = matrix.scores
    objective = scores
    if bonus is not None:
        # Only acceptable pairs get the bonus, so that it never trades a real match for a weak one.
        objective = [
            [s + bonus(lu, ru) if s >= thresholds.pair else s for s, ru in zip(row, right)]
            for row, lu in zip(scores, left)
        ]
    chosen: dict[int, int] = {
        r: c for r, c in maximize(objective) if scores[r][c] >= thresholds.pair and left[r].has_content
    }
    used = set(chosen.values())
    result = []
    for i, unit in enumerate(left):
        matches: list[int] = []
        if i in chosen:
            matches.append(chosen[i])
        else:
            # Merged: the unit's content sits inside a right unit that another unit took.
            recalls = matrix.recalls[i]
            best = max(range(len(right)), key=recalls.__getitem__)
            if recalls[best] >= thresholds.merged:
                matches.append(best)
        if matches:
            matches += _split_parts(scorer, unit, right, matches[0], matrix.recalls[i][matches[0]], used, thresholds)
        if len(matches) == 1:
            recall = matrix.recalls[i][matches[0]]  # one part's recall is its cell (the same sum: test_fast_paths)
        else:
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


# A split stops taking neighbours once the parts carry this much of the unit: what is left is noise.
_ENOUGH_RECALL = 0.95


def _split_parts(
    scorer: Scorer, unit: Unit, right: Sequence[Unit], first: int, recall: float, used: set[int], thresholds: Thresholds
) -> list[int]:
    """Return unmatched right units next to the first match (whose recall is given) that carry more of the unit."""
    taken = [first]
    for step in (1, -1):
        j = first + step
        while 0 <= j < len(right) and j not in used and recall < _ENOUGH_RECALL:
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
    if len(parts) == 1:
        # One part's bag is the union itself: the same shared keys in the same order, so the same sum.
        combined = parts[0].features
    else:
        combined = Counter()
        for part in parts:
            combined |= part.features
    mass = scorer.mass(unit.features)
    return scorer.overlap(unit.features, combined) / mass if mass else 0.0


# --- second pass: structure and signals ----------------------------------------------------------------
#
# Content alone misses clauses that old or article-style policies word in their own way: a threat named
# only in a definition, a set of measures spread over articles. What content leaves unmatched is settled
# here by structure (a section whose items sit together under one parent) and by signals (phrases that
# name the clause's concept), but only inside the clause's context, so that a phrase elsewhere (停電 in
# a measure) does not stand for a provision of another kind (停電 as an assumed threat).

ROOT = ""  # the document itself, as the parent of its top-level clauses


@dataclass(frozen=True)
class Found:
    """How a left unit was settled by the second pass: its right units and the rule that placed it."""

    matches: tuple[str, ...]
    basis: MatchBasis  # "block" or "signals": the second pass never places by content
    strong: bool = False  # a signal headed the clause (its caption or defined term names the concept)


def complete(
    left: Sequence[Unit],
    right: Sequence[Unit],
    alignments: Sequence[Alignment],
    signals: Mapping[str, Sequence[Signal]],
    normalize: Callable[[str], str],
    thresholds: Thresholds = Thresholds(),
    *,
    vocabulary: Vocabulary = EMPTY,
    preamble: Sequence[str] = (),
    scorer: Scorer | None = None,
) -> tuple[list[Alignment], dict[str, Found]]:
    """Place the left units that content left unmatched, by structure and by their signals in context.

    Returns the completed alignments and, for each unit this pass placed, how it was placed. A weak
    content match (below `thresholds.confirm`) that shows none of its unit's signals gives way to a
    clause of the context that shows them. The `vocabulary` says where else a concept may stand: the
    `preamble` units (document paths) for the clauses a preamble carries; a document's definitions only
    for the clauses a definition may carry. `scorer` is the one align() used on the same units, if any.
    """
    tree = _Tree(left, right)
    matches: dict[str, list[str]] = {a.key: list(a.matches) for a in alignments}
    found: dict[str, Found] = {}
    scorer = scorer or Scorer(left, right)
    by_key = {u.key: u for u in right}
    # path -> its heading and text as signals are looked for in them, and the two joined (what most
    # signals are looked for in): normalized when first asked, as most documents leave few units to place.
    texts: dict[str, tuple[str, str, str]] = {}

    def text_of(path: str) -> tuple[str, str, str]:
        known = texts.get(path)
        if known is None:
            unit = by_key[path]
            # A line break reads as a space: the text alone is what a unit without heading was featurized from.
            heading, body = vocabulary.heading_form(normalize(unit.heading)), vocabulary.mask(normalize(unit.text))
            known = texts[path] = (heading, body, heading + body)
        return known

    def definitions() -> set[str]:
        # The document's definitions: the items under what the model's definitions section matched.
        out: set[str] = set()
        for path in matches.get(vocabulary.definitions, ()):
            if path != ROOT and path in tree.has_children:
                out.update(tree.subtree(path)[1:])
        return out

    counters: dict[str, SignalCounts] = {}

    def counts(unit: Unit) -> SignalCounts:
        counter = counters.get(unit.key)
        if counter is None:
            counter = counters[unit.key] = SignalCounts(signals.get(unit.key, ()))
        return counter

    def named(unit: Unit, path: str) -> bool:
        # The clause is headed by the concept or defines it (「情報資産」とは), not merely uses its words.
        heading, body, _ = text_of(path)
        return counts(unit).names(heading, body)

    def placed(unit: Unit) -> set[str]:
        # Where the structure puts the unit: inside what its parent matched, or a preamble it may sit in.
        out: set[str] = set(preamble) if unit.key in vocabulary.preamble else set()
        for path in matches.get(unit.parent or "", ()) if unit.parent else ():
            if path != ROOT:
                out.update(tree.subtree(path))
        return out

    def context(unit: Unit) -> list[str]:
        paths = tree.context(unit, matches)
        if unit.heading and unit.parent is not None and not matches.get(unit.parent):
            # A concept of its own whose section is absent may stand anywhere; its siblings' places first.
            paths = list(dict.fromkeys([*paths, *tree.everything]))
        if unit.key in vocabulary.preamble and preamble:
            paths = list(dict.fromkeys([*preamble, *paths]))
        if not vocabulary.carried_by_definition(unit.key):
            defined = definitions()
            paths = [p for p in paths if p not in defined]
        return paths

    seen: dict[tuple[str, str], tuple[int, int]] = {}  # the texts and signals stay as they are: ask once per pair

    def hits(unit: Unit, path: str) -> tuple[int, int]:
        found = seen.get((unit.key, path))
        if found is None:
            heading, body, both = text_of(path)
            counter = counts(unit)
            in_text = counter.in_text(heading, body, both)
            # What the heading alone shows, heading and body show too: no hit in the text, none in the heading.
            in_heading = counter.in_heading(heading) if in_text else 0
            found = seen[(unit.key, path)] = (in_text, in_heading)
        return found

    for unit in left:
        block = _block(tree, unit, matches)
        if block and not matches[unit.key]:
            matches[unit.key] = [block]
            found[unit.key] = Found((block,), "block")

    # Weak content matches must show a signal; those that do not are set aside, and come back only if
    # the signals find nothing better.
    set_aside: dict[str, list[str]] = {}
    for alignment in alignments:
        unit = tree.left[alignment.key]
        if (
            signals.get(unit.key)
            and alignment.matches
            and alignment.scores[0] < thresholds.confirm
            and hits(unit, alignment.matches[0])[0] == 0
        ):
            set_aside[unit.key] = matches[unit.key]
            matches[unit.key] = []

    changed = True
    while changed:  # a clause placed may be the context of its siblings: repeat until nothing moves
        changed = False
        for unit in left:
            if matches[unit.key] or not signals.get(unit.key):
                continue
            candidates = []
            paths = context(unit)
            is_term = bool(vocabulary.definitions) and unit.key.startswith(vocabulary.definitions + ".")
            rank = {p: i for i, p in enumerate(paths)}
            near = tree.anchored(unit, matches)
            for path in paths:
                in_text, in_heading = hits(unit, path)
                if in_text and path not in near and is_term and not in_heading and not named(unit, path):
                    continue  # a term far from the definitions counts only where it is defined, not used
                if in_text:
                    score = pair_score(scorer, unit, by_key[path])
                    candidates.append((path not in near, -in_text, -in_heading, -score, rank[path], path))
            if candidates:
                chosen = min(candidates)
                best = chosen[-1]
                matches[unit.key] = [best]
                found[unit.key] = Found((best,), "signals", strong=chosen[2] < 0 or best in placed(unit))
                changed = True

    for key, previous in set_aside.items():
        if not matches[key]:
            matches[key] = previous
    result = []
    for alignment in alignments:
        paths = matches[alignment.key]
        if paths == list(alignment.matches):
            result.append(alignment)
            continue
        unit = tree.left[alignment.key]
        parts = [by_key[p] for p in paths]
        result.append(
            Alignment(
                key=alignment.key,
                matches=tuple(paths),
                scores=tuple(round(pair_score(scorer, unit, p), 4) for p in parts),
                recall=_joint_recall(scorer, unit, parts),
            )
        )
    return result, {k: v for k, v in found.items() if matches[k] == list(v.matches)}


class _Tree:
    """The parent/child structure of both sides, and the subtrees a context is made of."""

    def __init__(self, left: Sequence[Unit], right: Sequence[Unit]):
        self.left = {u.key: u for u in left}
        self.left_children: dict[str | None, list[str]] = {}
        for unit in left:
            self.left_children.setdefault(unit.parent, []).append(unit.key)
        self.right = list(right)
        self.order = {u.key: i for i, u in enumerate(right)}
        self.parent = {u.key: u.parent or ROOT for u in right}
        self.has_children = {u.parent for u in right if u.parent}
        self.everything = [u.key for u in right]

    def subtree(self, path: str) -> list[str]:
        """Return a right unit and its descendants (the whole document for ROOT), in document order."""
        if path == ROOT:
            return self.everything
        start = self.order[path]
        depth = self.right[start].depth
        end = start + 1
        while end < len(self.right) and self.right[end].depth > depth:
            end += 1
        return self.everything[start:end]

    def context(self, unit: Unit, matches: dict[str, list[str]]) -> list[str]:
        """Return the right units where a left unit's signals may stand for it.

        The context is what the unit's parent matched and the parents of what its siblings matched. A
        unit with a heading of its own (a concept, not an item of a list) is looked for in the whole
        document when that gives it no section to look in: its parent unmatched, or matched only to
        clauses without children (a definition that mentions the concept).
        """
        if unit.parent is None:
            return self.everything
        anchors = list(matches.get(unit.parent, ()))
        for sibling in self.left_children.get(unit.parent, ()):
            if sibling != unit.key and matches.get(sibling):
                anchors.append(self.parent[matches[sibling][0]])
        containers = [a for a in anchors if a == ROOT or a in self.has_children]
        if unit.heading and not containers:
            return self.everything
        return sorted(self.anchored(unit, matches), key=self.order.__getitem__)

    def anchored(self, unit: Unit, matches: dict[str, list[str]]) -> set[str]:
        """Return the right units inside what the unit's parent and its siblings' parents matched."""
        if unit.parent is None:
            return set(self.everything)
        anchors = list(matches.get(unit.parent, ()))
        for sibling in self.left_children.get(unit.parent, ()):
            if sibling != unit.key and matches.get(sibling):
                anchors.append(self.parent[matches[sibling][0]])
        seen: set[str] = set()
        for anchor in anchors:
            seen.update(self.subtree(anchor))
        return seen


# Items that make a section together: one matched item alone is that item, not its section.
_BLOCK_MIN_ITEMS = 2


def _block(tree: _Tree, unit: Unit, matches: dict[str, list[str]]) -> str | None:
    """Return where a heading-only unit stands when its items are matched together under one parent.

    A section such as 定義 is present when at least two of its items matched distinct clauses that are
    siblings in the document; it stands at their parent when that parent is free, else at the first of
    them. Items scattered under different parents do not make a section.
    """
    if unit.text or not unit.heading:
        return None
    groups: dict[str, list[str]] = {}
    for child in tree.left_children.get(unit.key, ()):
        if matches.get(child):
            path = matches[child][0]
            groups.setdefault(tree.parent[path], [])
            if path not in groups[tree.parent[path]]:
                groups[tree.parent[path]].append(path)
    taken = {p for paths in matches.values() for p in paths}
    for parent, paths in groups.items():
        if len(paths) < _BLOCK_MIN_ITEMS:
            continue
        if parent == ROOT and not _adjacent(tree, paths):
            continue
        if parent != ROOT and parent not in taken:
            return parent
        return min(paths, key=tree.order.__getitem__)
    return None


def _adjacent(tree: _Tree, paths: Sequence[str]) -> bool:
    """Return True when top-level clauses follow one another with no other top-level clause between."""
    tops = [p for p in tree.everything if tree.parent[p] == ROOT]
    positions = sorted(tops.index(p) for p in paths)
    return positions[-1] - positions[0] == len(positions) - 1
