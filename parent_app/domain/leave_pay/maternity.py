"""Statutory Maternity Leave and Pay for one employee: dates, eligibility, payments.

Source: leave-and-pay-rules.md §5 (dates and notice), §6 (SMP amounts and schedule),
§2 and §3.7 (service and earnings tests); legacy ordinary/additional leave split from
`plan_maternity_leave.rb` (§5).
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
    check_birth_date,
    check_rates_known,
    decide_pay,
    paid,
    resolve_earnings,
)
from parent_app.domain.leave_pay.earnings import RelevantPeriod
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.key_dates import (
    BirthWeeks,
    birth_weeks,
    parent_tool_dates,
)
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.weekly_rates import (
    earnings_related_rate,
    smp_weekly_rate,
)
from parent_app.domain.leave_pay.weeks import weeks

LEAVE_WEEKS = 52
ORDINARY_LEAVE_WEEKS = 26
PAY_WEEKS = 39
CLAIM_DAYS = 28
PAY = "maternity pay"


def calculate_maternity(request: LeaveRequest, rates: RateTable) -> LeaveCalculation:
    """Key dates, leave, and SMP with its payments for one employee.

    Leave starts on the due date unless given (or the day after an earlier birth). It
    may not start before the 11th week before the expected week (or, after a very early
    birth, before the day after it). Raises LeavePayError naming the field at fault.
    """
    check_birth_date(request.due_date, request.date_of_birth)
    dates = birth_weeks(request.due_date)
    lower_limit = check_rates_known(rates, dates.qualifying_week_end)
    leave_start = _maternity_leave_start(request, dates)
    average, period = resolve_earnings(request.earnings, dates.qualifying_week_end)
    key_dates = _maternity_key_dates(request, dates, leave_start, period)
    leave = _maternity_leave(request, key_dates)
    pay = _maternity_pay(request, dates, key_dates, average, lower_limit, rates)
    return LeaveCalculation(
        request.leave_type, key_dates, average, lower_limit, leave, pay
    )


def _maternity_leave_start(request: LeaveRequest, dates: BirthWeeks) -> date:
    """The chosen start, or the due date (the day after an earlier birth); from the
    11th week before the expected week, and by the day after the birth at the latest."""
    due, birth = request.due_date, request.date_of_birth
    day_after_birth = birth + timedelta(days=1) if birth else None
    leave_start = request.leave_start or min(due, day_after_birth or due)
    earliest = min(
        dates.earliest_leave_start, day_after_birth or dates.earliest_leave_start
    )
    if leave_start < earliest:
        raise LeavePayError(
            "leave_start",
            f"Maternity leave can start from {earliest:%-d %B %Y} at the earliest (the "
            "start of the 11th week before the baby is due).",
        )
    if day_after_birth and leave_start > day_after_birth:
        raise LeavePayError(
            "leave_start",
            "Maternity leave starts the day after the birth at the latest: "
            f"{day_after_birth:%-d %B %Y}.",
        )
    return leave_start


def _maternity_key_dates(
    request: LeaveRequest,
    dates: BirthWeeks,
    leave_start: date,
    period: RelevantPeriod | None,
) -> LeaveKeyDates:
    """52 weeks of leave (26 ordinary, 26 additional) and 39 of pay from the start."""
    return LeaveKeyDates(
        expected_week_start=dates.expected_week_start,
        expected_week_end=dates.expected_week_end,
        qualifying_week_start=dates.qualifying_week_start,
        qualifying_week_end=dates.qualifying_week_end,
        employment_start_latest=dates.employment_start_latest,
        earliest_leave_start=dates.earliest_leave_start,
        pay_start_if_pregnancy_illness=dates.pay_start_if_pregnancy_illness,
        notice_deadline=dates.notice_deadline,
        leave_start=leave_start,
        leave_end=leave_start + weeks(LEAVE_WEEKS) - timedelta(days=1),
        pay_start=leave_start,
        pay_end=leave_start + weeks(PAY_WEEKS) - timedelta(days=1),
        claim_pay_by=leave_start - timedelta(days=CLAIM_DAYS),
        relevant_period_start=period.start if period else None,
        relevant_period_end=period.end if period else None,
        paternity_take_by=None,
        ordinary_leave_end=leave_start
        + weeks(ORDINARY_LEAVE_WEEKS)
        - timedelta(days=1),
        additional_leave_start=leave_start + weeks(ORDINARY_LEAVE_WEEKS),
        ma_claim_from=parent_tool_dates(request.due_date).ma_claim_from,
    )


def _maternity_leave(request: LeaveRequest, key_dates: LeaveKeyDates) -> LeaveDecision:
    """Leave needs an employment contract, nothing else."""
    leave_reasons = (
        () if request.has_contract else (reasons.no_contract("Maternity leave"),)
    )
    return LeaveDecision(
        eligible=request.has_contract,
        reasons=leave_reasons,
        blocks=((key_dates.leave_start, key_dates.leave_end),),
    )


def _maternity_pay(
    request: LeaveRequest,
    dates: BirthWeeks,
    key_dates: LeaveKeyDates,
    average: Decimal | None,
    lower_limit: Decimal,
    rates: RateTable,
) -> PayDecision:
    """SMP needs 26 weeks' service by the qualifying week, being on the payroll and
    average earnings at the lower earnings limit; then 39 weeks of payments."""
    refusals = []
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
    eligible, pay_reasons = decide_pay(PAY, refusals, average, lower_limit)
    if not (eligible and average is not None):
        return PayDecision(eligible, pay_reasons)
    spans = ((key_dates.leave_start, key_dates.pay_end),)
    weekly_rate = smp_weekly_rate(average, key_dates.leave_start, rates)
    payments, projected = paid(request.pay_schedule, spans, weekly_rate, rates)
    return PayDecision(
        True,
        (),
        payments,
        earnings_related_rate(average),
        uses_projected_rates=projected,
    )
