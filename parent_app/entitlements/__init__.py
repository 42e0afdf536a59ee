"""Entitlements: the household leave-and-pay check, one parent's exact calculation, the
statutory rates, and a calendar of the deadlines to act on.

Saved leave plans (one per adult and baby) and their deadline nudges are in `plans` and
`reminders`, imported where used: they need the database, the rest does not."""

from __future__ import annotations

from parent_app.entitlements.calculations import (
    calculate_leave_pay,
    describe_calculation,
)
from parent_app.entitlements.calendar import (
    Deadline,
    leave_dates_calendar,
    leave_deadlines,
)
from parent_app.entitlements.checks import household_check
from parent_app.entitlements.rates import rates_on, rates_table

__all__ = [
    "Deadline",
    "calculate_leave_pay",
    "describe_calculation",
    "household_check",
    "leave_dates_calendar",
    "leave_deadlines",
    "rates_on",
    "rates_table",
]
