"""Statutory leave and pay around a birth or adoption in the UK, as pure rules.

Maternity, paternity, shared parental leave and pay, Maternity Allowance and adoption,
worked out the way GOV.UK's calculators do (../shared/facts/leave-and-pay-rules.md),
with the rates as data (`rates.json`). Where GOV.UK's tools are inconsistent or wrong
the choice made is listed in DECISIONS.md.
"""

from __future__ import annotations

from parent_app.domain.leave_pay.calculation import (
    AverageWeeklyEarnings,
    LeaveCalculation,
    LeaveRequest,
    LeaveType,
    RelevantPeriodEarnings,
)
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.household import (
    HouseholdAnswers,
    HouseholdCheck,
    check_household,
)
from parent_app.domain.leave_pay.maternity import calculate_maternity
from parent_app.domain.leave_pay.paternity import calculate_paternity
from parent_app.domain.leave_pay.rates import RateTable, default_rates

__all__ = [
    "AverageWeeklyEarnings",
    "HouseholdAnswers",
    "HouseholdCheck",
    "LeaveCalculation",
    "LeavePayError",
    "LeaveRequest",
    "LeaveType",
    "RateTable",
    "RelevantPeriodEarnings",
    "calculate_leave_pay",
    "check_household",
    "default_rates",
]


def calculate_leave_pay(
    request: LeaveRequest, rates: RateTable | None = None
) -> LeaveCalculation:
    """Maternity or paternity leave and pay for one parent (see each calculator).

    Raises LeavePayError naming the input field at fault.
    """
    table = rates or default_rates()
    if request.leave_type is LeaveType.MATERNITY:
        return calculate_maternity(request, table)
    return calculate_paternity(request, table)
