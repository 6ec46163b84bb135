"""Bring a body's current policy up to the model: insert what is missing, in the body's own structure and words.

The current policy is compared with the model; every applicable model clause it lacks is taken from
the model rendered for the body's profile in the body's style (so names, subject and numbering
conventions fit), placed next to the body's clauses that match its model neighbours, and labelled
the way its new siblings are. Every sibling list is then numbered without gaps, and references in
the body's own text (「上記3」, 「第5条」, 「前条」) follow the clauses they point to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, cast

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import STYLES, Clause, ClauseResult, Comparison, Document, Notice, Style, renumber_ids

# How a policy names itself: 「この規則」 in articles, 「本基本方針」 in numbered sections.
_INSTRUMENTS = ("基本方針", "規則", "訓令", "要綱", "規程", "方針", "告示", "条例")
_NUM = r"[0-9０-９]+"
_KANJI_NUM = numbering.NUMERAL
# 「上記3」「上記6(3)」「上記6、7及び8」
_ABOVE = re.compile(rf"上記((?:{_NUM}(?:[(（]{_NUM}[)）])?)(?:(?:、|及び|並びに|又は|若しくは|から){_NUM}(?:[(（]{_NUM}[)）])?)*)")
_ABOVE_ITEM = re.compile(rf"({_NUM})((?:[(（]{_NUM}[)）])?)")
# 第N条 of this instrument: not right after a law's name or number (「地方公務員法(…)第3条」, 「同法第2条」).
_ARTICLE_REF = re.compile(rf"(?<![法令則例程綱)）同])第({_KANJI_NUM})条(?!の{_KANJI_NUM})")
_LAW_AHEAD = re.compile(r"(?:法|令|規則|条例|規程|要綱)(?:[(（][^)）]{0,30}[)）])?$")


@dataclass
class _Node:
    """A clause while the draft is assembled: the original (or rendered) clause and where it now stands."""

    clause: Clause
    label: str
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None
    inserted: bool = False
    old_label: str = ""  # the label in the current policy ("" for inserted clauses)
    text: str = ""
    heading: str = ""

    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None and node.parent is not None:
            depth, node = depth + 1, node.parent
        return depth

    def top(self) -> "_Node":
        node = self
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        return node

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _tree(clauses: tuple[Clause, ...], parent: _Node, inserted: bool = False) -> list[_Node]:
    nodes = []
    for clause in clauses:
        node = _Node(clause=clause, label=clause.label, parent=parent, inserted=inserted,
                     old_label="" if inserted else clause.label, text=clause.text, heading=clause.heading)
        node.children = _tree(clause.children, node, inserted)
        nodes.append(node)
    return nodes


def _to_clause(node: _Node) -> Clause:
    attrs = {k: v for k, v in node.clause.attrs.items() if k != "amend_for"}
    return replace(node.clause, label=node.label, heading=node.heading, text=node.text, attrs=attrs,
                   children=tuple(_to_clause(c) for c in node.children))


def _style(document: Document) -> Style:
    """Return "article" when the policy is written in articles (第1条 …), else "numbered"."""
    style = document.meta.get("style")
    for known in STYLES:
        if style == known:
            return known
    articles = any(numbering.is_article_label(c.label) for c in document.clauses)
    return "article" if articles else "numbered"


def amend_document(current: Document, profile, *, kind: str | None = None,
                   date: dt.date | None = None, comparison: Comparison | None = None) -> tuple[Document, list[Notice]]:
    """Return the current policy with every applicable missing model clause inserted, and what was done.

    `date` is the amendment's: a policy in articles (規則, 訓令) gets an amending 附則 that takes effect then.
    `comparison`: the current policy's comparison with the model for this kind, when the caller has it already.
    """
    from policygen.compare.with_model import compare_document
    from policygen.generate.template import render

    style = _style(current)
    notices: list[Notice] = []
    if style == "article":
        current = _restore_lost_articles(current, notices)
    if comparison is None or notices:  # a comparison made before lost articles were rebuilt no longer fits
        comparison = compare_document(current, kind=kind or profile.kind)
    # The body already names itself in its policy: a clause inserted later must not define the name again.
    rendered = render(replace(profile, define_self_reference=False), style=style)
    by_model = {c.model_id: c for c in rendered.walk() if c.model_id}
    merged_into = {m: c for c in rendered.walk() for m in c.merged_ids}
    results = {r.model_id: r for r in comparison.clauses}
    order = [r.model_id for r in comparison.clauses]
    parent_of = _model_parents(comparison.model)

    root = _Node(clause=Clause(id=""), label="")
    root.children = _tree(current.clauses, root)
    by_path = {n.clause.id: n for top in root.children for n in top.walk()}
    placed: dict[str, _Node] = {}  # model ID → node of the draft holding it
    for result in comparison.clauses:
        if result.status != "missing" and result.matches:
            node = by_path.get(result.matches[0].path)
            if node is not None:
                placed[result.model_id] = node
    word = _instrument_word(current, style)
    _caption_restored(root, comparison, rendered, word, notices)
    inserted_roots: list[_Node] = []
    own_articles: dict[str, _Node] = {}  # model parent ID → the article made for its clauses no body article covers
    for model_id in order:
        result = results[model_id]
        if not result.applicable or result.status != "missing" or model_id in placed:
            continue
        source = by_model.get(model_id)
        if source is None and model_id in merged_into and merged_into[model_id].model_id in placed:
            continue  # written into its lead sentence, which was inserted
        if source is None:
            why = ("is written into its lead sentence" if model_id in merged_into
                   else "is left out by the profile")
            notices.append(Notice("amend.not-rendered", f"model clause {model_id} is missing but {why}: not inserted",
                                  "warning", model_id))
            continue
        node = _insert(model_id, source, results, parent_of, placed, root, style, by_model, notices, own_articles)
        node.clause = replace(node.clause, attrs={**node.clause.attrs, "amend_for": model_id})
        inserted_roots.append(node)
        for inner in node.walk():
            if inner.clause.model_id:
                placed[inner.clause.model_id] = inner

    _fit_articles(root, style, _body_kinds(current))
    notices.extend(_gap_notices(current, style))
    renumbered = _renumber(root, style)
    refs = _update_references(root, style, renumbered)
    notation = _notation(current)
    terms, unknown = _terms(comparison, rendered, by_path, current)
    used: dict[str, str] = {}
    for node in inserted_roots:
        _adapt_inserted(node, word, style, rendered, placed, notices, notation, terms, used)
    notices.extend(_term_notices(root, inserted_roots, terms, unknown, used))
    for top in root.children:
        if top.clause.attrs.get(_RESTORED):
            top.heading, top.text = top.heading.translate(notation), top.text.translate(notation)
    for node in inserted_roots:
        notices.append(Notice("amend.inserted", f"inserted model clause {node.clause.attrs['amend_for']} "
                              f"「{node.heading or _clip(node.text)}」", "info", _full_label(node)))
    notices.extend(_renumber_notices(root))
    notices.extend(refs)
    clauses = renumber_ids([_to_clause(c) for c in root.children])
    document = replace(current, clauses=clauses, notices=())
    if style == "article":
        document = replace(document, postscript=document.postscript + _amending_supplement(document, word, date,
                                                                                           notation, notices))
    elif date is not None:
        document = replace(document, meta={**document.meta, "revised": _revision_line(date, notation)})
    return document, notices


def _revision_line(date: dt.date, notation: dict[int, str]) -> str:
    """Return the line under a numbered policy's date that says when this amendment revises it: 「令和8年4月1日　改定」."""
    from policygen.ja.wareki import to_wareki

    return f"{to_wareki(date, 'day')}\u3000改定".translate(notation)


# --- articles whose line the source lost ---------------------------------------------------------------------

_RESTORED = "restored"  # attrs key of an article rebuilt around items whose own article line is missing
_CHECK = "(要確認)"


def _restore_lost_articles(document: Document, notices: list[Notice]) -> Document:
    """Give items whose article line is missing (seed 003's 第2条 and 第14条) an article of their own.

    The reader hangs such items under the article before them (attrs "orphan"). When the numbering skips
    exactly one article there, the items were that article's: it is rebuilt under its own number, so
    renumbering cannot move them into another article. Its caption and lead are written later when the
    model knows them, else left as a visible 「(要確認)」.
    """
    clauses: list[Clause] = []
    tops = list(document.clauses)
    for index, clause in enumerate(tops):
        orphans = [c for c in clause.children if c.attrs.get("orphan")]
        number = _number_of(clause.label) if _kind(clause.label) == numbering.ARTICLE else None
        following = next((_number_of(c.label) for c in tops[index + 1:] if _kind(c.label) == numbering.ARTICLE),
                         None)
        if not orphans or number is None or following != number + 2:
            clauses.append(clause)
            continue
        kept = tuple(c for c in clause.children if not c.attrs.get("orphan"))
        items = tuple(replace(c, attrs={k: v for k, v in c.attrs.items() if k != "orphan"}) for c in orphans)
        label = numbering.format_label(numbering.ARTICLE, number + 1)
        clauses.append(clause.with_children(kept))
        clauses.append(Clause(id="", label=label, text=_CHECK, children=items, source=orphans[0].source,
                              attrs={_RESTORED: True}))
        notices.append(Notice("amend.restored", f"the current policy lacks the line of {label}: its items "
                              f"{orphans[0].label}–{orphans[-1].label} stand after {clause.label} and are kept "
                              f"together as {label}; write its caption and text", "warning", orphans[0].source))
    return replace(document, clauses=renumber_ids(clauses))


def _caption_restored(root: _Node, comparison, rendered: Document, word: str, notices: list[Notice]) -> None:
    """Write a restored article's caption and lead from the model clause most of its items match."""
    by_model = {c.model_id: c for c in rendered.walk() if c.model_id}
    parent_of = _model_parents(comparison.model)
    for top in root.children:
        if not top.clause.attrs.get(_RESTORED):
            continue
        prefix = top.clause.id + "."
        parents = [parent_of.get(r.model_id) for r in comparison.clauses
                   if r.status != "missing" and r.matches and r.matches[0].path.startswith(prefix)]
        counted = {p: parents.count(p) for p in parents if p}
        best = max(sorted(counted), key=lambda p: counted[p], default=None)
        model = by_model.get(best) if best else None
        if best is None or model is None or counted[best] * 2 < len(top.children) or not model.heading:
            continue
        top.heading, top.text = model.heading, model.text.replace("この基本方針", "この" + (word or "基本方針"))
        notices.append(Notice("amend.restored", f"{top.label}'s caption and lead are the model's {best} "
                              f"「{model.heading}」, as most of its items match that clause's: check them",
                              "warning", top.label))


# --- where a missing clause goes -------------------------------------------------------------------------------


def _model_parents(model: Document) -> dict[str, str | None]:
    parents: dict[str, str | None] = {}

    def visit(clauses, parent):
        for clause in clauses:
            own = clause.model_id
            if own:
                parents[own] = parent
            visit(clause.children, own or parent)

    visit(model.clauses, None)
    return parents


def _model_depth(model_id: str, parent_of: dict[str, str | None]) -> int:
    depth, parent = 0, parent_of.get(model_id)
    while parent is not None:
        depth, parent = depth + 1, parent_of.get(parent)
    return depth


def _siblings(model_id: str, parent_of: dict[str, str | None]) -> list[str]:
    parent = parent_of.get(model_id)
    return [m for m, p in parent_of.items() if p == parent]


def _subtree(source: Clause, results: dict[str, ClauseResult], placed: dict[str, _Node]) -> tuple[Clause, bool]:
    """Return the rendered clause with only what the body lacks below it (True when that left nothing)."""

    def keep(clause: Clause) -> bool:
        if not clause.model_id:
            return True  # a further 項 or a paragraph of the same clause
        result = results.get(clause.model_id)
        return clause.model_id not in placed and (result is None or result.status == "missing")

    def prune(clause: Clause) -> Clause:
        return clause.with_children(tuple(prune(c) for c in clause.children if keep(c)))

    pruned = prune(source)
    empty = not pruned.text and not pruned.children
    return (source, True) if empty else (pruned, False)


def _insert(model_id, source, results, parent_of, placed, root, style, by_model, notices, own_articles) -> _Node:
    """Insert the rendered clause of `model_id` where its model neighbours stand in the body."""
    subtree, overlap = _subtree(source, results, placed)
    return _insert_where(model_id, subtree, overlap, results, parent_of, placed, root, style, by_model, notices,
                         own_articles)


def _insert_where(model_id, subtree, overlap, results, parent_of, placed, root, style, by_model, notices,
                  own_articles) -> _Node:
    """Place `subtree` (the part of model clause `model_id` the body lacks) in the draft."""
    if overlap:
        notices.append(Notice("amend.overlap", f"model clause {model_id} is missing but what it holds is found "
                              "elsewhere: inserted whole, so part of it repeats the body's text", "warning", model_id))
    depth = _model_depth(model_id, parent_of)
    parent_id = parent_of.get(model_id)
    siblings = _siblings(model_id, parent_of)
    index = siblings.index(model_id)
    before = [placed[s] for s in reversed(siblings[:index]) if s in placed]
    after = [placed[s] for s in siblings[index + 1:] if s in placed]
    host = placed.get(parent_id) if parent_id else root

    if parent_id is None:
        return _insert_top(subtree, before, after, root, style)
    host_depth = -2 if host is None else -1 if host is root else host.depth()
    if host_depth == depth - 1:
        anchors_before = [n for n in before if n.parent is host]
        anchors_after = [n for n in after if n.parent is host]
        return _attach(subtree, host, anchors_before, anchors_after, style)
    # A sibling held at the model's depth, apart from the clause holding the parent, fixes the place
    # even when the parent is matched to something else (seed 003's definitions hang under 第1条).
    # It takes a body clause holding at least two of the model siblings to count as their list.
    for anchors, after_it in ((before, True), (after, False)):
        fitting = [n for n in anchors if n.depth() == depth and n is not host and not _holds(n, host)]
        if fitting:
            host_of = fitting[0].parent
            same = [n for n in fitting if n.parent is host_of]
            if len({id(n) for n in before + after if n.parent is host_of}) >= 2:
                return _attach(subtree, host_of, same if after_it else [], [] if after_it else same, style)
    if host is not None:
        if host_depth < depth - 1:
            # The body holds the model parent at a shallower level (an article for a model item): the
            # clause joins it as a further item or 項 - when it reads as one of the article's 項.
            if style == "article" and host.parent is root and not _fits_article(host, subtree):
                return _own_article(model_id, subtree, host, parent_id, root, by_model, notices, own_articles)
            return _attach(subtree, host, [n for n in before if n.parent is host], [], style)
    # The model parent is matched to something that cannot hold it (a definition, say): the clause
    # becomes a top-level clause of its own; a clause without a heading brings its parent's lead along.
    if not subtree.heading and parent_id in by_model:
        # A list item cannot stand alone: the parent comes whole, so the body gets the model's list.
        notices.append(Notice("amend.overlap", f"model clause {model_id} has no place of its own in the body: "
                              f"inserted with the whole of model clause {parent_id}, which repeats some of the "
                              "body's text", "warning", model_id))
        return _insert_top(by_model[parent_id], _preceding(model_id, placed, parent_of), [], root, style)
    return _insert_top(subtree, _preceding(model_id, placed, parent_of), [], root, style)


_SUBJECT = re.compile(r"^([^、。はが]{2,24})(?:は|が)、")


def _subject(text: str) -> str:
    """Return who a 項 speaks of (「情報セキュリティ責任者は、…」), or "" when it names nobody."""
    found = _SUBJECT.match(text)
    return found.group(1) if found else ""


def _fits_article(host: _Node, subtree: Clause) -> bool:
    """Tell whether a model paragraph can be a further 項 of the body's article `host`.

    A 項 continues its article: it has the subject its sibling 項 share, or its words are in the caption.
    """
    text = subtree.text or subtree.heading
    paragraph = subtree.attrs.get("paragraph_of") or subtree.attrs.get("loose_paragraph")
    if subtree.heading or subtree.children or (subtree.label and not paragraph):
        return True  # a clause with its own caption, list or item label is placed as the body's structure says
    subjects = {_subject(p) for p in [host.text] + [c.text for c in host.children if _kind(c.label) == numbering.SECTION]}
    subjects.discard("")
    if subjects and _subject(text) in subjects:
        return True
    caption = host.heading
    return bool(caption) and any(term in text for term in re.findall(r"[\u30a0-\u30ff\u4e00-\u9fff]{2,}", caption)
                                 if term not in ("情報", "事項", "管理", "等"))


def _own_article(model_id, subtree, host, parent_id, root, by_model, notices, own_articles) -> _Node:
    """Insert a model paragraph the host article's caption does not cover as an article after it.

    Further paragraphs of the same model clause join that article as its 項.
    """
    made = own_articles.get(parent_id)
    if made is not None:
        node = _Node(clause=subtree, label="2", parent=made, inserted=True, text=subtree.text)
        made.children.append(node)
        return node
    caption = by_model[parent_id].heading if parent_id in by_model else ""
    article = replace(subtree, label="", heading=caption, attrs={**subtree.attrs, "paragraph_of": None})
    node = _insert_top(article, [host], [], root, "article")
    own_articles[parent_id] = node
    notices.append(Notice("amend.own-article", f"model clause {model_id} is not covered by the caption of "
                          f"the current policy's {host.label}「{host.heading}」 and lacks the subject of its 項: inserted as an article of "
                          f"its own with the caption of model clause {parent_id} 「{caption}」: check the caption",
                          "warning", model_id))
    return node


def _holds(node: _Node, other: _Node | None) -> bool:
    """Tell whether `other` lies inside `node`."""
    return other is not None and any(n is other for n in node.walk())


def _preceding(model_id: str, placed: dict[str, _Node], parent_of: dict[str, str | None]) -> list[_Node]:
    """Return the nodes of the model clauses before this one that the body has, nearest first."""
    ids = list(parent_of)
    return [placed[m] for m in reversed(ids[: ids.index(model_id)]) if m in placed]


def _insert_top(subtree: Clause, before: list[_Node], after: list[_Node], root: _Node, style: Style) -> _Node:
    node = _Node(clause=subtree, label="", parent=root, inserted=True, text=subtree.text, heading=subtree.heading)
    node.children = _tree(subtree.children, node, inserted=True)
    if before:
        position = root.children.index(before[0].top()) + 1
    elif after:
        position = root.children.index(after[0].top())
    else:
        position = len(root.children)
    root.children.insert(position, node)
    node.label = _new_label(node, style)
    return node


def _attach(subtree: Clause, host: _Node, before: list[_Node], after: list[_Node], style: Style) -> _Node:
    node = _Node(clause=subtree, label="", parent=host, inserted=True, text=subtree.text, heading=subtree.heading)
    node.children = _tree(subtree.children, node, inserted=True)
    if before:
        position = host.children.index(before[0]) + 1
    elif after:
        position = host.children.index(after[0])
    else:
        position = len(host.children)
    host.children.insert(position, node)
    node.label = _new_label(node, style)
    return node


def _kind(label: str) -> str | None:
    parsed = numbering.parse_label(label + " ") if label else None
    return parsed[0].kind if parsed else None


def _new_label(node: _Node, style: Style) -> str:
    """Return a provisional label of the kind the node's new siblings use (numbers are set later)."""
    depth = node.depth()
    if style == "article" and depth == 0:
        return numbering.format_label(numbering.ARTICLE, 1)
    source_label = node.clause.label
    if not source_label or node.clause.attrs.get("paragraph_of"):
        # A paragraph of the model: in an article it is a further 項; in numbered style it stays unlabelled.
        return numbering.format_label(numbering.SECTION, 2) if style == "article" and depth == 1 and not source_label \
            else source_label
    assert node.parent is not None  # only the root has no parent, and the root gets no label
    siblings = [s for s in node.parent.children if s is not node and s.label]
    if style == "article" and node.parent.depth() == 0 and node.parent.parent is not None:
        siblings = [s for s in siblings if _kind(s.label) != numbering.SECTION]  # 項 are not 号
    kinds = [k for k in (_kind(s.label) for s in siblings) if k]
    kinds_table = numbering.KINDS_BY_DEPTH[style]
    kind = kinds[0] if kinds else kinds_table[min(depth, len(kinds_table) - 1)]
    return numbering.format_label(kind, 1)


def _body_kinds(document: Document) -> dict[int, str]:
    """Return the label kind the body uses most at each depth (ア under (1) in seed 002, not ①)."""
    counts: dict[int, dict[str, int]] = {}

    def visit(clauses, depth):
        for clause in clauses:
            kind = _kind(clause.label)
            if kind:
                counts.setdefault(depth, {}).setdefault(kind, 0)
                counts[depth][kind] += 1
            visit(clause.children, depth + 1)

    visit(document.clauses, 0)
    return {d: max(sorted(k), key=lambda kind: k[kind]) for d, k in counts.items()}


def _fit_articles(root: _Node, style: Style, body_kinds: dict[int, str]) -> None:
    """Give every inserted article a first paragraph, and its descendants the labels of their depth."""
    for top in root.children:
        for node in top.walk():
            if not node.inserted:
                continue
            if style == "article" and node.parent is root and not node.text:
                paragraphs = [c for c in node.children if not c.label]
                if paragraphs:  # 6(8) as an article: its first paragraph is the text, the others are 項
                    node.text = paragraphs[0].text
                    node.children.remove(paragraphs[0])
                    for child in paragraphs[1:]:
                        child.label = "2"
    for top in root.children:
        for node in top.walk():
            if node.inserted and node.parent is not None and node.parent.inserted:
                _relabel_child(node, style, body_kinds)


def _relabel_child(node: _Node, style: Style, body_kinds: dict[int, str]) -> None:
    """Label an inserted clause's descendant by its depth, in the body's style."""
    if not node.label:
        return
    if node.clause.attrs.get("paragraph_of") or (style == "article" and node.depth() == 1
                                                 and _kind(node.label) == numbering.SECTION):
        node.label = "2"
        return
    table = numbering.KINDS_BY_DEPTH[style]
    kind = table[min(node.depth(), len(table) - 1)]
    if style == "numbered":  # numbered policies vary below (1): follow the body's own habit
        kind = body_kinds.get(node.depth(), kind)
    node.label = numbering.format_label(kind, 1)


# --- numbering ---------------------------------------------------------------------------------------------------


def _renumber(root: _Node, style: Style) -> dict[int, dict]:
    """Number every sibling list 1..n per kind of label; return old → new maps of the body's own labels.

    The result maps id(parent node) → {old label: new label} for the body's clauses.
    """
    changes: dict[int, dict] = {}

    def visit(parent: _Node) -> None:
        counters: dict[str, int] = {}
        mapping = {}
        for child in parent.children:
            parsed = numbering.parse_label(child.label + " ") if child.label else None
            if parsed is None or parsed[0].branch:
                continue  # unlabelled paragraphs and 枝番 (第3条の2) keep what they have
            kind = parsed[0].kind
            in_article = style == "article" and parent.parent is not None and kind == numbering.SECTION
            start = 2 if in_article else 1  # the first 項 is the article's own text
            counters[kind] = counters.get(kind, start - 1) + 1
            new = numbering.format_label(kind, counters[kind])
            if not child.inserted and child.old_label:
                mapping[child.old_label] = new
            child.label = new
        changes[id(parent)] = mapping
        for child in parent.children:
            visit(child)

    visit(root)
    return changes


def _same(a: str, b: str) -> bool:
    pa = numbering.parse_label(a + " ") if a else None
    pb = numbering.parse_label(b + " ") if b else None
    if pa and pb:
        return (pa[0].kind, pa[0].number, pa[0].branch) == (pb[0].kind, pb[0].number, pb[0].branch)
    return a == b


def _renumber_notices(root: _Node) -> list[Notice]:
    notices = []
    for top in root.children:
        for node in top.walk():
            if node.inserted or not node.old_label or _same(node.old_label, node.label):
                continue
            notices.append(Notice("amend.renumbered", f"{_full_label(node, old=True)} is now {_full_label(node)}",
                                  "info", _full_label(node, old=True)))
    return notices


def _gap_notices(document: Document, style: Style) -> list[Notice]:
    """Say where the current policy's own numbering skips (seed 003 lacks the lines of 第2条 and 第14条)."""
    notices = []

    def visit(clauses, prefix, in_article):
        last: dict[str, int] = {}
        for clause in clauses:
            parsed = numbering.parse_label(clause.label + " ") if clause.label else None
            if parsed and not parsed[0].branch:
                kind, number = parsed[0].kind, parsed[0].number
                start = 2 if in_article and kind == numbering.SECTION else 1
                expected = last.get(kind, start - 1) + 1
                if number != expected:
                    notices.append(Notice("amend.gap", f"the current policy numbers {prefix}{clause.label} where "
                                          f"{prefix}{numbering.format_label(kind, expected)} was due: numbered "
                                          "continuously", "warning", clause.source))
                last[kind] = number
            article = style == "article" and numbering.is_article_label(clause.label)
            visit(clause.children, prefix + clause.label, article)

    visit(document.clauses, "", False)
    return notices


def _full_label(node: _Node, old: bool = False) -> str:
    parts = []
    current: _Node | None = node
    while current is not None and current.parent is not None:
        label = current.old_label if old else current.label
        parent = current.parent
        if parent.parent is not None:
            label = numbering.full_part(label, parent.label)
        parts.append(label or f"[{parent.children.index(current) + 1}]")
        current = parent
    return "".join(reversed(parts))


# --- the amending 附則 -------------------------------------------------------------------------------------------


def _amending_supplement(document: Document, word: str, date: dt.date | None, notation: dict[int, str],
                         notices: list[Notice]) -> tuple[str, ...]:
    """Return the 附則 of the amendment: 「附則(令和8年4月1日規則第○号)」 and when the amendment takes effect.

    Written the way the body writes its own 附則 (「附則」 or 「附　則」); the instrument's number is not
    known before it is enacted, so it reads 「第○号」.
    """
    from policygen.ja.wareki import to_wareki

    own = next((line for line in document.postscript if line.replace("\u3000", "").replace(" ", "") == "附則"),
               "附　則")
    number = str(document.meta.get("number") or "")
    instrument = re.sub(r"第.*", "", number) or word or "規則"
    when = to_wareki(date, "day") if date else "令和○年○月○日"
    if date is None:
        notices.append(Notice("amend.supplement", "no amendment date given: the amending 附則 reads 「令和○年○月○日」",
                              "warning", own))
    notices.append(Notice("amend.supplement", f"added the amending 附則 「{own}({when}{instrument}第○号)」: write "
                          "its number once it is enacted", "info", own))
    sentence = f"この{word or instrument}は、{when}から施行する。"
    return (f"{own}({when}{instrument}第○号)".translate(notation), sentence.translate(notation))


# --- references ----------------------------------------------------------------------------------------------


def _number_of(label: str) -> int | None:
    parsed = numbering.parse_label(label + " ") if label else None
    return parsed[0].number if parsed and not parsed[0].branch else None


def _update_references(root: _Node, style: Style, changes: dict[int, dict]) -> list[Notice]:
    """Rewrite the body's references to its own renumbered clauses; one notice per changed reference."""
    tops_old: dict[int | None, _Node] = {n: t for t in root.children if not t.inserted and (n := _number_of(t.old_label))}
    notices: list[Notice] = []
    old_order = [t for t in root.children if not t.inserted]
    for top in root.children:
        for node in top.walk():
            if node.inserted:
                continue
            for attr in ("text", "heading"):
                value = getattr(node, attr)
                if not value:
                    continue
                if style == "article":
                    new = _rewrite_articles(value, tops_old, node, old_order)
                else:
                    new = _rewrite_above(value, tops_old)
                if new != value:
                    notices.append(Notice("amend.reference", f"references updated in {_full_label(node)}: "
                                          f"「{_clip(value, 60)}」 → 「{_clip(new, 60)}」", "info", _full_label(node)))
                    setattr(node, attr, new)
    return notices


def _write_number(original: str, number: int | None) -> str:
    """Write a number the way the original numeral was written (arabic, full-width or kanji)."""
    if number is None:
        return original  # the clause has no plain number (枝番): the reference stays as written
    if original.isascii():
        return str(number)
    if all("０" <= ch <= "９" for ch in original):
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return numbering.to_kanji(number)


def _rewrite_above(text: str, tops_old: dict[int | None, _Node]) -> str:
    def item(match: re.Match) -> str:
        old = numbering.to_int(match.group(1))
        node = tops_old.get(old)
        if node is None:
            return match.group(0)
        new = _number_of(node.label)
        sub = match.group(2)
        if sub:
            inner = numbering.to_int(sub[1:-1])
            child = next((c for c in node.children if not c.inserted and _number_of(c.old_label) == inner
                          and _kind(c.old_label) == numbering.PAREN), None)
            if child is not None:
                sub = sub[0] + _write_number(sub[1:-1], _number_of(child.label)) + sub[-1]
        return _write_number(match.group(1), new) + sub

    return _ABOVE.sub(lambda m: "上記" + _ABOVE_ITEM.sub(item, m.group(1)), text)


def _rewrite_articles(text: str, tops_old: dict[int | None, _Node], here: _Node, old_order: list[_Node]) -> str:
    def article(match: re.Match) -> str:
        if _LAW_AHEAD.search(text[: match.start()]):
            return match.group(0)  # 「…法(昭和25年法律第261号)第3条」: another instrument's article
        try:
            old = numbering.to_int(match.group(1))
        except ValueError:
            return match.group(0)
        node = tops_old.get(old)
        if node is None:
            return match.group(0)
        return f"第{_write_number(match.group(1), _number_of(node.label))}条"

    out = _ARTICLE_REF.sub(article, text)
    top = here.top()
    if "前条" in out and top.parent is not None:
        position = old_order.index(top) if top in old_order else -1
        siblings = top.parent.children
        now_before = siblings[siblings.index(top) - 1] if siblings.index(top) > 0 else None
        was_before = old_order[position - 1] if position > 0 else None
        if was_before is not None and now_before is not was_before:
            out = out.replace("前条", f"第{_number_of(was_before.label)}条")
    return out


# --- inserted text -----------------------------------------------------------------------------------------------


def _instrument_word(document: Document, style: Style) -> str:
    """Return how the body's policy names itself (規則 in 「この規則」), or "" when it never does."""
    text = "\n".join(f"{c.heading}\n{c.text}" for c in document.walk())
    prefix = "この" if style == "article" else "本"
    counts = {w: text.count(prefix + w) for w in _INSTRUMENTS}
    best = max(_INSTRUMENTS, key=lambda w: (counts[w], -_INSTRUMENTS.index(w)))
    return best if counts[best] else ""


_HALF_PARENS = {ord("（"): "(", ord("）"): ")"}
_FULL_PARENS = {ord("("): "（", ord(")"): "）"}


def _notation(document: Document) -> dict[int, str]:
    """Return the translation that writes text in the body's notation: its parentheses and its comma."""
    text = "\n".join(f"{c.heading}\n{c.text}" for c in document.walk())
    table: dict[int, str] = {}
    if text.count("(") > text.count("（"):
        table.update(_HALF_PARENS)
    elif text.count("（") > text.count("("):
        table.update(_FULL_PARENS)
    if text.count("，") > text.count("、"):
        table[ord("、")] = "，"
    elif text.count("、") > text.count("，"):
        table[ord("，")] = "、"
    return table


def _adapt_inserted(node: _Node, word: str, style: Style, rendered: Document, placed: dict[str, _Node],
                    notices: list[Notice], notation: dict[int, str], terms: dict[str, str],
                    used: dict[str, str]) -> None:
    """Word an inserted clause as the body does: its name for the policy, its terms, references in its numbering."""
    prefix = "この" if style == "article" else "本"
    rendered_tops: dict[int | None, str | None] = {n: c.model_id for c in rendered.clauses if (n := _number_of(c.label))}
    for inner in node.walk():
        for attr in ("text", "heading"):
            value = getattr(inner, attr)
            if not value:
                continue
            if word and word != "基本方針":
                value = value.replace(prefix + "基本方針", prefix + word)
            for model_term in sorted(terms, key=len, reverse=True):
                if model_term in value:
                    value = value.replace(model_term, terms[model_term])
                    used[model_term] = _full_label(inner)
            value = _retarget(value, style, rendered_tops, placed, inner, notices)
            setattr(inner, attr, value.translate(notation))


_TERM = re.compile(r"[\u30a0-\u30ff\u4e00-\u9fff]{4,}")


def _model_terms(rendered: Document) -> dict[str, tuple[str, bool]]:
    """Return the model's named terms: the model clause naming each, and whether it is a definition.

    A term is a definition's heading (the children of the clause that says 「用語」), or the noun a caption
    begins with (「情報セキュリティ自己点検」の実施) when other model clauses use it too.
    """
    terms: dict[str, tuple[str, bool]] = {}
    texts = [f"{c.heading}\n{c.text}" for c in rendered.walk()]
    for clause in rendered.walk():
        if "用語" in clause.text:
            for child in clause.children:
                if child.heading and child.model_id:
                    terms.setdefault(child.heading, (child.model_id, True))
        if clause.model_id and "の" in clause.heading:
            head = clause.heading.split("の")[0]
            if _TERM.fullmatch(head) and sum(head in t for t in texts) >= 3:
                terms.setdefault(head, (clause.model_id, False))
    return terms


def _terms(comparison, rendered: Document, by_path: dict[str, _Node], current: Document
           ) -> tuple[dict[str, str], list[str]]:
    """Map the model's terms the body does not use to the body's own; return the map and what has no match.

    A model definition matched to one of the body's definitions gives the body's term; a model clause
    matched to a body article whose caption is a shorter form of the term (自己点検等 for 情報セキュリティ
    自己点検) gives that form.
    """
    body = "\n".join(f"{c.heading}\n{c.text}" for c in current.walk())
    results = {r.model_id: r for r in comparison.clauses}
    mapped: dict[str, str] = {}
    unknown: list[str] = []
    for term, (model_id, definition) in _model_terms(rendered).items():
        if term in body:
            continue
        result = results.get(model_id)
        match = by_path.get(result.matches[0].path) if result and result.status != "missing" and result.matches else None
        heading = match.heading if match is not None else ""
        short = heading.removesuffix("等")
        if definition and heading and match is not None and match.parent is not None and match.parent.parent:
            mapped[term] = heading  # one of the body's definitions: its own word for the model's term
        elif not definition and short and short in term and short in body:
            mapped[term] = short
        else:
            unknown.append(term)
    return mapped, unknown


def _term_notices(root: _Node, inserted: list[_Node], terms: dict[str, str], unknown: list[str],
                  used: dict[str, str]) -> list[Notice]:
    """Say which model terms were written in the body's words, and which the body has no word for."""
    notices = [Notice("amend.term", f"inserted text uses the body's 「{terms[t]}」 for the model's 「{t}」",
                      "info", where) for t, where in sorted(used.items())]
    defined_here = {n.heading for top in inserted for n in top.walk() if n.heading and n.parent is not None
                    and n.parent.parent is not None}  # an inserted definition brings its term along
    for term in unknown:
        if term in defined_here:
            continue
        places = [_full_label(n) for top in inserted for n in top.walk() if term in n.text or term in n.heading]
        if places:
            notices.append(Notice("amend.term-unknown", f"inserted text uses the model's 「{term}」 "
                                  f"({', '.join(places)}), which the body neither defines nor uses: define it "
                                  "or write the body's word", "warning", places[0]))
    return notices


_ARTICLE_PHRASE = re.compile(rf"第{_NUM}条(?:から第{_NUM}条まで)?(?:(?:、|及び|並びに)第{_NUM}条(?:から第{_NUM}条まで)?)*")
_PHRASE_PART = re.compile(rf"第({_NUM})条(?:から第({_NUM})条まで)?")


_UNSURE = "第○条" + _CHECK


def _retarget(text: str, style: Style, rendered_tops: dict[int | None, str | None], placed: dict[str, _Node],
              here: _Node, notices: list[Notice]) -> str:
    """Point the model's references (in the model's numbering) at the body's clauses holding those clauses.

    A model clause the body holds as one top-level clause is named by it. One the body spreads over
    several clauses (model 6 over many articles), or holds nowhere, cannot be named by computing: the
    reference reads 「第○条(要確認)」 (「上記○(要確認)」) and a warning says which clauses hold its parts.
    """
    unsure: list[str] = []

    def numbers(number: int) -> list[int] | None:
        model_id = rendered_tops.get(number)
        if model_id is None:
            unsure.append(f"model clause {number}, which the body does not hold")
            return None
        node = placed.get(model_id)
        if node is not None and node.parent is not None and node.parent.parent is None:
            own = _number_of(node.label)
            return [own] if own else None
        parts = sorted({p for m, n in placed.items() if m.startswith(model_id + ".") and "#" not in m
                        and n.parent is not None and (p := _number_of(n.top().label))})
        label = "第{}条" if style == "article" else "{}"
        where = ", ".join(label.format(p) for p in parts) if parts else "no clause of the body"
        unsure.append(f"model clause {model_id}, whose parts stand in {where}")
        return None

    def phrase(targets: list[int], doubtful: bool, unsure_first: bool) -> str:
        """Write the references; the unsure one first when the model named it first."""
        if style != "article":
            words, marker = [str(n) for n in targets], "○" + _CHECK
        else:
            words, marker = numbering.article_references(targets), _UNSURE
        if doubtful:
            words = [marker] + words if unsure_first else words + [marker]
        return ("上記" if style != "article" else "") + _join(words)

    if style == "article":
        def article(match: re.Match) -> str:
            targets: list[int] = []
            doubtful = unsure_first = False
            for part in _PHRASE_PART.finditer(match.group(0)):
                first = numbering.to_int(part.group(1))
                last = numbering.to_int(part.group(2)) if part.group(2) else first
                for number in range(first, last + 1):
                    found = numbers(number)
                    unsure_first = unsure_first if doubtful else not targets
                    doubtful |= found is None
                    targets += found or []
            return phrase(targets, doubtful, unsure_first)

        out = _ARTICLE_PHRASE.sub(article, text)
    else:
        def above(match: re.Match) -> str:
            targets: list[int] = []
            doubtful = unsure_first = False
            for part in _ABOVE_ITEM.finditer(match.group(1)):
                if part.group(2):
                    return match.group(0)  # 「上記6(3)」: an item reference is left as the model wrote it
                found = numbers(numbering.to_int(part.group(1)))
                unsure_first = unsure_first if doubtful else not targets
                doubtful |= found is None
                targets += found or []
            return phrase(sorted(set(targets)), doubtful, unsure_first)

        out = _ABOVE.sub(above, text)
    if out != text:
        notices.append(Notice("amend.reference", f"model references in inserted {_full_label(here)} point at the "
                              f"body's clauses: 「{_clip(out, 80)}」: check them", "info", _full_label(here)))
    if unsure:
        notices.append(Notice("amend.reference-unresolved", f"{_full_label(here)} refers to {'; '.join(unsure)}: "
                              f"written 「{_UNSURE if style == 'article' else '上記○' + _CHECK}」: write the reference",
                              "warning", _full_label(here)))
    return out


def _join(words: list[str]) -> str:
    from policygen.generate.profile import join_and

    return join_and(words)


def _clip(text: str, width: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["amend_document", "PolicygenError"]
