"""Day numbers: whole days since 1970-01-01, the integer the planner does arithmetic
on."""

from __future__ import annotations

from datetime import date, timedelta

EPOCH = date(1970, 1, 1)


def to_day(on: date) -> int:
    """The day number of a date (1970-01-01 is 0)."""
    return (on - EPOCH).days


def from_day(day: int) -> date:
    """The date of a day number."""
    return EPOCH + timedelta(days=day)
