"""Maternity Allowance: 39 weeks for those without SMP who pass the test, or 14 weeks
for a partner helping in a self-employed business.

Source: leave-and-pay-rules.md §10 (`_mat_allowance.erb`, `_mat_allowance_14_weeks.erb`,
`maternity_paternity_pay_leave_calculator.rb`) and §9 (who gets which).
"""

from __future__ import annotations

from decimal import Decimal

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.key_dates import ParentToolDates
from parent_app.domain.leave_pay.outcomes import Entitlement, Grant, Refusal
from parent_app.domain.leave_pay.weekly_rates import earnings_related_rate

WEEKS = 39
PARTNER_WEEKS = 14


def weekly_allowance(
    flat_rate: Decimal, average_weekly_earnings: Decimal | None
) -> Decimal:
    """The weekly MA: the flat rate, or 90 % of AWE if that is lower (§10)."""
    if average_weekly_earnings is None:
        return flat_rate
    return min(flat_rate, earnings_related_rate(average_weekly_earnings))


def maternity_allowance(
    birthing_parent: ParentAnswers,
    partner: ParentAnswers | None,
    *,
    gets_maternity_pay: bool,
    dates: ParentToolDates,
    lower_rate: Decimal | None,
) -> tuple[list[Grant], list[Refusal]]:
    """MA for a birthing parent who does not get SMP (none when they do).

    39 weeks if they pass the MA test; otherwise 14 weeks at the lower rate (if that
    rate existed then) for a birthing parent who is neither employed nor
    self-employed and takes part, unpaid, in the self-employed business of their
    spouse or civil partner. When they were asked (`helps_unpaid_in_partners_business`
    is True or False) their answer decides, with the partner self-employed if the
    partner answered too; when not asked, GOV.UK's approximation is kept: not working
    and a self-employed partner.
    """
    if gets_maternity_pay:
        return [], []
    if birthing_parent.passes_maternity_allowance_test:
        return [_allowance_39_weeks(dates)], []
    refusal = Refusal(
        Entitlement.MATERNITY_ALLOWANCE,
        reasons.ma_test_not_met(dates.ma_test_start, dates.ma_test_end),
    )
    if lower_rate is not None and _helps_in_partners_business(birthing_parent, partner):
        return [_allowance_14_weeks(dates, lower_rate)], [refusal]
    if birthing_parent.helps_unpaid_in_partners_business is False:
        return [], [
            refusal,
            Refusal(
                Entitlement.MATERNITY_ALLOWANCE_14_WEEKS,
                reasons.not_helping_in_partners_business(),
            ),
        ]
    return [], [refusal]


def _allowance_39_weeks(dates: ParentToolDates) -> Grant:
    """MA for 39 weeks, for a birthing parent who passes the MA test (§10)."""
    return Grant(
        Entitlement.MATERNITY_ALLOWANCE,
        weeks=WEEKS,
        starts_from=dates.ma_earliest_start,
        claim_from=dates.ma_claim_from,
    )


def _helps_in_partners_business(
    birthing_parent: ParentAnswers, partner: ParentAnswers | None
) -> bool:
    """Neither employed nor self-employed, and taking part, unpaid, in the partner's
    self-employed business: their own answer when they were asked (with the partner
    self-employed if the partner answered too), else GOV.UK's approximation (a
    self-employed partner)."""
    if birthing_parent.employment_status is not EmploymentStatus.UNEMPLOYED:
        return False
    partner_is_self_employed = (
        partner is not None
        and partner.employment_status is EmploymentStatus.SELF_EMPLOYED
    )
    helps = birthing_parent.helps_unpaid_in_partners_business
    if helps is None:
        return partner_is_self_employed
    return helps and (partner is None or partner_is_self_employed)


def _allowance_14_weeks(dates: ParentToolDates, lower_rate: Decimal) -> Grant:
    """MA for 14 weeks at the lower rate, for a partner helping in the business."""
    return Grant(
        Entitlement.MATERNITY_ALLOWANCE_14_WEEKS,
        weeks=PARTNER_WEEKS,
        starts_from=dates.ma_earliest_start,
        claim_from=dates.ma_claim_from,
        weekly_amount=lower_rate,
        total=lower_rate * PARTNER_WEEKS,
    )
