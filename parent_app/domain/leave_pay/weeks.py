"""Calendar conventions of statutory pay: Sunday-to-Saturday weeks and month helpers.

Source: leave-and-pay-rules.md §1 (smart-answers `maternity_pay_calculator.rb`,
`maternity_paternity_pay_leave_calculator.rb`, `date_helper.rb`). A statutory week runs
Sunday to Saturday; weekday numbers here are Sunday = 0 ... Saturday = 6, as in the
employer calculator's questions.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

WEEK = timedelta(days=7)


def weekday_sun0(day: date) -> int:
    """The weekday number with Sunday = 0 ... Saturday = 6."""
    return (day.weekday() + 1) % 7


def weeks(count: int) -> timedelta:
    """A duration of `count` whole weeks."""
    return timedelta(days=7 * count)


def sunday_on_or_before(day: date) -> date:
    """The Sunday that starts the statutory week containing `day`."""
    return day - timedelta(days=weekday_sun0(day))


def saturday_before(day: date) -> date:
    """The Saturday ending the week *before* the week of `day` (parent tool's helper).

    Even when `day` is itself a Saturday the answer is the Saturday a week earlier.
    """
    return sunday_on_or_before(day) - timedelta(days=1)


def first_sunday_of_april(year: int) -> date:
    """The first Sunday in April: statutory pay rates change from this day."""
    first = date(year, 4, 1)
    return first + timedelta(days=(7 - weekday_sun0(first)) % 7)


def last_day_of_month(year: int, month: int) -> date:
    """The last calendar day of the month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def day_in_month(year: int, month: int, day_of_month: int) -> date:
    """Day `day_of_month` of the month, or its last day when the month is shorter."""
    last = last_day_of_month(year, month)
    return last.replace(day=min(day_of_month, last.day))


def weekdays_in_month(year: int, month: int, weekday: int) -> list[date]:
    """Every date in the month that falls on `weekday` (Sunday = 0)."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - weekday_sun0(first)) % 7)
    found = []
    while day.month == month:
        found.append(day)
        day += WEEK
    return found
