"""Shared Parental Leave (SPL) and Pay (ShPP) for babies due from 5 April 2015.

Source: leave-and-pay-rules.md §11 (the 2019 parent tool's routing, re-read against
the law): a parent gets SPL if they are an employee with 26 weeks' service and the
other parent passes the employment-and-earnings test, provided the birthing parent is
entitled to maternity leave, SMP or Maternity Allowance; ShPP also needs the LEL, and
the birthing parent's SMP or MA (for her own ShPP, her SMP). Up to 50 weeks of leave
and 37 of pay once the compulsory 2 weeks of maternity leave are taken, to be used
within a year of the birth, with 8 weeks' notice of each block.
"""

from __future__ import annotations

from datetime import date, timedelta

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.answers import ParentAnswers
from parent_app.domain.leave_pay.outcomes import Entitlement, Grant, Refusal

SHARED_FROM_DUE = date(2015, 4, 5)
LEAVE_WEEKS = 50
PAY_WEEKS = 37


def shared_parental(
    parent: ParentAnswers,
    other: ParentAnswers,
    *,
    is_birthing_parent: bool,
    mother_entitlements: frozenset[Entitlement],
    due_date: date,
) -> tuple[list[Grant], list[Refusal]]:
    """SPL and ShPP for `parent` given the `other` parent's answers (both present).

    `mother_entitlements` are what the birthing parent gets on her own. Returns nothing
    for due dates before 5 April 2015, when SPL did not exist.
    """
    if due_date < SHARED_FROM_DUE:
        return [], []
    take_by = due_date + timedelta(days=364)
    other_passes = other.passes_employment_and_earnings_test
    if is_birthing_parent:
        leave_base = Entitlement.MATERNITY_LEAVE in mother_entitlements
        pay_base = Entitlement.MATERNITY_PAY in mother_entitlements
    else:
        leave_base = bool(
            mother_entitlements
            & {
                Entitlement.MATERNITY_LEAVE,
                Entitlement.MATERNITY_PAY,
                Entitlement.MATERNITY_ALLOWANCE,
            }
        )
        pay_base = bool(
            mother_entitlements
            & {Entitlement.MATERNITY_PAY, Entitlement.MATERNITY_ALLOWANCE}
        )
    grants: list[Grant] = []
    refusals: list[Refusal] = []
    if leave_base and other_passes and parent.is_employee and parent.passes_continuity:
        grants.append(
            Grant(Entitlement.SHARED_PARENTAL_LEAVE, LEAVE_WEEKS, take_by=take_by)
        )
    else:
        refusals.append(
            Refusal(
                Entitlement.SHARED_PARENTAL_LEAVE,
                _why_not(
                    parent, other_passes, leave_base, is_birthing_parent, pay=False
                ),
            )
        )
    if pay_base and other_passes and parent.qualifies_for_statutory_pay:
        grants.append(
            Grant(Entitlement.SHARED_PARENTAL_PAY, PAY_WEEKS, take_by=take_by)
        )
    else:
        refusals.append(
            Refusal(
                Entitlement.SHARED_PARENTAL_PAY,
                _why_not(parent, other_passes, pay_base, is_birthing_parent, pay=True),
            )
        )
    return grants, refusals


def _why_not(
    parent: ParentAnswers,
    other_passes: bool,
    base: bool,
    is_birthing_parent: bool,
    *,
    pay: bool,
) -> reasons.Reason:
    what = "Shared Parental Pay" if pay else "Shared Parental Leave"
    if not base:
        needed = (
            ("maternity pay" if pay else "maternity leave")
            if is_birthing_parent
            else (
                "maternity pay or Maternity Allowance"
                if pay
                else "maternity leave, pay or Maternity Allowance"
            )
        )
        subject = "you" if is_birthing_parent else "the birthing parent"
        return reasons.shared_leave_refused(
            f"{what} needs {subject} to be entitled to {needed}."
        )
    if not other_passes:
        return reasons.shared_leave_refused(
            f"{what} needs the other parent to have worked for at least 26 of the "
            "66 weeks before the due week and earned £390 or more in any 13 of them."
        )
    if pay:
        return reasons.shared_leave_refused(
            f"{what} needs you to be an employee or worker with 26 weeks' service "
            "by the qualifying week and earnings above the lower earnings limit."
        )
    return reasons.shared_leave_refused(
        f"{what} needs you to be an employee with 26 weeks' service by the "
        "qualifying week."
    )
