"""Kinds of body (city, town, joint body, council …): their codes and the Japanese words that name them."""

from __future__ import annotations

from typing import Literal, get_args

BodyKind = Literal["prefecture", "city", "special_ward", "town", "village", "council", "joint_body"]
KINDS: tuple[BodyKind, ...] = get_args(BodyKind)
# Whose assembly a council is, and what kind of joint body a joint_body is; a joint body's word is how it
# names itself (本組合, 本広域連合).
COUNCIL_SUBKINDS: tuple[str, ...] = ("prefecture", "city", "special_ward", "town", "village")
JOINT_SUBKINDS = {"union": "組合", "regional_union": "広域連合", "consultative_council": "協議会"}

# The kinds and joint-body subkinds in the words a local government uses, for readers of reports and the site.
KIND_JA: dict[str, str] = {
    "city": "市",
    "town": "町",
    "village": "村",
    "special_ward": "特別区",
    "prefecture": "都道府県",
    "joint_body": "一部事務組合・広域連合・協議会",
    "council": "議会",
}
SUBKIND_JA = {"union": "一部事務組合", "regional_union": "広域連合", "consultative_council": "協議会"}

# The character that names each kind of municipality in 「本市」「本町」…; a prefecture is one of 都道府県.
KIND_CHAR = {"city": "市", "special_ward": "区", "town": "町", "village": "村"}
PREFECTURE_CHARS = "都道府県"

# Words that make a body a joint body or a council wherever they stand in its name, longest first
# (協議会 contains 議会; 一部事務組合 contains 組合).
NAME_WORDS: tuple[tuple[str, BodyKind], ...] = (
    ("一部事務組合", "joint_body"),
    ("事務組合", "joint_body"),
    ("広域連合", "joint_body"),
    ("協議会", "joint_body"),
    ("企業団", "joint_body"),
    ("組合", "joint_body"),
    ("議会", "council"),
)
# Short names a body gives itself (「(以下「組合」という。)」), and the self-references 本X / 当X.
SHORT_NAMES: dict[str, BodyKind] = {
    "都": "prefecture",
    "道": "prefecture",
    "府": "prefecture",
    "県": "prefecture",
    "区": "special_ward",
    "市": "city",
    "町": "town",
    "村": "village",
    "組合": "joint_body",
    "企業団": "joint_body",
    "広域連合": "joint_body",
    "連合": "joint_body",
    "協議会": "joint_body",
    "議会": "council",
    "市議会": "council",
    "町議会": "council",
    "村議会": "council",
    "区議会": "council",
    "県議会": "council",
    "都議会": "council",
    "府議会": "council",
    "道議会": "council",
}
# The last character of a local government's own name: the one-character short names.
NAME_ENDINGS: tuple[tuple[str, BodyKind], ...] = tuple((w, k) for w, k in SHORT_NAMES.items() if len(w) == 1)

# Kinds of body as they follow 本/当 in a self-reference, longest first so 本市議会 wins over 本市.
COUNCIL_FORMS = ("都議会", "道議会", "府議会", "県議会", "市議会", "区議会", "町議会", "村議会")
BODY_FORMS = ("広域連合", "一部事務組合", "協議会", "組合", "都", "道", "府", "県", "市", "区", "町", "村")
ORG_SUFFIXES = COUNCIL_FORMS + ("議会",) + BODY_FORMS
