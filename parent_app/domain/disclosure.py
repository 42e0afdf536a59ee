"""Disclosure control for published counts: a count from 1 to 7 is suppressed and any
other is rounded to the nearest 5 (a half rounds up), so no figure can point at one
family. Zero is shown as zero: nobody is in it."""

from __future__ import annotations

SUPPRESS_UP_TO = 7
ROUND_TO = 5


def disclose(count: int) -> int | None:
    """The count as published: None when suppressed, else rounded to the nearest 5."""
    if count < 0:
        raise ValueError("a count is never negative")
    if count == 0:
        return 0
    if count <= SUPPRESS_UP_TO:
        return None
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO


def month_of(year: int, month: int) -> str:
    """The calendar month a figure is kept under: "YYYY-MM"."""
    return f"{year:04d}-{month:02d}"
