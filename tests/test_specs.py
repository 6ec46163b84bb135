"""The label grammar, normalization and notation variants, specified case by case in tests/fixtures/specs/."""

from __future__ import annotations

import pytest
from spec_fixtures import cases

from policygen import numbering
from policygen.ja.normalize import PLACEHOLDERS, OrgNames, normalize_text
from policygen.ja.tokenize import keys


def _shown(text: str) -> str:
    """Write the normalizer's private-use placeholders by their names (〈本団体〉 …)."""
    for placeholder, name in PLACEHOLDERS.items():
        text = text.replace(placeholder, name)
    return text


def _read_label(line: str) -> str:
    parsed = numbering.parse_label(line)
    if parsed is None:
        return "no label"
    label, rest = parsed
    branch = " branch " + " ".join(map(str, label.branch)) if label.branch else ""
    return "\n".join(
        [
            f"{label.kind} {label.number}{branch}",
            f"canonical {label.canonical()}",
            f"written {label.text}",
            f"rest {rest}" if rest else "rest",
        ]
    )


@pytest.mark.parametrize("line, expected", cases("labels.md"))
def test_label_grammar_reads(line, expected):
    assert _read_label(line) == expected


@pytest.mark.parametrize("given, expected", cases("label-format.md"))
def test_label_grammar_writes(given, expected):
    kind, number, *branch = given.split()
    try:
        written = numbering.format_label(kind, int(number), tuple(int(b) for b in branch))
    except ValueError as exc:
        written = f"error: {exc}"
    assert written == expected


@pytest.mark.parametrize("given, expected", [c for c in cases("label-format.md") if not c.values[1].startswith("error:")])
def test_every_written_label_reads_back(given, expected):
    kind, number, *branch = given.split()
    parsed = numbering.parse_label(expected + " x")
    assert parsed is not None and (parsed[0].kind, parsed[0].number, parsed[0].branch) == (
        kind,
        int(number),
        tuple(int(b) for b in branch),
    )


def _org(text: str) -> tuple[OrgNames | None, str]:
    """Split off the `@org NAME SELF [SHORT …]` line that may open a normalization case."""
    first, _, rest = text.partition("\n")
    if not first.startswith("@org "):
        return None, text
    name, self_reference, *shorts = first.split()[1:]
    return OrgNames(name="" if name == "-" else name, self_reference=self_reference, short_names=tuple(shorts)), rest


@pytest.mark.parametrize("given, expected", cases("normalize.md"))
def test_normalization(given, expected):
    org, text = _org(given)
    assert _shown(normalize_text(text, org=org)) == expected


def _keys(text: str) -> str:
    return _shown(" ".join(keys(normalize_text(text))))


@pytest.mark.parametrize("given, expected", cases("notation-variants.md"))
def test_notation_variants_share_their_keys(given, expected):
    variants = given.split("\n")
    assert len(variants) >= 2, "a case lists two ways of writing at least"
    assert [_keys(v) for v in variants] == [expected] * len(variants)


@pytest.mark.parametrize("given, expected", cases("distinct-words.md"))
def test_different_words_keep_different_keys(given, expected):
    words = given.split("\n")
    assert len(set(expected.split("\n"))) == len(words) >= 2, "a case lists as many different keys as inputs"
    assert "\n".join(_keys(w) for w in words) == expected
