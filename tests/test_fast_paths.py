"""The text layer's shortcuts give what the general way gives: text-only normalization, the lemma read raw, the words printed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from native_diff import needs_native_diff
from shared_files import SHARED
from policygen.ja.normalize import OrgNames, _clusters, reads_alike, _fold_cluster, _folded, normalize_text, normalize_with_offsets
from policygen.ja.tokenize import _lemma, _node_words, _printed_words, lemma_key, tagger, tokenize

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Pieces that set off the rules: references of both styles, self-references, names, ，．between digits,
# a dash after katakana, half-width dakuten, a combining mark, a variation selector, invisible spaces.
PIECES = [
    "第1条から第3条まで", "上記6、7及び8", "上記3", "第2条", "第4条及び第5条", "第3条の2", "以下の", "以下に掲げる",
    "なお、", " なお、", "本市", "本 市", "当組合", "この基本方針", "本方針", "職員等", "議員等", "○○市", "〇〇町議会",
    "五所川原市", "組合", "市は", "市の", "協議会", "１，０００", "6，7", "サ―バ", "・", "·", "\n", " ", "　", "情報資産",
    "、", "。", "，", "．", "ｶﾞ", "か\u3099", "葛\U000e0100", "\u200b", "以下「協議会」という。", "Web", "(1)", "A-1",
]
ORGS = [None, OrgNames(), OrgNames("五所川原市", "本市"), OrgNames("群馬県市町村会館管理組合", "本組合", ("協議会",)),
        OrgNames("", "本市議会")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(ORGS))
def test_text_only_normalization_is_the_texts_of_normalization_with_offsets(pieces, org):
    text = "".join(pieces)
    assert normalize_text(text, org=org) == normalize_with_offsets(text, org=org).text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(ORGS))
def test_a_line_break_reads_as_a_space(pieces, org):
    # compare normalizes a clause's text as it stands, with its line breaks, wherever it is read
    text = "".join(pieces)
    assert normalize_text(text, org=org) == normalize_text(text.replace("\n", " "), org=org)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(ORGS), st.sampled_from(ORGS))
def test_reading_alike_is_normalizing_alike_offsets_included(pieces, org_a, org_b):
    text = "".join(pieces)
    alike = normalize_with_offsets(text, org=org_a) == normalize_with_offsets(text, org=org_b)
    assert reads_alike(text, org_a, org_b) == alike


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_folding_without_marks_is_the_cluster_walk(pieces):
    text = "".join(pieces)
    assert _folded(text) == _walked(text)


def _walked(text: str) -> tuple[list, list, list, list]:
    """Return what _folded gives, the long way: cluster by cluster."""
    walked: tuple[list, list, list, list] = ([], [], [], [])
    for start, cluster in _clusters(text):
        for index, char in enumerate(_fold_cluster(cluster)):
            for column, value in zip(walked, (char, start, start + len(cluster), index == 0)):
                column.append(value)
    return walked


def test_every_character_of_the_basic_plane_folds_as_the_cluster_walk_folds_it():
    every = "".join(map(chr, range(0x10000)))
    for at in range(0, len(every), 512):  # runs of neighbours: marks among them take the long way
        assert _folded(every[at:at + 512]) == _walked(every[at:at + 512])
    for char in every[0x3000:0xA000]:  # and each kana, kanji and symbol alone
        assert _folded(char) == _walked(char)


def test_the_raw_lemma_is_fugashis_parsed_one_on_every_word_of_the_corpus():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt"))]
    texts.append("".join(PIECES) + '"引用", 1,000円、「カンマ,」 ＠ｍａｒｋ ' + "".join(chr(c) for c in range(0x21, 0x7F)))
    nodes = [node for text in texts for node in tagger()(text)]
    assert len(nodes) > 10_000
    assert any('"' in node.feature_raw for node in nodes)  # quoted fields are met, and read right
    assert [_lemma(node) for node in nodes] == [getattr(node.feature, "lemma", None) for node in nodes]


def _fugashis_words(text: str) -> list[tuple[str, str]]:
    """Return each word's surface and key as fugashi's own nodes and parsed lemmas give them."""
    return [(node.surface, "" if node.surface.isspace() else lemma_key(node.surface, getattr(node.feature, "lemma", None)))
            for node in tagger()(text)]


# Characters MeCab treats apart: spaces and controls it skips or keeps (\r is a word), quotes and commas
# that its feature rows quote, unknown scripts, an emoji, half-width kana, the placeholders' plane.
ODD = list(" \t\n\r\u3000\x0b\x0c,\"'*") + ["ｘｙｚ", "абв", "😀", "ｶﾀｶﾅ", "〓", "凜", "Ω", "1,000", "\ue000", "\uf8ff"]


def test_the_printed_words_are_fugashis_nodes_on_every_word_of_the_corpus():
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt"))]
    texts.append("".join(PIECES + ODD) + '"引用", 1,000円、「カンマ,」 ＠ｍａｒｋ ' + "".join(chr(c) for c in range(0x21, 0x7F)))
    words = [word for text in texts for word in _printed_words(text) or ()]
    assert len(words) > 10_000 and ("\r", "") in words and ('"', '"') in words
    assert [_printed_words(text) for text in texts] == [_fugashis_words(text) for text in texts]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ODD), max_size=20))
def test_the_printed_words_are_fugashis_nodes_on_any_text(pieces):
    text = "".join(pieces)
    assert _printed_words(text) == _node_words(text) == _fugashis_words(text)


def test_a_text_mecab_cannot_print_whole_is_read_from_its_nodes():
    text = "情報\x00資産"  # MeCab's printing stops at the NUL, without its EOS line
    assert _printed_words(text) is None
    assert [t.surface for t in tokenize(text)] == [surface for surface, _ in _fugashis_words(text)] + ["\x00資産"]


# Code strings as diff_tokens makes them: a few distinct codes from the supplementary private-use plane,
# and ASCII letters, whose word boundaries the semantic clean-up weighs differently.
CODES = st.sampled_from([chr(0xF0000 + i) for i in range(6)] + list("ab c\n"))


@needs_native_diff
@settings(max_examples=1500, deadline=None)
@given(st.lists(CODES, max_size=90), st.lists(CODES, max_size=90), st.booleans())
def test_the_native_diff_gives_the_python_ports_runs(old, new, semantic):
    from policygen.compare import diff

    old, new = "".join(old), "".join(new)
    assert diff._native() is not None  # installed here: the path users take is the native one
    python = diff._dmp().diff_main(old, new, False)
    if semantic:
        diff._dmp().diff_cleanupSemantic(python)
    assert diff._diff_counts(old, new, semantic=semantic) == [(op, len(codes)) for op, codes in python]


@needs_native_diff
@settings(max_examples=300, deadline=None)
@given(st.lists(CODES, min_size=1, max_size=60))
def test_the_native_diff_of_a_text_with_itself_edited_gives_the_python_ports_runs(old):
    from policygen.compare import diff

    old = "".join(old)
    assert diff._native() is not None
    new = old[: len(old) // 3] + chr(0xF0000) + old[len(old) // 2 :]
    python = diff._dmp().diff_main(old, new, False)
    diff._dmp().diff_cleanupSemantic(python)
    assert diff._diff_counts(old, new, semantic=True) == [(op, len(codes)) for op, codes in python]


def test_the_normalizers_whitespace_pattern_is_str_isspace_over_every_character():
    from policygen.ja.normalize import _WHITESPACE

    every = "".join(map(chr, range(0x110000)))
    assert _WHITESPACE.findall(every) == [c for c in every if c.isspace()]


def _seed_units():
    """Yield (model units, document units) of each corpus seed, as compare scores them."""
    from policygen.compare.align import units
    from policygen.compare.features import featurizer, org_names
    from policygen.compare.model_side import model_side
    from policygen.readers import read_path

    for path in sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")):
        document = read_path(path)
        yield list(model_side(None, "municipality", "numbered").units), units(document, featurizer(org_names(document)))


def test_the_score_matrix_is_each_pairs_own_score_to_the_bit():
    from policygen.compare.align import Scorer, _joint_recall, _score_and_recall, score_matrix

    pairs = 0
    for left, right in _seed_units():
        for a, b in ((left, right), (right, left), (right, right)):  # either side the larger; equal bags too
            scorer = Scorer(a, b)
            matrix = score_matrix(scorer, a, b)
            for i, lu in enumerate(a):
                for j, ru in enumerate(b):
                    assert (matrix.scores[i][j], matrix.recalls[i][j]) == _score_and_recall(scorer, lu, ru)
                    assert matrix.recalls[i][j] == _joint_recall(scorer, lu, [ru])  # align reads one part's from the cell
                    pairs += 1
    assert pairs > 20_000


# Around the placeholder rules' words: kanji and katakana before them (日本市場), spaces inside them (PDF
# text), template marks, なお at a start, after a space and after a word.
RULE_PIECES = [
    "本", "当", "市", "町", "組合", "議会", "市議会", "職員等", "議員等", "職 員等", "この", "この 規則", "方針",
    "基本方針", "○", "○ ○", "○○", "日", "資", "カ", "ア", " ", "なお、", "は", "の", "協議会", "協 議会", "広域連合",
    "一部事務組合", "、", "A", "〇",
]


def _reference_rules(org):
    """Return the placeholder rules as they were first written, each opening with a look-behind."""
    import re

    from policygen.ja.bodies import BODY_FORMS, COUNCIL_FORMS, ORG_SUFFIXES
    from policygen.ja.normalize import _BARE_AFTER, _INSTRUMENTS, _KANJI, _KATAKANA, _flatten, _lit

    free = f"(?<![{_KANJI}{_KATAKANA}])"
    forms = list(BODY_FORMS)
    if org is None or not org.self_reference or org.self_reference[1:] in COUNCIL_FORMS:
        forms = list(COUNCIL_FORMS) + forms
    rules = [
        f"{_lit('この')}\\s*{_lit(*_INSTRUMENTS)}|{free}[本当]\\s*{_lit(*_INSTRUMENTS)}",
        f"{free}{_lit('職員等', '議員等')}",
        f"(?:[○◯〇●△□×＿_]\\s*)+{_lit(*ORG_SUFFIXES)}",
        f"{free}[本当]\\s*{_lit(*forms)}",
        "(?:^|(?<= ))なお、",
    ]
    if org is not None and org.short_names:
        rules.append(f"{free}{_lit(*map(_flatten, org.short_names))}(?![{_KANJI}])")
    if org is not None and org.bare:
        rules.append(f"{free}{_lit(org.bare)}{_BARE_AFTER}")
    return [re.compile(rule) for rule in rules]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(RULE_PIECES), max_size=12), st.sampled_from(ORGS + [OrgNames("", "本組合", ("組合",))]))
def test_the_set_led_rules_match_where_the_look_behind_led_ones_did(pieces, org):
    from policygen.ja.normalize import _placeholder_rules

    text = "".join(pieces)
    rules = [pattern for pattern, _ in _placeholder_rules(org)]
    if org is not None and org.name:
        rules = rules[1:]  # the body's name: a plain alternation, opening with its words
    template, policy, self_reference, subject, *rest = rules
    notation, own = rest[:5], rest[5:]
    ours = [policy, subject, template, self_reference, notation[4], *own]
    references = _reference_rules(org)
    assert len(ours) == len(references)
    for mine, reference in zip(ours, references):
        assert [m.span() for m in mine.finditer(text)] == [m.span() for m in reference.finditer(text)], reference.pattern


def _model_signal_sets():
    """Return each model clause's signals, for every kind and style of the model side."""
    from policygen.compare.model_side import model_side

    sets = []
    for kind in ("city", "joint_body", "council", "prefecture"):
        for style in ("numbered", "article"):
            sets += model_side(None, kind, style).signals.values()
    return sets


def _signal_counts_by_found_in(signals, heading: str, body: str) -> tuple[int, int, bool]:
    """Return what SignalCounts counts, signal by signal through Signal.found_in (the rule's own form)."""
    in_text = sum(1 for s in signals if s.found_in(heading, body, heading + body))
    in_heading = sum(1 for s in signals if s.found_in(heading, ""))
    named = any(s.heading and s.found_in(heading, body) for s in signals)
    return in_text, in_heading, named


def _signal_counts(signals, heading: str, body: str) -> tuple[int, int, bool]:
    from policygen.compare.signal_counts import SignalCounts

    counts = SignalCounts(signals)
    return counts.in_text(heading, body, heading + body), counts.in_heading(heading), counts.names(heading, body)


def test_the_signal_counts_are_the_signals_found_one_by_one_on_every_clause_of_the_corpus():
    from policygen.compare.features import org_names
    from policygen.readers import read_path

    sets = _model_signal_sets()
    paths = sorted(CORPUS.glob("*/[0-9][0-9][0-9]_*.txt")) + sorted((SHARED / "real-policies" / "docs").glob("*.txt"))
    found = 0
    for path in paths:
        document = read_path(path)
        names = org_names(document)
        for clause in document.walk():
            heading, body = normalize_text(clause.heading, org=names), normalize_text(clause.text, org=names)
            for signals in sets:
                expected = _signal_counts_by_found_in(signals, heading, body)
                assert _signal_counts(signals, heading, body) == expected, (path.name, clause.id)
                found += expected[0] > 0
    assert found > 1000  # the clauses do show signals: the counts were tested on hits, not only on misses


@settings(max_examples=800, deadline=None)
@given(st.data())
def test_the_signal_counts_are_the_signals_found_one_by_one_on_any_text(data):
    # Texts made of the clause's own signal words, definitions (とは, 」とは) and a few others: many hit.
    signals = data.draw(st.sampled_from([s for s in _model_signal_sets() if s]))
    words = sorted({w for s in signals for w in s.words})
    pieces = st.sampled_from(words + ["とは", "」とは", "「", "」", "は、", "の", "及び"])
    heading = "".join(data.draw(st.lists(pieces, max_size=3)))
    if data.draw(st.booleans()):
        heading = data.draw(st.sampled_from(words))  # a heading that is one of the words, a term's maybe
    body = "".join(data.draw(st.lists(pieces, max_size=12)))
    assert _signal_counts(signals, heading, body) == _signal_counts_by_found_in(signals, heading, body)


def _folded_by_table(text: str) -> str | None:
    """Return what _simply_folded gives, always through the table of each character's fold."""
    from policygen.ja.normalize import _SIMPLE_FOLDS

    folded = text.translate(_SIMPLE_FOLDS)  # the table's fold of every character, as it was first written
    return folded if len(folded) == len(text) else None


def test_every_character_of_the_runs_taken_as_their_own_folds_is_its_own_fold():
    from policygen.ja.normalize import _NOT_OWN_FOLD, _SIMPLE_FOLDS

    own = [c for c in map(chr, range(0x110000)) if not _NOT_OWN_FOLD.match(c)]
    assert len(own) > 50_000  # kanji and kana among them: the runs are what most text is made of
    assert [c for c in own if _SIMPLE_FOLDS[ord(c)] != c] == []


def test_the_shortcut_fold_is_the_tables_fold_on_every_corpus_text():
    from policygen.ja.normalize import _simply_folded

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "real-policies" / "docs").glob("*.txt"))]
    texts += [line for text in texts for line in text.splitlines()]
    assert all(_simply_folded(t) == _folded_by_table(t) for t in texts)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES + ODD), max_size=20))
def test_the_shortcut_fold_is_the_tables_fold_on_any_text(pieces):
    from policygen.ja.normalize import _simply_folded

    text = "".join(pieces)
    assert _simply_folded(text) == _folded_by_table(text)
