"""The Japanese era calendar (和暦): write a date in it (2026-03-01 → 令和8年3月) and read one back."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# First day of each era, newest first. Dates before 明治6年 (the switch to the solar calendar) are
# not expected in policies and are refused.
ERAS: tuple[tuple[str, dt.date], ...] = (
    ("令和", dt.date(2019, 5, 1)),
    ("平成", dt.date(1989, 1, 8)),
    ("昭和", dt.date(1926, 12, 25)),
    ("大正", dt.date(1912, 7, 30)),
    ("明治", dt.date(1873, 1, 1)),
)

PRECISIONS = ("year", "month", "day")
# The era names as a regular-expression alternation, for readers that look for a date.
ERA_NAMES = "|".join(name for name, _ in ERAS)

_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_WAREKI = re.compile(rf"({ERA_NAMES})\s*(元|\d+)\s*年(?:\s*(\d+)\s*月(?:\s*(\d+)\s*日)?)?")


def _first_year(era: str) -> int:
    """Return the Gregorian year of an era's year 1 (明治 counts from 1868, before the solar calendar)."""
    return 1868 if era == "明治" else dict(ERAS)[era].year


def era_of(date: dt.date) -> tuple[str, int]:
    """Return the era name and the year within it: date(2019, 5, 1) → ("令和", 1)."""
    for name, start in ERAS:
        if date >= start:
            return name, date.year - _first_year(name) + 1
    raise ValueError(f"{date.isoformat()} is before the eras this module writes")


def to_wareki(date: dt.date, precision: str = "month") -> str:
    """Return the date in 和暦 to year, month or day: 2026-03-01 → "令和8年3月"; year 1 reads 元年.

    >>> to_wareki(dt.date(2019, 5, 1), "day")
    '令和元年5月1日'
    >>> to_wareki(dt.date(2019, 4, 30))
    '平成31年4月'
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}")
    era, year = era_of(date)
    text = f"{era}{'元' if year == 1 else year}年"
    if precision in ("month", "day"):
        text += f"{date.month}月"
    if precision == "day":
        text += f"{date.day}日"
    return text


def parse_date(text: str) -> dt.date | None:
    """Return the date an ISO or 和暦 string names (missing month or day read as 1), or None."""
    text = unicodedata.normalize("NFKC", text)
    try:
        if match := _ISO.search(text):
            year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
            return dt.date(year, month, day)
        if match := _WAREKI.search(text):
            year = _first_year(match[1]) + (1 if match[2] == "元" else int(match[2])) - 1
            return dt.date(year, int(match[3] or 1), int(match[4] or 1))
    except ValueError:
        return None
    return None
