"""Write Gregorian dates in the Japanese era calendar (和暦): 2026-03-01 → 令和8年3月."""

from __future__ import annotations

import datetime as dt

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


def era_of(date: dt.date) -> tuple[str, int]:
    """Return the era name and the year within it: date(2019, 5, 1) → ("令和", 1)."""
    for name, start in ERAS:
        if date >= start:
            first_year = 1868 if name == "明治" else start.year
            return name, date.year - first_year + 1
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
