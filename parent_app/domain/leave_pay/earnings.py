"""Average weekly earnings (AWE) over the relevant period before the qualifying week.

Source: leave-and-pay-rules.md §3 (smart-answers `maternity_pay_calculator.rb`:
`payday_offset`, `relevant_period`, `number_of_payments`, `average_weekly_earnings`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.money import ZERO, divide, floor_7dp

MAX_WEEKLY_EARNINGS = Decimal("1000000")
"""Above this (£1m a week) an input is a typing slip, not a salary: we refuse it."""


class PayPattern(StrEnum):
    WEEKLY = "weekly"
    EVERY_2_WEEKS = "every_2_weeks"
    EVERY_4_WEEKS = "every_4_weeks"
    MONTHLY = "monthly"


# Paydays in the relevant period -> weeks (or months) the earnings are spread over.
# "8 payments or fewer" (weekly) and "4 payments or fewer" (2-weekly) both mean 8 weeks;
# "1 or 2 payments" (monthly) means 2 months (§3.5).
_DIVISORS: dict[PayPattern, dict[int, int]] = {
    PayPattern.WEEKLY: {**dict.fromkeys(range(1, 9), 8), 9: 9, 10: 10},
    PayPattern.EVERY_2_WEEKS: {**dict.fromkeys(range(1, 5), 8), 5: 10},
    PayPattern.EVERY_4_WEEKS: {1: 4, 2: 8},
    PayPattern.MONTHLY: {1: 2, 2: 2, 3: 3},
}
_DEFAULT_DIVISOR = {
    PayPattern.WEEKLY: 8,
    PayPattern.EVERY_2_WEEKS: 8,
    PayPattern.EVERY_4_WEEKS: 8,
    PayPattern.MONTHLY: 2,
}


@dataclass(frozen=True)
class RelevantPeriod:
    """The 8-week (or so) period whose earnings are averaged, both days included."""

    start: date
    end: date


def payday_offset(last_normal_payday: date) -> date:
    """The day 8 weeks before the last normal payday, plus one (§3.2)."""
    return last_normal_payday - timedelta(weeks=8) + timedelta(days=1)


def relevant_period(
    last_normal_payday: date, payday_before: date, *, latest_last_payday: date
) -> RelevantPeriod:
    """From the day after the last normal payday before the offset, to the last normal
    payday on or before the end of the qualifying (or matching) week (§3.1-3.3).

    Raises LeavePayError when the last payday is after `latest_last_payday` or the
    earlier payday is less than 8 weeks before it.
    """
    if last_normal_payday > latest_last_payday:
        raise LeavePayError(
            "earnings.last_normal_payday",
            "The last normal payday must be on or before "
            f"{latest_last_payday:%-d %B %Y}, the Saturday ending the qualifying week.",
        )
    latest_before = payday_offset(last_normal_payday) - timedelta(days=1)
    if payday_before > latest_before:
        raise LeavePayError(
            "earnings.payday_before_relevant_period",
            "The earlier payday must be at least 8 weeks before the last normal "
            f"payday: on or before {latest_before:%-d %B %Y}.",
        )
    return RelevantPeriod(payday_before + timedelta(days=1), last_normal_payday)


def averaging_divisor(pattern: PayPattern, number_of_payments: int | None) -> int:
    """How many weeks (months for monthly pay) the relevant-period earnings cover.

    Raises LeavePayError when there are more paydays than the pattern allows.
    """
    if number_of_payments is None:
        return _DEFAULT_DIVISOR[pattern]
    divisors = _DIVISORS[pattern]
    if number_of_payments not in divisors:
        most = max(divisors)
        raise LeavePayError(
            "earnings.number_of_payments",
            f"Someone paid {pattern.value.replace('_', ' ')} has from 1 to {most} "
            "paydays in the relevant period.",
        )
    return divisors[number_of_payments]


def average_weekly_earnings(
    total: Decimal, pattern: PayPattern, number_of_payments: int | None = None
) -> Decimal:
    """Gross earnings in the relevant period as a weekly average, floored at 7 places.

    Weekly, 2-weekly and 4-weekly pay: total / weeks. Monthly pay: total / months * 12
    / 52 (§3.6). Raises LeavePayError for negative totals or an average over £1m a week.
    """
    if total < ZERO:
        raise LeavePayError(
            "earnings.total_in_relevant_period", "Earnings cannot be negative."
        )
    divisor = averaging_divisor(pattern, number_of_payments)
    if pattern is PayPattern.MONTHLY:
        average = divide(total * 12, divisor * 52)
    else:
        average = divide(total, divisor)
    if average > MAX_WEEKLY_EARNINGS:
        raise LeavePayError(
            "earnings.total_in_relevant_period",
            "That is more than £1,000,000 a week; check the amount.",
        )
    return floor_7dp(average)


def checked_average_weekly(amount: Decimal) -> Decimal:
    """An average weekly earnings figure given directly, floored at 7 places.

    Raises LeavePayError when negative or over £1m a week.
    """
    if amount < ZERO or amount > MAX_WEEKLY_EARNINGS:
        raise LeavePayError(
            "earnings.average_weekly",
            "Average weekly earnings must be from £0 to £1,000,000.",
        )
    return floor_7dp(amount)
