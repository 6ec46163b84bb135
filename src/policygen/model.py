"""Data types shared by every reader, writer and comparison: stdlib only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterator, Literal, Mapping, NamedTuple, get_args

# The closed vocabularies, each written here once as a type (with the tuple of its values where code lists them).

# How a policy is presented: numbered sections (1, (1), ①) or articles (第1条, 項, 号).
Style = Literal["numbered", "article"]
STYLES: tuple[Style, ...] = get_args(Style)
# What a model clause became in the document; "uncertain" is a match too weak to call.
ComparisonStatus = Literal["identical", "notation", "modified", "missing", "uncertain"]
# What happened to a clause between two versions, in the order a summary lists them.
RevisionStatus = Literal["unchanged", "renumbered", "notation", "modified", "moved", "added", "removed"]
REVISION_STATUSES: tuple[RevisionStatus, ...] = get_args(RevisionStatus)
# The statuses of a revision pair that are no change of substance.
UNCHANGED_STATUSES: tuple[RevisionStatus, ...] = ("unchanged", "renumbered")
# One step of a token diff.
EditOp = Literal["equal", "insert", "delete", "replace"]
NoticeLevel = Literal["info", "warning"]
# How a match was found: "content" (its wording), "signals" (the concept's key phrases in context),
# "block" (its items sit together under this clause), "children" (a section present by its items)
# or "pinned" (a reviewer's decision). Only "content" speaks for the wording.
MatchBasis = Literal["content", "signals", "block", "children", "pinned"]


@dataclass(frozen=True)
class Notice:
    """A warning or remark produced while reading or comparing; returned, never printed."""

    code: str  # stable, dotted: "docx.tracked-changes", "structure.orphan-items"
    message: str
    level: NoticeLevel = "warning"
    source: str = ""  # where in the input: "line 12", "page 3", "word/document.xml"


@dataclass(frozen=True)
class Clause:
    """One numbered unit of a policy (section, 条, 項, 号, item) with its sub-clauses.

    `label` is the literal marker as written or rendered ("1", "(1)", "①", "ア", "第1条", "2" for a 項,
    "" for an unlabelled paragraph). `heading` is the section title or the 条's caption without its
    parentheses ("目的"). `text` is the body; several paragraphs are joined with "\\n".
    `id` is this clause's path inside its own document ("6.3.1" by position); the model clause it
    corresponds to is stored in `attrs["model_id"]` by the renderer and decided by alignment elsewhere.
    """

    id: str
    label: str = ""
    heading: str = ""
    text: str = ""
    children: tuple["Clause", ...] = ()
    source: str = ""
    attrs: Mapping[str, object] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        """Return the body split into its paragraphs."""
        return [p for p in self.text.split("\n") if p]

    @property
    def model_id(self) -> str | None:
        """Return the model clause ID this clause was rendered from, if any."""
        value = self.attrs.get("model_id")
        return str(value) if value is not None else None

    @property
    def merged_ids(self) -> tuple[str, ...]:
        """Return the model IDs of the items the renderer merged into this clause (a one-item list's lead)."""
        merged = self.attrs.get("merged", ())
        return tuple(str(m) for m in merged) if isinstance(merged, (list, tuple)) else ()

    def walk(self) -> Iterator["Clause"]:
        """Yield this clause and all its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def with_children(self, children: tuple["Clause", ...]) -> "Clause":
        """Return a copy with other children."""
        return replace(self, children=tuple(children))


@dataclass(frozen=True)
class Document:
    """A whole policy: header data plus a tree of clauses."""

    title: str = ""
    clauses: tuple[Clause, ...] = ()
    # Free-form header data: org_name, kind, date (display string), issuer, department,
    # number ("訓令第5号"), style (a Style), toc (bool), self_reference, subject.
    meta: Mapping[str, object] = field(default_factory=dict)
    # Lines before the body that are not a clause (enactment sentence, chapter line, …).
    preamble: tuple[str, ...] = ()
    # Lines after the body (附則, 以上, …).
    postscript: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()

    def walk(self) -> Iterator[Clause]:
        """Yield every clause in document order."""
        for clause in self.clauses:
            yield from clause.walk()

    def find(self, clause_id: str) -> Clause | None:
        """Return the clause with this document path, or None."""
        return next((c for c in self.walk() if c.id == clause_id), None)

    def by_model_id(self) -> dict[str, Clause]:
        """Return the rendered clauses keyed by their model clause ID."""
        return {c.model_id: c for c in self.walk() if c.model_id is not None}


def renumber_ids(clauses: tuple[Clause, ...] | list[Clause], prefix: str = "") -> tuple[Clause, ...]:
    """Return the clauses with `id` recomputed as positional paths ("1", "1.2", …)."""
    out = []
    for index, clause in enumerate(clauses, start=1):
        path = f"{prefix}{index}"
        out.append(replace(clause, id=path, children=renumber_ids(clause.children, path + ".")))
    return tuple(out)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an input before nesting: what every reader produces for structure.py.

    `hint` carries what the format knows and structure.py reads: a Markdown or Word heading level
    ("heading:2"), a list item ("list"), a table row ("table"), an 例規集 header line ("title", "date",
    "number"), caption ("caption") or 附則 heading ("s-head"), or "" when the input says nothing. `label` is set when the format generated the number itself (Word's w:numPr):
    the text then has no number in it.
    """

    text: str
    source: str = ""
    hint: str = ""
    label: str = ""


# Japanese convention: one full-width space between a marker and its text.
SPACE = "\u3000"


@dataclass(frozen=True)
class Block:
    """One output paragraph: its role, indent depth in characters, label and the text after the label.

    For a HEADING/ITEM `depth` is where the first line (the label) starts; continuation lines of an
    ITEM hang one character deeper. For a BODY paragraph `depth` is the left indent and the first
    line is indented one character more.
    """

    role: str  # one of layout.py's roles: title, heading1, body, item, …
    body: str
    label: str = ""
    depth: int = 0
    clause_id: str = ""

    @property
    def text(self) -> str:
        """Return the paragraph as printed: label, a full-width space, then the body."""
        if self.label and self.body:
            return f"{self.label}{SPACE}{self.body}"
        return self.label or self.body


class Token(NamedTuple):
    """A token of compared text: `surface` is shown, `key` (normalized UniDic lemma) is compared.

    A named tuple, not a dataclass: a policy makes thousands, and a tuple is made in a third of the time.
    """

    surface: str
    key: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Edit:
    """One step of a token diff: what the old text became in the new one."""

    op: EditOp
    old: str = ""
    new: str = ""
    notation_only: bool = False

    @property
    def substantive(self) -> bool:
        """Return True when the step changes the text in more than notation (講じる/講ずる is not)."""
        return self.op != "equal" and not self.notation_only


@dataclass(frozen=True)
class Signal:
    """Phrases that, all found in one clause's normalized text, show that it carries a model concept.

    With `heading` set, the clause must instead be headed by the one phrase (a definition of that term,
    or a section of that title), or define it in its text (「情報資産」とは). The model template declares
    them per clause (generate reads them, compare looks for them), so they live here, below both.
    """

    words: tuple[str, ...]
    heading: bool = False

    def found_in(self, heading: str, body: str, joined: str | None = None) -> bool:
        """Return True when the signal occurs in a clause's normalized heading and body (`joined`: the two as one)."""
        if self.heading:
            term = self.words[0]
            return heading == term or f"{term}とは" in body or f"{term}」とは" in body
        text = heading + body if joined is None else joined
        return all(map(text.__contains__, self.words))


@dataclass(frozen=True)
class Match:
    """A document clause that an aligned model (or old) clause corresponds to, with its score."""

    path: str  # the document clause's id
    label: str
    similarity: float
    # How it was found: "content" (its wording), "signals" (the concept's key phrases in context),
    # "block" (its items sit together under this clause), "children" (a section present by its items)
    # or "pinned" (a reviewer's decision). Only "content" speaks for the wording.
    basis: MatchBasis = "content"


@dataclass(frozen=True)
class ClauseResult:
    """The comparison of one model clause with the document: status, matches and edits."""

    model_id: str
    heading: str
    status: ComparisonStatus
    applicable: bool
    matches: tuple[Match, ...] = ()
    edits: tuple[Edit, ...] = ()
    model_text: str = ""
    org_text: str = ""
    decision: str = ""  # a reviewer's reason when a decisions file settled this clause (pinned, absent, n/a)


@dataclass(frozen=True)
class Extra:
    """A document clause that matches no model clause: the body's own addition."""

    path: str
    label: str
    heading: str
    text: str


@dataclass(frozen=True)
class Comparison:
    """A document compared with the model, one result per model clause."""

    model: Document
    document: Document
    document_path: str
    kind: str
    clauses: tuple[ClauseResult, ...]
    extra: tuple[Extra, ...] = ()
    notices: tuple[Notice, ...] = ()

    def counts(self) -> dict[str, int]:
        """Return how many applicable clauses have each status, plus the number of extras."""
        counts = {"identical": 0, "notation": 0, "modified": 0, "uncertain": 0, "missing": 0}
        for result in self.clauses:
            if result.applicable:
                counts[result.status] += 1
        counts["extra"] = len(self.extra)
        return counts

    def gaps(self) -> list[ClauseResult]:
        """Return the applicable missing clauses that are gaps of their own, in model order.

        An absent section counts once: its items missing with it are part of that one gap (6(8) and its
        three paragraphs are one gap, not four).
        """
        missing = {r.model_id for r in self.clauses if r.applicable and r.status == "missing"}

        def inside_gap(model_id: str) -> bool:
            parent = model_id.rpartition(".")[0]
            return bool(parent) and (parent in missing or inside_gap(parent))

        return [r for r in self.clauses if r.model_id in missing and not inside_gap(r.model_id)]

    def coverage(self) -> float:
        """Return the share of applicable model clauses that the document has in some form."""
        applicable = [r for r in self.clauses if r.applicable]
        if not applicable:
            return 1.0
        return sum(r.status not in ("missing", "uncertain") for r in applicable) / len(applicable)


@dataclass(frozen=True)
class RevisionPair:
    """One clause of an old and a new version of a policy, aligned, with what happened to it.

    `old`/`new` are the clauses (None for added/removed); edits run old → new over the clause's
    own heading and text (children are pairs of their own).
    """

    status: RevisionStatus
    old: Clause | None
    new: Clause | None
    edits: tuple[Edit, ...] = ()
    similarity: float = 1.0
    # A merge or a split: for a removed clause whose text went into another clause, that new clause;
    # for an added clause split off another, the old clause it came from. None otherwise.
    related: Clause | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of a printed paragraph's body and how the revision changed it.

    `text == ""` is a blank: the place of words that only the other version has. A changed span may be
    a change of notation only (講じる/講ずる) or of spacing only, which the writers' options can ignore.
    """

    text: str
    changed: bool = False
    notation_only: bool = False
    spacing_only: bool = False


@dataclass(frozen=True)
class MarkedBlock:
    """A printed paragraph with its body cut into spans of unchanged and changed text."""

    block: Block
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class MarkedPair:
    """The printed paragraphs of one clause (or of the lines before or after the clauses) in both versions."""

    old: tuple[MarkedBlock, ...]
    new: tuple[MarkedBlock, ...]


@dataclass(frozen=True)
class ParagraphStep:
    """One paragraph of the new version's text with tracked changes: an old paragraph, a new one or both.

    `old`/`new` index the versions' printed paragraphs; `edits` turn the old paragraph's text into the
    new one's when both are given.
    """

    old: int | None
    new: int | None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Paragraphs:
    """A revision's printed paragraphs, paired and marked once (revise/paragraphs.py) for every writer.

    `old`/`new`: each version laid out (layout.py); `steps`: the paragraphs in the order of a text with
    tracked changes; `clauses`: per pair of `Revision.pairs`, its paragraphs on both sides with their
    changes marked; `preamble`/`postscript`: the same for the lines around the clauses (None when
    neither version has any).
    """

    old: tuple[Block, ...]
    new: tuple[Block, ...]
    steps: tuple[ParagraphStep, ...]
    clauses: tuple[MarkedPair, ...]
    preamble: MarkedPair | None = None
    postscript: MarkedPair | None = None


@dataclass(frozen=True)
class Revision:
    """Two versions of one policy aligned clause by clause.

    `pairs` are in the new version's order; a removed clause stands where it stood in the old one.
    """

    old: Document
    new: Document
    pairs: tuple[RevisionPair, ...]
    old_path: str = ""
    new_path: str = ""
    notices: tuple[Notice, ...] = ()
    # The printed paragraphs paired and marked (revise.paragraphs); None until computed.
    paragraphs: Paragraphs | None = None

    def changed(self) -> bool:
        """Return True when any pair is more than unchanged or renumbered."""
        return any(p.status not in UNCHANGED_STATUSES for p in self.pairs)
