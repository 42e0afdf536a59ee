"""Why something is refused, in plain English, and what the parent could do instead.

Wording follows GOV.UK's outcomes (leave-and-pay-rules.md §5, §7, §9-11) addressed to
the parent ("you"); `code` is stable so clients can switch on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parent_app.domain.leave_pay.words import long_date, on_or_before, pounds


@dataclass(frozen=True)
class Reason:
    """One refusal (or a missing input): a stable code, a message and an alternative."""

    code: str
    message: str
    instead: str | None = None


_day = long_date
_money = pounds


MA_INSTEAD = (
    "You may get Maternity Allowance from Jobcentre Plus instead: claim it once "
    "you are 26 weeks pregnant."
)
UC_INSTEAD = "You may be able to get Universal Credit or other help while you are off."
ANNUAL_LEAVE_INSTEAD = "Ask your employer about annual leave or unpaid parental leave."


def no_contract(leave: str) -> Reason:
    return Reason(
        "no_employment_contract",
        f"{leave} is for employees: you need an employment contract with this "
        "employer.",
        "You may still get pay if you are on the payroll; ask about unpaid leave.",
    )


def not_responsible_for_upbringing() -> Reason:
    return Reason(
        "not_responsible_for_upbringing",
        "Paternity leave and pay are for the biological father or the birthing "
        "parent's partner who will be responsible for bringing up the child.",
        None,
    )


def not_worked_long_enough(
    pay: str, employment_start_latest: date, qw_end: date
) -> Reason:
    return Reason(
        "not_worked_long_enough",
        f"For {pay} you must have worked for this employer "
        f"{on_or_before(employment_start_latest)}: 26 weeks by the end of the "
        "qualifying week "
        f"({_day(qw_end)}).",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def leave_needs_26_weeks(employment_start_latest: date) -> Reason:
    return Reason(
        "not_worked_long_enough",
        "For this baby, paternity leave needs 26 weeks with this employer: you "
        f"must have worked for them {on_or_before(employment_start_latest)}. "
        "Paternity leave became a day-one right in Great Britain for babies due "
        "from 5 April 2026.",
        ANNUAL_LEAVE_INSTEAD,
    )


def not_on_payroll(pay: str, qw_start: date, qw_end: date) -> Reason:
    return Reason(
        "not_on_payroll",
        f"For {pay} you must have been on this employer's payroll in the "
        f"qualifying week ({_day(qw_start)} to {_day(qw_end)}), so that they paid "
        "Class 1 National Insurance for you.",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def not_employed_on_birth(birth: date) -> Reason:
    return Reason(
        "not_employed_on_birth_date",
        "For paternity pay you must still be employed by this employer on "
        f"{_day(birth)}, the day the baby is born.",
        UC_INSTEAD,
    )


def below_lower_earnings_limit(pay: str, average: Decimal, limit: Decimal) -> Reason:
    return Reason(
        "below_lower_earnings_limit",
        f"For {pay} your average weekly earnings ({_money(average)}) must be at "
        f"least the lower earnings limit of {_money(limit)} a week.",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def earnings_needed(pay: str) -> Reason:
    return Reason(
        "earnings_needed",
        f"Tell us your earnings to see whether you get {pay} and how much.",
        None,
    )


def not_an_employee(leave: str) -> Reason:
    return Reason(
        "not_an_employee",
        f"Only employees have the right to {leave}; workers (agency, casual or "
        "zero-hours) and self-employed parents do not.",
        ANNUAL_LEAVE_INSTEAD,
    )


def not_employed(pay: str) -> Reason:
    return Reason(
        "not_employed",
        f"{pay.capitalize()} is paid by an employer, so you must be an employee "
        "or a worker.",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def not_in_job_on(day: date) -> Reason:
    return Reason(
        "not_employed_in_qualifying_week",
        f"For maternity leave you must still be in the job on {_day(day)}.",
        MA_INSTEAD,
    )


def failed_continuity(pay: str, start: date, end: date) -> Reason:
    return Reason(
        "not_worked_long_enough",
        f"For {pay} you must have started the job {on_or_before(start)} and still "
        f"be working there on {_day(end)}.",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def below_limit_answer(pay: str, limit: Decimal, start: date, end: date) -> Reason:
    return Reason(
        "below_lower_earnings_limit",
        f"For {pay} you must have earned more than {_money(limit)} a week on average "
        f"between {_day(start)} and {_day(end)}.",
        MA_INSTEAD if pay == "maternity pay" else UC_INSTEAD,
    )


def ma_test_not_met(start: date, end: date) -> Reason:
    return Reason(
        "maternity_allowance_test_not_met",
        "For Maternity Allowance you must have worked (or been self-employed) for at "
        f"least 26 weeks between {_day(start)} and {_day(end)}, and earned £390 "
        "or more in any 13 of those weeks.",
        "If your husband, wife or civil partner is self-employed and you take part in "
        "their business without pay, you may get Maternity Allowance for 14 weeks. "
        + UC_INSTEAD,
    )


def not_helping_in_partners_business() -> Reason:
    return Reason(
        "not_helping_in_partners_business",
        "Maternity Allowance for 14 weeks is for someone who is not employed or "
        "self-employed and takes part, without pay, in the business of their "
        "self-employed husband, wife or civil partner.",
        UC_INSTEAD,
    )


def shared_leave_refused(message: str) -> Reason:
    return Reason(
        "shared_parental_conditions_not_met",
        message,
        "Each parent can still take the leave and pay they qualify for on their own.",
    )
