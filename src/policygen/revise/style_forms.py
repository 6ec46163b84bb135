"""What only the presentation style changes between a numbered and an article version of one policy.

The article style (訓令, 規則) writes some things differently from the numbered model: a lead sentence
under a bare heading (第2条 「…用語の意義は、…ところによる。」), a clause's later paragraph as a 項 of its
own without its 「なお、」, 6(8)'s three paragraphs as ア/イ/ウ. Those forms are not listed here: they are
learned from the model template (their one home) rendered in both styles, as compare's model side reads
it per style. A revision between the two styles counts them as notation, and says why.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Iterable

from policygen.compare import features
from policygen.model import Clause, Document, Edit, Notice, Style

# A change of wording as compared: the normalized keys of the old words and of the new ones.
Keys = tuple[str, ...]


@dataclass(frozen=True)
class Form:
    """One difference the style alone makes, and the model clause whose two renderings show it."""

    old: Keys
    new: Keys
    model_id: str
    lead: bool  # a lead sentence where the other style's clause has none


@dataclass(frozen=True)
class StyleForms:
    """The forms that turn one style into the other, oriented from the old version's style to the new one's."""

    forms: dict[tuple[Keys, Keys], Form]

    def of(self, edit: Edit, keys: Callable[[str], Keys], new_keys: Callable[[str], Keys]) -> Form | None:
        """Return the form an edit is, if it is one (the edit's words read with each version's names)."""
        if edit.op == "equal" or edit.notation_only:
            return None
        return self.forms.get((keys(edit.old), new_keys(edit.new)))


NONE = StyleForms({})


def between(old_style: Style, new_style: Style) -> StyleForms:
    """Return the style forms from one style to the other (none when both versions share a style)."""
    if old_style == new_style:
        return NONE
    learned = _learned()
    if old_style == "numbered":
        return learned
    return StyleForms({(f.new, f.old): dataclasses.replace(f, old=f.new, new=f.old) for f in learned.forms.values()})


def keys_reader(names) -> Callable[[str], Keys]:
    """Return a function giving the keys a version's words compare by (its own names, whitespace dropped)."""
    featurize = features.featurizer(names)
    return lambda text: tuple(k for k in featurize(text) if k.strip())


_CACHE: dict[int, tuple[object, StyleForms]] = {}


def _learned() -> StyleForms:
    """Learn the numbered → article forms from the model rendered both ways (once per template version)."""
    from policygen.generate import template

    loaded = template.load_model()
    cached = _CACHE.get(id(loaded))
    if cached is None or cached[0] is not loaded:
        cached = _CACHE[id(loaded)] = (loaded, _learn(template.model_document(loaded, style="numbered"),
                                                       template.model_document(loaded, style="article")))
    return cached[1]


def _learn(numbered: Document, article: Document) -> StyleForms:
    """Diff each model clause's numbered wording against its article wording; what differs is form."""
    from policygen.compare.diff import diff_tokens

    names_n, names_a = features.org_names(numbered), features.org_names(article)
    keys_n, keys_a = keys_reader(names_n), keys_reader(names_a)
    by_id = {c.model_id: c for c in numbered.walk() if c.model_id}
    forms: dict[tuple[Keys, Keys], Form] = {}
    for clause in article.walk():
        before = by_id.get(clause.model_id or "")
        if before is None:
            continue
        after = _with_own_paragraphs(clause)
        for edit in diff_tokens(before.text, after, org_old=names_n, org_new=names_a):
            if edit.op == "equal" or edit.notation_only:
                continue
            form = Form(keys_n(edit.old), keys_a(edit.new), before.model_id or "", lead=not before.text.strip())
            forms.setdefault((form.old, form.new), form)
    return StyleForms(forms)


def _with_own_paragraphs(clause: Clause) -> str:
    """Return an article's text with the 項 that carry its own model clause's further paragraphs."""
    own = [c.text for c in clause.children if clause.model_id and c.attrs.get("paragraph_of") == clause.model_id]
    return "\n".join([clause.text, *own])


# --- paragraphs that the other style writes as items -----------------------------------------------------------


def itemized(document: Document, other: Document, same: Callable[[str, str], bool]
             ) -> tuple[Document, tuple[Notice, ...]]:
    """Return the document with a clause's paragraphs split off where the other version has them as its items.

    6(8) in numbered style is a heading and three paragraphs, in article style a 号 with ア/イ/ウ; 10's second
    paragraph is 第10条第2項. The clause keeps its first lines and each further paragraph becomes an
    unlabelled clause under it, as the model itself holds them, so that each pairs with the item it became.
    `same(text, other_text)` says whether two lines differ only in notation or style forms.
    """
    hosts: dict[str, list[Clause]] = {}
    for clause in other.walk():
        if clause.children and all(c.label and not c.children for c in clause.children):
            hosts.setdefault(_first_line(clause), []).append(clause)
    notices: list[Notice] = []

    def split(clause: Clause) -> Clause:
        if clause.children:
            return dataclasses.replace(clause, children=tuple(split(c) for c in clause.children))
        lines = _lines(clause)
        for host in hosts.get(_first_line(clause), ()) if len(lines) > 1 else ():
            kept = _lines(host)
            items = [c for c in host.children]
            if len(kept) + len(items) != len(lines):
                continue
            if not all(same(a, b) for a, b in zip(lines, [*kept, *(features.comparable(c.heading, c.text) for c in items)])):
                continue
            moved = len(items)
            text_lines = clause.text.split("\n")
            paragraphs = tuple(
                Clause(id=f"{clause.id}¶{i}", label="", text=line, attrs={"paragraph_of": clause.id})
                for i, line in enumerate(text_lines[len(text_lines) - moved:], start=1)
            )
            notices.append(Notice(
                "revision.style-items",
                f"{clause.label or clause.id}: its last {moved} paragraph(s) stand as {_names(items)} under "
                f"{host.label} in the other version's style: only the numbering changed",
                level="info", source=clause.id))
            return dataclasses.replace(clause, text="\n".join(text_lines[: len(text_lines) - moved]), children=paragraphs)
        return clause

    if not hosts:
        return document, ()
    result = dataclasses.replace(document, clauses=tuple(split(c) for c in document.clauses))
    return result, tuple(notices)


def _lines(clause: Clause) -> list[str]:
    return [line for line in features.comparable(clause.heading, clause.text).split("\n") if line.strip()]


def _first_line(clause: Clause) -> str:
    """Return a clause's first line squashed, to find its counterpart cheaply (a heading or a 号's name)."""
    lines = _lines(clause)
    return "".join(lines[0].split()) if lines else ""


def _names(items: Iterable[Clause]) -> str:
    return "/".join(c.label for c in items)


def reason(form: Form, label: str) -> Notice:
    """Return the notice that says why a pair's edit is counted as notation: the style writes it so."""
    what = "the lead sentence" if form.lead else "the wording"
    return Notice("revision.style-form",
                  f"{label}: {what} is how the other style writes it (as the model's {form.model_id} reads in "
                  "both styles), not a change",
                  level="info", source=label)
