"""One parent's leave and pay: validated request in, the domain's calculation out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from parent_app.domain.leave_pay import (
    AverageWeeklyEarnings,
    LeaveCalculation,
    LeavePayError,
    LeaveRequest,
    LeaveType,
    RelevantPeriodEarnings,
)
from parent_app.domain.leave_pay import calculate_leave_pay as calculate
from parent_app.domain.leave_pay.earnings import PayPattern
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.schedule import (
    PaySchedule,
    WeekOfMonth,
    parse_pay_method,
)
from parent_app.domain.leave_pay.words import labelled_dates
from parent_app.entitlements.checks import labelled_date_dict, reason_dict
from parent_app.entitlements.errors import validation_failed

DEFAULT_TRUE = (
    "employed_by_continuity_start",
    "has_contract",
    "on_payroll",
    "still_employed_on_birth_date",
)


def _earnings(
    data: Mapping[str, Any] | None,
) -> AverageWeeklyEarnings | RelevantPeriodEarnings | None:
    if not data:
        return None
    if data.get("average_weekly") is not None:
        return AverageWeeklyEarnings(data["average_weekly"])
    return RelevantPeriodEarnings(
        total=data["total_in_relevant_period"],
        pay_pattern=PayPattern(data["pay_pattern"]),
        number_of_payments=data.get("number_of_payments"),
        last_normal_payday=data.get("last_normal_payday"),
        payday_before_relevant_period=data.get("payday_before_relevant_period"),
    )


def _schedule(data: Mapping[str, Any] | None) -> PaySchedule:
    if not data:
        return PaySchedule()
    week = data.get("week_of_month")
    return PaySchedule(
        method=parse_pay_method(data.get("method") or "weekly_from_leave_start"),
        pay_date=data.get("pay_date"),
        day_of_month=data.get("day_of_month"),
        weekday=data.get("weekday"),
        week_of_month=WeekOfMonth(week) if week else None,
        work_days=frozenset(data.get("work_days") or ()),
    )


def leave_request(data: Mapping[str, Any]) -> LeaveRequest:
    """The domain request for a validated API body (defaults as the API documents)."""
    return LeaveRequest(
        leave_type=LeaveType(data["leave_type"]),
        due_date=data["due_date"],
        date_of_birth=data.get("date_of_birth"),
        leave_start=data.get("leave_start"),
        location=Location(data.get("location") or Location.ENGLAND),
        **{name: bool(data.get(name, True)) for name in DEFAULT_TRUE},
        paternity_leave_weeks=data.get("paternity_leave_weeks") or 2,
        second_week_start=data.get("second_week_start"),
        earnings=_earnings(data.get("earnings")),
        pay_schedule=_schedule(data.get("pay_schedule")),
    )


def calculate_leave_pay(data: Mapping[str, Any]) -> LeaveCalculation:
    """Key dates, leave and pay (with each payment) for one parent and one job.

    Raises ValidationFailed naming the request field the rules refuse (a leave start
    too early, a payday after the qualifying week, absurd earnings, ...).
    """
    try:
        return calculate(leave_request(data))
    except LeavePayError as error:
        raise validation_failed(error) from None


def describe_calculation(calculation: LeaveCalculation) -> dict[str, Any]:
    """The calculation as plain data (dates and Decimals; the API formats them)."""
    dates, leave, pay = calculation.key_dates, calculation.leave, calculation.pay
    key_dates = asdict(dates)
    return {
        "leave_type": calculation.leave_type.value,
        "key_dates": key_dates,
        "dates": [
            labelled_date_dict(d)
            for d in labelled_dates(
                key_dates,
                leave_type=calculation.leave_type.value,
                variants=calculation.date_variants,
            )
        ],
        "average_weekly_earnings": calculation.average_weekly_earnings,
        "lower_earnings_limit": calculation.lower_earnings_limit,
        "leave": {
            "eligible": leave.eligible,
            "reasons": [reason_dict(reason) for reason in leave.reasons],
            "is_day_one_right": leave.is_day_one_right,
            "weeks_must_be_consecutive": leave.weeks_must_be_consecutive,
            "weeks": [{"start": start, "end": end} for start, end in leave.blocks],
        },
        "pay": {
            "eligible": pay.eligible,
            "reasons": [reason_dict(reason) for reason in pay.reasons],
            "payments": [
                {"date": payment.paid_on, "amount": payment.amount}
                for payment in pay.payments
            ],
            "total": pay.total,
            "earnings_related_rate": pay.earnings_related_rate,
            "uses_projected_rates": pay.uses_projected_rates,
        },
    }
