"""Paternity leave and Statutory Paternity Pay for one employee (birth).

Source: leave-and-pay-rules.md §7 (smart-answers `paternity_calculator_flow.rb`,
`paternity_pay_calculator.rb`): leave needs a contract and 26 weeks' service, except
under the April 2026 day-one right in Great Britain; pay needs 26 weeks' service, the
payroll in the qualifying week, employment on the birth date and AWE at the LEL.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.calculation import (
    LeaveCalculation,
    LeaveDecision,
    LeaveKeyDates,
    LeaveRequest,
    PayDecision,
    Span,
    check_birth_date,
    check_rates_known,
    decide_pay,
    paid,
    resolve_earnings,
)
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.key_dates import BirthWeeks, birth_weeks
from parent_app.domain.leave_pay.paternity_rules import (
    NOTICE_DAYS,
    employer_notice_deadline,
    has_day_one_leave_right,
    paternity_take_by,
    weeks_must_be_consecutive,
)
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.weekly_rates import (
    paternity_earnings_cap,
    spp_weekly_rate,
)

PAY = "paternity pay"
WEEK = timedelta(days=7)
ONE_DAY = timedelta(days=1)


def _long(day: date) -> str:
    return f"{day:%-d %B %Y}"


def leave_blocks(
    request: LeaveRequest, leave_start: date, *, must_be_together: bool
) -> tuple[Span, ...]:
    """The week or weeks of leave: 1 week, 2 weeks together, or 2 separate weeks.

    Raises LeavePayError for a length other than 1 or 2 weeks, or a second week that
    overlaps the first or is not allowed to be separate.
    """
    weeks = request.paternity_leave_weeks
    if weeks not in (1, 2):
        raise LeavePayError("paternity_leave_weeks", "Paternity leave is 1 or 2 weeks.")
    first = (leave_start, leave_start + WEEK * weeks - ONE_DAY)
    second = request.second_week_start
    if second is None or second == leave_start + WEEK:
        return (first,)
    if weeks != 2:
        raise LeavePayError(
            "second_week_start",
            "A separate second week needs paternity_leave_weeks = 2.",
        )
    if must_be_together:
        raise LeavePayError(
            "second_week_start",
            "For this baby the 2 weeks must be taken together (babies due before "
            "7 April 2024, and everyone in Northern Ireland).",
        )
    if second < leave_start + WEEK:
        raise LeavePayError(
            "second_week_start", "The second week must start after the first week ends."
        )
    return (
        (leave_start, leave_start + WEEK - ONE_DAY),
        (second, second + WEEK - ONE_DAY),
    )


def calculate_paternity(request: LeaveRequest, rates: RateTable) -> LeaveCalculation:
    """Key dates, leave and SPP with its payments for one partner who is an employee.

    Leave starts on the later of the due date and the birth unless given; it cannot
    start before the birth (the due date when no birth date is given) and must end by
    the take-by date. Raises LeavePayError naming the field at fault.
    """
    due, birth, location = request.due_date, request.date_of_birth, request.location
    check_birth_date(due, birth)
    dates = birth_weeks(due)
    lower_limit = check_rates_known(rates, dates.qualifying_week_end)
    take_by = paternity_take_by(due, birth, location)
    together = weeks_must_be_consecutive(due, location)
    day_one = has_day_one_leave_right(due, birth, location)

    leave_start = _paternity_leave_start(request)
    blocks = leave_blocks(request, leave_start, must_be_together=together)
    if blocks[-1][1] > take_by:
        raise LeavePayError(
            "second_week_start" if len(blocks) > 1 else "leave_start",
            f"Paternity leave must be taken by {_long(take_by)}.",
        )
    average, period = resolve_earnings(request.earnings, dates.qualifying_week_end)
    key_dates = LeaveKeyDates(
        expected_week_start=dates.expected_week_start,
        expected_week_end=dates.expected_week_end,
        qualifying_week_start=dates.qualifying_week_start,
        qualifying_week_end=dates.qualifying_week_end,
        employment_start_latest=dates.employment_start_latest,
        earliest_leave_start=birth or due,
        pay_start_if_pregnancy_illness=None,
        notice_deadline=employer_notice_deadline(
            dates, leave_start, is_day_one_right=day_one
        ),
        leave_start=leave_start,
        leave_end=blocks[-1][1],
        pay_start=leave_start,
        pay_end=blocks[-1][1],
        claim_pay_by=leave_start - timedelta(days=NOTICE_DAYS),
        relevant_period_start=period.start if period else None,
        relevant_period_end=period.end if period else None,
        paternity_take_by=take_by,
    )
    leave = _paternity_leave(request, dates, blocks, day_one=day_one, together=together)
    pay = _paternity_pay(
        request, dates, leave_start, blocks, average, lower_limit, rates
    )
    return LeaveCalculation(
        request.leave_type, key_dates, average, lower_limit, leave, pay
    )


def _paternity_leave_start(request: LeaveRequest) -> date:
    """The chosen start, or the later of the due date and the birth; never before the
    birth (the due date when no birth date is given)."""
    due, birth = request.due_date, request.date_of_birth
    earliest = birth or due
    leave_start = request.leave_start or max(due, birth or due)
    if leave_start < earliest:
        raise LeavePayError(
            "leave_start",
            f"Paternity leave cannot start before the birth ({_long(earliest)}). "
            "If the baby came early, give the date of birth.",
        )
    return leave_start


def _paternity_leave(
    request: LeaveRequest,
    dates: BirthWeeks,
    blocks: tuple[Span, ...],
    *,
    day_one: bool,
    together: bool,
) -> LeaveDecision:
    """Leave needs responsibility for the child's upbringing, a contract, and 26 weeks'
    service unless the day-one right applies."""
    leave_reasons = []
    if not request.is_responsible_for_upbringing:
        leave_reasons.append(reasons.not_responsible_for_upbringing())
    if not request.has_contract:
        leave_reasons.append(reasons.no_contract("Paternity leave"))
    if not request.employed_by_continuity_start and not day_one:
        leave_reasons.append(
            reasons.leave_needs_26_weeks(dates.employment_start_latest)
        )
    return LeaveDecision(
        eligible=not leave_reasons,
        reasons=tuple(leave_reasons),
        blocks=blocks,
        is_day_one_right=not leave_reasons
        and day_one
        and not request.employed_by_continuity_start,
        weeks_must_be_consecutive=together,
    )


def _paternity_pay(
    request: LeaveRequest,
    dates: BirthWeeks,
    leave_start: date,
    blocks: tuple[Span, ...],
    average: Decimal | None,
    lower_limit: Decimal,
    rates: RateTable,
) -> PayDecision:
    """SPP needs responsibility for the upbringing, 26 weeks' service, the payroll in
    the qualifying week, employment on the birth date and AWE at the LEL; then it is
    paid over the leave blocks."""
    refusals = []
    if not request.is_responsible_for_upbringing:
        refusals.append(reasons.not_responsible_for_upbringing())
    if not request.employed_by_continuity_start:
        refusals.append(
            reasons.not_worked_long_enough(
                PAY, dates.employment_start_latest, dates.qualifying_week_end
            )
        )
    if not request.on_payroll:
        refusals.append(
            reasons.not_on_payroll(
                PAY, dates.qualifying_week_start, dates.qualifying_week_end
            )
        )
    if not request.still_employed_on_birth_date:
        refusals.append(
            reasons.not_employed_on_birth(request.date_of_birth or request.due_date)
        )
    eligible, pay_reasons = decide_pay(PAY, refusals, average, lower_limit)
    if not (eligible and average is not None):
        return PayDecision(eligible, pay_reasons)
    weekly_rate = spp_weekly_rate(average, leave_start, rates)
    payments, projected = paid(request.pay_schedule, blocks, weekly_rate, rates)
    return PayDecision(
        True,
        (),
        payments,
        paternity_earnings_cap(average),
        uses_projected_rates=projected,
    )
