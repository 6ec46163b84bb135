"""A realistic hand-built Comparison for the report writer tests (a council compared with the model)."""

from __future__ import annotations

from dataclasses import replace

from policygen.model import (
    Clause,
    ClauseResult,
    Comparison,
    Document,
    Edit,
    Extra,
    Match,
    Notice,
    renumber_ids,
)

SCRIPT = "<script>alert('x')</script> & \"引用\""


def edits(*pieces: tuple) -> tuple[Edit, ...]:
    """Build edits from ("=", text), ("-", old), ("+", new), ("~", old, new) and ("≈", old, new) pieces."""
    out = []
    for piece in pieces:
        op = piece[0]
        if op == "=":
            out.append(Edit("equal", piece[1], piece[1]))
        elif op == "-":
            out.append(Edit("delete", piece[1], ""))
        elif op == "+":
            out.append(Edit("insert", "", piece[1]))
        elif op == "~":
            out.append(Edit("replace", piece[1], piece[2]))
        elif op == "≈":
            out.append(Edit("replace", piece[1], piece[2], notation_only=True))
    return tuple(out)


def sides(es: tuple[Edit, ...]) -> tuple[str, str]:
    """Return the model text and the document text that a list of edits spells."""
    return "".join(e.old for e in es), "".join(e.new for e in es)


def _model() -> Document:
    def c(model_id, label, heading="", text="", children=()):
        return Clause(id="", label=label, heading=heading, text=text, children=tuple(children),
                      attrs={"model_id": model_id})

    clauses = [
        c("1", "1", "目的", "本基本方針は、本市が保有する情報資産の機密性、完全性及び可用性を維持するため…"),
        c("2", "2", "定義", "", [
            c("2.1", "(1)", "ネットワーク", "コンピュータ等を相互に接続するための通信網…"),
            c("2.8", "(8)", "マイナンバー利用事務系（個人番号利用事務系）", "個人番号利用事務…"),
        ]),
        c("3", "3", "対象とする脅威", "情報資産に対する脅威として、以下の脅威を想定し…", [
            c("3.1", "(1)", "", "不正アクセス、ウイルス攻撃、サービス不能攻撃等のサイバー攻撃…"),
        ]),
        c("4", "4", "適用範囲", "", [
            c("4.2", "(2)", "情報資産の範囲", "", [
                c("4.2.1", "①", "", "ネットワーク、情報システム、これらに関する設備、電磁的記録媒体"),
            ]),
        ]),
        c("6", "6", "情報セキュリティ対策", "", [
            c("6.3", "(3)", "情報システム全体の強靱性の向上", "", [
                c("6.3.1", "①", "", "マイナンバー利用事務系においては…"),
            ]),
            c("6.8", "(8)", "業務委託と外部サービス（クラウドサービス）の利用", "", [
                c("6.8.1", "", "", "業務委託する場合には…"),
                c("6.8.2", "", "", "外部サービス（クラウドサービス）を利用する場合には…"),
                c("6.8.3", "", "", "ソーシャルメディアサービスを利用する場合には…"),
            ]),
            c("6.9", "(9)", "評価・見直し", "情報セキュリティ監査及び自己点検の結果…"),
        ]),
    ]
    return Document(title="情報セキュリティ基本方針", clauses=renumber_ids(clauses),
                    meta={"guideline": "2025-03"})


def _document() -> Document:
    def c(label, heading="", text="", children=()):
        return Clause(id="", label=label, heading=heading, text=text, children=tuple(children))

    clauses = [
        c("1", "目的", "本基本方針は、本市議会が保有する情報資産の…"),
        c("2", "定義", "", [c("(1)", "ネットワーク", "コンピュータ等を相互に接続するための通信網…")]),
        c("3", "対象とする脅威", "以下の脅威を想定し…", [c("(1)", "", "不正アクセス、ウィルス攻撃等…")]),
        c("4", "適用範囲", "", [c("(2)", "情報資産の範囲", "", [c("①", "", "ネットワーク、情報システム…")])]),
        c("6", "情報セキュリティ対策", "", [
            c("(8)", "業務委託と外部サービスの利用", "", [
                c("", "", "業務委託する場合には…"),
                c("", "", "外部サービスを利用する場合には…"),
            ]),
        ]),
        c("7", "議員の責務 | 追加", SCRIPT),
    ]
    return Document(title="架空市議会情報セキュリティ基本方針", clauses=renumber_ids(clauses),
                    meta={"org_name": "架空市議会"})


# Edits of the modified clauses, checked by sides() against the texts they stand for.
E_PURPOSE = edits(("=", "目的\n本基本方針は、"), ("≈", "本市", "本市議会"), ("=", "が保有する情報資産の機密性、完全性及び可用性を維持する"))
E_NETWORK = edits(("=", "ネットワーク\nコンピュータ等を相互に接続するための通信網、その構成機器（"),
                  ("≈", "ハードウエア", "ハードウェア"), ("=", "及びソフトウェア）をいう。"))
E_THREAT = edits(("=", "不正アクセス、"), ("≈", "ウイルス", "ウィルス"), ("=", "攻撃"),
                 ("-", "、サービス不能攻撃"), ("=", "等"), ("-", "のサイバー攻撃や部外者の侵入等"),
                 ("+", "の意図的な要因による"), ("=", "情報資産の漏えい・破壊・改ざん・消去、"),
                 ("~", "重要情報の詐取、内部不正等", SCRIPT))
E_ASSETS = edits(("=", "ネットワーク、情報システム、"), ("-", "これらに関する設備、"), ("=", "電磁的記録媒体"))
E_CONTRACT = edits(("=", "業務委託する場合には、委託事業者を選定し、情報セキュリティ要件を明記した契約を締結する。"))
E_CLOUD = edits(("=", "外部サービス"), ("-", "（クラウドサービス）"), ("=", "を利用する場合には、利用に係る規定を整備し対策を"),
                ("≈", "講ずる", "講じる"), ("=", "。"))


def _result(model_id, heading, status, applicable, es=(), matches=()):
    model_text, org_text = sides(es) if es else ("", "")
    return ClauseResult(model_id=model_id, heading=heading, status=status, applicable=applicable,
                        matches=tuple(matches), edits=tuple(es), model_text=model_text, org_text=org_text)


def sample_comparison() -> Comparison:
    """Return a council's policy compared with a cut-down model: every status, extras and Japanese text."""
    missing_text = {
        "2.8": "マイナンバー利用事務系（個人番号利用事務系）\n個人番号利用事務…",
        "6.3": "情報システム全体の強靱性の向上",
        "6.3.1": "マイナンバー利用事務系においては…",
        "6.8.3": "ソーシャルメディアサービスを利用する場合には…",
        "6.9": "評価・見直し\n情報セキュリティ監査及び自己点検の結果…",
    }
    results = [
        _result("1", "目的", "notation", True, E_PURPOSE, [Match("1", "1", 0.98)]),
        _result("2", "定義", "identical", True, edits(("=", "定義")), [Match("2", "2", 1.0)]),
        _result("2.1", "ネットワーク", "notation", True, E_NETWORK, [Match("2.1", "(1)", 0.9712)]),
        _result("2.8", "マイナンバー利用事務系（個人番号利用事務系）", "missing", False),
        _result("3", "対象とする脅威", "identical", True, edits(("=", "対象とする脅威\n以下の脅威を想定し")),
                [Match("3", "3", 1.0)]),
        _result("3.1", "", "modified", True, E_THREAT, [Match("3.1", "(1)", 0.61234)]),
        _result("4", "適用範囲", "identical", True, edits(("=", "適用範囲")), [Match("4", "4", 1.0)]),
        _result("4.2", "情報資産の範囲", "identical", True, edits(("=", "情報資産の範囲")), [Match("4.1", "(2)", 1.0)]),
        _result("4.2.1", "", "modified", True, E_ASSETS, [Match("4.1.1", "①", 0.8)]),
        _result("6", "情報セキュリティ対策", "identical", True, edits(("=", "情報セキュリティ対策")), [Match("5", "6", 1.0)]),
        _result("6.3", "情報システム全体の強靱性の向上", "missing", False),
        _result("6.3.1", "", "missing", False),
        _result("6.8", "業務委託と外部サービス（クラウドサービス）の利用", "modified", True,
                edits(("=", "業務委託と外部サービス"), ("-", "（クラウドサービス）"), ("=", "の利用")),
                [Match("5.1", "(8)", 0.85)]),
        _result("6.8.1", "", "identical", True, E_CONTRACT, [Match("5.1.1", "", 1.0)]),
        _result("6.8.2", "", "modified", True, E_CLOUD, [Match("5.1.2", "", 0.87654321)]),
        _result("6.8.3", "", "missing", True),
        _result("6.9", "評価・見直し", "missing", True),
    ]
    results = [
        replace(r, model_text=missing_text[r.model_id]) if r.status == "missing" else r
        for r in results
    ]
    return Comparison(
        model=_model(),
        document=_document(),
        document_path="corpus/架空/架空市議会.txt",
        kind="council",
        clauses=tuple(results),
        extra=(Extra(path="6", label="7", heading="議員の責務 | 追加", text=SCRIPT),),
        notices=(Notice("structure.orphan-items", "項目の親が見つからない", source="line 12"),),
    )


def identical_comparison() -> Comparison:
    """Return a comparison where every applicable clause is identical or notation (exit status 0)."""
    full = sample_comparison()
    kept = tuple(r for r in full.clauses if r.status in ("identical", "notation") or not r.applicable)
    return Comparison(model=full.model, document=full.document, document_path=full.document_path,
                      kind="council", clauses=kept)
