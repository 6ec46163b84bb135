"""Numbers, order and drafting style do not change how a policy compares with the model.

Each test compares a transformed policy with the untransformed one (never with a fixed status list),
so it stays valid while the engine's accuracy is tuned: renumbering (shifted section and article
numbers; (1) written （１） or ⑴; ① written ア), reordering (two sections or two definitions swapped,
keeping their numbers or renumbered), and article style (the profiles of seeds 000/001/004 rendered as
第n条 against the numbered rendering; seed 001's text turned into articles line by line).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policygen import numbering
from policygen.compare.with_model import compare_document
from policygen.model import Comparison
from policygen.readers import read_bytes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEEDS = sorted(p.name for p in CORPUS.iterdir() if (p / f"{p.name}.txt").is_file())
NUMBERED_SEEDS = [s for s in SEEDS if not s.startswith("003")]  # 003 is written in articles
PROFILE_SEEDS = [s for s in SEEDS if (CORPUS / s / "profile.yaml").is_file()]

# A numbered section line: 「1 目的」, 「## 1 目的」; table-of-contents lines end in a tab and a page.
_SECTION = re.compile(r"^(?P<mark>#+ +)?(?P<num>\d+)(?P<sep>[ \u3000])(?P<rest>[^\t]+)$")
_ARTICLE = re.compile(r"^(?P<mark>)第(?P<num>\d+)条(?P<sep>[ \u3000])(?P<rest>.*)$")
# An item line 「(1) 用語」, 「- (1) …」, 「### (3) …」, 「(1 1) …」 (seed 001 has a stray space in it).
_PAREN = re.compile(r"^(?P<mark>(?:#+ +|- )?)\((?P<num>\d[\d ]*)\)(?P<sep>[ \u3000]?)(?P<rest>.*)$")
_CIRCLED = re.compile(r"^(?P<mark>(?:#+ +|- )?)(?P<num>[\u2460-\u2473])(?P<sep>[ \u3000]?)(?P<rest>.*)$")


def seed_text(seed: str) -> str:
    return (CORPUS / seed / f"{seed}.txt").read_text(encoding="utf-8")


def seed_kind(seed: str) -> str:
    return json.loads((CORPUS / seed / "expected-coverage.json").read_text(encoding="utf-8"))["kind"]


def compare_text(text: str, kind: str) -> Comparison:
    return compare_document(read_bytes(text.encode("utf-8"), name="policy.txt"), kind=kind)


def signature(comparison: Comparison) -> dict[str, tuple[str, bool]]:
    return {r.model_id: (r.status, r.applicable) for r in comparison.clauses}


def assert_same_statuses(reference: Comparison, other: Comparison, what: str) -> None:
    before, after = signature(reference), signature(other)
    mine = {r.model_id: r for r in other.clauses}
    diff = [
        f"{r.model_id}: {before[r.model_id][0]} → {after[r.model_id][0]}  matched {[m.label for m in r.matches]} → "
        f"{[m.label for m in mine[r.model_id].matches]}\n    now compared with {mine[r.model_id].org_text[:100]!r}"
        for r in reference.clauses
        if before[r.model_id] != after.get(r.model_id)
    ]
    assert not diff, f"{what}: {len(diff)} clause(s) changed:\n" + "\n".join(diff)
    assert before == after


@pytest.fixture(scope="module")
def references() -> dict[str, Comparison]:
    return {seed: compare_text(seed_text(seed), seed_kind(seed)) for seed in SEEDS}


# --- text transforms -------------------------------------------------------------------------------


def relabel(text: str, pattern: re.Pattern, label) -> str:
    """Rewrite the label of every line that `pattern` matches with label(number as int) -> str."""
    out = []
    for line in text.splitlines():
        match = pattern.match(line)
        if match:
            num = match.group("num")
            number = ord(num) - 0x2460 + 1 if "\u2460" <= num <= "\u2473" else numbering.to_int(num)
            line = f"{match.group('mark') or ''}{label(number)}{match.group('sep') or ' '}{match.group('rest')}"
        out.append(line)
    return "\n".join(out) + "\n"


def _full_width(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


_WRITE = {_SECTION: "{}", _ARTICLE: "第{}条", _PAREN: "({})"}


def with_number(line: str, pattern: re.Pattern, number: str) -> str:
    """Return a heading line with its number replaced, written as `pattern`'s labels are."""
    match = pattern.match(line)
    label = _WRITE[pattern].format(number)
    return f"{match.group('mark') or ''}{label}{match.group('sep')}{match.group('rest')}"


def swap_blocks(text: str, pattern: re.Pattern, first: int, *, renumber: bool) -> str:
    """Swap the blocks (a matching line up to the next one) at positions `first` and `first + 1`.

    With `renumber`, the two heading lines then take each other's numbers, so the numbers still run
    in order; without it each block keeps its own number.
    """
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if pattern.match(line)]
    a, b, end = starts[first], starts[first + 1], starts[first + 2]
    block_a, block_b = lines[a:b], lines[b:end]
    if renumber:
        num_a, num_b = pattern.match(block_a[0]).group("num"), pattern.match(block_b[0]).group("num")
        block_a[0], block_b[0] = with_number(block_a[0], pattern, num_b), with_number(block_b[0], pattern, num_a)
    return "\n".join(lines[:a] + block_b + block_a + lines[end:]) + "\n"


def block_titles(text: str, pattern: re.Pattern) -> list[str]:
    return [m.group("rest") for line in text.splitlines() if (m := pattern.match(line))]


# --- renumbering ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_shifted_top_numbers(seed, references):
    """Sections 1..10 written 2..11 (articles 第1条.. written 第2条..): the same statuses."""
    pattern = _ARTICLE if seed.startswith("003") else _SECTION
    shift = (lambda n: f"第{n + 1}条") if seed.startswith("003") else (lambda n: str(n + 1))
    text = relabel(seed_text(seed), pattern, shift)
    assert text != seed_text(seed)
    assert_same_statuses(references[seed], compare_text(text, seed_kind(seed)), "shifted numbers")


PAREN_STYLES = {
    "full-width": lambda n: f"（{_full_width(n)}）",
    "parenthesized-digit": lambda n: chr(0x2474 + n - 1),  # ⑴
}


@pytest.mark.parametrize("style", sorted(PAREN_STYLES))
@pytest.mark.parametrize("seed", SEEDS)
def test_item_label_styles(seed, style, references):
    text = relabel(seed_text(seed), _PAREN, PAREN_STYLES[style])
    assert text.count("(1)") < seed_text(seed).count("(1)")
    assert_same_statuses(references[seed], compare_text(text, seed_kind(seed)), f"(1) written {style}")


def test_circled_items_written_as_kana(references):
    """Seed 001's ①②③ written ア イ ウ (both are the third level of numbered style)."""
    seed = next(s for s in SEEDS if s.startswith("001"))
    text = relabel(seed_text(seed), _CIRCLED, lambda n: numbering.KANA_ORDER[n - 1])
    assert "①" not in text and "- ア " in text
    assert_same_statuses(references[seed], compare_text(text, seed_kind(seed)), "① written ア")


# --- reordering -------------------------------------------------------------------------------------

SWAPS = [
    # (seed prefix, pattern, index of the first of two adjacent blocks, what they are)
    ("000", _SECTION, 6, "sections 7 and 8"),
    ("001", _SECTION, 6, "sections 7 and 8"),
    ("004", _SECTION, 2, "sections 3 and 4"),
    ("000", _PAREN, 2, "definitions (3) and (4)"),
    ("001", _PAREN, 2, "definitions (3) and (4)"),
    ("004", _PAREN, 4, "definitions (5) and (6)"),
    ("002", _SECTION, 3, "sections 4 and 5"),
]


@pytest.mark.parametrize("renumber", [False, True], ids=["numbers-kept", "renumbered"])
@pytest.mark.parametrize("prefix,pattern,first,what", SWAPS, ids=[f"{s[0]}-{s[3]}" for s in SWAPS])
def test_swapped_blocks(prefix, pattern, first, what, renumber, references):
    seed = next(s for s in SEEDS if s.startswith(prefix))
    original = seed_text(seed)
    text = swap_blocks(original, pattern, first, renumber=renumber)
    titles, swapped = block_titles(original, pattern), block_titles(text, pattern)
    assert swapped[first] == titles[first + 1] and swapped[first + 1] == titles[first], "the blocks moved"
    # Without renumbering the lines are the same, only in another order; with it two numbers changed.
    same_lines = sorted(text.splitlines()) == sorted(original.splitlines())
    assert same_lines is not renumber
    assert_same_statuses(references[seed], compare_text(text, seed_kind(seed)), f"{what} swapped")


# --- article style ----------------------------------------------------------------------------------


def _rendered(seed: str, style: str):
    from policygen.generate.profile import load_profile
    from policygen.generate.template import render

    profile = load_profile(CORPUS / seed / "profile.yaml")
    document = render(profile, style=style)
    return document, compare_document(document, kind=profile.kind)


def _matched_model_ids(document, comparison: Comparison) -> dict[str, set[str]]:
    """Return model clause ID → the model IDs the renderer put on the clauses it was matched with."""
    out = {}
    for result in comparison.clauses:
        ids = set()
        for match in result.matches:
            clause = document.find(match.path)
            # A 項 split off an article, the body turned item (1), items merged into their lead.
            sources = (clause.model_id, clause.attrs.get("paragraph_of"), clause.attrs.get("body_of"))
            ids |= {str(v) for v in sources if v} | {str(v) for v in clause.attrs.get("merged", ())}
        out[result.model_id] = ids
    return out


@pytest.mark.parametrize("seed", PROFILE_SEEDS)
def test_profile_in_article_style_aligns_the_same_clauses(seed):
    """Rendered as 第n条, each model clause is found in the same rendered clause as in the numbered rendering."""
    numbered, by_number = _rendered(seed, "numbered")
    article, by_article = _rendered(seed, "article")
    assert article.clauses[0].label == "第1条" and numbered.clauses[0].label == "1"
    assert {r.model_id for r in by_article.clauses if r.status == "missing"} == {
        r.model_id for r in by_number.clauses if r.status == "missing"
    }
    assert [r.applicable for r in by_article.clauses] == [r.applicable for r in by_number.clauses]
    assert _matched_model_ids(article, by_article) == _matched_model_ids(numbered, by_number)


@pytest.mark.parametrize("seed", PROFILE_SEEDS)
def test_profile_rendered_in_article_style(seed):
    """The seed's profile rendered as 第n条 compares like its numbered rendering (same statuses)."""
    _, by_number = _rendered(seed, "numbered")
    _, by_article = _rendered(seed, "article")
    assert_same_statuses(by_number, by_article, "article style")


def numbered_to_articles(text: str) -> str:
    """Turn seed 001's numbered body into articles: 「1 目的」+body → 「(目的)」「第1条 body」.

    A definition 「(1) 用語」+definition becomes 「(1) 用語　定義」 (the 号 of a definition article);
    ① becomes ア. A section with no body of its own (2 定義, 4 適用範囲) keeps an empty article line.
    Lines before the first section (title, table of contents) are left as they are.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    out: list[str] = []
    index = 0
    body_started = False
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        section = _SECTION.match(line)
        if section and (body_started or not following.startswith(("1 ", "第1章"))) and "\t" not in line:
            body_started = True
            unlabelled = following and numbering.parse_label(following.lstrip("- ")) is None
            out.append(f"({section.group('rest')})")
            out.append(f"第{section.group('num')}条\u3000{following if unlabelled else ''}".rstrip())
            index += 2 if unlabelled else 1
            continue
        item = _PAREN.match(line)
        if body_started and item and item.group("mark") == "" and following and \
                numbering.parse_label(following.lstrip("- ")) is None and _SECTION.match(following) is None:
            out.append(f"({item.group('num')})\u3000{item.group('rest')}\u3000{following}")
            index += 2
            continue
        circled = _CIRCLED.match(line)
        if body_started and circled:
            kana = numbering.KANA_ORDER[ord(circled.group("num")) - 0x2460]
            out.append(f"{kana}\u3000{circled.group('rest')}")
            index += 1
            continue
        out.append(line[2:] if body_started and line.startswith("- ") else line)
        index += 1
    return "\n".join(out) + "\n"


def test_seed_001_text_in_article_style(references):
    seed = next(s for s in SEEDS if s.startswith("001"))
    text = numbered_to_articles(seed_text(seed))
    document = read_bytes(text.encode("utf-8"), name="policy.txt")
    assert document.meta["style"] == "article"
    assert [c.label for c in document.clauses] == [f"第{n}条" for n in range(1, 11)]
    assert document.clauses[0].heading == "目的"
    assert_same_statuses(references[seed], compare_document(document, kind=seed_kind(seed)), "articles")
