"""Profiles: derived defaults, 和暦 dates, and one-line errors for bad input."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from policygen.errors import PolicygenError
from policygen.ja.wareki import to_wareki
from policygen.generate.profile import (
    KINDS,
    derive_self_reference,
    load_profile,
    profile_from_data,
    starter_yaml,
)


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (dt.date(2026, 3, 1), "month", "令和8年3月"),
        (dt.date(2026, 3, 1), "day", "令和8年3月1日"),
        (dt.date(2026, 3, 1), "year", "令和8年"),
        (dt.date(2019, 5, 1), "day", "令和元年5月1日"),
        (dt.date(2019, 4, 30), "day", "平成31年4月30日"),
        (dt.date(1989, 1, 7), "day", "昭和64年1月7日"),
        (dt.date(1989, 1, 8), "day", "平成元年1月8日"),
        (dt.date(2009, 4, 1), "month", "平成21年4月"),
        (dt.date(1926, 12, 25), "day", "昭和元年12月25日"),
    ],
)
def test_wareki(date, precision, expected):
    assert to_wareki(date, precision) == expected


def _org(**extra):
    return {"organization": {"name": "五所川原市", "kind": "city", **extra}}


def test_yaml_date_becomes_wareki(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("organization: {name: 五所川原市, kind: city}\ndocument: {date: 2026-03-01}\n", encoding="utf-8")
    assert load_profile(path).date == "令和8年3月"
    path.write_text(
        "organization: {name: 五所川原市, kind: city}\ndocument: {date: 2019-05-01, date_precision: day}\n",
        encoding="utf-8",
    )
    assert load_profile(path).date == "令和元年5月1日"


def test_day_precision_needs_a_day():
    with pytest.raises(PolicygenError, match="document.date"):
        profile_from_data({**_org(), "document": {"date": "2026-03", "date_precision": "day"}}, "p.yaml")


@pytest.mark.parametrize(
    ("kind", "name", "subkind", "expected"),
    [
        ("prefecture", "青森県", "", "本県"),
        ("prefecture", "東京都", "", "本都"),
        ("prefecture", "大阪府", "", "本府"),
        ("prefecture", "北海道", "", "本道"),
        ("city", "五所川原市", "", "本市"),
        ("special_ward", "千代田区", "", "本区"),
        ("town", "○○町", "", "本町"),
        ("village", "○○村", "", "本村"),
        ("council", "鎌倉市議会", "", "本市議会"),
        ("council", "○○町議会", "", "本町議会"),
        ("council", "北海道議会", "", "本道議会"),
        ("council", "議会", "village", "本村議会"),
        ("joint_body", "群馬県市町村会館管理組合", "", "本組合"),
        ("joint_body", "○○", "regional_union", "本広域連合"),
        ("joint_body", "東京電子自治体共同運営協議会", "", "本協議会"),
    ],
)
def test_self_reference_from_kind_and_name(kind, name, subkind, expected):
    assert derive_self_reference(kind, name, subkind) == expected


def test_derived_values_and_overrides():
    council = profile_from_data({"organization": {"name": "鎌倉市議会", "kind": "council"}})
    assert (council.self_reference, council.subject, council.checks) == ("本市議会", "議員等", ("self_inspection",))
    assert council.non_public == ("standards", "procedures")
    assert council.networks == ()
    joint = profile_from_data({"organization": {"name": "○○組合", "kind": "joint_body"}})
    assert joint.networks == ("internet",) and joint.define_self_reference
    city = profile_from_data(_org(self_reference="当市", subject="職員"))
    assert (city.self_reference, city.subject) == ("当市", "職員")
    numbered = profile_from_data({**_org(), "document": {"instrument": "訓令", "number": 5}})
    assert numbered.number == "訓令第5号"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_org(nmae="x"), "p.yaml: organization: unknown key 'nmae' (expected one of name, kind,"),
        ({"organization": {"name": "x", "kind": "cty"}}, "p.yaml: organization.kind: expected one of prefecture, city, "),
        ({"organization": {"kind": "city"}}, "p.yaml: organization: missing required key 'name'"),
        ({**_org(), "document": {"toc": "yes"}}, "p.yaml: document.toc: expected boolean; got text 'yes'"),
        ({**_org(), "policy": {"networks": ["lgwan", "wifi"]}}, "p.yaml: policy.networks[1]: expected one of mynumber"),
        ({**_org(), "policy": {"checks": []}}, "p.yaml: policy.checks: "),
        ({**_org(), "colour": 1}, "p.yaml: top level: unknown key 'colour'"),
        ({**_org(), "changes": {"omit": ["six"]}}, "p.yaml: changes.omit[0]: expected a model clause ID"),
        (
            {**_org(), "changes": {"additions": [{"after": "5", "child_of": "6", "text": "x"}]}},
            "p.yaml: changes.additions[0]: expected exactly one of after, before, child_of; got 2",
        ),
        (
            {"organization": {"name": "x", "kind": "joint_body", "subkind": "town"}},
            "p.yaml: organization.subkind: expected one of union, regional_union, consultative_council",
        ),
        (["a list"], "p.yaml: expected a mapping of keys"),
    ],
)
def test_bad_profile_is_one_line(data, expected):
    with pytest.raises(PolicygenError) as info:
        profile_from_data(data, "p.yaml")
    message = str(info.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_bad_files(tmp_path):
    with pytest.raises(PolicygenError, match=r"nothere.yaml: no such file"):
        load_profile(tmp_path / "nothere.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("organization:\n  name: [x\n  kind: city\n", encoding="utf-8")
    with pytest.raises(PolicygenError, match=r"broken.yaml: line \d+, column \d+: invalid YAML"):
        load_profile(broken)
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(PolicygenError, match="empty"):
        load_profile(empty)


@pytest.mark.parametrize("kind", KINDS)
def test_starter_is_valid_yaml_with_bilingual_comments(kind):
    text = starter_yaml(kind)
    profile = profile_from_data(yaml.safe_load(text), "starter")
    assert profile.kind == kind
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert any("団体" in c for c in comments) and any("kind" in c for c in comments)


def test_starter_refuses_bad_subkind():
    with pytest.raises(PolicygenError, match="--subkind"):
        starter_yaml("city", "union")
