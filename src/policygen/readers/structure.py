"""The one place that nests a flat list of paragraphs into a clause tree.

Rules, in the order they apply (each reader only turns its format into `Paragraph`s):

- Lines before the first clause are the header: the title (a 「○…」 line, a title hint, or the longest
  line naming a 方針/規則/規程…), the date, the number (「規則第7号」), the department; other lines go to
  `preamble`. Header lines that are only a piece of the title (a title broken over two lines) are dropped.
- A table of contents before the body (「1 目的<TAB>1」 lines, or entries after a 「目次」 line that
  appear again later) is skipped with a notice; bare page-number lines (「- 3 -」) are dropped.
- Chapter lines (第1章, 第2節) are not clauses: before the body they go to `preamble`, inside the body to
  `attrs["chapter"]` of the next top-level clause.
- Nesting follows the kind of label and what is open: a label of a kind already open becomes that
  clause's sibling; a new kind nests under the nearest open clause of a shallower rank (numbered style
  1 → (1) → ア/① → (ア) → a → (a); article style 第n条 → 項 → (1) → ア/① → (ア) → a → (a)).
- A caption 「(目的)」 right before an article line becomes that article's heading.
- Numbered style: 「(1) ネットワーク」 followed by an unlabelled paragraph (or by its own sub-items) is a
  heading and the paragraph its text; otherwise the line is the text (threat items). Article style:
  「(1) 用語␣定義」 splits into heading = 用語, text = 定義.
- An unlabelled paragraph joins the text of the innermost open clause ("\\n" between paragraphs), unless
  that clause already has children (or a Markdown list has just ended): then it becomes an unlabelled
  child (label ""). So seed 001's 6(8) keeps its three paragraphs as text of (8).
- 号 「(1)」 right after an article (or 項) whose text does not announce a list (次の各号, 次に掲げる…)
  means an article line was lost: the items attach to that article and a `structure.missing-article`
  notice names the line.
- 「以上」 and 附則 after the body start the postscript.
- Real policies that are not numbered: web-page chrome is dropped first (chrome.py); the body also
  starts at a sentence, a bullet or an unnumbered heading. An unnumbered heading (「目的」, a Word
  heading, a caption whose article is missing) is a clause (label "") that numbered items nest under;
  a top-level paragraph is a unit of its own, and takes the items that follow when it leads a list.
  PDF breaks are undone first (a label alone on its line, a line starting with 「ィ」「、」).
  With no numbered clause at all the paragraphs become unlabelled units and a notice says so.

Labels are stored in canonical form (「（１）」 → "(1)", 「第十二条」 → "第12条"); the form as written is kept
in `attrs["label_text"]` when it differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policygen import numbering as N
from policygen.ja.wareki import ERA_NAMES
from policygen.model import STYLES, Clause, Document, Notice, Paragraph, renumber_ids

NUMBERED, ARTICLE_STYLE = STYLES  # the two presentation styles, by their model.py names

# Unlabelled units: a heading line without a number (「目的」「基本的考え方」, or a caption without its
# article), and a paragraph standing at the top (a declaration's commitment, a page's preface).
HEADING = "heading"
PARAGRAPH = "paragraph"

_RANKS = {
    NUMBERED: {
        HEADING: -3,
        PARAGRAPH: -2,
        N.DAI: -1,
        N.SECTION: 0,
        N.DOTTED: 0.5,
        N.PAREN: 1,
        N.KANA: 2,
        N.CIRCLED: 2,
        N.PAREN_KANA: 3,
        N.ALPHA: 4,
        N.PAREN_ALPHA: 5,
    },
    ARTICLE_STYLE: {
        HEADING: -3,
        PARAGRAPH: -2,
        N.DAI: -1,
        N.ARTICLE: 0,
        N.SECTION: 1,
        N.DOTTED: 1.5,
        N.PAREN: 2,
        N.KANA: 3,
        N.CIRCLED: 3,
        N.PAREN_KANA: 4,
        N.ALPHA: 5,
        N.PAREN_ALPHA: 6,
    },
}

_SPACES = " \u3000\t"
# Page numbers have one to four digits; a longer run of digits on a line of its own is something else.
_PAGE_DIGITS = 4
# A 条 caption names its subject in a few words (the longest in the corpus and the development set,
# 「(情報セキュリティ関連規則等の遵守等)」, has 17); parenthesized text longer than this is a remark.
_CAPTION_MAX = 40
# The issuer's name that may stand before an instrument number (「五所川原市教育委員会規則第4号」: 10), short
# enough that a sentence citing a 規則第n号 is not taken for the number line.
_ISSUER_MAX = 20
_NUM = r"[0-9０-９〇一二三四五六七八九十百千]+"
_LIST_MARK = re.compile(r"^[-*+][ \u3000\t]+(?=\S)")
_TOC_TITLE = re.compile(r"^目[ \u3000]*次$")
_TOC_PAGE = re.compile(
    rf"^(?P<body>.*?\S)(?:\t+|[ \u3000]+|[ \u3000]*[.．…‥・･_]{{2,}}[ \u3000]*)[0-9０-９]{{1,{_PAGE_DIGITS}}}$"
)
_PAGE_NUMBER = re.compile(
    rf"^(?:[-－―—–‐ \u3000]*[0-9０-９]{{1,{_PAGE_DIGITS}}}[-－―—–‐ \u3000]*"
    rf"|[0-9０-９]{{1,{_PAGE_DIGITS}}}[ \u3000]*[/／][ \u3000]*[0-9０-９]{{1,{_PAGE_DIGITS}}})$"
)
_CHAPTER = re.compile(rf"^第{_NUM}[章節款](?:の{_NUM})*(?:[ \u3000\t]|$)")
# A caption may hold one parenthetical of its own: 「(業務委託と外部サービス(クラウドサービス)の利用)」.
_CAPTION = re.compile(rf"^[(（](?=[^\n]{{1,{_CAPTION_MAX}}}[)）]$)(?:[^()（）]|[(（][^()（）]*[)）])+[)）]$")
_POSTSCRIPT = re.compile(r"^附[ \u3000]*則(?:$|[ \u3000(（])")
_END = re.compile(r"^以[ \u3000]*上$")
_DATE = re.compile(
    rf"(?:{ERA_NAMES})[ \u3000]*(?:[0-9０-９]+|元|[〇一二三四五六七八九十]+)[ \u3000]*年"
    r"(?:[ \u3000]*[0-9０-９〇一二三四五六七八九十]+[ \u3000]*月(?:[ \u3000]*[0-9０-９〇一二三四五六七八九十]+[ \u3000]*日)?)?"
    r"|[0-9０-９]{4}[ \u3000]*年[ \u3000]*[0-9０-９]{1,2}[ \u3000]*月(?:[ \u3000]*[0-9０-９]{1,2}[ \u3000]*日)?"
    r"|[0-9]{4}[./-][0-9]{1,2}[./-][0-9]{1,2}"
)
_NUMBER = re.compile(rf"^\S{{0,{_ISSUER_MAX}}}?(?:訓令|告示|規則|規程|要綱|条例|要領|達|公示|指令)[甲乙]?第[ \u3000]*{_NUM}[ \u3000]*号$")
_DEPARTMENT = re.compile(r"(?:課|部|室|局|係|センター|事務局|担当|班)$")
_TITLE_WORDS = re.compile(r"方針|規則|規程|要綱|条例|ポリシー|要領|基準|訓令|計画")
_INTRODUCES = re.compile(r"次の|次に|以下の|下記の|各号|[:：]$")
_PARENS = re.compile(r"[(（][^()（）]*[)）]")
# A paragraph without a number that leads a list of items (the definitions' lead of a headless policy).
_LEADS_LIST = re.compile(r"次の各号|次に掲げる|各号に|次のとおり|以下のとおり|以下に掲げる|[:：]$")
# Bullet marks of declarations and web pages (「○」 only where it is not the 例規集 mark of a title).
_BULLET = re.compile(r"^[・•●○◯◦◆◇■□▪▫◎➢➤►▶︎▸][ \u3000\t]*(?=\S)")
# A line may not start with these (禁則): a line that does was broken inside a word or sentence.
_NO_LINE_START = re.compile(r"^[ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー、。，．）」』】〕,.)]")
_ENACTMENT = re.compile(r"(?:改正|制定|廃止|施行)する。$|次のように定める。$|を公表する。$")
_ENACTED_AS = re.compile(r"(?:訓令|告示|規則|規程|要綱|条例|要領)[甲乙]?第[0-9０-９〇一二三四五六七八九十百千]+号")
_REVISIONS = re.compile(r"^(?:改正|改正履歴|沿革|改訂履歴|改定履歴)[ \u3000]*[:：]?$")
_TABLE_HEADER = re.compile(r"^(?:項目[ \u3000\t]*内容|用語[ \u3000\t]*(?:定義|意義|内容)|区分[ \u3000\t]*内容)$")
_OMISSION = re.compile(r"^[(（](?:略|中略|以下略|削除|削る|新設|注|備考|参考)[)）]$")
_POLICY_WORDS = re.compile(r"セキュリティ|情報資産|個人情報")


@dataclass
class _Line:
    """A paragraph prepared for nesting: its label parsed off, its list mark removed."""

    text: str  # the whole line as printed (label included)
    rest: str  # the text after the label
    label: N.Label | None
    source: str
    hint: str
    listed: bool
    bullet: str = ""  # the bullet mark removed from the line (「・」「○」…)

    @property
    def kind(self) -> str:
        return self.label.kind if self.label is not None else ""


@dataclass
class _Node:
    """A clause under construction."""

    label: str
    kind: str
    number: int = 0
    branch: tuple[int, ...] = ()
    heading: str = ""
    texts: list[str] = field(default_factory=list)
    children: list["_Node"] = field(default_factory=list)
    source: str = ""
    attrs: dict[str, object] = field(default_factory=dict)
    listed: bool = False

    def freeze(self) -> Clause:
        return Clause(
            id="",
            label=self.label,
            heading=self.heading,
            text="\n".join(t for t in self.texts if t),
            children=tuple(child.freeze() for child in self.children),
            source=self.source,
            attrs=dict(self.attrs),
        )


def _parse_given_label(label: str) -> N.Label | None:
    """Parse a label that the format generated (Word numbering): "1." and "(1)" alike."""
    text = label.strip().rstrip(".．、,")
    parsed = N.parse_label(text + " ")
    return parsed[0] if parsed is not None and not parsed[1] else None


def _rejoin(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Undo line breaks that PDF text and hard-wrapped pages put inside one paragraph.

    A paragraph that starts with what may not start a line (「ィ」「ー」「、」「)」…) continues the one
    before; a paragraph that is only a label (「1」「(1)」 on its own line) takes the short line after it
    as its heading or text.
    """
    out: list[Paragraph] = []
    pending_label: Paragraph | None = None
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text and not paragraph.label.strip():
            continue
        if pending_label is not None:
            merged = pending_label
            pending_label = None
            if not paragraph.label.strip() and N.parse_label(text) is None and not _BULLET.match(text):
                out.append(Paragraph(f"{merged.text.strip()}\u3000{text}", merged.source, merged.hint, merged.label))
                continue
            out.append(merged)
        previous = out[-1] if out else None
        if (
            previous is not None
            and not paragraph.label.strip()
            and not paragraph.hint.startswith("heading")
            and _NO_LINE_START.match(text)
            and not previous.text.rstrip().endswith(("。", "．"))
        ):
            out[-1] = Paragraph(previous.text.rstrip() + text, previous.source, previous.hint, previous.label)
            continue
        if not paragraph.label.strip() and _bare_label(text, out):
            pending_label = Paragraph(text, paragraph.source, paragraph.hint, paragraph.label)
            continue
        out.append(Paragraph(text, paragraph.source, paragraph.hint, paragraph.label))
    if pending_label is not None:
        out.append(pending_label)
    return out


def _bare_label(text: str, before: list[Paragraph]) -> bool:
    """Tell whether a line is only a label waiting for its heading on the next line (not a page number)."""
    parsed = N.parse_label(text)
    if parsed is None or parsed[1]:
        return False
    label = parsed[0]
    if label.kind != N.SECTION:
        return True
    # A bare 「3」 is a page number unless it continues the numbering of the sections before it.
    numbers = [p[0].number for p in (N.parse_label(b.text) for b in before) if p is not None and p[0].kind == N.SECTION]
    return label.number == (numbers[-1] + 1 if numbers else 1)


def _prepare(paragraphs: list[Paragraph]) -> list[_Line]:
    lines = []
    for paragraph in _rejoin(paragraphs):
        text = paragraph.text.strip()
        given = _parse_given_label(paragraph.label) if paragraph.label.strip() else None
        if given is None and paragraph.label.strip():
            text = f"{paragraph.label.strip()}\u3000{text}".strip()  # not a label we know: keep it as text
        if not text and given is None:
            continue
        listed = paragraph.hint == "list"
        if given is not None:
            printed = f"{paragraph.label.strip()}\u3000{text}" if text else paragraph.label.strip()
            lines.append(_Line(printed, text, given, paragraph.source, paragraph.hint, listed))
            continue
        mark = _LIST_MARK.match(text)
        if mark and N.parse_label(text[mark.end():]) is not None:
            text, listed = text[mark.end():], True
        bullet = _BULLET.match(text)
        if bullet and not _titled_mark(text):
            rest = text[bullet.end():].strip()
            parsed = N.parse_label(rest)
            if parsed is not None:  # 「・(1) …」: the bullet only decorates a label
                lines.append(_Line(rest, parsed[1].strip(), parsed[0], paragraph.source, paragraph.hint, listed))
            else:
                lines.append(_Line(rest, rest, None, paragraph.source, paragraph.hint, listed, bullet.group(0).strip()))
            continue
        parsed = N.parse_label(text)
        label, rest = (parsed if parsed is not None else (None, text))
        lines.append(_Line(text, rest.strip(), label, paragraph.source, paragraph.hint, listed))
    return lines


def _template_name(text: str) -> bool:
    """Tell whether a line starts with a template name's 「○○」 (two marks, not a 例規集 mark before one)."""
    marks = len(text) - len(text.lstrip("○◯"))
    return marks == 2


def _titled_mark(text: str) -> bool:
    """Tell whether a 「○」 line is a 例規集 title or a template name (「○○市」) rather than a bullet."""
    if text[:2] in ("○○", "◯◯", "○◯", "◯○"):
        return True  # a template name 「○○市」, not a bullet
    return text[:1] in "○◯" and bool(_TITLE_WORDS.search(text)) and _heading_like(text[1:].strip())


def is_caption_line(text: str) -> bool:
    """Tell whether a whole line is shaped like an article caption 「(目的)」."""
    return bool(_CAPTION.match(text.strip()))


def _item_like(text: str) -> bool:
    """Tell whether an unnumbered line reads as a list item (a short phrase), not a sentence."""
    return len(text) <= 60 and not re.search(r"[。．]", text) and not text.endswith(("：", ":"))


def _is_sentence(line: _Line) -> bool:
    """Tell whether an unlabelled line is running text (a sentence), not a heading, date or number."""
    return line.label is None and not _heading_like(line.text)


def _strip_parens(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _PARENS.sub("", text)
    return text


# A heading is a phrase: the model's longest (「業務委託と外部サービス（クラウドサービス）の利用」) has 24
# characters; 60 leaves room for a body's own longer titles, while an item's sentence without 。 runs longer.
_HEADING_MAX = 60
# A heading may list a few nouns with 、 (「機密性、完全性及び可用性」: 12); longer text with 、 is a clause of a sentence.
_LISTING_HEADING_MAX = 20


def _heading_like(text: str) -> bool:
    """Tell whether text reads as a title (short, no sentence end) rather than a sentence."""
    core = _strip_parens(text)
    if not text or len(text) > _HEADING_MAX or re.search(r"[。．]", core) or text.endswith(("。", "．")):
        return False
    return "、" not in core or len(core) <= _LISTING_HEADING_MAX


# A defined term is a noun phrase (the longest in the corpus and the development set, 「情報セキュリティ関連規則等」,
# has 13 outside its parentheses); text before the first space that runs longer is the start of a sentence.
_TERM_MAX = 30


def _split_term(rest: str, *, need_definition: bool) -> tuple[str, str] | None:
    """Split 「用語␣定義」 into (用語, 定義) when the part before the first space reads as a term."""
    depth = 0
    for index, ch in enumerate(rest):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        elif ch in " \u3000\t" and depth == 0:
            term, body = rest[:index], rest[index:].strip(_SPACES)
            break
    else:
        return None
    core = _strip_parens(term)
    if not body or not 1 <= len(core) <= _TERM_MAX or re.search(r"[、。，．,]", core) or core.isascii():
        return None
    if need_definition and "いう" not in body:
        return None
    return term, body


def _is_caption(line: _Line, following: _Line | None) -> bool:
    if line.hint == "caption":
        return True
    return (
        line.label is None
        and bool(_CAPTION.match(line.text))
        and following is not None
        and following.kind == N.ARTICLE
    )


def _is_chapter(line: _Line) -> bool:
    return line.kind == N.CHAPTER or bool(_CHAPTER.match(line.text))


def _is_postscript_start(line: _Line) -> bool:
    return line.hint == "s-head" or bool(_POSTSCRIPT.match(line.text)) or bool(_END.match(line.text))


def _is_page_number(line: _Line) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) and not line.hint.startswith("heading")


_ARTICLE_RANGE = re.compile(r"[(（]第[^()（）]*条[^()（）]*[)）]$")


def _toc_key(line: _Line, *, ranges: bool = True) -> tuple[str, str]:
    label = line.label.canonical() if line.label is not None else ""
    rest = re.sub(r"[ \u3000\t]", "", line.rest)
    return label, rest if ranges else _ARTICLE_RANGE.sub("", rest)


def _toc_entry(line: _Line) -> bool:
    """Tell whether a line can be an entry of a 目次: a chapter or section line, 附則, or ending in (第1条―第4条)."""
    return _is_chapter(line) or bool(_POSTSCRIPT.match(line.text)) or bool(_ARTICLE_RANGE.search(line.text))


def _title_like(line: _Line) -> bool:
    """Tell whether a header line can be the title (a hint, the 例規集 mark, or a short line naming a 方針…)."""
    if line.hint in ("title", "heading:1") or line.text[:1] in "○◯":
        return True
    return bool(_TITLE_WORDS.search(line.text)) and len(line.text) <= _TITLE_MAX and "。" not in line.text and not _header_field(line)


def _header_field(line: _Line) -> bool:
    """Tell whether a line is a date, an instrument number or a revision list of the header."""
    squeezed = re.sub(r"[ \u3000\t]", "", line.text)
    date = _DATE.search(line.text)
    return bool(
        (date and len(line.text) <= 40)
        or _NUMBER.match(squeezed)
        or _REVISIONS.match(line.text)
        or (_CAPTION.match(line.text) and (date or re.search(r"第[0-9０-９〇一二三四五六七八九十]+号", line.text)))
    )


# The rank of a kind the style does not place (a chapter line read as a label): deeper than every ranked kind.
_UNRANKED = 99
# Header lines: a title names the body and the instrument (the longest in the corpus has 30 characters), a date
# line is the date with at most a few words around it (「更新日:2014年6月25日」), a department line is one
# organization's name (「五所川原市総務部デジタル行政推進課」: 17); longer lines are preamble sentences.
_TITLE_MAX = 80
_DATE_LINE_MAX = 30
_DEPARTMENT_MAX = 40
# The body's name before 「情報セキュリティ」 in the title (「東京電子自治体共同運営協議会」: 14).
_ORG_NAME_MAX = 30


class _Builder:
    """Walk the prepared lines once, keeping a stack of open clauses."""

    def __init__(self, lines: list[_Line], source_name: str) -> None:
        self.lines = lines
        self.source_name = source_name
        self.notices: list[Notice] = []
        self.header: list[_Line] = []
        self.preamble: list[str] = []
        self.postscript: list[str] = []
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []
        self.toc_lines: list[_Line] = []
        self.page_lines: list[_Line] = []
        self.pending_caption = ""
        self.pending_chapter = ""
        self.orphans: list[tuple[_Node, int, str, str]] = []
        self.chrome_lines: list[_Line] = []
        self.style = NUMBERED
        self.ranks = _RANKS[NUMBERED]

    # -- passes ---------------------------------------------------------------------------------

    def run(self) -> Document:
        lines = self._drop_chrome(self.lines)
        lines = [line for line in lines if not self._drop_page_number(line)]
        body_start = self._header(lines)
        body = lines[body_start:]
        if any(line.kind == N.ARTICLE for line in body):
            self.style = ARTICLE_STYLE
        self.ranks = _RANKS[self.style]
        self._body(body)
        return self._document()

    def _drop_chrome(self, lines: list[_Line]) -> list[_Line]:
        """Drop the web page around the policy: skip links, breadcrumbs, page dates, share buttons, footer."""
        from policygen.readers import chrome

        start = next((i for i, line in enumerate(lines) if chrome.BODY_STARTS.match(line.text)), None)
        if start is not None and start < len(lines) // 2 + 1:
            self.chrome_lines += lines[: start + 1]
            lines = lines[start + 1 :]
        # A footer line counts only once the policy has begun (a contact line may also head a page).
        first_label = next((i for i, line in enumerate(lines) if line.label is not None), len(lines))
        body_begun = min(first_label, len(lines) // 3)
        for index, line in enumerate(lines):
            if chrome.BODY_ENDS.match(line.text) or (index > body_begun and chrome.FOOTER.match(line.text)):
                self.chrome_lines += lines[index:]
                lines = lines[:index]
                break
        kept = []
        for line in lines:
            if chrome.is_chrome(line.text) and line.hint not in ("title",) and not line.hint.startswith("heading"):
                self.chrome_lines.append(line)
            elif _TABLE_HEADER.match(line.text):
                self.chrome_lines.append(line)  # the header row of a flattened table: 「項目 内容」
            else:
                kept.append(line)
        return kept

    def _drop_page_number(self, line: _Line) -> bool:
        if _is_page_number(line):
            self.page_lines.append(line)
            return True
        return False

    def _header(self, lines: list[_Line]) -> int:
        """Consume header and table-of-contents lines; return the index where the body starts.

        The body starts at the first labelled line or caption, or at the first line that is the policy's
        own text although unnumbered: a sentence, a bullet, a heading followed by its text.
        """
        later_keys: dict[tuple[str, str], int] = {}
        for index, line in enumerate(lines):
            later_keys[_toc_key(line)] = index  # last occurrence
        in_toc = False
        toc_keys: set[tuple[str, str]] = set()
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if _TOC_TITLE.match(line.text):
                in_toc = True
                self.toc_lines.append(line)
                continue
            entry_like = line.label is not None or _is_chapter(line) or in_toc
            page_entry = _TOC_PAGE.match(line.text)
            if entry_like and page_entry and not line.hint.startswith("heading"):
                self.toc_lines.append(line)
                entry = N.parse_label(page_entry.group("body"))
                toc_keys.add(_toc_key(_Line("", entry[1] if entry else page_entry.group("body"), entry[0] if entry else None, "", "", False), ranges=False))
                continue
            if in_toc and (line.label is not None or _is_chapter(line)) and _heading_like(line.rest):
                if later_keys.get(_toc_key(line), index) > index:
                    self.toc_lines.append(line)
                    toc_keys.add(_toc_key(line, ranges=False))
                    continue
            if in_toc and _toc_entry(line) and _toc_key(line, ranges=False) not in toc_keys:
                # 「第2章 対策基準」「第1節 …(第11条―第15条)」「附則」: entries of a 目次 that the body repeats.
                self.toc_lines.append(line)
                toc_keys.add(_toc_key(line, ranges=False))
                continue
            in_toc = False
            if _is_chapter(line):
                self.preamble.append(line.text)
                continue
            if _is_caption(line, following) or line.label is not None:
                return index
            if line.bullet or self._caption_only(line):
                return index
            if _title_like(line):
                # Title lines (a title broken over lines, or repeated) never start the body.
                self.header.append(line)
                continue
            if _is_sentence(line) and not _ENACTMENT.search(line.text) and not _header_field(line):
                return index
            if self._unlabelled_heading(line, following):
                return index
            self.header.append(line)
        return len(lines)

    def _body(self, lines: list[_Line]) -> None:
        in_postscript = False
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if in_postscript:
                self.postscript.append(line.text)
            elif _is_postscript_start(line):
                in_postscript = True
                self.postscript.append(line.text)
            elif _is_chapter(line):
                self.pending_chapter = line.text
            elif _is_caption(line, following):
                self.pending_caption = line.text[1:-1] if _CAPTION.match(line.text) else line.text
            elif self._caption_only(line):
                self._heading(line, line.text[1:-1].strip())
            elif line.bullet:
                self._bullet(line)
            elif line.label is None and self._unlabelled_heading(line, following) and self._heading_allowed(line):
                self._heading(line, line.text)
            elif line.label is None:
                self._unlabelled(line)
            else:
                self._labelled(line, following)
        if self.pending_caption:  # a caption at the very end, its article cut off
            self._heading(lines[-1], self.pending_caption)
            self.pending_caption = ""
        if self.pending_chapter:
            self.postscript.append(self.pending_chapter)

    # -- nesting ------------------------------------------------------------------------------------

    def _rank(self, kind: str) -> float:
        return self.ranks.get(kind, _UNRANKED)

    def _labelled(self, line: _Line, following: _Line | None) -> None:
        label = line.label
        assert label is not None
        kind = label.kind
        if self.stack and self.stack[0].kind == PARAGRAPH and kind in (N.DAI, N.ARTICLE, N.SECTION):
            self.stack.clear()  # a numbered section is never an item of a paragraph's list
        if self.stack and self.stack[0].kind == HEADING and kind in (N.DAI, N.ARTICLE):
            self.stack.clear()  # nor is an article or a 第建て section part of an unnumbered heading
        same = next((i for i in range(len(self.stack) - 1, -1, -1) if self.stack[i].kind == kind), None)
        if same is not None:
            del self.stack[same:]
        else:
            while self.stack and self._rank(self.stack[-1].kind) >= self._rank(kind):
                self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        orphan = self._check_orphan(line, parent)
        if orphan is not None:
            parent = orphan
        siblings = parent.children if parent is not None else self.roots
        self._check_gap(line, siblings)
        node = _Node(
            label=label.canonical(),
            kind=kind,
            number=label.number,
            branch=label.branch,
            source=line.source,
            listed=line.listed,
        )
        if label.text and label.text != node.label:
            node.attrs["label_text"] = label.text
        if orphan is not None or (parent is not None and parent.attrs.get("orphan_parent") == kind):
            node.attrs["orphan"] = True
        self._fill(node, line, following)
        if parent is None and self.pending_chapter:
            node.attrs["chapter"] = self.pending_chapter
            self.pending_chapter = ""
        siblings.append(node)
        self.stack.append(node)

    def _check_orphan(self, line: _Line, parent: _Node | None) -> _Node | None:
        """Return the article that 号 items attach to when their own article line is missing."""
        if self.style != ARTICLE_STYLE or line.kind != N.PAREN or parent is None:
            return None
        if parent.kind not in (N.ARTICLE, N.SECTION) or any(c.kind == N.PAREN for c in parent.children):
            return None
        lead = parent.texts[-1] if parent.texts else ""
        if not lead or _INTRODUCES.search(lead):
            return None
        article = next((node for node in reversed(self.stack) if node.kind == N.ARTICLE), parent)
        del self.stack[self.stack.index(article) + 1:]
        article.attrs["orphan_parent"] = N.PAREN
        where = article.label if parent is article else article.label + N.paragraph_number(parent.number)
        self.orphans.append((article, len(self.notices), where, line.source))
        self.notices.append(Notice("structure.missing-article", "", "warning", line.source))
        return article

    def _explain_orphans(self) -> None:
        """Word the missing-article notices once the following article (and so the gap) is known."""
        for article, index, where, source in self.orphans:
            items = [c.label for c in article.children if c.attrs.get("orphan")]
            span = f"{items[0]}–{items[-1]}" if len(items) > 1 else (items[0] if items else "")
            siblings = self.roots
            following = next(
                (s for s in siblings[siblings.index(article) + 1:] if s.kind == N.ARTICLE), None
            ) if article in siblings else None
            missing = "an article line"
            if following is not None and not following.branch and following.number == article.number + 2:
                missing = f"the line of 第{article.number + 1}条"
            self.notices[index] = Notice(
                "structure.missing-article",
                f"items {span} after {where} are not introduced by its text: {missing} seems to be missing; "
                f"attached to {article.label}",
                "warning",
                source,
            )

    def _check_gap(self, line: _Line, siblings: list[_Node]) -> None:
        label = line.label
        assert label is not None
        previous = next((s for s in reversed(siblings) if s.kind == label.kind), None)
        if previous is None or label.branch:
            return
        if label.number != previous.number + 1:
            self.notices.append(
                Notice(
                    "structure.numbering-gap",
                    f"{label.canonical()} follows {previous.label}",
                    "info",
                    line.source,
                )
            )

    def _fill(self, node: _Node, line: _Line, following: _Line | None) -> None:
        """Decide which part of a labelled line is the heading and which the text."""
        rest = line.rest
        if node.kind == N.ARTICLE:
            node.heading, self.pending_caption = self.pending_caption, ""
            node.texts.append(rest)
            return
        self.pending_caption = ""
        top_section = node.kind == N.SECTION and not any(n.kind == N.ARTICLE for n in self.stack)
        if self.style == ARTICLE_STYLE and not top_section:
            split = None if node.kind == N.SECTION else _split_term(rest, need_definition=False)
            if split is not None:
                node.heading, rest = split
            node.texts.append(rest)
            return
        if line.hint.startswith("heading") and _heading_like(rest):
            node.heading = rest
            return
        if _heading_like(rest) and self._opens_body(node, following):
            node.heading = rest
            return
        split = _split_term(rest, need_definition=True)
        if split is not None:
            node.heading, rest = split
        node.texts.append(rest)

    def _opens_body(self, node: _Node, following: _Line | None) -> bool:
        """Tell whether the next line is this clause's body or one of its own sub-items."""
        if following is None or _is_postscript_start(following) or _is_chapter(following):
            return False
        if following.label is None:
            ended_list = node.listed and not following.listed
            return not following.hint.startswith("heading") and not ended_list
        open_kinds = {n.kind for n in self.stack}
        return following.kind not in open_kinds and self._rank(following.kind) > self._rank(node.kind)

    def _unlabelled(self, line: _Line) -> None:
        if not line.listed:
            while self.stack and self.stack[-1].listed:
                self.stack.pop()
        lead = self.stack[0] if self.stack else None
        if lead is not None and lead.kind == PARAGRAPH and _is_sentence(line):
            innermost = self.stack[-1]
            ended = bool(innermost.texts) and innermost.texts[-1].endswith(("。", "．"))
            if innermost is lead or (ended and not _INTRODUCES.search(innermost.texts[-1])):
                self.stack.clear()  # the list the paragraph led has ended: a new paragraph of its own
        if not self.stack:
            self._paragraph(line)
            return
        top = self.stack[-1]
        if top.kind == HEADING and (top.texts or top.children):
            self._split_heading_body(top)
            top.children.append(_Node(label="", kind="", texts=[line.text], source=line.source))
        elif top.children:
            top.children.append(_Node(label="", kind="", texts=[line.text], source=line.source))
        elif (
            top.heading
            and top.kind != N.ARTICLE
            and top.texts
            and line.hint != "table"  # rows of a table stay its text
            and all(map(_item_like, [*top.texts, line.text]))
        ):
            # 「(3) 情報資産」 over lines that are no sentences: a list whose markers were lost.
            top.children += [_Node(label="", kind="", texts=[t], source=top.source) for t in top.texts]
            top.children.append(_Node(label="", kind="", texts=[line.text], source=line.source))
            top.texts = []
        else:
            top.texts.append(line.text)

    def _paragraph(self, line: _Line) -> None:
        """Start an unlabelled unit at the top: a preface paragraph or a commitment of a declaration."""
        node = _Node(label="", kind=PARAGRAPH, texts=[line.text], source=line.source)
        if line.bullet:
            node.attrs["bullet"] = line.bullet
        self._attach_chapter(node)
        self.roots.append(node)
        if _LEADS_LIST.search(line.text):  # 「次の各号に掲げる用語の意義は…」: the items that follow are its own
            self.stack.append(node)

    def _bullet(self, line: _Line) -> None:
        """Put a bullet line in: the text of the clause it follows, or a unit of its own."""
        while self.stack and self.stack[-1].kind == "bullet":
            self.stack.pop()
        if not self.stack:
            self._paragraph(line)
            return
        top = self.stack[-1]
        if not top.texts and not top.children:
            top.texts.append(line.text)
            top.attrs.setdefault("bullet", line.bullet)
            return
        if top.kind == HEADING:
            self._split_heading_body(top)
        node = _Node(label="", kind="bullet", texts=[line.text], source=line.source, attrs={"bullet": line.bullet})
        top.children.append(node)
        self.stack.append(node)

    def _split_heading_body(self, heading: _Node) -> None:
        """Make each paragraph under an unnumbered heading a unit of its own once it has more than one."""
        if heading.texts:
            first = _Node(label="", kind="", texts=list(heading.texts), source=heading.source)
            if "bullet" in heading.attrs:
                first.attrs["bullet"] = heading.attrs.pop("bullet")
            heading.children.insert(0, first)
            heading.texts = []

    def _heading(self, line: _Line, heading: str) -> None:
        """Open an unnumbered heading (「目的」「基本的考え方」, a caption without its article) at the top."""
        self.stack.clear()
        self.pending_caption = ""
        node = _Node(label="", kind=HEADING, heading=heading, source=line.source)
        self._attach_chapter(node)
        self.roots.append(node)
        self.stack.append(node)

    def _attach_chapter(self, node: _Node) -> None:
        if self.pending_chapter:
            node.attrs["chapter"] = self.pending_chapter
            self.pending_chapter = ""

    def _caption_only(self, line: _Line) -> bool:
        """Tell whether a line is an article caption 「(目的)」 whose article is not there (cut or not extracted)."""
        inside = bool(self.stack) and self.stack[0].kind not in (HEADING, PARAGRAPH)
        return (
            line.label is None
            and not (inside and self.style != ARTICLE_STYLE)
            and not _OMISSION.match(line.text)
            and line.hint != "caption"
            and bool(_CAPTION.match(line.text))
            and _heading_like(line.text[1:-1])
            and not _header_field(line)
        )

    def _unlabelled_heading(self, line: _Line, following: _Line | None) -> bool:
        """Tell whether an unnumbered line is a heading: short, not a sentence, and followed by its body."""
        if line.label is not None or line.bullet or _is_chapter(line):
            return False
        if line.hint.startswith("heading") and line.hint != "heading:1":
            return True  # a Word or Markdown heading without a number
        if following is None:
            return False
        text = line.text
        if not _heading_like(text) or len(text) > 30 or _header_field(line) or _DEPARTMENT.search(text):
            return False
        if any(text == h.text for h in self.header):
            return False  # the title repeated above the body
        if following.label is not None and following.kind == N.CHAPTER:
            return True
        return bool(following.label is not None or following.bullet or _is_sentence(following) or _is_chapter(following))

    def _heading_allowed(self, line: _Line) -> bool:
        """Tell whether an unnumbered heading may open here: at the top, or among unnumbered headings."""
        if not self.stack:
            return True
        if self.stack[0].kind not in (HEADING, PARAGRAPH):
            return False
        innermost = self.stack[-1]
        return innermost.kind in (HEADING, PARAGRAPH, "bullet") or bool(innermost.texts) or bool(innermost.children)

    # -- result -----------------------------------------------------------------------------------------

    def _document(self) -> Document:
        meta: dict[str, object] = {"style": self.style}
        title = self._classify_header(meta)
        if self.toc_lines:
            meta["toc"] = True
            self.notices.insert(
                0,
                Notice(
                    "structure.toc-skipped",
                    f"skipped a table of contents ({len(self.toc_lines)} lines)",
                    "info",
                    self.toc_lines[0].source,
                ),
            )
        if self.page_lines:
            self.notices.insert(
                0,
                Notice(
                    "structure.page-number",
                    f"dropped {len(self.page_lines)} page-number line(s)",
                    "info",
                    self.page_lines[0].source,
                ),
            )
        if self.chrome_lines:
            self.notices.insert(
                0,
                Notice(
                    "structure.page-chrome",
                    f"dropped {len(self.chrome_lines)} line(s) of web-page text (navigation, page dates, footer)",
                    "info",
                    self.chrome_lines[0].source,
                ),
            )
        self._explain_orphans()
        self._unlabelled_fallback(title)
        for node in _walk(self.roots):
            node.attrs.pop("orphan_parent", None)
        clauses = renumber_ids([node.freeze() for node in self.roots])
        if not clauses:
            self.notices.append(Notice("structure.no-clauses", "no numbered clauses found", "warning", self.source_name))
        return Document(
            title=title,
            clauses=clauses,
            meta=meta,
            preamble=tuple(self.preamble),
            postscript=tuple(self.postscript),
            notices=tuple(self.notices),
        )

    def _unlabelled_fallback(self, title: str) -> None:
        """Keep a policy without numbered clauses readable: its paragraphs become unlabelled units.

        Text that names no security matter at all is not taken for a policy (it stays unread, and
        compare refuses it).
        """
        numbered = any(node.label or node.kind == HEADING for node in _walk(self.roots))
        if numbered:
            return
        text = "\n".join([title, *self.preamble, *(t for node in _walk(self.roots) for t in node.texts)])
        if not _POLICY_WORDS.search(text):
            self.preamble += [t for node in self.roots for t in node.texts]
            self.roots = []
            return
        if not self.roots:
            self.roots = [_Node(label="", kind=PARAGRAPH, texts=[line]) for line in self.preamble]
            self.preamble = []
        if self.roots:
            self.notices.append(
                Notice(
                    "structure.unlabelled",
                    f"no numbered clauses found: read {len(self.roots)} paragraph(s) as unlabelled units",
                    "warning",
                    self.source_name,
                )
            )

    def _classify_header(self, meta: dict[str, object]) -> str:
        """Pick the title, date, number and department out of the header lines; the rest is preamble."""
        title_line = next((l for l in self.header if l.hint == "title" or l.text[:1] in "○◯"), None)
        if title_line is None:
            title_line = next((l for l in self.header if l.hint == "heading:1"), None)
        if title_line is None:
            candidates = [l for l in self.header if _title_like(l)]
            if candidates:
                title_line = max(candidates, key=lambda l: len(l.text))
        if title_line is None and self.header:
            first = self.header[0]
            if _heading_like(first.text) and not _DATE.search(first.text) and not _NUMBER.match(first.text):
                title_line = first
        title = title_line.text.strip() if title_line is not None else ""
        if (title[:1] in "○◯" and title_line is not None and (title_line.hint == "title" or len(title) > 1)
                and not _template_name(title)):
            title = title[1:].strip()  # the 例規集 mark before a title (not the 「○○」 of a template name)
        squeezed_title = re.sub(r"[ \u3000\t]", "", title)
        preamble: list[str] = []
        in_amendments = False
        amendments: list[str] = []
        for line in self.header:
            text = line.text
            squeezed = re.sub(r"[ \u3000\t]", "", text)
            if line is title_line or (squeezed_title and squeezed == squeezed_title):
                continue  # the title, or the title repeated above the body
            if _REVISIONS.match(text):
                in_amendments = True  # 「改正」 and the dates and numbers of the amendments under it
                continue
            date = _DATE.search(text)
            if in_amendments and _header_field(line):
                amendments.append(text)
                continue
            in_amendments = False
            enacted = _ENACTED_AS.search(squeezed) if _CAPTION.match(text) else None
            if enacted and date and "date" not in meta and "number" not in meta:
                meta["date"], meta["number"] = date.group(0), enacted.group(0)  # 「(平成17年4月1日訓令第6号)」
                meta["date_line"] = text
            elif (line.hint == "date" or (date and len(text) <= _DATE_LINE_MAX and "。" not in text)) and "date" not in meta:
                meta["date"] = date.group(0) if date else text
                if date and date.group(0) != text:
                    meta["date_line"] = text
            elif (line.hint == "number" or _NUMBER.match(squeezed)) and "number" not in meta:
                meta["number"] = text
            elif date and len(text) <= _DATE_LINE_MAX and "。" not in text and "revised" not in meta:
                meta["revised"] = text  # a second date line: 「令和8年4月1日　改定」 under 「平成22年2月9日　策定」
            elif squeezed and squeezed_title and squeezed in squeezed_title and len(squeezed) < len(squeezed_title):
                continue  # a piece of a title broken over lines
            elif _DEPARTMENT.search(text) and len(text) <= _DEPARTMENT_MAX and not re.search(r"[。、]", text) and "department" not in meta:
                meta["department"] = text
            else:
                preamble.append(text)
        if amendments:
            meta["amendments"] = "、".join(amendments)
        self.preamble = preamble + self.preamble
        org = re.match(r"^[「『\"“]?(.+?)[ \u3000]*情報セキュリティ", title)
        if org and len(org.group(1)) <= _ORG_NAME_MAX:
            meta["org_name"] = org.group(1)
        return title


def _walk(nodes: list[_Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def build_document(paragraphs: list[Paragraph], *, source_name: str = "") -> Document:
    """Nest paragraphs into a Document: title and header lines, clauses, postscript, notices."""
    from policygen.limits import check_paragraphs

    check_paragraphs([p.text for p in paragraphs], source_name)
    return _Builder(_prepare(list(paragraphs)), source_name).run()
