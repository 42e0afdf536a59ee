"""Properties of every valid calculation (hypothesis): the payments add up to the total,
none is negative or more than a penny over what its days earn, and pay covers exactly
the statutory weeks (39 for SMP, 1 or 2 for SPP), never more."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parent_app.domain.leave_pay import (
    AverageWeeklyEarnings,
    LeaveRequest,
    LeaveType,
    calculate_leave_pay,
    default_rates,
)
from parent_app.domain.leave_pay.key_dates import birth_weeks
from parent_app.domain.leave_pay.money import PENNY, ZERO, divide
from parent_app.domain.leave_pay.schedule import PayMethod, PaySchedule, WeekOfMonth
from parent_app.domain.leave_pay.weekly_rates import smp_weekly_rate, spp_weekly_rate

dues = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
pounds = st.decimals(min_value=Decimal("130"), max_value=Decimal("20000"), places=2)
weekdays = st.integers(min_value=0, max_value=6)


@st.composite
def schedules(draw: st.DrawFn, near: date) -> PaySchedule:
    method = draw(st.sampled_from(list(PayMethod)))
    pay_date = near + timedelta(days=draw(st.integers(min_value=-60, max_value=60)))
    return PaySchedule(
        method=method,
        pay_date=pay_date,
        day_of_month=draw(st.integers(min_value=1, max_value=31)),
        weekday=draw(weekdays),
        week_of_month=draw(st.sampled_from(list(WeekOfMonth))),
        work_days=frozenset(draw(st.sets(weekdays, min_size=1))),
    )


def exact_pay(payment_days: list[date], rate: object) -> Decimal:
    assert callable(rate)
    return divide(sum((rate(day) for day in payment_days), ZERO), 7)


def check_payments(result: object, weekly_rate: object, paid_weeks: int) -> None:
    pay = result.pay  # type: ignore[attr-defined]
    assert pay.eligible is True
    assert sum(p.amount for p in pay.payments) == pay.total
    covered: list[date] = []
    for payment in pay.payments:
        assert payment.amount > ZERO
        days = [
            payment.period_start + timedelta(days=n)
            for n in range((payment.period_end - payment.period_start).days + 1)
        ]
        paid_days = [
            d for d in days if any(s <= d <= e for s, e in result.leave.blocks)
        ]  # type: ignore[attr-defined]
        if result.leave_type is LeaveType.MATERNITY:  # type: ignore[attr-defined]
            key = result.key_dates  # type: ignore[attr-defined]
            paid_days = [d for d in days if key.pay_start <= d <= key.pay_end]
        assert len(paid_days) == payment.days_paid
        exact = exact_pay(paid_days, weekly_rate)
        assert ZERO <= payment.amount - exact < PENNY
        covered.extend(paid_days)
    assert len(covered) == len(set(covered)) == paid_weeks * 7


@settings(max_examples=150, deadline=None)
@given(st.data(), dues, pounds)
def test_smp_pays_exactly_39_weeks_on_any_schedule(
    data: st.DataObject, due: date, awe: Decimal
) -> None:
    weeks = birth_weeks(due)
    offset = data.draw(
        st.integers(min_value=0, max_value=(due - weeks.earliest_leave_start).days)
    )
    leave_start = weeks.earliest_leave_start + timedelta(days=offset)
    schedule = data.draw(schedules(leave_start))
    result = calculate_leave_pay(
        LeaveRequest(
            LeaveType.MATERNITY,
            due,
            leave_start=leave_start,
            earnings=AverageWeeklyEarnings(awe),
            pay_schedule=schedule,
        )
    )
    check_payments(result, smp_weekly_rate(awe, leave_start, default_rates()), 39)
    assert result.key_dates.pay_end - result.key_dates.pay_start == timedelta(
        weeks=39, days=-1
    )


@settings(max_examples=150, deadline=None)
@given(st.data(), dues, pounds, st.sampled_from([1, 2]))
def test_spp_pays_exactly_the_weeks_taken(
    data: st.DataObject, due: date, awe: Decimal, weeks_taken: int
) -> None:
    leave_start = due + timedelta(
        days=data.draw(st.integers(min_value=0, max_value=40))
    )
    second = None
    if weeks_taken == 2 and due > date(2024, 4, 6) and data.draw(st.booleans()):
        second = leave_start + timedelta(
            days=data.draw(st.integers(min_value=7, max_value=200))
        )
    result = calculate_leave_pay(
        LeaveRequest(
            LeaveType.PATERNITY,
            due,
            leave_start=leave_start,
            paternity_leave_weeks=weeks_taken,
            second_week_start=second,
            earnings=AverageWeeklyEarnings(awe),
            pay_schedule=data.draw(schedules(leave_start)),
        )
    )
    check_payments(
        result, spp_weekly_rate(awe, leave_start, default_rates()), weeks_taken
    )
