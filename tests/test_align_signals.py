"""The second alignment pass: sections present as a block, and concept signals only in their context."""

import pytest

from policygen.generate import template
from policygen.compare.align import Alignment, Thresholds, complete, units
from policygen.compare.features import org_names
from policygen.compare.with_model import _signals, compare_document
from policygen.errors import PolicygenError
from policygen.ja.normalize import normalize_text
from policygen.model import Clause, Document, Signal
from policygen.readers import read_bytes

THREATS_AND_MEASURES = """○○町情報セキュリティ基本方針
1 目的
本基本方針は、本町が保有する情報資産の機密性、完全性及び可用性を維持するため、本町が実施する情報セキュリティ対策について基本的な事項を定めることを目的とする。
2 対象とする脅威
情報資産に対する脅威として、次の脅威を想定し、情報セキュリティ対策を実施する。
(1) 不正アクセス等の意図的な要因による情報資産の漏えい
(2) 地震、火災等の災害によるサービスの停止
{extra_threat}3 情報セキュリティ対策
(1) 物理的セキュリティ
サーバ等の管理について、停電に備えて予備電源を設ける等の物理的な対策を講じる。
"""


def _compare(text: str):
    return compare_document(read_bytes(text.encode("utf-8"), name="policy.txt"), kind="town")


def _result(comparison, model_id):
    return next(r for r in comparison.clauses if r.model_id == model_id)


def test_a_signal_outside_its_context_does_not_count():
    # 停電 appears only in a measure: the policy assumes no infrastructure threat.
    comparison = _compare(THREATS_AND_MEASURES.format(extra_threat=""))
    assert _result(comparison, "3.5").status == "missing"
    assert _result(comparison, "6.4").status != "missing"


def test_a_signal_inside_its_context_places_the_clause():
    comparison = _compare(THREATS_AND_MEASURES.format(extra_threat="(3) 停電等によるサービスの停止\n"))
    result = _result(comparison, "3.5")
    assert result.status != "missing"
    assert [m.label for m in result.matches] == ["(3)"]
    assert comparison.document.clauses[1].children[2].id == result.matches[0].path


# --- complete() on hand-made trees -------------------------------------------------------------------


def _featurize(text: str) -> list[str]:
    return list(text)


def _units(*clauses: Clause):
    return units(Document(clauses=tuple(clauses)), _featurize)


def _none(left):
    return [Alignment(u.key, (), (), 0.0) for u in left]


def _with(alignments, **matches):
    out = []
    for a in alignments:
        path = matches.get(a.key.replace(".", "_"))
        out.append(Alignment(a.key, (path,), (0.9,), 1.0) if path else a)
    return out


MODEL = (
    Clause("1", "1", "目的", "目的を定める。"),
    Clause(
        "2",
        "2",
        "定義",
        "",
        (Clause("2.1", "(1)", "ネットワーク", "通信網をいう。"), Clause("2.2", "(2)", "情報システム", "仕組みをいう。")),
    ),
)


def test_items_matched_together_make_their_section_present():
    left = _units(*MODEL)
    right = _units(
        Clause("1", "第1条", "目的", "目的。", (Clause("1.1", "(1)", "", "網。"), Clause("1.2", "(2)", "", "仕組み。"))),
    )
    alignments = _with(_none(left), **{"1": "1", "2_1": "1.1", "2_2": "1.2"})
    done, found = complete(left, right, alignments, {}, str)
    placed = {a.key: a.matches for a in done}
    # The items' parent is taken by 目的, so the section stands where its items begin.
    assert placed["2"] == ("1.1",) and found["2"].basis == "block"


def test_scattered_items_do_not_make_a_section():
    left = _units(*MODEL)
    right = _units(
        Clause("1", "1", "目的", "目的。", (Clause("1.1", "(1)", "", "網。"),)),
        Clause("2", "2", "対策", "対策。", (Clause("2.1", "(1)", "", "仕組み。"),)),
    )
    alignments = _with(_none(left), **{"2_1": "1.1", "2_2": "2.1"})
    done, found = complete(left, right, alignments, {}, str)
    assert {a.key: a.matches for a in done}["2"] == ()
    assert "2" not in found


THREAT_MODEL = (
    Clause("3", "3", "脅威", "脅威を想定する。", (Clause("3.5", "(5)", "", "インフラの障害"),)),
    Clause("6", "6", "対策", "対策を講じる。", (Clause("6.9", "(9)", "評価・見直し", "運用改善を行う。"),)),
)


def test_an_item_is_looked_for_only_under_its_parents_match():
    left = _units(*THREAT_MODEL)
    right = _units(
        Clause("1", "1", "脅威", "脅威を想定する。", (Clause("1.1", "(1)", "", "地震"),)),
        Clause("2", "2", "対策", "停電に備える。運用改善を行う。"),
    )
    signals = {"3.5": (Signal(("停電",)),), "6.9": (Signal(("運用改善",)),)}
    done, _ = complete(left, right, _with(_none(left), **{"3": "1"}), signals, str)
    assert {a.key: a.matches for a in done}["3.5"] == ()


def test_a_concept_whose_parent_matched_a_mere_mention_is_looked_for_everywhere():
    # 6 matched a definition without children (the article style's 「情報セキュリティ対策 … をいう」):
    # that gives 6.9, a headed concept, no section to look in, so the whole document is searched.
    left = _units(*THREAT_MODEL)
    right = _units(
        Clause("1", "第1条", "定義", "", (Clause("1.1", "(1)", "対策", "対策をいう。"),)),
        Clause("2", "第2条", "自己点検", "点検し、運用改善を行う。"),
    )
    done, found = complete(left, right, _with(_none(left), **{"6": "1.1"}), {"6.9": (Signal(("運用改善",)),)}, str)
    assert {a.key: a.matches for a in done}["6.9"] == ("2",) and found["6.9"].basis == "signals"


def test_a_weak_match_without_signals_gives_way_to_one_with_them():
    left = _units(Clause("4", "4", "範囲", "", (Clause("4.2", "(2)", "資産の範囲", "対象とする資産は次のとおり。"),)))
    right = _units(
        Clause("1", "1", "責任者", "権限は次のとおり。"),
        Clause("2", "2", "資産", "資産とは、機器をいう。"),
    )
    signals = {"4.2": (Signal(("資産",), heading=True),)}
    weak = [Alignment("4", (), (), 0.0), Alignment("4.2", ("1",), (0.3,), 0.3)]
    done, _ = complete(left, right, weak, signals, str)
    assert done[1].matches == ("2",)
    strong = [Alignment("4", (), (), 0.0), Alignment("4.2", ("1",), (0.6,), 0.6)]
    done, _ = complete(left, right, strong, signals, str, Thresholds())
    assert done[1].matches == ("1",)


# --- the model's signals ---------------------------------------------------------------------------


def test_every_model_clause_has_signals_that_its_own_text_shows():
    model = template.model_document()
    names = org_names(model)
    signals = _signals(template.model_signals(), names)
    for clause in model.walk():
        if not clause.model_id:
            continue
        heading = normalize_text(clause.heading, org=names)
        body = normalize_text(clause.text.replace("\n", " "), org=names)
        assert any(s.found_in(heading, body) for s in signals[clause.model_id]), clause.model_id


def test_a_policy_self_reference_in_a_signal_matches_any_instrument():
    names = org_names(template.model_document())
    review = _signals(template.model_signals(), names)["8"]
    assert any(s.found_in("", normalize_text("この規則は、必要に応じて見直しを行う。")) for s in review)
    # Reviewing something else (a plan) is not reviewing the policy.
    assert not any(s.found_in("", normalize_text("緊急時対応計画は、必要に応じて見直しを行う。")) for s in review)


@pytest.mark.parametrize("bad", ["signals: 停電", "signals: [[]]", "signals: [{term: 停電}]", "signals: [3]"])
def test_a_bad_signal_in_a_template_is_a_clear_error(tmp_path, bad):
    path = tmp_path / "model.yaml"
    path.write_text(f'title: t\nclauses:\n  - id: "1"\n    heading: 目的\n    {bad}\n', encoding="utf-8")
    with pytest.raises(PolicygenError, match="clause 1: .*signal"):
        template.load_model(path)
