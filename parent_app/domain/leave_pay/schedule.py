"""When statutory pay is paid: weekly from the leave start, or on the employer's usual
paydays.

Source: leave-and-pay-rules.md §6.3 (smart-answers `paydates_*` methods). One deliberate
difference: 2- and 4-weekly paydays follow the employer's cycle until the whole pay
period is covered, where GOV.UK stops 40 weeks after the date entered (DECISIONS.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.weeks import (
    add_months,
    day_in_month,
    last_day_of_month,
    weekday_sun0,
    weekdays_in_month,
)

ONE_DAY = timedelta(days=1)


class PayMethod(StrEnum):
    WEEKLY_FROM_LEAVE_START = "weekly_from_leave_start"
    WEEKLY = "weekly"
    EVERY_2_WEEKS = "every_2_weeks"
    EVERY_4_WEEKS = "every_4_weeks"
    FIRST_DAY_OF_THE_MONTH = "first_day_of_the_month"
    LAST_DAY_OF_THE_MONTH = "last_day_of_the_month"
    SPECIFIC_DATE_EACH_MONTH = "specific_date_each_month"
    LAST_WORKING_DAY_OF_THE_MONTH = "last_working_day_of_the_month"
    A_CERTAIN_WEEK_DAY_EACH_MONTH = "a_certain_week_day_each_month"


# GOV.UK's own names for two of the methods.
PAY_METHOD_ALIASES = {
    "weekly_starting": PayMethod.WEEKLY_FROM_LEAVE_START,
    "monthly": PayMethod.SPECIFIC_DATE_EACH_MONTH,
}


class WeekOfMonth(StrEnum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    FOURTH = "fourth"
    LAST = "last"


def parse_pay_method(name: str) -> PayMethod:
    """A pay method by its name or GOV.UK alias; raises LeavePayError if unknown."""
    if name in PAY_METHOD_ALIASES:
        return PAY_METHOD_ALIASES[name]
    try:
        return PayMethod(name)
    except ValueError:
        raise LeavePayError("pay_schedule.method", "Unknown pay method.") from None


@dataclass(frozen=True)
class PaySchedule:
    """How the employer pays. Weekdays are Sunday = 0 ... Saturday = 6."""

    method: PayMethod = PayMethod.WEEKLY_FROM_LEAVE_START
    pay_date: date | None = None
    day_of_month: int | None = None
    weekday: int | None = None
    week_of_month: WeekOfMonth | None = None
    work_days: frozenset[int] = frozenset()

    def validate(self) -> None:
        """Raise LeavePayError naming the first missing or impossible detail."""
        method = self.method
        if method in (PayMethod.EVERY_2_WEEKS, PayMethod.EVERY_4_WEEKS):
            _require(self.pay_date is not None, "pay_date", "Give one of the paydays.")
        if method is PayMethod.WEEKLY:
            _require(
                self.pay_date is not None or self.weekday is not None,
                "pay_date",
                "Give one of the paydays (or the weekday as `weekday`).",
            )
        if method is PayMethod.SPECIFIC_DATE_EACH_MONTH:
            _require(
                self.day_of_month is not None and 1 <= self.day_of_month <= 31,
                "day_of_month",
                "Give the day of the month, from 1 to 31.",
            )
        if method is PayMethod.A_CERTAIN_WEEK_DAY_EACH_MONTH:
            _require(
                self.weekday is not None, "weekday", "Give the weekday (0 = Sunday)."
            )
            _require(
                self.week_of_month is not None,
                "week_of_month",
                "Give which week of the month.",
            )
        if self.weekday is not None:
            _require(
                0 <= self.weekday <= 6, "weekday", "Weekdays go from 0 (Sunday) to 6."
            )
        if method is PayMethod.LAST_WORKING_DAY_OF_THE_MONTH:
            _require(
                bool(self.work_days), "work_days", "Give the days of the week worked."
            )
        _require(
            all(0 <= day <= 6 for day in self.work_days),
            "work_days",
            "Weekdays go from 0 (Sunday) to 6.",
        )


def _require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise LeavePayError(f"pay_schedule.{field}", message)


def candidate_pay_dates(
    schedule: PaySchedule, spans: Sequence[tuple[date, date]]
) -> list[date]:
    """Paydays in date order that may pay for days in `spans` (start, end inclusive).

    Some may pay nothing (before the pay starts); the payment step drops those.
    Raises LeavePayError when the schedule lacks a detail its method needs.
    """
    schedule.validate()
    start, end = spans[0][0], spans[-1][1]
    method = schedule.method
    if method is PayMethod.WEEKLY_FROM_LEAVE_START:
        return [
            block_start + timedelta(days=offset)
            for block_start, block_end in spans
            for offset in range(6, (block_end - block_start).days + 1, 7)
        ]
    if method is PayMethod.WEEKLY:
        return _weekly(schedule, start, end)
    if method in (PayMethod.EVERY_2_WEEKS, PayMethod.EVERY_4_WEEKS):
        return _every_few_weeks(schedule, start, end)
    if method is PayMethod.FIRST_DAY_OF_THE_MONTH:
        first = start if start.day == 1 else add_months(start, 1)
        return _until_covering(first, end, lambda day: add_months(day, 1))
    if method is PayMethod.LAST_DAY_OF_THE_MONTH:
        return _monthly(
            start, end, lambda month: last_day_of_month(month.year, month.month)
        )
    if method is PayMethod.SPECIFIC_DATE_EACH_MONTH:
        day_of_month = schedule.day_of_month
        assert day_of_month is not None
        return [
            day
            for day in _monthly(
                start,
                end,
                lambda month: day_in_month(month.year, month.month, day_of_month),
            )
            if day >= start
        ]
    if method is PayMethod.LAST_WORKING_DAY_OF_THE_MONTH:
        return _monthly(
            start, end, lambda month: _last_working_day(month, schedule.work_days)
        )
    assert schedule.weekday is not None and schedule.week_of_month is not None
    weekday, week = schedule.weekday, schedule.week_of_month
    return _monthly(start, end, lambda month: _nth_weekday(month, weekday, week))


def _weekly(schedule: PaySchedule, start: date, end: date) -> list[date]:
    """Paid on one weekday (that of the last payday, or the one given): from the first
    such day on or after `start` to the first one a week past `end`."""
    if schedule.pay_date is not None:
        weekday = weekday_sun0(schedule.pay_date)
    else:
        assert schedule.weekday is not None
        weekday = schedule.weekday
    first = start + timedelta(days=(weekday - weekday_sun0(start)) % 7)
    return _every(first, timedelta(days=7), end + timedelta(days=7), inclusive_end=True)


def _every_few_weeks(schedule: PaySchedule, start: date, end: date) -> list[date]:
    """Paid every 2 or 4 weeks counted from the last payday: from the last payday
    before `start` until one covers `end`."""
    assert schedule.pay_date is not None
    step_days = 14 if schedule.method is PayMethod.EVERY_2_WEEKS else 28
    step = timedelta(days=step_days)
    day_before = start - ONE_DAY
    before_start = day_before - timedelta(
        days=(day_before - schedule.pay_date).days % step_days
    )
    return _until_covering(before_start, end, lambda day: day + step)


def _every(
    first: date, step: timedelta, last: date, *, inclusive_end: bool
) -> list[date]:
    found = []
    day = first
    while day < last or (inclusive_end and day == last):
        found.append(day)
        day += step
    return found


def _until_covering(
    first: date, end: date, following: Callable[[date], date]
) -> list[date]:
    """Dates from `first`, each after the last, up to and including the first >= end."""
    found = [first]
    while found[-1] < end:
        found.append(following(found[-1]))
    return found


def _monthly(start: date, end: date, in_month: Callable[[date], date]) -> list[date]:
    """One date a month from the month of `start`, until a date on or after `end`."""
    month = start.replace(day=1)
    found = [in_month(month)]
    while found[-1] < end:
        month = add_months(month, 1)
        found.append(in_month(month))
    return found


def _last_working_day(month: date, work_days: frozenset[int]) -> date:
    day = last_day_of_month(month.year, month.month)
    while weekday_sun0(day) not in work_days:
        day -= ONE_DAY
    return day


def _nth_weekday(month: date, weekday: int, week: WeekOfMonth) -> date:
    days = weekdays_in_month(month.year, month.month, weekday)
    index = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1}[week.value]
    return days[index]
