"""What each payday pays: whole weeks at the weekly rate, other days at a seventh of it,
each payment rounded up to the penny.

Source: leave-and-pay-rules.md §6.4 (smart-answers `paydates_and_pay`, `pay_for_period`)
and §13 (layered rounding).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from parent_app.domain.leave_pay.money import ZERO, divide, round_up_to_penny

WeeklyRate = Callable[[date], Decimal]
"""The weekly rate that applies to a day of the pay period."""

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Payment:
    """One payday's amount and the days of pay it covers."""

    paid_on: date
    amount: Decimal
    period_start: date
    period_end: date
    days_paid: int


def _is_paid(spans: Sequence[tuple[date, date]]) -> Callable[[date], bool]:
    return lambda day: any(start <= day <= end for start, end in spans)


def pay_for_period(
    start: date, end: date, spans: Sequence[tuple[date, date]], weekly_rate: WeeklyRate
) -> tuple[Decimal, int]:
    """The pay for `start`..`end` (both included) and the number of paid days in it.

    The period is cut into 7-day slices from its first day. A slice of 7 paid days whose
    first and last day have the same rate earns that weekly rate; any other slice earns
    rate / 7 for each paid day (a part week, the end of pay, the switch from 90 % after
    6 weeks, or an uprating). The sum is floored at 7 places and rounded up to a penny.
    """
    is_paid = _is_paid(spans)
    whole_weeks = ZERO
    day_rates = ZERO
    days_paid = 0
    slice_start = start
    while slice_start <= end:
        slice_end = min(slice_start + timedelta(days=6), end)
        days = [
            slice_start + timedelta(days=n)
            for n in range((slice_end - slice_start).days + 1)
        ]
        paid = [day for day in days if is_paid(day)]
        days_paid += len(paid)
        if len(paid) == 7 and weekly_rate(days[0]) == weekly_rate(days[-1]):
            whole_weeks += weekly_rate(days[0])
        else:
            day_rates += sum((weekly_rate(day) for day in paid), ZERO)
        slice_start = slice_end + ONE_DAY
    return round_up_to_penny(whole_weeks + divide(day_rates, 7)), days_paid


def payments_for(
    paydays: Sequence[date], spans: Sequence[tuple[date, date]], weekly_rate: WeeklyRate
) -> list[Payment]:
    """Each payday that pays something, with the days since the last paid payday.

    `spans` are the paid stretches (start, end inclusive), in order; paydays that pay
    nothing (before the pay starts, or after it ended) are left out and do not move the
    start of the next period.
    """
    payments: list[Payment] = []
    period_start = spans[0][0]
    for payday in paydays:
        if payday < period_start:
            continue
        amount, days_paid = pay_for_period(period_start, payday, spans, weekly_rate)
        if amount > ZERO:
            payments.append(Payment(payday, amount, period_start, payday, days_paid))
            period_start = payday + ONE_DAY
    return payments


def total_of(payments: Sequence[Payment]) -> Decimal:
    """The sum of the (already rounded) payments."""
    return sum((payment.amount for payment in payments), ZERO)
