"""Compare a policy with the model basic policy: align clauses, then diff each aligned pair."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from policygen.compare.align import Alignment, Thresholds, Unit, align, complete, units
from policygen.compare.kind import guess_kind
from policygen.errors import PolicygenError
from policygen.model import ClauseResult, Comparison, Document, Edit, Extra, Match, Signal

if TYPE_CHECKING:
    from policygen.generate.template import ModelTemplate


def compare_file(path: Path, *, kind: str | None = None, model: ModelTemplate | None = None) -> Comparison:
    """Read a policy file in any supported format and compare it with the model."""
    from policygen.readers import read_path

    document = read_path(path)
    return compare_with_model(document, model, kind=kind, path=str(path))


def compare_with_model(
    document: Document, model: ModelTemplate | None = None, *, kind: str | None = None, path: str = ""
) -> Comparison:
    """Compare a parsed policy with a model template (the shipped one by default) for its kind of body."""
    from policygen.compare.model_side import applicable_ids, model_side
    from policygen.ja.normalize import OrgNames, normalize_text

    if not any(True for _ in document.walk()):
        raise PolicygenError(f"{path or 'document'}: no clauses found: is this a policy text?")
    kind = kind or guess_kind(document)
    # The model as it reads for this kind of body and style: computed once per process.
    side = model_side(model, kind, str(document.meta.get("style") or "numbered"))
    rendered = side.document
    applicable = applicable_ids(kind, model)
    model_names = side.names
    org_names = OrgNames.guess(_plain_text(document))
    doc_featurize = _featurizer(org_names)

    model_units = list(side.units)
    doc_units = units(document, doc_featurize)
    thresholds = Thresholds()
    alignments = align(model_units, doc_units, thresholds)
    # Old and article-style policies word the model their own way: settle what content left open.
    alignments, found = complete(
        model_units,
        doc_units,
        alignments,
        side.signals,
        lambda text: normalize_text(text, org=org_names),
        thresholds,
    )

    by_path = {u.key: u for u in doc_units}
    model_by_id = {u.key: u for u in model_units}
    results = []
    for alignment in alignments:
        unit = model_by_id[alignment.key]
        names = (model_names, org_names)
        basis = found[alignment.key].basis if alignment.key in found else "content"
        results.append(_result(unit, alignment, by_path, alignment.key in applicable, names, basis))
    matched = {path for a in alignments for path in a.matches}
    extra = tuple(
        Extra(path=u.key, label=u.label, heading=u.heading, text=u.text)
        for u in doc_units
        if u.key not in matched and u.has_content
    )
    return Comparison(
        model=rendered,
        document=document,
        document_path=path,
        kind=kind,
        clauses=tuple(results),
        extra=extra,
        notices=document.notices,
    )


# The name the tests, the bench and amend know: the same function, the shipped model by default.
compare_document = compare_with_model


def _result(
    unit: Unit, alignment: Alignment, by_path: dict[str, Unit], applicable: bool, names, basis: str
) -> ClauseResult:
    """Build the result for one model clause from its alignment."""
    from policygen.compare.diff import diff_tokens
    from policygen.ja.normalize import normalize_text

    model_names, org_names = names

    model_text = _comparable(unit)
    if not alignment.matches:
        return ClauseResult(unit.key, unit.heading, "missing", applicable, model_text=model_text)
    parts = [by_path[p] for p in alignment.matches]
    if unit.text:
        org_text = "\n".join(_comparable(p) for p in parts)
    else:
        # A model section that is only a heading (2 定義) has its wording in its items; an article
        # needs a lead sentence there (「次の各号に掲げる用語の意義は…」) that is form, not content.
        # An article's 号 that is only a caption (「(8)　業務委託と…の利用」) reads as text.
        org_text = "\n".join(p.heading or p.text for p in parts if p.heading or p.text)
    if unit.text and not unit.heading:
        org_text = _held_within(unit.text, org_text, names) or org_text
    edits = tuple(diff_tokens(model_text, org_text, org_old=model_names, org_new=org_names))
    matches = tuple(
        Match(path=p.key, label=p.label, similarity=min(1.0, round(score, 4)), basis=basis)
        for p, score in zip(parts, alignment.scores)
    )
    return ClauseResult(
        model_id=unit.key,
        heading=unit.heading,
        # Same after normalization (self-references, この基本方針/本基本方針, 上記3/第3条 …) is identical.
        status="identical" if normalize_text(model_text, org=model_names) == normalize_text(org_text, org=org_names)
        else _status(edits),
        applicable=applicable,
        matches=matches,
        edits=edits,
        model_text=model_text,
        org_text=org_text,
    )


def _held_within(model_text: str, org_text: str, names) -> str:
    """Return the part of a longer document text that states a model paragraph word for word ("" if none).

    A reader keeps paragraphs that follow a heading as that heading's body (6(8)'s three paragraphs),
    and a list of one item joins its lead sentence (6(3) with one tier): the model clause is there as
    written, inside a larger document clause.
    """
    from policygen.ja.normalize import normalize_text, normalize_with_offsets

    model_names, org_names = names
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

    best = max(lines, key=closeness)
    return best if closeness(best) >= _CLOSE_PARAGRAPH else ""


# How close a paragraph of a longer clause must be to stand for a model paragraph on its own.
_CLOSE_PARAGRAPH = 0.8


def _status(edits: tuple[Edit, ...]) -> str:
    """Return identical / notation / modified from a pair's edits."""
    changes = [e for e in edits if e.op != "equal"]
    if not changes:
        return "identical"
    if all(e.notation_only for e in changes):
        return "notation"
    return "modified"


def _comparable(unit: Unit) -> str:
    """Return the text of a unit as compared: its heading, then its body."""
    return "\n".join(part for part in (unit.heading, unit.text) if part)


def _featurizer(org_names):
    """Return a function mapping text to normalized lemma keys for one organization's names."""
    from policygen.ja.normalize import normalize_text
    from policygen.ja.tokenize import tokenize

    def featurize(text: str) -> list[str]:
        return [t.key for t in tokenize(normalize_text(text, org=org_names))]

    return featurize


def _signals(signals: dict[str, tuple[Signal, ...]], model_names) -> dict[str, tuple[Signal, ...]]:
    """Return the model's signals in normalized form (本基本方針 becomes the policy placeholder)."""
    from policygen.ja.normalize import normalize_text

    return {
        key: tuple(Signal(tuple(normalize_text(w, org=model_names) for w in s.words), s.heading) for s in group)
        for key, group in signals.items()
    }


def _plain_text(document: Document) -> str:
    """Return the document's title and clause texts as one string (for learning its names)."""
    lines = [document.title, *document.preamble]
    lines += [f"{c.heading}\n{c.text}" for c in document.walk()]
    return "\n".join(lines)


def _model_ids(model: Document) -> set[str]:
    """Return the model IDs that the rendered model carries."""
    return {c.model_id for c in model.walk() if c.model_id}

