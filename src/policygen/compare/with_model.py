"""Compare a policy with the model basic policy: align clauses, then diff each aligned pair."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from policygen.compare.align import Alignment, Featurize, Scorer, Thresholds, Unit, align, complete, pair_score, units
from policygen.compare.decisions import Decision, Decisions
from policygen.compare.features import Change, change, comparable, featurizer
from policygen.compare.features import org_names as document_names
from policygen.compare.kind import guess_kind
from policygen.compare.statuses import cover_parents, settle
from policygen.compare.vocabulary import Vocabulary
from policygen.errors import PolicygenError
from policygen.model import (
    ClauseResult, Comparison, ComparisonStatus, Document, Edit, Extra, Match, MatchBasis, Signal,
)

if TYPE_CHECKING:
    from policygen.compare.diff import Prepared
    from policygen.generate.template import ModelTemplate


def compare_file(
    path: Path,
    *,
    kind: str | None = None,
    model: ModelTemplate | None = None,
    decisions: Decisions | None = None,
    numbers: Callable[[Document], Mapping[str, str]] | None = None,
) -> Comparison:
    """Read a policy file in any supported format and compare it with the model."""
    from policygen.readers import read_path

    document = read_path(path)
    return compare_with_model(document, model, kind=kind, path=str(path), decisions=decisions, numbers=numbers)


def compare_with_model(
    document: Document,
    model: ModelTemplate | None = None,
    *,
    kind: str | None = None,
    path: str = "",
    decisions: Decisions | None = None,
    numbers: Callable[[Document], Mapping[str, str]] | None = None,
) -> Comparison:
    """Compare a parsed policy with a model template (the shipped one by default) for its kind of body.

    A reviewer's `decisions` are applied first: a pinned pair is fixed and neither side is matched
    again, a clause declared absent is missing, one declared not applicable is not applicable.
    `numbers` gives the printed number of each document clause, by which a pin may name it.
    """
    from policygen.compare.model_side import applicable_ids, model_side
    from policygen.ja.normalize import normalize_text

    if not any(True for _ in document.walk()):
        raise PolicygenError(f"{path or 'document'}: no clauses found: is this a policy text?")
    kind = kind or guess_kind(document)
    # The model as it reads for this kind of body and style: computed once per process.
    side = model_side(model, kind, str(document.meta.get("style") or "numbered"))
    rendered = side.document
    applicable = applicable_ids(kind, model)
    model_names = side.names
    org_names = document_names(document)
    doc_featurize = featurizer(org_names)

    all_model_units = list(side.units)
    vocabulary = side.vocabulary
    all_doc_units = _named_by_concepts(_preamble_units(document, doc_featurize) + units(document, doc_featurize), all_model_units, vocabulary)
    decided = decisions.by_model_id if decisions else {}
    pins = decisions.resolve(document, {u.key for u in all_model_units}, numbers(document) if numbers else None) if decisions else {}
    # What a reviewer decided is out of the automatic matching: hollow units keep the trees' shape.
    model_units = [_hollow(u) if u.key in decided else u for u in all_model_units]
    doc_units = [_hollow(u) if u.key in pins.values() else u for u in all_doc_units]
    signals: dict[str, Sequence[Signal]] = {k: v for k, v in side.signals.items() if k not in decided}
    thresholds = Thresholds()
    shared_scorer = Scorer(model_units, doc_units)  # align and complete score the same units: weigh them once
    alignments = _drop_misplaced(align(model_units, doc_units, thresholds, scorer=shared_scorer), model_units, doc_units,
                                 vocabulary)
    # Old and article-style policies word the model their own way: settle what content left open.
    alignments, found = complete(
        model_units,
        doc_units,
        alignments,
        signals,
        lambda text: normalize_text(text, org=org_names),
        thresholds,
        vocabulary=vocabulary,
        preamble=_preamble_paths(doc_units, vocabulary),
        scorer=shared_scorer,
    )

    by_path = {u.key: u for u in all_doc_units}
    model_by_id = {u.key: u for u in all_model_units}
    scorer = Scorer(all_model_units, all_doc_units) if pins else None  # only a pin needs its own score
    results = []
    names = (model_names, org_names)
    for alignment in alignments:
        unit = model_by_id[alignment.key]
        decision = decided.get(alignment.key)
        if decision is not None:
            results.append(_decided(unit, decision, pins, by_path, alignment.key in applicable, names, doc_featurize, scorer,
                                    side.texts))
            continue
        how = found.get(alignment.key)
        basis = how.basis if how else "content"
        result = _result(unit, alignment, by_path, alignment.key in applicable, names, basis, doc_featurize, side.texts)
        status, matches = settle(result.status, result.matches, strong=how.strong if how else True)
        unchanged = status == result.status and matches is result.matches  # settled as it was: no copy
        results.append(result if unchanged else replace(result, status=status, matches=matches))
    results, own = _own_parameters(results, model_names, org_names)
    results = cover_parents(results, {u.key: u.parent for u in model_units}, keep=set(decided))
    matched = {m.path for r in results for m in r.matches}
    # A preamble line that carries no model clause (a signature, a date) is not a clause of the body's own.
    extra = tuple(
        Extra(path=u.key, label=u.label, heading=u.heading, text=u.text)
        for u in all_doc_units
        if u.key not in matched and u.has_content and u.label != PREAMBLE_LABEL
    )
    return Comparison(
        model=rendered,
        document=document,
        document_path=path,
        kind=kind,
        clauses=tuple(results),
        extra=extra,
        notices=document.notices + own,
    )


def _own_parameters(results: list[ClauseResult], model_names, org_names) -> tuple[list[ClauseResult], tuple]:
    """Judge a clause holding the body's own parameter (4(1)'s organs) as if the body had the model's value."""
    from policygen.compare.diff import diff_tokens
    from policygen.compare.parameters import own_organs, own_organs_notice
    from policygen.ja.normalize import normalize_text

    notices = []
    for index, result in enumerate(results):
        if result.status in ("missing", "identical", "uncertain") or result.decision:
            continue  # nothing to settle, too weak to settle, or a reviewer has settled it
        found = own_organs(result.model_id, result.model_text, result.org_text)
        if found is None:
            continue
        organs, as_model = found
        same = normalize_text(result.model_text, org=model_names) == normalize_text(as_model, org=org_names)
        status: ComparisonStatus = "identical" if same else _status(tuple(diff_tokens(result.model_text, as_model, org_old=model_names,
                                                                    org_new=org_names)))
        if status != "modified":
            status, matches = settle(status, result.matches, strong=True)  # judged identical: shown as 100%
            results[index] = replace(result, status=status, matches=matches)
            notices.append(own_organs_notice(organs))
    return results, tuple(notices)



# The name the tests, the bench and amend know: the same function, the shipped model by default.
compare_document = compare_with_model


def _result(
    unit: Unit, alignment: Alignment, by_path: dict[str, Unit], applicable: bool, names, basis: MatchBasis, featurize,
    prepared: Mapping[str, Prepared] | None = None,
) -> ClauseResult:
    """Build the result for one model clause from its alignment (`prepared`: the model side's texts)."""
    from policygen.compare.diff import diff_tokens
    from policygen.ja.normalize import normalize_text

    model_names, org_names = names

    model_text = _comparable(unit)
    if not alignment.matches:
        return ClauseResult(unit.key, unit.heading, "missing", applicable, model_text=model_text)
    parts = [by_path[p] for p in alignment.matches]
    if unit.text and not unit.label and unit.parent and len(parts) == 1 and len(parts[0].text.split("\n")) > 1:
        # An unlabelled paragraph of the model (6(8)'s three) is one paragraph of the clause it sits in.
        org_text = _best_paragraph(unit, parts[0], featurize)
    elif unit.text:
        org_text = "\n".join(_comparable(p) for p in parts)
    else:
        # A model section that is only a heading (2 定義) has its wording in its items; an article
        # needs a lead sentence there (「次の各号に掲げる用語の意義は…」) that is form, not content.
        # An article's 号 that is only a caption (「(8)　業務委託と…の利用」) reads as text.
        org_text = "\n".join(p.heading or p.text for p in parts if p.heading or p.text)
    known = (prepared or {}).get(model_text)
    if unit.text and not unit.heading:  # the model text is the unit's text: its reading is known
        org_text = _held_within(unit.text, org_text, names, known.reading.text if known else None) or org_text
    edits = tuple(diff_tokens(model_text, org_text, org_old=model_names, org_new=org_names, old_prepared=known))
    normalized = known.normalized.text if known else normalize_text(model_text, org=model_names)
    matches = tuple(
        Match(path=p.key, label=p.label, similarity=min(1.0, round(score, 4)), basis=basis)
        for p, score in zip(parts, alignment.scores)
    )
    return ClauseResult(
        model_id=unit.key,
        heading=unit.heading,
        # Same after normalization (self-references, この基本方針/本基本方針, 上記3/第3条 …) is identical.
        status="identical" if normalized == normalize_text(org_text, org=org_names)
        else _status(edits),
        applicable=applicable,
        matches=matches,
        edits=edits,
        model_text=model_text,
        org_text=org_text,
    )


def _hollow(unit: Unit) -> Unit:
    """Return a unit with no content: it keeps its place in its tree and matches nothing."""
    from collections import Counter

    return replace(unit, heading="", text="", features=Counter(), heading_keys=())


def _decided(
    unit: Unit, decision: Decision, pins: dict[str, str], by_path: dict[str, Unit], applicable: bool, names, featurize, scorer,
    prepared: Mapping[str, Prepared] | None = None,
) -> ClauseResult:
    """Build the result of a model clause that a reviewer decided: its pin compared, or absent, or not applicable."""
    if decision.action == "pin":
        part = by_path[pins[unit.key]]
        alignment = Alignment(unit.key, (part.key,), (round(pair_score(scorer, unit, part), 4),), 0.0)
        result = _result(unit, alignment, by_path, applicable, names, "pinned", featurize, prepared)
        status, matches = settle(result.status, result.matches, strong=True)
        return replace(result, status=status, matches=matches, decision=decision.reason)
    model_text = _comparable(unit)
    return ClauseResult(
        unit.key,
        unit.heading,
        "missing",
        applicable and decision.action != "not_applicable",
        model_text=model_text,
        decision=decision.reason,
    )


def _best_paragraph(unit: Unit, part: Unit, featurize) -> str:
    """Return the paragraph of a document clause that shares most words with one model paragraph."""
    from collections import Counter

    wanted = Counter(featurize(unit.text))
    paragraphs = [p for p in part.text.split("\n") if p.strip()]
    return max(paragraphs, key=lambda p: (sum((Counter(featurize(p)) & wanted).values()), -paragraphs.index(p)))


PREAMBLE_LABEL = "前文"


def _preamble_units(document: Document, featurize: Featurize) -> list[Unit]:
    """Return the lines before the body (前文, a page's lead) as units that may carry model clauses."""
    from policygen.compare.align import _features

    return [
        Unit(
            key=f"{PREAMBLE_LABEL}.{i}",
            label=PREAMBLE_LABEL,
            heading="",
            text=line,
            parent=None,
            depth=0,
            order=i - 1,
            features=_features(featurize(line)),
        )
        for i, line in enumerate((line for line in document.preamble if line.strip()), start=1)
    ]


def _preamble_paths(doc_units: list[Unit], vocabulary: Vocabulary) -> list[str]:
    """Return the document units that make its preamble.

    The lines before the body, the unheaded paragraphs before the first headed or labelled clause (a
    page's or a declaration's lead), and every section headed as a preamble (基本的考え方, 前文).
    """
    out: list[str] = []
    lead = True
    inside: str | None = None
    for unit in doc_units:
        if inside is not None and unit.depth > 0:
            out.append(unit.key)
            continue
        inside = None
        if unit.label == PREAMBLE_LABEL:
            out.append(unit.key)
        elif unit.depth == 0 and vocabulary.is_preamble_heading(unit.heading):
            out.append(unit.key)
            inside = unit.key
        elif lead and unit.depth == 0 and not unit.heading and not unit.label:
            out.append(unit.key)
        elif unit.depth == 0:
            lead = False
    return out


def _drop_misplaced(
    alignments: list[Alignment], model_units: list[Unit], doc_units: list[Unit], vocabulary: Vocabulary
) -> list[Alignment]:
    """Return the alignments without the content matches that the document's headings contradict.

    A caption alone (a clause with a heading and no text) is a model clause only when it names it; and a
    clause headed as one concept (目的) that the model clause of that concept took is not also the home of
    another clause whose words it happens to contain (the definition of 情報セキュリティ inside 目的).
    """
    model_by_id = {u.key: u for u in model_units}
    doc_by_path = {u.key: u for u in doc_units}
    takers: dict[str, set[str]] = {}
    for alignment in alignments:
        for path in alignment.matches[:1]:
            takers.setdefault(path, set()).add(alignment.key)

    def names(unit: Unit, doc: Unit) -> bool:
        concepts = vocabulary.concepts_of_heading(doc.heading)
        return unit.key in concepts or vocabulary.heading_form(doc.heading) == vocabulary.heading_form(unit.heading)

    def misplaced(unit: Unit, path: str) -> bool:
        doc = doc_by_path[path]
        if not doc.heading:
            return False
        if unit.text and not doc.text and not names(unit, doc):
            return True
        concepts = vocabulary.concepts_of_heading(doc.heading)
        owners = [o for o in takers.get(path, ()) if o != unit.key and o in concepts]
        return bool(owners) and not names(unit, doc) and not any(unit.key.startswith(o + ".") for o in owners)

    out = []
    for alignment in alignments:
        unit = model_by_id[alignment.key]
        keep = [(p, s) for p, s in zip(alignment.matches, alignment.scores) if not misplaced(unit, p)]
        if len(keep) == len(alignment.matches):
            out.append(alignment)
        else:
            out.append(Alignment(alignment.key, tuple(p for p, _ in keep), tuple(s for _, s in keep), alignment.recall if keep else 0.0))
    return out


def _named_by_concepts(doc_units: list[Unit], model_units: list[Unit], vocabulary: Vocabulary) -> list[Unit]:
    """Return the document units with a heading the vocabulary knows given the model heading's keys.

    「趣旨」 and 「目的」, 「組織体制」 and 「管理体制の整備」 name one concept: heading agreement counts it.
    """
    model_keys = {u.key: u.heading_keys for u in model_units if u.heading_keys}
    out = []
    for unit in doc_units:
        concepts = [c for c in vocabulary.concepts_of_heading(unit.heading) if c in model_keys]
        out.append(replace(unit, heading_keys=model_keys[concepts[0]]) if concepts else unit)
    return out


def _held_within(model_text: str, org_text: str, names, wanted: str | None = None) -> str:
    """Return the part of a longer document text that states a model paragraph word for word ("" if none).

    A reader keeps paragraphs that follow a heading as that heading's body (6(8)'s three paragraphs),
    and a list of one item joins its lead sentence (6(3) with one tier): the model clause is there as
    written, inside a larger document clause. `wanted` is the model paragraph's comparison form, if known.
    """
    from policygen.ja.normalize import normalize_text, normalize_with_offsets

    model_names, org_names = names
    if wanted is None:
        wanted = normalize_text(model_text, org=model_names)
    held = normalize_with_offsets(org_text, org=org_names)
    at = held.text.find(wanted) if wanted else -1
    if at >= 0 and len(wanted) < len(held.text):
        return org_text[held.starts[at]:held.ends[at + len(wanted) - 1]]
    # Not word for word: the paragraph of the clause closest to the model paragraph (講ずる for 講じる).
    lines = [line for line in org_text.split("\n") if line.strip()]
    if len(lines) < 2 or "\n" in model_text.strip():
        return ""
    import difflib

    def closeness(line: str) -> float:
        return difflib.SequenceMatcher(None, wanted, normalize_text(line, org=org_names), autojunk=False).ratio()

    score, best = max(((closeness(line), line) for line in lines), key=lambda scored: scored[0])  # the first best
    return best if score >= _CLOSE_PARAGRAPH else ""


# How close a paragraph of a longer clause must be to stand for a model paragraph on its own.
_CLOSE_PARAGRAPH = 0.8


def _status(edits: tuple[Edit, ...]) -> ComparisonStatus:
    """Return identical / notation / modified from a pair's edits."""
    return _STATUS_OF[change(edits)]


_STATUS_OF: dict[Change, ComparisonStatus] = {"none": "identical", "notation": "notation", "substance": "modified"}


def _comparable(unit: Unit) -> str:
    """Return the text of a unit as compared: its heading, then its body."""
    return comparable(unit.heading, unit.text)


def _signals(signals: dict[str, tuple[Signal, ...]], model_names) -> dict[str, tuple[Signal, ...]]:
    """Return the model's signals in normalized form (本基本方針 becomes the policy placeholder)."""
    from policygen.ja.normalize import normalize_text

    return {
        key: tuple(Signal(tuple(normalize_text(w, org=model_names) for w in s.words), s.heading) for s in group)
        for key, group in signals.items()
    }


def _model_ids(model: Document) -> set[str]:
    """Return the model IDs that the rendered model carries."""
    return {c.model_id for c in model.walk() if c.model_id}

