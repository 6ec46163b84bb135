"""Render the model basic policy (a clause tree with Jinja2 text) for one organization into a Document.

Rendering runs in passes so that numbers are never written in the template: select the clauses
that apply (`when:`, omit, overrides, additions), shape the tree (one-item lists join their lead;
body text becomes item (1) when items are added under it), number what remains in the chosen style,
and only then render the text, whose cross-references ({{ refs('6', '7', '8') }}) read the numbers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from policygen import numbering
from policygen.errors import PolicygenError
from policygen.model import STYLES, Clause, Document, Notice, Signal, Style, renumber_ids
from policygen.generate.profile import CHECKS, NON_PUBLIC, Addition, Profile, join_and, policy_noun



@dataclass(frozen=True)
class ModelClause:
    """One clause of the model template, as written in the YAML."""

    id: str
    heading: str = ""
    text: str = ""
    when: str = ""
    unlabelled: bool = False
    text_single: str = ""
    children: tuple["ModelClause", ...] = ()
    signals: tuple[Signal, ...] = ()  # phrases that name the clause's concept (see compare)

    def walk(self):
        """Yield this clause and its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ModelTemplate:
    """The model basic policy: title, guideline metadata and the clause tree."""

    title: str
    guideline: dict
    clauses: tuple[ModelClause, ...]
    source: str = ""

    def ids(self) -> list[str]:
        """Return every model clause ID in document order."""
        return [c.id for top in self.clauses for c in top.walk()]


_CLAUSE_KEYS = {"id", "heading", "text", "when", "unlabelled", "text_single", "children", "signals"}


def _model_clause(data: Any, source: str) -> ModelClause:
    if not isinstance(data, dict) or "id" not in data:
        raise PolicygenError(f"{source}: every clause needs an id; got {data!r:.60}")
    unknown = set(data) - _CLAUSE_KEYS
    if unknown:
        raise PolicygenError(f"{source}: clause {data['id']}: unknown key {sorted(unknown)[0]!r}")
    return ModelClause(
        id=str(data["id"]),
        heading=str(data.get("heading") or ""),
        text=str(data.get("text") or ""),
        when=str(data.get("when") or ""),
        unlabelled=bool(data.get("unlabelled", False)),
        text_single=str(data.get("text_single") or ""),
        children=tuple(_model_clause(c, source) for c in data.get("children") or ()),
        signals=_signals(data.get("signals") or [], f"{source}: clause {data['id']}"),
    )


def _signals(data: Any, where: str) -> tuple[Signal, ...]:
    """Read a clause's signals: a phrase, a list of phrases found together, or {heading: term}."""
    if not isinstance(data, list):
        raise PolicygenError(f"{where}: signals must be a list")
    out = []
    for item in data:
        if isinstance(item, str) and item:
            out.append(Signal((item,)))
        elif isinstance(item, list) and item and all(isinstance(w, str) and w for w in item):
            out.append(Signal(tuple(item)))
        elif isinstance(item, dict) and set(item) == {"heading"} and isinstance(item["heading"], str):
            out.append(Signal((item["heading"],), heading=True))
        else:
            raise PolicygenError(f"{where}: bad signal {item!r:.60}: use a phrase, a list of phrases or {{heading: term}}")
    return tuple(out)


def default_template_path() -> Path:
    """Return the path of the shipped model basic policy template."""
    from policygen.generate.resources import model_template_path

    return model_template_path()


def safe_load(text: str) -> Any:
    """Parse trusted YAML (the shipped files) with libyaml's safe loader when present: the same data, 6× sooner.

    A file it refuses is parsed again by the pure-Python loader, so that the message is always that one's.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> ModelTemplate:
    import yaml

    try:
        data = safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read the model template: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise PolicygenError(f"{path}: invalid YAML in the model template: {str(exc).splitlines()[0]}") from None
    model = ModelTemplate(
        title=str(data.get("title", "")),
        guideline=dict(data.get("guideline") or {}),
        clauses=tuple(_model_clause(c, path) for c in data.get("clauses") or ()),
        source=path,
    )
    ids = model.ids()
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PolicygenError(f"{path}: clause id {duplicates[0]} appears twice")
    return model


def load_model(path: str | Path | None = None) -> ModelTemplate:
    """Load (once per file version) the model template from YAML."""
    path = Path(path or default_template_path())
    try:
        mtime_ns = path.stat().st_mtime_ns
    except OSError as exc:
        raise PolicygenError(f"{path}: cannot read the model template: {exc.strerror}") from None
    return _load_cached(str(path), mtime_ns)


# --- Jinja2 -------------------------------------------------------------------------------------


def defines(words: str, term: str) -> str:
    """Write 「words（以下「term」という。）」 with one parenthetical, as 法制執務 does.

    Words that already end in a parenthetical of their own (「職員（非常勤職員も含む。）」) take the
    definition inside it: 「職員（非常勤職員を含む。以下「職員等」という。）」.
    """
    words = str(words)
    if words.endswith("。）") and "（" in words:
        inner = words[:-1]
        if inner.endswith("も含む。"):
            inner = inner[: -len("も含む。")] + "を含む。"
        return f"{inner}以下「{term}」という。）"
    return f"{words}（以下「{term}」という。）"


@functools.lru_cache(maxsize=1)
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters["and_list"] = lambda items: join_and(list(items))
    env.filters["kanji"] = numbering.to_kanji
    env.filters["defines"] = defines
    return env


@functools.lru_cache(maxsize=1024)
def _compile(source: str):
    return _environment().from_string(source)


@functools.lru_cache(maxsize=256)
def _compile_expression(source: str):
    return _environment().compile_expression(source)


def context(profile: Profile, style: Style) -> dict[str, Any]:
    """Return the template variables for one profile in one style (see the template's header)."""
    article = style == "article"
    full = profile.self_reference
    # Article style (例規) drops 本: 「市」「組合」; the numbered model keeps 「本市」.
    selfref = full[1:] if article and full.startswith("本") and len(full) > 1 else full
    council = profile.kind == "council"
    if "audit" in profile.checks and "self_inspection" in profile.checks:
        checks = f"{CHECKS['audit']}及び{CHECKS['self_inspection']}"
    elif "audit" in profile.checks:
        checks = CHECKS["audit"]
    else:
        checks = f"情報セキュリティ{CHECKS['self_inspection']}"
    return {
        "name": profile.name,
        "kind": profile.kind,
        "subkind": profile.subkind,
        "council": council,
        "joint_body": profile.kind == "joint_body",
        "article": article,
        "style": style,
        "selfref": selfref,
        "short": full[1:] if full.startswith("本") and len(full) > 1 else full,
        "this_policy": ("この" if article else "本") + policy_noun(profile.instrument),
        "following": "次の" if article else "以下の",
        "define_selfref": profile.define_self_reference,
        "subject": profile.subject,
        "subject_definition": profile.subject_definition
        or (f"{selfref}議員及び{selfref}の職員" if council else "職員、臨時・非常勤職員等"),
        "organs": profile.organs,
        "assets_all": profile.assets == "all",
        "tiers": list(profile.networks),
        "cloud": profile.cloud,
        "social_media": profile.social_media,
        "checks": checks,
        "audit": "audit" in profile.checks,
        "self_inspection": "self_inspection" in profile.checks,
        "non_public": join_and([NON_PUBLIC[d] for d in profile.non_public]),
        "other_rules": list(profile.other_rules),
    }


# --- the working tree -----------------------------------------------------------------------------


@dataclass
class _Node:
    """A clause while it is being shaped: sources still unrendered, labels still unassigned."""

    model_id: str | None
    heading: str
    text: str
    heading_literal: bool = False
    text_literal: bool = False
    unlabelled: bool = False
    text_single: str = ""
    children: list["_Node"] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    collapsed: "_Node | None" = None
    label: str = ""
    ref: str = ""  # how a cross-reference names it: "6(3)" / "第6条第3号"
    number: int = 0
    paragraph_children: bool = False  # article style: added items become 項, not 号
    where: str = ""  # what to name in an error message

    def labelled_children(self) -> list["_Node"]:
        return [c for c in self.children if not c.unlabelled]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _select(clauses, ctx: dict, profile: Profile, template_source: str) -> list[_Node]:
    """Return the nodes that apply to this profile: `when:` true, not omitted, overrides applied."""
    out = []
    for clause in clauses:
        if clause.id in profile.omit:
            continue
        if clause.when:
            try:
                keep = _compile_expression(clause.when)(**ctx)
            except Exception as exc:  # a template bug; say which clause
                raise PolicygenError(f"{template_source}: clause {clause.id} when: {exc}") from None
            if not keep:
                continue
        override = profile.overrides.get(clause.id, {})
        node = _Node(
            model_id=clause.id,
            heading=override.get("heading", clause.heading),
            text=override.get("text", clause.text),
            heading_literal="heading" in override,
            text_literal="text" in override,
            unlabelled=clause.unlabelled,
            text_single="" if "text" in override else clause.text_single,
            attrs={"model_id": clause.id},
            where=f"{template_source}: clause {clause.id}",
        )
        node.children = _select(clause.children, ctx, profile, template_source)
        out.append(node)
    return out


def _addition_node(addition: Addition) -> _Node:
    node = _Node(
        model_id=None,
        heading=addition.heading,
        text=addition.text,
        heading_literal=True,
        text_literal=True,
        attrs={"addition": True},
        where=addition.where,
    )
    node.children = [_addition_node(a) for a in addition.children]
    return node


def _find(nodes: list[_Node], model_id: str) -> tuple[list[_Node], int] | None:
    """Return the sibling list holding the node with this model ID and its index."""
    for index, node in enumerate(nodes):
        if node.model_id == model_id:
            return nodes, index
        found = _find(node.children, model_id)
        if found:
            return found
    return None


def _place_additions(nodes: list[_Node], profile: Profile, model: ModelTemplate) -> None:
    """Insert the profile's own clauses next to, or under, the model clauses they name."""
    inserted_after: dict[str, int] = {}
    for addition in profile.additions:
        target = addition.after or addition.before or addition.child_of
        key = "after" if addition.after else "before" if addition.before else "child_of"
        found = _find(nodes, target)
        if found is None:
            why = "is left out for this profile" if target in model.ids() else "is not a model clause ID"
            raise PolicygenError(f"{addition.where}.{key}: clause {target} {why}")
        siblings, index = found
        node = _addition_node(addition)
        if addition.child_of:
            siblings[index].children.append(node)
        elif addition.before:
            siblings.insert(index, node)
        else:
            offset = inserted_after.get(target, 0) + 1
            siblings.insert(index + offset, node)
            inserted_after[target] = offset


def _shape(nodes: list[_Node], style: Style, depth: int = 0) -> None:
    """Apply the general drafting rules that change the tree's shape."""
    for node in nodes:
        _shape(node.children, style, depth + 1)
        labelled = node.labelled_children()
        # A list of one item is no list: the item joins its lead sentence (text_single).
        if node.text_single and len(labelled) == 1 and labelled[0].model_id and not labelled[0].children:
            node.collapsed = labelled[0]
            node.children = [c for c in node.children if c is not labelled[0]]
            node.attrs["merged"] = (labelled[0].model_id,)
            continue
        # Article style: paragraphs that continue a 号 (6(8)) become its ア, イ, ウ, or join its line
        # when one is left; a 号 is one sentence line, never a caption over free paragraphs.
        loose = [c for c in node.children if c.unlabelled]
        if style == "article" and depth >= 1 and loose and len(loose) == len(node.children):
            if len(loose) == 1 and not loose[0].children and not node.text:
                node.collapsed, node.text_single = loose[0], "{{ only }}"
                node.children = []
                node.attrs["merged"] = (loose[0].model_id,) if loose[0].model_id else ()
                continue
            for child in loose:
                child.unlabelled = False
                child.attrs["loose_paragraph"] = True  # a paragraph of the model, lettered only in this style
        # Items added under a clause that had only body text: the body becomes item (1) — or, for an
        # article, the added items become further 項.
        own = [c for c in node.children if c.model_id]
        added = [c for c in labelled if c.attrs.get("addition")]
        if node.text and not own and added and len(added) == len(node.children):
            if style == "article" and depth == 0:
                node.paragraph_children = True
            else:
                body = _Node(
                    model_id=None,
                    heading="",
                    text=node.text,
                    text_literal=node.text_literal,
                    attrs={"body_of": node.model_id} if node.model_id else {},
                    where=node.where,
                )
                node.children.insert(0, body)
                node.text, node.text_literal = "", True


def _number(nodes: list[_Node], style: Style, depth: int = 0, parent: _Node | None = None) -> None:
    """Assign labels by position: what was left out leaves no gap."""
    kinds = numbering.KINDS_BY_DEPTH[style]
    if depth >= len(kinds):
        raise PolicygenError(f"{nodes[0].where}: clauses nest deeper than {len(kinds)} levels")
    count = 0
    for node in nodes:
        if node.unlabelled or (parent is not None and parent.paragraph_children):
            continue
        count += 1
        node.number = count
        node.label = numbering.format_label(kinds[depth], count)
        if parent is None:
            node.ref = node.label
        elif style == "article":
            suffix = f"第{count}号" if depth == 1 else node.label
            node.ref = parent.ref + suffix
        else:
            node.ref = parent.ref + node.label
    for node in nodes:
        if node.children:
            _number(node.children, style, depth + 1, node)


class _Refs:
    """The `refs()` function of the template: names model clauses by their rendered numbers."""

    def __init__(self, roots: list[_Node], style: Style, source: str):
        self.style = style
        self.source = source  # the profile: leaving clauses out is what makes a reference dangle
        self.nodes: dict[str, _Node] = {}
        for root in roots:
            for node in root.walk():
                if node.model_id:
                    self.nodes[node.model_id] = node
                    for merged in node.attrs.get("merged", ()):
                        self.nodes[merged] = node

    def bind(self, current: _Node) -> Callable[..., str]:
        def refs(*ids: str) -> str:
            if not ids:
                raise PolicygenError(f"{current.where}: refs() needs at least one clause ID")
            targets = []
            for model_id in ids:
                node = self.nodes.get(str(model_id))
                if node is None or not node.ref:
                    owner = current.model_id or current.attrs.get("body_of") or "?"
                    raise PolicygenError(
                        f"{self.source}: clause {owner}: refers to clause {model_id}, which this profile leaves "
                        f"out; keep clause {model_id} or override clause {owner}'s text"
                    )
                targets.append(node)
            return self._phrase(targets, current)

        return refs

    def _phrase(self, targets: list[_Node], current: _Node) -> str:
        if self.style != "article":
            return "上記" + join_and([t.ref for t in targets])
        tops = all(t.label.startswith("第") for t in targets)
        if tops and len(targets) == 1 and current.label.startswith("第") and targets[0].number == current.number - 1:
            return "前条"
        if not tops:
            return join_and([t.ref for t in targets])
        # 法制執務: three or more consecutive articles read 「第6条から第8条まで」.
        return join_and(numbering.article_references([t.number for t in targets]))


def _render_text(source: str, literal: bool, ctx: dict, node: _Node, refs: _Refs, where: str, extra=None) -> str:
    if literal or ("{" not in source):
        return source
    from jinja2 import TemplateError

    variables = dict(ctx, refs=refs.bind(node), n_children=len(node.labelled_children()))
    if extra:
        variables.update(extra)
    try:
        return _compile(source).render(variables)
    except TemplateError as exc:
        raise PolicygenError(f"{node.where} {where}: {exc}") from None


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _build(node: _Node, ctx: dict, refs: _Refs, style: Style, depth: int) -> Clause:
    """Render one node's text and turn it, with its subtree, into a Clause."""
    heading = _render_text(node.heading, node.heading_literal, ctx, node, refs, "heading").strip()
    if node.collapsed is not None:
        only = " ".join(_paragraphs(_render_text(node.collapsed.text, node.collapsed.text_literal, ctx,
                                                 node.collapsed, refs, "text")))
        text = _render_text(node.text_single, False, ctx, node, refs, "text_single", {"only": only})
    else:
        text = _render_text(node.text, node.text_literal, ctx, node, refs, "text")
    paragraphs = _paragraphs(text)
    children = [_build(c, ctx, refs, style, depth + 1) for c in node.children]
    if style == "article" and depth == 0:
        # 条: the first paragraph is its text; 号 follow it; further paragraphs (and items added
        # under a body-only article) are 項 numbered from 2.
        items = [] if node.paragraph_children else children
        extra = paragraphs[1:] + ([c.text or c.heading for c in children] if node.paragraph_children else [])
        clauses = [
            Clause(id="", label=str(n), text=p, attrs={"paragraph_of": node.model_id} if node.model_id else {})
            for n, p in enumerate(extra, start=2)
        ]
        return Clause(id="", label=node.label, heading=heading, text=paragraphs[0] if paragraphs else "",
                      children=tuple(items + clauses), attrs=dict(node.attrs))
    return Clause(id="", label=node.label, heading=heading, text="\n".join(paragraphs),
                  children=tuple(children), attrs=dict(node.attrs))


def render(profile: Profile, *, style: Style | None = None, model: ModelTemplate | None = None) -> Document:
    """Render the model basic policy for the profile's organization as a Document."""
    style = style or profile.style
    if style not in STYLES:
        raise PolicygenError(f"style: expected one of {', '.join(STYLES)}; got {style!r}")
    model = model or load_model()
    ids = set(model.ids())
    for key, values in (("omit", profile.omit), ("overrides", list(profile.overrides))):
        for index, model_id in enumerate(values):
            if model_id not in ids:
                where = f"changes.{key}[{index}]" if key == "omit" else f"changes.overrides.{model_id}"
                raise PolicygenError(f"{profile.source}: {where}: {model_id} is not a model clause ID")
    ctx = context(profile, style)
    nodes = _select(model.clauses, ctx, profile, model.source)
    _place_additions(nodes, profile, model)
    _shape(nodes, style)
    _number(nodes, style)
    refs = _Refs(nodes, style, profile.source)
    clauses = renumber_ids([_build(n, ctx, refs, style, 0) for n in nodes])
    meta = {
        "org_name": profile.name,
        "kind": profile.kind,
        "subkind": profile.subkind,
        "date": _date_line(profile, style),
        "issuer": profile.issuer,
        "department": profile.department,
        "number": profile.number,
        "style": style,
        "toc": profile.toc,
        "subject": profile.subject,
        "self_reference": ctx["selfref"],
        "guideline": model.guideline.get("version", ""),
    }
    notices = () if profile.date else (Notice(
        "generate.no-date", "the profile gives no document.date: the title block is undated", "info",
        profile.source),)
    return Document(title=profile.title, clauses=clauses, meta=meta, preamble=profile.preamble,
                    postscript=_postscript(profile, style), notices=notices)


def _date_line(profile: Profile, style: str) -> str:
    """Return the date under the title: a 訓令's 公布日 to the day, a numbered policy's 「令和8年3月　策定」."""
    if not profile.date:
        return ""
    reiki = style == "article" or bool(profile.instrument)
    if reiki and profile.date_day and not profile.date_precision:
        return profile.date_day
    if style == "numbered" and profile.date_action:
        return f"{profile.date}\u3000{profile.date_action}"
    return profile.date


def _postscript(profile: Profile, style: str) -> tuple[str, ...]:
    """Return the lines after the body; an article-style document ends with its 附則 (施行期日)."""
    lines = tuple(profile.postscript)
    if style != "article":
        return lines
    # 「以上」 closes a numbered policy; an instrument in articles ends with its 附則, never 「以上」 before it.
    lines = tuple(line for line in lines if numbering_free(line) != "以上")
    if any(numbering_free(line).startswith("附則") for line in lines):
        return lines
    noun = profile.instrument or "基本方針"
    when = profile.effective or profile.date_day
    start = f"{when}から" if when else "公布の日から"
    return lines + ("附\u3000則", f"この{noun}は、{start}施行する。")


def numbering_free(line: str) -> str:
    """Return a line without its spaces, to recognise 「附　則」 however it is spaced."""
    return "".join(line.split())


def model_document(model: ModelTemplate | None = None, style: Style = "numbered") -> Document:
    """Return the whole model (every clause present) rendered as the MIC example reads: a city, 本市."""
    from policygen.generate.profile import profile_from_data

    profile = profile_from_data(
        {
            "organization": {
                "name": "○○市",
                "kind": "city",
                "organs": ["内部部局", "行政委員会", "議会事務局", "消防本部", "地方公営企業"],
            },
            "document": {"title": "情報セキュリティ基本方針"},
        },
        "model",
    )
    return render(profile, style=style, model=model)


def present_model_ids(document: Document) -> set[str]:
    """Return the model IDs a rendered document carries, including items merged into their lead."""
    ids = set()
    for clause in document.walk():
        if clause.model_id:
            ids.add(clause.model_id)
        ids.update(clause.merged_ids)
    return ids


def model_signals(model: ModelTemplate | None = None) -> dict[str, tuple[Signal, ...]]:
    """Return the signals of each model clause that has any, by model ID."""
    return {c.id: c.signals for top in (model or load_model()).clauses for c in top.walk() if c.signals}


def applicable_model_ids(kind: str, model: ModelTemplate | None = None) -> set[str]:
    """Return the model IDs that apply to a body of this kind with the usual defaults."""
    from policygen.generate.profile import default_profile

    return present_model_ids(render(default_profile(kind), style="numbered", model=model))
