"""Statutory Maternity Leave and Pay for one employee: dates, eligibility, payments.

Source: leave-and-pay-rules.md §5 (dates and notice), §6 (SMP amounts and schedule),
§2 and §3.7 (service and earnings tests); legacy ordinary/additional leave split from
`plan_maternity_leave.rb` (§5).
"""

from __future__ import annotations

from datetime import timedelta

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
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.key_dates import birth_weeks, parent_tool_dates
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
    due = request.due_date
    birth = request.date_of_birth
    check_birth_date(due, birth)
    dates = birth_weeks(due)
    lower_limit = check_rates_known(rates, dates.qualifying_week_end)

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

    average, period = resolve_earnings(request.earnings, dates.qualifying_week_end)
    pay_end = leave_start + weeks(PAY_WEEKS) - timedelta(days=1)
    key_dates = LeaveKeyDates(
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
        pay_end=pay_end,
        claim_pay_by=leave_start - timedelta(days=CLAIM_DAYS),
        relevant_period_start=period.start if period else None,
        relevant_period_end=period.end if period else None,
        paternity_take_by=None,
        ordinary_leave_end=leave_start
        + weeks(ORDINARY_LEAVE_WEEKS)
        - timedelta(days=1),
        additional_leave_start=leave_start + weeks(ORDINARY_LEAVE_WEEKS),
        ma_claim_from=parent_tool_dates(due).ma_claim_from,
    )

    leave_reasons = (
        () if request.has_contract else (reasons.no_contract("Maternity leave"),)
    )
    leave = LeaveDecision(
        eligible=request.has_contract,
        reasons=leave_reasons,
        blocks=((leave_start, key_dates.leave_end),),
    )

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
    pay = PayDecision(eligible, pay_reasons)
    if eligible and average is not None:
        spans = ((leave_start, pay_end),)
        weekly_rate = smp_weekly_rate(average, leave_start, rates)
        payments, projected = paid(request.pay_schedule, spans, weekly_rate, rates)
        pay = PayDecision(
            True,
            (),
            payments,
            earnings_related_rate(average),
            uses_projected_rates=projected,
        )
    return LeaveCalculation(
        request.leave_type, key_dates, average, lower_limit, leave, pay
    )
