"""The model's side of a comparison, prepared once per process and template version.

Rendering the model, learning its names, tokenizing and featurizing its clauses and normalizing its
signals give the same answer for every policy compared; a corpus run compares hundreds of policies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import TYPE_CHECKING, Callable, TypeVar

from policygen.compare.align import Unit
from policygen.compare.vocabulary import Vocabulary
from policygen.model import Document, Signal, Style

if TYPE_CHECKING:
    from policygen.compare.diff import Prepared
    from policygen.generate.template import ModelTemplate

T = TypeVar("T")


@dataclass(frozen=True)
class ModelSide:
    """The rendered model, the names it uses, its clause units, its normalized signals and vocabulary."""

    document: Document
    names: object  # OrgNames of the model text (本市, 市, …)
    units: tuple[Unit, ...]
    signals: dict[str, tuple[Signal, ...]]  # the template's, then the vocabulary's
    vocabulary: Vocabulary
    # Each unit's compared text -> its normalized form and its diff tokens (compare/diff.prepare).
    texts: dict[str, Prepared] = field(default_factory=dict, compare=False)


def model_side(model: ModelTemplate | None = None, kind: str = "", style: str = "numbered") -> ModelSide:
    """Return the model side of a template (the shipped one by default, kept on disk between runs).

    With a kind, the clauses read as the model reads for that kind of body (本組合, 議員等, the tiers a
    joint body keeps) in the document's style (numbered or article); clauses that kind's rendering
    does not carry keep the whole model's wording, so that every model ID still has a unit.
    """
    known: Style = "article" if style == "article" else "numbered"  # an unknown style reads as the model's
    if model is None:
        return _shipped("side", kind, known, lambda loaded: _prepare(loaded, kind, known))
    loaded = model
    key = (id(loaded), kind, known)
    cached = _PREPARED.get(key)
    if cached is None or cached[0] is not loaded:
        cached = _PREPARED[key] = (loaded, _prepare(loaded, kind, known))
    return cached[1]


def applicable_ids(kind: str, model: ModelTemplate | None = None) -> frozenset[str]:
    """Return the model IDs that apply to a body of this kind (cached per template version)."""
    if model is None:
        return _shipped("applicable", kind, "", lambda loaded: _applicable(kind, loaded))
    loaded = model
    key = (id(loaded), kind)
    cached = _APPLICABLE.get(key)
    if cached is None or cached[0] is not loaded:
        cached = _APPLICABLE[key] = (loaded, _applicable(kind, loaded))
    return cached[1]


def _applicable(kind: str, loaded: ModelTemplate) -> frozenset[str]:
    """Return the model IDs that apply to a body of this kind in one template."""
    from policygen.generate import template

    return frozenset(template.applicable_model_ids(kind, loaded))


def _shipped(what: str, kind: str, style: str, compute: Callable[[ModelTemplate], T]) -> T:
    """Return a value of the shipped template's model side, kept between runs (compare/model_cache.py)."""
    from policygen.compare.model_cache import cached
    from policygen.generate.resources import model_template_path  # not generate.template: a cached run needs none of it

    def load() -> T:
        from policygen.generate import template

        return compute(template.load_model())

    return cached(model_template_path(), (what, kind, style), load)


# id(loaded template) -> (template, value): holding the template keeps its id from being reused; the
# template loader keeps a few versions, so these stay as small.
_PREPARED: dict[tuple[int, str, str], tuple[object, ModelSide]] = {}
_APPLICABLE: dict[tuple[int, str], tuple[object, frozenset[str]]] = {}


def _prepare(loaded: ModelTemplate, kind: str = "", style: Style = "numbered") -> ModelSide:
    """Render and featurize the model of one template, as it reads for one kind of body and style."""
    import dataclasses

    from policygen.compare.align import units
    from policygen.compare.features import featurizer, org_names
    from policygen.compare.with_model import _model_ids, _signals
    from policygen.generate import template
    from policygen.compare.vocabulary import vocabulary_for
    from policygen.generate.profile import default_profile
    from policygen.ja.bodies import KINDS

    model = template.model_document(loaded)
    vocabulary = vocabulary_for(loaded.source)
    signals = dict(template.model_signals(loaded))
    for key, extra in vocabulary.signals().items():
        signals[key] = tuple(dict.fromkeys([*signals.get(key, ()), *extra]))
    names = org_names(model)
    model_ids = _model_ids(model)
    model_units = [u for u in units(model, featurizer(names), key_of=lambda c: c.model_id or c.id) if u.key in model_ids]
    if kind in KINDS and (kind != "city" or style != "numbered"):
        whole = _paragraphs_joined(template.model_document(loaded, style=style))
        whole_names = org_names(whole)
        own = _paragraphs_joined(template.render(default_profile(kind), style=style, model=loaded))
        names = org_names(own)
        by_id = {u.key: u for u in units(whole, featurizer(whole_names), key_of=lambda c: c.model_id or c.id)}
        by_id.update({u.key: u for u in units(own, featurizer(names), key_of=lambda c: c.model_id or c.id)
                      if u.key in model_ids})
        # A lead sentence the article style adds to a bare heading (2 定義「次の各号に掲げる用語の意義は…」,
        # 4 適用範囲) is form, not content: the unit stays a heading, as in the model.
        model_units = [
            dataclasses.replace(by_id.get(u.key, u), order=index, text=by_id.get(u.key, u).text if u.text else "")
            for index, u in enumerate(model_units)
        ]
    return ModelSide(
        document=model,
        names=names,
        units=tuple(model_units),
        signals=_signals(signals, names),
        vocabulary=vocabulary,
        texts=_texts(model_units, names),
    )


def _texts(model_units, names) -> dict[str, Prepared]:
    """Return each model unit's compared text, normalized and cut into diff tokens, as every compare needs it."""
    from policygen.compare.diff import prepare
    from policygen.compare.with_model import _comparable

    return {text: prepare(text, names) for text in map(_comparable, model_units)}


def _paragraphs_joined(document: Document) -> Document:
    """Return the document with each article's further 項 (a model clause's own paragraphs) back in its text.

    An article-style rendering numbers a clause's second paragraph as 項 2 (第10条第2項); it is still
    that model clause's wording, so its unit holds both paragraphs.
    """
    import dataclasses

    def join(clause):
        own = [c for c in clause.children if c.attrs.get("paragraph_of") == clause.model_id and clause.model_id]
        rest = tuple(join(c) for c in clause.children if c not in own)
        text = "\n".join([clause.text, *(c.text for c in own)]) if own else clause.text
        return dataclasses.replace(clause, text=text, children=rest)

    return dataclasses.replace(document, clauses=tuple(join(c) for c in document.clauses))
