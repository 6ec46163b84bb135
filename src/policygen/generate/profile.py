"""Load and check an organization profile: the real parameters that adapt the model to one body.

A profile is YAML with four top-level keys (all but `organization` optional):

organization:
  name         the body's name as written in the policy ("五所川原市", "鎌倉市議会")        required
  kind         prefecture | city | special_ward | town | village | council | joint_body  required
  subkind      joint_body: union (一部事務組合) | regional_union (広域連合) |
               consultative_council (協議会); council: the kind of body whose assembly it is
               (prefecture | city | special_ward | town | village; read from the name when unset)
  self_reference     how the text names the body ("本市"); derived from kind and name
  define_self_reference  introduce it at first use: 「○○組合（以下「本組合」という。）」
                     (default: yes for joint bodies, whose short name alone is ambiguous)
  subject            who must comply: 職員等 (議員等 for a council)
  subject_definition who that is, before 「（以下「職員等」という。）」
  organs             organs the policy applies to (model 4(1)): a list joined 「、…及び」, or one
                     sentence fragment used as written; leave empty to drop 4(1)
document:
  title, date (YYYY-MM-DD or YYYY-MM; written in 和暦), date_precision (year | month | day; a 訓令
  or 規則 keeps its day), date_action (策定 | 改定 …: the verb after the date in numbered style),
  effective (施行日 of the 附則 in article style; default: the date when it has a day),
  issuer, department, instrument (訓令, 告示, 規則, 規程, …: a 規則 or 規程 calls itself
  「この規則」 and is titled so), number (5 → 「訓令第5号」),
  style (numbered | article), toc, preamble (lines before the body), postscript (lines after)
policy:
  networks     tiers the body runs: mynumber, lgwan, internet (three-tier model, 2(8)–2(12), 6(3))
  cloud        uses external (cloud) services: 6(8) second paragraph
  social_media runs social-media accounts: 6(8) third paragraph
  checks       audit and/or self_inspection (6(9), 7, 8)
  non_public   documents kept non-public: standards (対策基準) and/or procedures (実施手順)
  assets       listed (the model's ①②③) | all (「…が保有する情報資産とする。」)
  other_rules  further rules staff must obey besides the policy and the procedures (model 5)
changes:
  omit         model clause IDs the body does not have
  overrides    model ID → {heading, text}: the body's own wording, used literally
  additions    the body's own clauses: {after | before | child_of: model ID, heading, text}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policygen.errors import PolicygenError
from policygen.ja.bodies import COUNCIL_SUBKINDS, JOINT_SUBKINDS, KIND_CHAR, KINDS, PREFECTURE_CHARS
from policygen.model import STYLES, Style

TIERS = ("mynumber", "lgwan", "internet")
CHECKS = {"audit": "情報セキュリティ監査", "self_inspection": "自己点検"}
NON_PUBLIC = {"standards": "情報セキュリティ対策基準", "procedures": "情報セキュリティ実施手順"}

_MODEL_ID = r"^[0-9]+(\.[0-9]+)*$"

_TEXT = {"type": "string"}
_ID = {"type": "string", "pattern": _MODEL_ID}


def _addition_schema(positioned: bool) -> dict:
    props: dict[str, Any] = {"heading": _TEXT, "text": _TEXT, "children": {"type": "array"}}
    if positioned:
        props.update(after=_ID, before=_ID, child_of=_ID)
    props["children"] = {"type": "array", "items": {"$ref": "#/$defs/child_addition"}}
    return {"type": "object", "additionalProperties": False, "properties": props}


SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["organization"],
    "$defs": {"child_addition": _addition_schema(False)},
    "properties": {
        "organization": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "kind"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "kind": {"enum": list(KINDS)},
                "subkind": {"enum": [*JOINT_SUBKINDS, *COUNCIL_SUBKINDS]},
                "self_reference": {"type": "string", "minLength": 1},
                "define_self_reference": {"type": "boolean"},
                "subject": {"type": "string", "minLength": 1},
                "subject_definition": {"type": "string", "minLength": 1},
                "organs": {
                    "oneOf": [
                        {"type": "string"},
                        {"type": "array", "items": {"type": "string", "minLength": 1}},
                        {"type": "null"},
                    ]
                },
            },
        },
        "document": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "title": _TEXT,
                "date": {"type": ["string", "null"]},
                "date_precision": {"enum": ["year", "month", "day"]},
                "date_action": _TEXT,
                "effective": {"type": ["string", "null"]},
                "issuer": _TEXT,
                "department": _TEXT,
                "instrument": _TEXT,
                "number": {"type": ["integer", "string"]},
                "style": {"enum": list(STYLES)},
                "toc": {"type": "boolean"},
                "preamble": {"type": "array", "items": _TEXT},
                "postscript": {"type": "array", "items": _TEXT},
            },
        },
        "policy": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "networks": {"type": "array", "items": {"enum": list(TIERS)}, "uniqueItems": True},
                "cloud": {"type": "boolean"},
                "social_media": {"type": "boolean"},
                "checks": {
                    "type": "array",
                    "items": {"enum": list(CHECKS)},
                    "minItems": 1,
                    "uniqueItems": True,
                },
                "non_public": {"type": "array", "items": {"enum": list(NON_PUBLIC)}, "uniqueItems": True},
                "assets": {"enum": ["listed", "all"]},
                "other_rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
            },
        },
        "changes": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "omit": {"type": "array", "items": _ID},
                "overrides": {
                    "type": "object",
                    "propertyNames": {"pattern": _MODEL_ID},
                    "additionalProperties": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"heading": _TEXT, "text": _TEXT},
                    },
                },
                "additions": {"type": "array", "items": _addition_schema(True)},
            },
        },
    },
}


@dataclass(frozen=True)
class Addition:
    """A clause of the body's own, placed relative to a model clause; its text is used literally."""

    heading: str = ""
    text: str = ""
    after: str = ""
    before: str = ""
    child_of: str = ""
    children: tuple["Addition", ...] = ()
    where: str = ""  # key path in the profile, for messages


@dataclass(frozen=True)
class Profile:
    """One organization's resolved parameters; every default already applied."""

    name: str
    kind: str
    subkind: str = ""
    self_reference: str = ""
    define_self_reference: bool = False
    subject: str = "職員等"
    subject_definition: str = "職員、臨時・非常勤職員等"
    organs: str = ""
    title: str = ""
    date: str = ""  # display string in 和暦
    date_day: str = ""  # the date to the day when the profile gives one (a 訓令's 公布日)
    date_precision: str = ""  # as the profile sets it; "" lets the instrument and style decide
    date_action: str = "策定"  # numbered style: 「令和8年3月　策定」
    effective: str = ""  # 施行日 in 和暦 to the day, for the 附則 of an article-style document
    instrument: str = ""  # 訓令, 規則, 規程 …
    issuer: str = ""
    department: str = ""
    number: str = ""
    style: Style = "numbered"
    toc: bool = False
    preamble: tuple[str, ...] = ()
    postscript: tuple[str, ...] = ()
    networks: tuple[str, ...] = TIERS
    cloud: bool = True
    social_media: bool = True
    checks: tuple[str, ...] = ("audit", "self_inspection")
    non_public: tuple[str, ...] = ("procedures",)
    assets: str = "listed"
    other_rules: tuple[str, ...] = ()
    omit: tuple[str, ...] = ()
    overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    additions: tuple[Addition, ...] = ()
    source: str = "profile"


def join_and(items: list[str] | tuple[str, ...]) -> str:
    """Join words the way statutes list them: ["A", "B", "C"] → "A、B及びC"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "及び" + items[-1]


def derive_self_reference(kind: str, name: str, subkind: str = "") -> str:
    """Return how the body names itself in its own policy: 本市, 本県, 本組合, 本市議会 …"""
    if kind == "prefecture":
        char = name[-1] if name and name[-1] in PREFECTURE_CHARS else "県"
        return f"本{char}"
    if kind in KIND_CHAR:
        return f"本{KIND_CHAR[kind]}"
    if kind == "joint_body":
        if subkind in JOINT_SUBKINDS:
            return f"本{JOINT_SUBKINDS[subkind]}"
        for word in ("広域連合", "協議会", "組合"):
            if word in name:
                return f"本{word}"
        return "本組合"
    if kind == "council":
        stem = name[: -len("議会")] if name.endswith("議会") else ""
        if stem and stem[-1] in "市区町村" + PREFECTURE_CHARS:
            return f"本{stem[-1]}議会"
        if subkind == "prefecture":
            return "本県議会"
        return f"本{KIND_CHAR.get(subkind or 'city', '市')}議会"
    raise PolicygenError(f"unknown kind {kind!r}")


# Instruments whose text names itself by the instrument (「この規則」) rather than 「この基本方針」.
SELF_NAMED_INSTRUMENTS = ("規則", "規程")


def policy_noun(instrument: str) -> str:
    """Return what the text calls itself: 規則 or 規程 for those instruments, else 基本方針."""
    return instrument if instrument in SELF_NAMED_INSTRUMENTS else "基本方針"


def default_title(name: str, instrument: str = "") -> str:
    """Return the title a body's policy takes by default: ○○市情報セキュリティ基本方針 / ○○市情報セキュリティ規則."""
    noun = policy_noun(instrument)
    return f"{name}情報セキュリティ{noun}"


def default_tiers(kind: str) -> tuple[str, ...]:
    """Return the network tiers a body of this kind usually runs itself."""
    if kind == "council":
        return ()  # the assembly uses the executive's network
    if kind == "joint_body":
        return ("internet",)
    return TIERS


def display_date(value: str, precision: str | None, where: str) -> str:
    """Turn "2026-03-01" / "2026-03" into 和暦 ("令和8年3月"); other text is kept as written."""
    from policygen.ja.wareki import to_wareki

    parts = value.split("-")
    if not (2 <= len(parts) <= 3 and all(p.isdigit() for p in parts)):
        return value  # already a display string such as 「令和8年3月」
    try:
        numbers = [int(p) for p in parts]
        date = dt.date(numbers[0], numbers[1], numbers[2] if len(numbers) == 3 else 1)
        if precision is None:
            precision = "month"
        elif precision == "day" and len(parts) == 2:
            raise ValueError("date_precision day needs a full date YYYY-MM-DD")
        return to_wareki(date, precision)
    except ValueError as exc:
        raise PolicygenError(f"{where}: expected a date YYYY-MM-DD or YYYY-MM; got {value!r} ({exc})") from None


def _day_date(value: Any, where: str, *, required: bool = False) -> str:
    """Return a YYYY-MM-DD date in 和暦 to the day (令和8年4月1日); "" when it has no day, unless required."""
    if not value:
        return ""
    text = str(value)
    if text.count("-") == 2 and text.replace("-", "").isdigit():
        return display_date(text, "day", where)
    if required:
        if text.endswith("日") and "年" in text:
            return text  # already written in 和暦: 「令和8年4月1日」
        raise PolicygenError(f"{where}: expected a date YYYY-MM-DD; got {text!r}")
    return ""


def _dates_to_text(value: Any) -> Any:
    """Return the YAML data with date objects written as ISO text, so the schema sees plain types."""
    if isinstance(value, dict):
        return {k: _dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def _key_path(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {bool: "a boolean", int: "a number", float: "a number", str: "text", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )


def _describe(error) -> str:
    """Return one line saying where the first schema error is and what was expected."""
    path = _key_path(error.absolute_path)
    where = path or "top level"
    validator, expected, instance = error.validator, error.validator_value, error.instance
    if validator == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(error.schema.get("properties", {})))
        return f"{where}: unknown key {extra[0]!r} (expected one of {allowed})"
    if validator == "required":
        missing = [k for k in expected if k not in instance]
        return f"{where}: missing required key {missing[0]!r}"
    if validator == "enum":
        return f"{where}: expected one of {', '.join(map(str, expected))}; got {instance!r}"
    if validator == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{where}: expected {wanted}; got {_type_name(instance)} {instance!r}"
    if validator == "oneOf" and path.endswith("organs"):
        return f"{where}: expected text or a list of texts; got {_type_name(instance)} {instance!r}"
    if validator == "pattern":
        return f"{where}: expected a model clause ID such as 6.3.1; got {instance!r}"
    if validator == "propertyNames":
        return f"{where}: keys must be model clause IDs such as 6.3.1; got {instance!r}"
    return f"{where}: {error.message}"


def validate(data: Any, source: str) -> None:
    """Raise PolicygenError naming the file, key path and expectation of the first schema error."""
    import jsonschema  # type: ignore[import-untyped]

    if not isinstance(data, dict):
        raise PolicygenError(f"{source}: expected a mapping of keys (organization, document, …); got {_type_name(data)}")
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    if errors:
        first = jsonschema.exceptions.best_match(errors)
        raise PolicygenError(f"{source}: {_describe(first)}")


def _additions(items: list[dict], where: str, positioned: bool) -> tuple[Addition, ...]:
    out = []
    for index, item in enumerate(items):
        here = f"{where}[{index}]"
        places = [k for k in ("after", "before", "child_of") if k in item]
        if positioned and len(places) != 1:
            raise PolicygenError(f"{here}: expected exactly one of after, before, child_of; got {len(places)}")
        if not item.get("heading") and not item.get("text") and not item.get("children"):
            raise PolicygenError(f"{here}: expected heading or text; got neither")
        out.append(
            Addition(
                heading=item.get("heading", ""),
                text=item.get("text", ""),
                after=item.get("after", ""),
                before=item.get("before", ""),
                child_of=item.get("child_of", ""),
                children=_additions(item.get("children", []), f"{here}.children", False),
                where=here,
            )
        )
    return tuple(out)


def profile_from_data(data: Any, source: str = "profile") -> Profile:
    """Check profile data (as loaded from YAML) and return it with every default applied."""
    data = _dates_to_text(data)
    validate(data, source)
    org = data["organization"]
    doc = data.get("document") or {}
    pol = data.get("policy") or {}
    chg = data.get("changes") or {}
    kind, name = org["kind"], org["name"]
    subkind = org.get("subkind", "")
    if subkind and kind == "joint_body" and subkind not in JOINT_SUBKINDS:
        raise PolicygenError(
            f"{source}: organization.subkind: expected one of {', '.join(JOINT_SUBKINDS)} for a joint_body; got {subkind!r}"
        )
    if subkind and kind == "council" and subkind not in COUNCIL_SUBKINDS:
        raise PolicygenError(
            f"{source}: organization.subkind: expected one of {', '.join(COUNCIL_SUBKINDS)} for a council; got {subkind!r}"
        )
    if subkind and kind not in ("joint_body", "council"):
        raise PolicygenError(f"{source}: organization.subkind: only a joint_body or a council has a subkind; got {subkind!r}")
    self_reference = org.get("self_reference") or derive_self_reference(kind, name, subkind)
    council = kind == "council"
    organs = org.get("organs")
    if isinstance(organs, list):
        organs = join_and(organs)
    number = doc.get("number", "")
    instrument = doc.get("instrument", "")
    if isinstance(number, int):
        number = f"{instrument}第{number}号" if instrument else f"第{number}号"
    elif instrument and not number:
        number = instrument
    return Profile(
        name=name,
        kind=kind,
        subkind=subkind,
        self_reference=self_reference,
        define_self_reference=org.get("define_self_reference", kind == "joint_body"),
        subject=org.get("subject", "議員等" if council else "職員等"),
        subject_definition=org.get("subject_definition", ""),  # kind default needs the style: see template
        organs=organs or "",
        title=doc.get("title") or default_title(name, instrument),
        date=display_date(doc["date"], doc.get("date_precision"), f"{source}: document.date") if doc.get("date") else "",
        date_day=_day_date(doc.get("date"), f"{source}: document.date"),
        date_precision=doc.get("date_precision", ""),
        date_action=doc.get("date_action", "策定"),
        effective=_day_date(doc.get("effective"), f"{source}: document.effective", required=True),
        instrument=instrument,
        issuer=doc.get("issuer", ""),
        department=doc.get("department", ""),
        number=str(number),
        style=doc.get("style", "numbered"),
        toc=doc.get("toc", False),
        preamble=tuple(doc.get("preamble", ())),
        postscript=tuple(doc.get("postscript", ())),
        networks=tuple(t for t in TIERS if t in pol.get("networks", default_tiers(kind))),
        cloud=pol.get("cloud", True),
        social_media=pol.get("social_media", True),
        checks=tuple(c for c in CHECKS if c in pol.get("checks", ["self_inspection"] if council else list(CHECKS))),
        non_public=tuple(
            d for d in NON_PUBLIC if d in pol.get("non_public", list(NON_PUBLIC) if council else ["procedures"])
        ),
        assets=pol.get("assets", "listed"),
        other_rules=tuple(pol.get("other_rules", ())),
        omit=tuple(chg.get("omit", ())),
        overrides={k: dict(v) for k, v in (chg.get("overrides") or {}).items()},
        additions=_additions(chg.get("additions", []), f"{source}: changes.additions", True),
        source=source,
    )


def load_profile(path: str | Path) -> Profile:
    """Read a YAML profile file and return the checked Profile; any problem is one PolicygenError line."""
    from policygen.limits import load_yaml, read_input

    path = Path(path)
    source = str(path)
    raw = read_input(path, what="profile")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PolicygenError(f"{source}: expected UTF-8 text") from None
    data = load_yaml(text, source)
    if data is None:
        raise PolicygenError(f"{source}: the profile is empty (expected at least organization.name and kind)")
    return profile_from_data(data, source)


def default_profile(kind: str, subkind: str = "") -> Profile:
    """Return a profile of this kind with sample names and every default: for checks and for compare."""
    if kind not in KINDS:
        raise PolicygenError(f"kind: expected one of {', '.join(KINDS)}; got {kind!r}")
    name = _JOINT_NAMES.get(subkind, "○○組合") if kind == "joint_body" else _SAMPLE_NAMES[kind]
    org: dict[str, Any] = {"name": name, "kind": kind, "organs": SAMPLE_ORGANS[kind]}
    if subkind:
        org["subkind"] = subkind
    return profile_from_data({"organization": org}, f"default {kind} profile")


# Organs in scope (model 4(1)) as each kind typically lists them: a starting point to edit.
SAMPLE_ORGANS: dict[str, list[str]] = {
    "prefecture": ["知事部局", "行政委員会", "議会事務局", "企業局", "病院局"],
    "city": ["内部部局", "行政委員会", "議会事務局", "消防本部", "地方公営企業"],
    "special_ward": ["内部部局", "行政委員会", "議会事務局"],
    "town": ["内部部局", "行政委員会", "議会事務局", "地方公営企業"],
    "village": ["内部部局", "行政委員会", "議会事務局"],
    "council": ["議会", "議会事務局"],
    "joint_body": ["事務局", "監査委員", "議会"],
}


_SAMPLE_NAMES = {
    "prefecture": "○○県",
    "city": "○○市",
    "special_ward": "○○区",
    "town": "○○町",
    "village": "○○村",
    "council": "○○市議会",
}
_JOINT_NAMES = {"union": "○○組合", "regional_union": "○○広域連合", "consultative_council": "○○協議会"}
_COUNCIL_NAMES = {"prefecture": "○○県議会", "city": "○○市議会", "special_ward": "○○区議会",
                  "town": "○○町議会", "village": "○○村議会"}
_ISSUERS = {"prefecture": "○○県知事", "city": "○○市長", "special_ward": "○○区長", "town": "○○町長",
            "village": "○○村長"}
_JOINT_ISSUERS = {"union": "○○組合管理者", "regional_union": "○○広域連合長", "consultative_council": "○○協議会会長"}


def _yaml_list(items) -> str:
    return "[" + ", ".join(items) + "]"


def starter_yaml(kind: str, subkind: str = "") -> str:
    """Return a commented starter profile for a kind of body that loads and renders as it is."""
    if kind not in KINDS:
        raise PolicygenError(f"--kind: expected one of {', '.join(KINDS)}; got {kind!r}")
    if kind == "joint_body":
        subkind = subkind or "union"
        if subkind not in JOINT_SUBKINDS:
            raise PolicygenError(f"--subkind: expected one of {', '.join(JOINT_SUBKINDS)} for a joint_body; got {subkind!r}")
        name, issuer = _JOINT_NAMES[subkind], _JOINT_ISSUERS[subkind]
    elif kind == "council":
        subkind = subkind or "city"
        if subkind not in COUNCIL_SUBKINDS:
            raise PolicygenError(f"--subkind: expected one of {', '.join(COUNCIL_SUBKINDS)} for a council; got {subkind!r}")
        name = _COUNCIL_NAMES[subkind]
        issuer = name + "議長"
    elif subkind:
        raise PolicygenError(f"--subkind: only a joint_body or a council has a subkind; got {subkind!r}")
    else:
        name, issuer = _SAMPLE_NAMES[kind], _ISSUERS[kind]
    council = kind == "council"
    selfref = derive_self_reference(kind, name, subkind)
    subject = "議員等" if council else "職員等"
    checks = ["self_inspection"] if council else list(CHECKS)
    non_public = list(NON_PUBLIC) if council else ["procedures"]
    organs = SAMPLE_ORGANS[kind]
    lines = [
        f"# policygen profile: {kind}{' / ' + subkind if subkind else ''}",
        "# 組織ごとの実際の条件だけを書きます。条文の文言はモデル（総務省ガイドラインの例文）から生成されます。",
        "# Write only the real facts of your body; the clause text comes from the MIC model.",
        "# 確認 / check:  policygen render THIS_FILE            (Markdown to the screen)",
        "#               policygen render THIS_FILE -o draft.docx -o draft.md",
        "",
        "organization:",
        "  # 団体名（本文に書くとおり） / the body's name as written in the text",
        f"  name: {name}",
        "  # 団体の種類 / kind: prefecture | city | special_ward | town | village | council | joint_body",
        f"  kind: {kind}",
    ]
    if kind == "joint_body":
        lines += [
            "  # 一部事務組合 union | 広域連合 regional_union | 協議会 consultative_council",
            f"  subkind: {subkind}",
        ]
    elif council:
        lines += [
            "  # どの団体の議会か / whose assembly: prefecture | city | special_ward | town | village",
            f"  subkind: {subkind}",
        ]
    lines += [
        f"  # 自団体の呼び方（種類と名称から自動：{selfref}） / self-reference, derived; uncomment to override",
        f"  # self_reference: {selfref}",
        "  # 目的で正式名称を示して略称を定義するか（「○○（以下「本組合」という。）」） / introduce the name in 1",
        f"  define_self_reference: {'true' if kind == 'joint_body' else 'false'}",
        f"  # 遵守義務を負う者の呼び方 / who must comply (5): {subject}",
        f"  subject: {subject}",
        "  # その範囲（「（以下「…」という。）」の前） / who that is, written before 「（以下「…」という。）」",
        f"  # subject_definition: {f'{selfref}議員及び{selfref}の職員' if council else '職員、臨時・非常勤職員等'}",
        "  # 適用される機関（4(1)）。一覧は「、」「及び」で結ばれます。空にすると4(1)を置きません。",
        "  # organs in scope (4(1)): a list joined 「A、B及びC」, or one phrase; empty drops 4(1)",
        f"  organs: {_yaml_list(organs)}",
        "",
        "document:",
        "  # 表題 / title (default: name + 情報セキュリティ基本方針; instrument 規則 → name + 情報セキュリティ規則)",
        f"  # title: {name}情報セキュリティ基本方針",
        "  # 制定日（和暦で表示） / date, shown in 和暦: 2026-04-01 → 令和8年4月 (訓令・規則は令和8年4月1日)",
        "  # date: 2026-04-01",
        "  # 日付の精度 / date precision: year | month | day (default: day for a 訓令 or 規則, else month)",
        "  # date_precision: month",
        "  # 日付に続く語（例文体裁） / the verb after the date in numbered style: 策定 | 改定",
        "  # date_action: 策定",
        "  # 施行日（例規体裁の附則「この訓令は、令和8年4月1日から施行する。」; 既定は制定日）",
        "  # effective date of the 附則 in article style (default: the date, when it has a day)",
        "  # effective: 2026-04-01",
        "  # 制定者・担当課 / issuer and department (shown under the title; leave empty to omit)",
        f"  issuer: {issuer}",
        "  department: ''",
        "  # 例規の種類と番号（「訓令第5号」）。規則・規程は本文で「この規則」と自称します。",
        "  # instrument and number; a 規則 or 規程 calls itself 「この規則」 in its text",
        "  # instrument: 訓令",
        "  # number: 5",
        "  # 体裁 / style: numbered（例文どおり「1 目的」） | article（例規：「(目的) 第1条」）",
        "  style: numbered",
        "  # 目次をつけるか / table of contents",
        "  toc: false",
        "",
        "policy:",
        "  # 運用しているネットワーク（三層の対策） / network tiers run by the body: mynumber, lgwan, internet",
        f"  networks: {_yaml_list(default_tiers(kind))}",
        "  # 外部サービス（クラウドサービス）を利用するか / uses cloud services (6(8) second paragraph)",
        "  cloud: true",
        "  # ソーシャルメディアを運用するか / runs social-media accounts (6(8) third paragraph)",
        "  social_media: true",
        "  # 監査・自己点検 / checks: audit（情報セキュリティ監査） and/or self_inspection（自己点検）",
        f"  checks: {_yaml_list(checks)}",
        "  # 非公開とする文書 / documents kept non-public: standards（対策基準）, procedures（実施手順）",
        f"  non_public: {_yaml_list(non_public)}",
        "  # 対象とする情報資産 / assets in scope: listed（例文の①②③） | all（保有する情報資産すべて）",
        "  assets: listed",
        "  # 遵守すべきその他の規程 / other rules staff must obey besides the policy and procedures",
        "  other_rules: []",
        "",
        "changes:",
        "  # 置かない条項（モデルのID、model-ids.md） / model clause IDs the body does not have, e.g. ['6.9']",
        "  omit: []",
        "  # 条項の独自の文言（そのまま使われます） / the body's own wording for a clause, used literally",
        "  overrides: {}",
        "  #   '6.4': {text: サーバ、通信回線及び職員等のパソコン等の管理について、物理的な対策を講じる。}",
        "  # 独自の条項の追加 / the body's own clauses: after | before | child_of a model ID",
        "  additions: []",
        "  #   - child_of: '5'",
        "  #     text: 情報セキュリティポリシーに違反した者については、…対応を行うものとする。",
        "",
    ]
    return "\n".join(lines)
