"""Bring a body's current policy up to the model: insert what is missing, in the body's own structure and words.

The current policy is compared with the model; every applicable model clause it lacks is taken from
the model rendered for the body's profile in the body's style (so names, subject and numbering
conventions fit), placed next to the body's clauses that match its model neighbours, and labelled
the way its new siblings are. Every sibling list is then numbered without gaps, and references in
the body's own text (「上記3」, 「第5条」, 「前条」) follow the clauses they point to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import STYLES, Clause, ClauseResult, Document, Notice, Style, renumber_ids

# How a policy names itself: 「この規則」 in articles, 「本基本方針」 in numbered sections.
_INSTRUMENTS = ("基本方針", "規則", "訓令", "要綱", "規程", "方針", "告示", "条例")
_NUM = r"[0-9０-９]+"
_KANJI_NUM = r"[0-9０-９〇一二三四五六七八九十百]+"
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


def amend_document(current: Document, profile, *, kind: str | None = None) -> tuple[Document, list[Notice]]:
    """Return the current policy with every applicable missing model clause inserted, and what was done."""
    from policygen.compare.with_model import compare_document
    from policygen.generate.template import render

    style = _style(current)
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

    notices: list[Notice] = []
    word = _instrument_word(current, style)
    inserted_roots: list[_Node] = []
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
        node = _insert(model_id, source, results, parent_of, placed, root, style, by_model, notices)
        node.clause = replace(node.clause, attrs={**node.clause.attrs, "amend_for": model_id})
        inserted_roots.append(node)
        for inner in node.walk():
            if inner.clause.model_id:
                placed[inner.clause.model_id] = inner

    _fit_articles(root, style, _body_kinds(current))
    notices.extend(_gap_notices(current, style))
    renumbered = _renumber(root, style)
    refs = _update_references(root, style, renumbered)
    for node in inserted_roots:
        _adapt_inserted(node, word, style, rendered, placed, notices)
    for node in inserted_roots:
        notices.append(Notice("amend.inserted", f"inserted model clause {node.clause.attrs['amend_for']} "
                              f"「{node.heading or _clip(node.text)}」", "info", _full_label(node)))
    notices.extend(_renumber_notices(root))
    notices.extend(refs)
    clauses = renumber_ids([_to_clause(c) for c in root.children])
    document = replace(current, clauses=clauses, notices=())
    return document, notices


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


def _insert(model_id, source, results, parent_of, placed, root, style, by_model, notices) -> _Node:
    """Insert the rendered clause of `model_id` where its model neighbours stand in the body."""
    subtree, overlap = _subtree(source, results, placed)
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
            # clause joins it as a further item or 項.
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


# --- references ----------------------------------------------------------------------------------------------


def _number_of(label: str) -> int | None:
    parsed = numbering.parse_label(label + " ") if label else None
    return parsed[0].number if parsed and not parsed[0].branch else None


def _update_references(root: _Node, style: Style, changes: dict[int, dict]) -> list[Notice]:
    """Rewrite the body's references to its own renumbered clauses; one notice per changed reference."""
    tops_old = {n: t for t in root.children if not t.inserted and (n := _number_of(t.old_label))}
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
    if number is None:  # the clause lost its number: the reference stays as written
        return original
    if original.isascii():
        return str(number)
    if all("０" <= ch <= "９" for ch in original):
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return numbering.to_kanji(number)


def _rewrite_above(text: str, tops_old: dict[int, _Node]) -> str:
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


def _rewrite_articles(text: str, tops_old: dict[int, _Node], here: _Node, old_order: list[_Node]) -> str:
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


def _adapt_inserted(node: _Node, word: str, style: Style, rendered: Document, placed: dict[str, _Node],
                    notices: list[Notice]) -> None:
    """Word an inserted clause as the body does: its name for the policy, references in its numbering."""
    prefix = "この" if style == "article" else "本"
    rendered_tops = {n: c.model_id for c in rendered.clauses if (n := _number_of(c.label))}
    for inner in node.walk():
        for attr in ("text", "heading"):
            value = getattr(inner, attr)
            if not value:
                continue
            if word and word != "基本方針":
                value = value.replace(prefix + "基本方針", prefix + word)
            value = _retarget(value, style, rendered_tops, placed, inner, notices)
            setattr(inner, attr, value)


_ARTICLE_PHRASE = re.compile(rf"第{_NUM}条(?:から第{_NUM}条まで)?(?:(?:、|及び|並びに)第{_NUM}条(?:から第{_NUM}条まで)?)*")
_PHRASE_PART = re.compile(rf"第({_NUM})条(?:から第({_NUM})条まで)?")


def _retarget(text: str, style: Style, rendered_tops: dict[int, str | None], placed: dict[str, _Node],
              here: _Node, notices: list[Notice]) -> str:
    """Point the model's references (in the model's numbering) at the body's clauses holding those clauses.

    A model clause the body holds below the top level (model 6 spread over many articles) is named by
    the top-level clauses holding its parts.
    """
    unresolved: list[str] = []

    def numbers(number: int) -> list[int]:
        model_id = rendered_tops.get(number)
        if model_id is None:
            unresolved.append(str(number))
            return []
        node = placed.get(model_id)
        if node is not None and node.parent is not None and node.parent.parent is None:
            return [n for n in (_number_of(node.label),) if n is not None]
        parts = {_number_of(n.top().label) for m, n in placed.items()
                 if m.startswith(model_id + ".") and "#" not in m and n.parent is not None}
        if not parts:
            unresolved.append(model_id)
        return sorted(p for p in parts if p)

    def phrase(targets: list[int], original: str) -> str:
        if not targets:
            return original
        if style != "article":
            return "上記" + _join([str(n) for n in targets])
        return _join(numbering.article_references(targets))

    if style == "article":
        def article(match: re.Match) -> str:
            targets: list[int] = []
            for part in _PHRASE_PART.finditer(match.group(0)):
                first = numbering.to_int(part.group(1))
                last = numbering.to_int(part.group(2)) if part.group(2) else first
                for number in range(first, last + 1):
                    targets += numbers(number)
            return phrase(targets, match.group(0))

        out = _ARTICLE_PHRASE.sub(article, text)
    else:
        def above(match: re.Match) -> str:
            targets: list[int] = []
            for part in _ABOVE_ITEM.finditer(match.group(1)):
                if part.group(2):
                    return match.group(0)  # 「上記6(3)」: an item reference is left as the model wrote it
                targets += numbers(numbering.to_int(part.group(1)))
            return phrase(sorted(set(targets)), match.group(0))

        out = _ABOVE.sub(above, text)
    if out != text:
        notices.append(Notice("amend.reference", f"model references in inserted {_full_label(here)} point at the "
                              f"body's clauses: 「{_clip(out, 80)}」: check them", "info", _full_label(here)))
    if unresolved:
        notices.append(Notice("amend.reference-unresolved", f"{_full_label(here)} refers to model clause(s) "
                              f"{', '.join(unresolved)}, which the body holds in no clause of its own: check the "
                              "reference", "warning", _full_label(here)))
    return out


def _join(words: list[str]) -> str:
    from policygen.generate.profile import join_and

    return join_and(words)


def _clip(text: str, width: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["amend_document", "PolicygenError"]
