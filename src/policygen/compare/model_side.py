"""The model's side of a comparison, prepared once per process and template version.

Rendering the model, learning its names, tokenizing and featurizing its clauses and normalizing its
signals give the same answer for every policy compared; a corpus run compares hundreds of policies.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from policygen.compare.align import Unit
from policygen.compare.vocabulary import Vocabulary
from policygen.model import Document, Signal

if TYPE_CHECKING:
    from policygen.generate.template import ModelTemplate


@dataclass(frozen=True)
class ModelSide:
    """The rendered model, the names it uses, its clause units, its normalized signals and vocabulary."""

    document: Document
    names: object  # OrgNames of the model text (本市, 市, …)
    units: tuple[Unit, ...]
    signals: dict[str, tuple[Signal, ...]]  # the template's, then the vocabulary's
    vocabulary: Vocabulary


def model_side(model: ModelTemplate | None = None) -> ModelSide:
    """Return the model side of a template (the shipped one by default; recomputed when its file changes)."""
    from policygen.generate import template

    loaded = model or template.load_model()
    cached = _PREPARED.get(id(loaded))
    if cached is None or cached[0] is not loaded:
        cached = _PREPARED[id(loaded)] = (loaded, _prepare(loaded))
    return cached[1]


def applicable_ids(kind: str, model: ModelTemplate | None = None) -> frozenset[str]:
    """Return the model IDs that apply to a body of this kind (cached per template version)."""
    from policygen.generate import template

    loaded = model or template.load_model()
    key = (id(loaded), kind)
    cached = _APPLICABLE.get(key)
    if cached is None or cached[0] is not loaded:
        cached = _APPLICABLE[key] = (loaded, frozenset(template.applicable_model_ids(kind, loaded)))
    return cached[1]


# id(loaded template) -> (template, value): holding the template keeps its id from being reused; the
# template loader keeps a few versions, so these stay as small.
_PREPARED: dict[int, tuple[object, ModelSide]] = {}
_APPLICABLE: dict[tuple[int, str], tuple[object, frozenset[str]]] = {}


def _prepare(loaded: ModelTemplate) -> ModelSide:
    """Render and featurize the model of one template."""
    from policygen.compare.align import units
    from policygen.compare.with_model import _featurizer, _model_ids, plain_text, _signals
    from policygen.generate import template
    from policygen.compare.vocabulary import vocabulary_for
    from policygen.ja.normalize import OrgNames

    model = template.model_document(loaded)
    vocabulary = vocabulary_for(loaded.source)
    signals = dict(template.model_signals(loaded))
    for key, extra in vocabulary.signals().items():
        signals[key] = tuple(dict.fromkeys([*signals.get(key, ()), *extra]))
    names = OrgNames.guess(plain_text(model))
    model_ids = _model_ids(model)
    model_units = units(model, _featurizer(names), key_of=lambda c: c.model_id or c.id)
    return ModelSide(
        document=model,
        names=names,
        units=tuple(u for u in model_units if u.key in model_ids),
        signals=_signals(signals, names),
        vocabulary=vocabulary,
    )

