"""Compare two versions of one policy clause by clause: added, removed, moved, renumbered or reworded.

Clauses that occur once and unchanged in both versions are paired first (anchors.py); the others are
aligned by content (align.py's global assignment) within the stretches between those anchors, then
across them, with matched parents as a tie-breaker; each aligned pair is then diffed token by token
(diff.py) over its own heading and text. A clause whose text is unchanged but whose number shifted is
"renumbered", which is no change of substance.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

from policygen.compare.align import (
    Alignment,
    Scorer,
    Thresholds,
    Unit,
    align,
    heading_similarity,
    pair_score,
    score_matrix,
    units,
)
from policygen.compare import features
from policygen.errors import PolicygenError
from policygen.model import Clause, Document, Edit, Notice, Revision, RevisionPair, RevisionStatus
from policygen import layout as L
from policygen.revise import anchors, style_forms
from policygen.revise.increasing import longest_increasing

# Added to an acceptable pair's score when the clauses' parents are matched too: with identical texts
# in several places (two sections both saying 「(略)」) the one under the matching parent wins.
_PARENT_BONUS = 0.1
# A smaller nudge for the same label, so that equal texts among siblings keep their own numbers.
_LABEL_BONUS = 0.01
# How much of a clause's content must have moved into (or out of) another clause to call it a merge
# (or a split): without it a deleted clause that merely resembles a neighbour would read as merged.
_MOVED_CONTENT = 0.3
_SPLIT_SOURCE = 0.5


@dataclass
class _Matching:
    """Old clause id → new clause id, plus the merges and splits found beside the one-to-one pairs."""

    pairs: dict[str, str] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # removed old id → new id holding its text
    split: dict[str, str] = field(default_factory=dict)  # added new id → old id it came from

    def inverse(self) -> dict[str, str]:
        return {n: o for o, n in self.pairs.items()}


def compare_revisions(
    old: Document,
    new: Document,
    *,
    old_path: str = "",
    new_path: str = "",
    ignore_notation: bool = False,
    ignore_whitespace: bool = False,
    paragraphs: bool = False,
    anchor: bool = True,
) -> Revision:
    """Align the clauses of two versions of a policy and say what happened to each.

    With `paragraphs`, the revision also carries its printed paragraphs paired and marked (paragraphs.py),
    computed once for every 新旧対照表 and redline writer; without, each writer computes them when it draws.
    `anchor=False` scores every old clause against every new one (quadratic; the reference that the
    anchored alignment is tested against).
    """
    for document, path, side in ((old, old_path, "old"), (new, new_path, "new")):
        if not any(True for _ in document.walk()):
            raise PolicygenError(f"{path or side + ' version'}: no clauses found: is this a policy text?")
    org_old, org_new = features.org_names(old), features.org_names(new)
    forms = style_forms.between(L.document_style(old), L.document_style(new))
    style_notices: list[Notice] = []
    # Each version's words as the style forms compare them, read with its own names (built once).
    readers = None
    if forms is not style_forms.NONE:
        readers = (style_forms.keys_reader(org_old), style_forms.keys_reader(org_new))
        old, new, style_notices = _itemized(old, new, forms, org_old, org_new, readers)
    old_units = units(old, features.featurizer(org_old))
    new_units = units(new, features.featurizer(org_new))
    matching = _match(old_units, new_units, anchor=anchor)

    old_tree, new_tree = _Tree(old), _Tree(new)
    moved = _moved(matching, old_tree, new_tree)
    inverse = matching.inverse()
    pairs: list[RevisionPair] = []
    for side, clause_id in _order(matching.pairs, old_tree, new_tree):
        if side == "old":
            clause = old_tree.clauses[clause_id]
            related = new_tree.clauses.get(matching.merged.get(clause_id, ""))
            pairs.append(RevisionPair("removed", clause, None, similarity=0.0, related=related))
            continue
        clause = new_tree.clauses[clause_id]
        old_id = inverse.get(clause_id)
        if old_id is None:
            related = old_tree.clauses.get(matching.split.get(clause_id, ""))
            pairs.append(RevisionPair("added", None, clause, similarity=0.0, related=related))
            continue
        before = old_tree.clauses[old_id]
        pair, reasons = _pair(before, clause, org_old, org_new, clause_id in moved, ignore_notation,
                              ignore_whitespace, forms, readers)
        pairs.append(pair)
        style_notices += reasons
    revision = Revision(
        old=old,
        new=new,
        pairs=tuple(pairs),
        old_path=old_path,
        new_path=new_path,
        notices=_notices(matching, old_tree, new_tree) + tuple(style_notices),
    )
    if paragraphs:
        from policygen.revise.paragraphs import with_paragraphs

        return with_paragraphs(revision)
    return revision


# --- text and features ---------------------------------------------------------------------------------------


def comparable(clause: Clause) -> str:
    """Return a clause's own content as compared: its heading, then its body (children excluded)."""
    return features.comparable(clause.heading, clause.text)


def same_label(a: str, b: str) -> bool:
    """Return True when two labels are the same number written alike up to width and spacing."""
    return "".join(unicodedata.normalize("NFKC", a).split()) == "".join(unicodedata.normalize("NFKC", b).split())


# --- the document trees --------------------------------------------------------------------------------------


class _Tree:
    """One version's clauses by id, with each clause's parent and its position among its siblings."""

    def __init__(self, document: Document) -> None:
        self.clauses: dict[str, Clause] = {}
        self.parent: dict[str, str | None] = {}
        self.position: dict[str, int] = {}
        self.children: dict[str | None, list[str]] = {None: [c.id for c in document.clauses]}
        self.order: list[str] = []
        self.rank: dict[str, int] = {}
        for index, clause in enumerate(document.clauses):
            self._visit(clause, None, index)

    def _visit(self, clause: Clause, parent: str | None, index: int) -> None:
        self.clauses[clause.id] = clause
        self.parent[clause.id] = parent
        self.position[clause.id] = index
        self.rank[clause.id] = len(self.order)
        self.order.append(clause.id)
        self.children[clause.id] = [c.id for c in clause.children]
        for i, child in enumerate(clause.children):
            self._visit(child, clause.id, i)

    def weight(self, clause_id: str) -> int:
        """Return the amount of text a clause and its descendants carry (moving more text costs more)."""
        return sum(len(comparable(c)) + 1 for c in self.clauses[clause_id].walk())


# --- alignment -----------------------------------------------------------------------------------------------


def _match(old_units: list[Unit], new_units: list[Unit], *, anchor: bool = True) -> _Matching:
    """Pair old and new clauses: content first, then matched parents to settle ties and bare parents.

    With `anchor`, clauses that occur once and unchanged in each version are paired first and only the
    stretches between them are scored (anchors.py); without, every old clause is scored against every new one.
    """
    scorer = Scorer(old_units, new_units)
    aligner = _Anchored(scorer, old_units, new_units) if anchor else _Whole(scorer, old_units, new_units)
    first = _decode(aligner.align(None), old_units)
    _settle_merges(first, scorer, old_units, new_units)

    def context(o: Unit, n: Unit) -> float:
        bonus = _LABEL_BONUS if same_label(o.label, n.label) else 0.0
        if o.parent is None and n.parent is None:
            return bonus + _PARENT_BONUS
        if o.parent is not None and first.pairs.get(o.parent) == n.parent:
            return bonus + _PARENT_BONUS
        return bonus

    matching = _decode(aligner.align(context), old_units)
    _settle_merges(matching, scorer, old_units, new_units)
    _pair_bare_parents(matching, old_units, new_units)
    _check_merges_and_splits(matching, scorer, old_units, new_units)
    return matching


_Bonus = Callable[[Unit, Unit], float]


class _Whole:
    """align() over all pairs of old and new clauses (the matrix scored once for both passes)."""

    def __init__(self, scorer: Scorer, old_units: list[Unit], new_units: list[Unit]) -> None:
        self.scorer, self.old_units, self.new_units = scorer, old_units, new_units
        self.matrix = score_matrix(scorer, old_units, new_units)

    def align(self, bonus: _Bonus | None) -> list[Alignment]:
        return align(self.old_units, self.new_units, bonus=bonus, scorer=self.scorer, matrix=self.matrix)


class _Anchored:
    """align() over the stretches between anchored twins, then over what they left, for moves across them.

    Each stretch is aligned on its own (its matrix scored once for both passes). The old and new clauses
    left unpaired are then aligned with each other, wherever they stand: a clause reworded and moved
    to another stretch is found there. An old clause still unpaired looks for the new clause holding its
    content among all of them, as align() would over the whole matrix (a merge).
    """

    def __init__(self, scorer: Scorer, old_units: list[Unit], new_units: list[Unit]) -> None:
        self.scorer, self.old_units, self.new_units = scorer, old_units, new_units
        found = anchors.plan(old_units, new_units)
        self._full: dict[bool, float] = {}  # a twin's score, by whether it has a heading (see _twin)
        self.twins = [self._twin(old_units[o], new_units[n]) for o, n in found.twins]
        self.stretches = [
            ([old_units[i] for i in olds], [new_units[j] for j in news]) for olds, news in found.stretches if olds
        ]
        self.matrices = [score_matrix(scorer, olds, news) for olds, news in self.stretches]

    def align(self, bonus: _Bonus | None) -> list[Alignment]:
        by_key = {a.key: a for a in self.twins}
        for (olds, news), matrix in zip(self.stretches, self.matrices):
            by_key.update((a.key, a) for a in align(olds, news, bonus=bonus, scorer=self.scorer, matrix=matrix))
        paired = _decode(self._in_order(by_key), self.old_units).pairs
        taken = set(paired.values())
        old_left = [u for u in self.old_units if u.key not in paired]
        new_left = [u for u in self.new_units if u.key not in taken]
        if old_left and new_left:
            for alignment in align(old_left, new_left, bonus=bonus, scorer=self.scorer):
                if alignment.matches:
                    by_key[alignment.key] = alignment
        paired = _decode(self._in_order(by_key), self.old_units).pairs
        for unit in self.old_units:
            if unit.key not in paired:
                by_key[unit.key] = self._merged(unit)
        return self._in_order(by_key)

    def _twin(self, old: Unit, new: Unit) -> Alignment:
        """Return the alignment of two clauses of equal content: all of the old one's content is carried.

        Equal content scores full marks (recall and precision 1, and the whole heading bonus when there is
        a heading), so the rounded score is scored once for twins with a heading and once for those without.
        """
        has_heading = bool(old.heading_keys)
        if has_heading not in self._full:
            self._full[has_heading] = round(pair_score(self.scorer, old, new), 4)
        return Alignment(old.key, (new.key,), (self._full[has_heading],), 1.0)

    def _in_order(self, by_key: dict[str, Alignment]) -> list[Alignment]:
        return [by_key.get(u.key) or Alignment(u.key, (), (), 0.0) for u in self.old_units]

    def _merged(self, unit: Unit) -> Alignment:
        """Return the unit's alignment to the new clause carrying most of its content, if enough (a merge)."""
        best, recall = None, 0.0
        for other in self.new_units:
            share = _share(self.scorer, unit, other)
            if best is None or share > recall:
                best, recall = other, share
        if best is None or recall < Thresholds().merged:
            return Alignment(unit.key, (), (), 0.0)
        return Alignment(unit.key, (best.key,), (round(pair_score(self.scorer, unit, best), 4),), recall)


def _decode(alignments: list[Alignment], old_units: list[Unit]) -> _Matching:
    """Turn align()'s answer into one-to-one pairs, merge candidates and split candidates."""
    order = {u.key: u.order for u in old_units}
    matching = _Matching()
    by_target: dict[str, list[Alignment]] = defaultdict(list)
    for alignment in alignments:
        if alignment.matches:
            by_target[alignment.matches[0]].append(alignment)
    for target, group in by_target.items():
        # The assignment's own pair scores highest; the others share the clause as a merge.
        best = max(group, key=lambda a: (a.scores[0], -order[a.key]))
        matching.pairs[best.key] = target
        for other in group:
            if other is not best:
                matching.merged[other.key] = target
    taken = set(matching.pairs.values())
    for alignment in alignments:
        if alignment.key not in matching.pairs:
            continue
        for part in alignment.matches[1:]:
            if part not in taken:
                matching.split[part] = alignment.key
                taken.add(part)
    return matching


def _settle_merges(matching: _Matching, scorer: Scorer, old_units: list[Unit], new_units: list[Unit]) -> None:
    """Among old clauses merged into one new clause, pair the one whose heading and number it kept.

    Content cannot tell which of two merged clauses continues: the new clause holds both. The longer
    text would win on score alone, though 「7」 that absorbed 「8」 keeps 7's heading and number.
    """
    old_by_key = {u.key: u for u in old_units}
    new_by_key = {u.key: u for u in new_units}
    inverse = matching.inverse()
    groups: dict[str, list[str]] = defaultdict(list)
    for old_id, new_id in matching.merged.items():
        groups[new_id].append(old_id)
    merged_share = Thresholds().merged
    for new_id, merged in groups.items():
        owner = inverse.get(new_id)
        if owner is None:
            continue
        target = new_by_key[new_id]
        candidates = [k for k in [owner, *merged] if _share(scorer, old_by_key[k], target) >= merged_share]
        if owner not in candidates or len(candidates) < 2:
            continue

        winner = max(candidates, key=lambda key: _identity(scorer, old_by_key[key], target))
        if winner != owner:
            del matching.pairs[owner]
            del matching.merged[winner]
            matching.pairs[winner] = new_id
            matching.merged[owner] = new_id


def _identity(scorer: Scorer, unit: Unit, target: Unit) -> tuple:
    """Rank an old clause as the continuation of a new one: same heading, same number, then content."""
    return (
        round(heading_similarity(unit.heading_keys, target.heading_keys), 4),
        same_label(unit.label, target.label),
        pair_score(scorer, unit, target),
        -unit.order,
    )


def _pair_bare_parents(matching: _Matching, old_units: list[Unit], new_units: list[Unit]) -> None:
    """Pair unmatched old and new clauses whose children mostly match each other (a rewritten heading)."""
    new_parent = {u.key: u.parent for u in new_units}
    new_order = {u.key: u.order for u in new_units}
    children: dict[str, list[str]] = defaultdict(list)
    for unit in old_units:
        if unit.parent is not None:
            children[unit.parent].append(unit.key)
    changed = True
    while changed:
        changed = False
        taken = set(matching.pairs.values())
        for unit in old_units:
            if unit.key in matching.pairs or not children[unit.key]:
                continue
            matched = [matching.pairs[c] for c in children[unit.key] if c in matching.pairs]
            votes = Counter(parent for n in matched if (parent := new_parent[n]) is not None)
            if not votes:
                continue
            target, count = max(votes.items(), key=lambda item: (item[1], -new_order[item[0]]))
            if target in taken or 2 * count < len(matched):
                continue
            matching.pairs[unit.key] = target
            matching.merged.pop(unit.key, None)
            matching.split.pop(target, None)
            taken.add(target)
            changed = True


def _share(scorer: Scorer, unit: Unit, other: Unit | None) -> float:
    """Return the share of a unit's content that another unit carries (0 for none)."""
    return scorer.recall_precision(unit, other)[0] if other is not None else 0.0


def _check_merges_and_splits(matching: _Matching, scorer: Scorer, old_units: list[Unit], new_units: list[Unit]) -> None:
    """Keep only the merges and splits where content really moved between clauses in this revision."""
    old_by_key = {u.key: u for u in old_units}
    new_by_key = {u.key: u for u in new_units}
    inverse = matching.inverse()
    for old_id, new_id in list(matching.merged.items()):
        unit = old_by_key[old_id]
        previous = old_by_key.get(inverse.get(new_id, ""))
        # The new clause must carry the removed clause's text where its own old version did not.
        gain = _share(scorer, unit, new_by_key[new_id]) - _share(scorer, unit, previous)
        if old_id in matching.pairs or gain < _MOVED_CONTENT:
            del matching.merged[old_id]
    for new_id, old_id in list(matching.split.items()):
        part = new_by_key[new_id]
        source = _share(scorer, part, old_by_key[old_id])
        remaining = _share(scorer, part, new_by_key.get(matching.pairs.get(old_id, "")))
        if new_id in inverse or source < _SPLIT_SOURCE or source - remaining < _MOVED_CONTENT:
            del matching.split[new_id]


# --- moves ---------------------------------------------------------------------------------------------------


def _moved(matching: _Matching, old: _Tree, new: _Tree) -> set[str]:
    """Return the new ids of clauses that now sit under another parent or out of order among siblings.

    A parent merged into the new parent counts as the same parent. Among the siblings that kept their
    parent, the largest set in the old order (most clauses, then most text) stays; the rest moved.
    Insertions and deletions shift positions without breaking that order.
    """
    pairs = matching.pairs
    inverse = matching.inverse()
    moved: set[str] = set()
    for parent, kids in new.children.items():
        staying: list[tuple[int, int, str]] = []
        for kid in kids:
            old_id = inverse.get(kid)
            if old_id is None:
                continue
            old_parent = old.parent[old_id]
            if old_parent is None:
                kept_parent = parent is None
            else:
                kept_parent = parent is not None and parent in (pairs.get(old_parent), matching.merged.get(old_parent))
            if kept_parent:
                # Old document order, not sibling index: a merged parent brings siblings of its own.
                staying.append((old.rank[old_id], old.weight(old_id), kid))
            else:
                moved.add(kid)
        kept = set(longest_increasing([(pos, weight) for pos, weight, _ in staying]))
        moved.update(kid for index, (_, _, kid) in enumerate(staying) if index not in kept)
    return moved


# --- order of the pairs --------------------------------------------------------------------------------------


def _order(pairs: dict[str, str], old: _Tree, new: _Tree) -> list[tuple[str, str]]:
    """Return ("new", id) and ("old", id) entries in the new order, each removed clause where it stood."""
    Key = tuple[str, str]
    children: dict[Key | None, list[Key]] = defaultdict(list)
    for clause_id in new.order:
        parent = new.parent[clause_id]
        children[("new", parent) if parent is not None else None].append(("new", clause_id))

    def key_of(old_id: str) -> Key:
        return ("new", pairs[old_id]) if old_id in pairs else ("old", old_id)

    for old_id in old.order:
        if old_id in pairs:
            continue
        parent = old.parent[old_id]
        host = key_of(parent) if parent is not None else None
        siblings = children[host]
        index = 0
        earlier = old.children[parent][: old.position[old_id]]
        for sibling in reversed(earlier):
            key = key_of(sibling)
            if key in siblings:
                index = siblings.index(key) + 1
                break
        siblings.insert(index, ("old", old_id))

    out: list[Key] = []

    def visit(host: Key | None) -> None:
        for key in children.get(host, []):
            out.append(key)
            visit(key)

    visit(None)
    return out


# --- one pair ------------------------------------------------------------------------------------------------


def _pair(old: Clause, new: Clause, org_old, org_new, moved: bool, ignore_notation: bool,
          ignore_whitespace: bool, forms: style_forms.StyleForms = style_forms.NONE, readers=None
          ) -> tuple[RevisionPair, list[Notice]]:
    """Diff one aligned pair and give it its status, with the notices of the style forms it counted as notation.

    `readers` are both versions' keys readers (style_forms.keys_reader), needed when there are forms.
    """
    from policygen.compare.diff import diff_tokens, similarity

    before, after = comparable(old), comparable(new)
    if before == after and org_old == org_new:
        # Most pairs of a revision are the same text read alike: one equal run, as diff_tokens gives it.
        edits: tuple[Edit, ...] = (Edit("equal", before, after),) if before else ()
        return RevisionPair(_status(old, new, edits, moved), old, new, edits, 1.0), []
    found = diff_tokens(before, after, org_old=org_old, org_new=org_new)
    reasons: list[Notice] = []
    if forms.forms:
        keys_old, keys_new = readers
        for index, edit in enumerate(found):
            form = forms.of(edit, keys_old, keys_new)
            if form is not None:
                found[index] = Edit(edit.op, edit.old, edit.new, notation_only=True)
                reasons.append(style_forms.reason(form, new.label or old.label))
    edits = tuple(_ignored(edit, ignore_notation, ignore_whitespace) for edit in found)
    score = round(similarity(before, after, org_old=org_old, org_new=org_new), 4)
    return RevisionPair(_status(old, new, edits, moved), old, new, edits, score), reasons


def _itemized(old: Document, new: Document, forms: style_forms.StyleForms, org_old, org_new, readers
              ) -> tuple[Document, Document, list[Notice]]:
    """Split off the paragraphs that the other version's style writes as items (style_forms.itemized)."""
    from policygen.compare.diff import diff_tokens

    keys_old, keys_new = readers

    def same(a: str, b: str) -> bool:
        return all(e.op == "equal" or e.notation_only or forms.of(e, keys_old, keys_new) is not None
                   for e in diff_tokens(a, b, org_old=org_old, org_new=org_new))

    def same_reversed(b: str, a: str) -> bool:
        return same(a, b)

    old, old_notices = style_forms.itemized(old, new, same)
    new, new_notices = style_forms.itemized(new, old, same_reversed)
    return old, new, [*old_notices, *new_notices]


def _ignored(edit: Edit, ignore_notation: bool, ignore_whitespace: bool) -> Edit:
    """Return the edit as "equal" when the options say it is no change (surfaces are kept)."""
    if edit.op == "equal":
        return edit
    if (ignore_notation and edit.notation_only) or (
        ignore_whitespace and "".join(edit.old.split()) == "".join(edit.new.split())
    ):
        return Edit("equal", edit.old, edit.new)
    return edit


def _status(old: Clause, new: Clause, edits: tuple[Edit, ...], moved: bool) -> RevisionStatus:
    """Return the status of an aligned pair from its place, its label and its edits."""
    if moved:
        return "moved"
    kind = features.change(edits)
    if kind == "none":
        return "unchanged" if same_label(old.label, new.label) else "renumbered"
    return "notation" if kind == "notation" else "modified"


def reworded(pair: RevisionPair) -> bool:
    """Return True when a pair's text changed in substance (a moved clause may be reworded too)."""
    return any(e.substantive for e in pair.edits)


# --- notices -------------------------------------------------------------------------------------------------


def _notices(matching: _Matching, old: _Tree, new: _Tree) -> tuple[Notice, ...]:
    """Report merges and splits, which the statuses alone show as a removal or an addition."""
    notices = []
    for old_id in old.order:
        if old_id in matching.merged:
            target = matching.merged[old_id]
            notices.append(Notice("revision.merged", f"old clause {old_id} was merged into new clause {target}",
                                  level="info", source=old_id))
    for new_id in new.order:
        if new_id in matching.split:
            notices.append(Notice("revision.split", f"new clause {new_id} was split off old clause "
                                  f"{matching.split[new_id]}", level="info", source=new_id))
    return tuple(notices)


__all__ = ["comparable", "compare_revisions", "reworded", "same_label"]
