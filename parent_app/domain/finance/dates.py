"""Calendar rules for the finance review: months, the due week, childcare terms.

Sources (see ../shared/facts):
- leave-and-pay-rules.md §1: a week runs Sunday to Saturday; the expected week of
  childbirth (EWC) is the week containing the due date; the qualifying week (QW) is the
  15th week before the EWC, so QW_end = EWC_start - 15 weeks + 6 days;
- uk-facts.md TL-13: the childcare code must be held by 31 December (child 9 months old
  between 1 September and 31 December, place from January), 31 March (1 January - 31
  March, place from April) or 31 August (1 April - 31 August, place from September).

"N months after" a date follows the usual calendar convention: the same day of the month
N months later, or the last day of that month when it is shorter (31 August + 6 months
is 28 February, or 29 February in a leap year; 29 February + 6 months is 29 August).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def add_months(on: date, months: int) -> date:
    """The same day `months` calendar months later, clamped to a short month's end."""
    month_index = on.month - 1 + months
    year, month = on.year + month_index // 12, month_index % 12 + 1
    day = min(on.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def expected_week_start(due_on: date) -> date:
    """The Sunday that starts the expected week of childbirth (the week holding the due
    date).
    """
    days_since_sunday = (due_on.weekday() + 1) % 7
    return due_on - timedelta(days=days_since_sunday)


def qualifying_week_end(due_on: date) -> date:
    """The Saturday ending the 15th week before the due week: the notice deadline."""
    return expected_week_start(due_on) - timedelta(weeks=15) + timedelta(days=6)


def weeks_before_due_week(due_on: date, weeks: int) -> date:
    """The Sunday `weeks` weeks before the due week starts (11: the SSMG window)."""
    return expected_week_start(due_on) - timedelta(weeks=weeks)


@dataclass(frozen=True)
class CodeDeadline:
    """The last day to get a childcare code, and the term the place can start in."""

    deadline_on: date
    term_starts: str


def _term_deadline(on: date) -> CodeDeadline:
    if on.month >= 9:
        return CodeDeadline(date(on.year, 12, 31), f"January {on.year + 1}")
    if on.month <= 3:
        return CodeDeadline(date(on.year, 3, 31), f"April {on.year}")
    return CodeDeadline(date(on.year, 8, 31), f"September {on.year}")


def childcare_code_deadline(eligible_on: date, today: date) -> CodeDeadline:
    """The next code deadline for a place from the term after `eligible_on`.

    `eligible_on` is the day the child reaches the age the place is wanted from (9
    months at the earliest). When that term's deadline has passed, the next term's
    deadline is given: a missed term is not a missed entitlement.
    """
    found = _term_deadline(eligible_on)
    while found.deadline_on < today:
        found = _term_deadline(found.deadline_on + timedelta(days=1))
    return found


def long_date(on: date) -> str:
    """A date as people write it: 13 October 2026."""
    return f"{on.day} {MONTH_NAMES[on.month - 1]} {on.year}"
