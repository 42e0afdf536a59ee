"""Maternity Allowance for 14 weeks: for a birthing parent who is neither employed nor
self-employed and takes part, unpaid, in their spouse's or civil partner's
self-employed business (issue 17, item 10)."""

from datetime import date

import pytest

from parent_app.domain.leave_pay import check_household, default_rates
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.household import HouseholdAnswers

DUE = date(2027, 3, 1)
SELF_EMPLOYED = ParentAnswers(EmploymentStatus.SELF_EMPLOYED)


def _mother(helps: bool | None, status=EmploymentStatus.UNEMPLOYED) -> ParentAnswers:
    return ParentAnswers(status, helps_unpaid_in_partners_business=helps)


def _check(mother: ParentAnswers, partner: ParentAnswers | None = SELF_EMPLOYED):
    return check_household(HouseholdAnswers(DUE, mother, partner), default_rates())


@pytest.mark.parametrize(
    ("mother", "partner", "gets_14_weeks"),
    [
        pytest.param(_mother(True), SELF_EMPLOYED, True, id="helps-in-the-business"),
        pytest.param(_mother(False), SELF_EMPLOYED, False, id="does-not-help"),
        pytest.param(
            _mother(True),
            ParentAnswers(EmploymentStatus.EMPLOYEE),
            False,
            id="partner-not-self-employed",
        ),
        pytest.param(
            _mother(True, EmploymentStatus.WORKER),
            SELF_EMPLOYED,
            False,
            id="has-a-job-herself",
        ),
        pytest.param(_mother(True), None, True, id="partner-not-in-the-check"),
        pytest.param(_mother(None), SELF_EMPLOYED, True, id="not-asked-like-gov-uk"),
    ],
)
def test_the_14_week_allowance_follows_the_answer(mother, partner, gets_14_weeks):
    check = _check(mother, partner)
    assert ("maternity_allowance_14_weeks" in check.entitlements) is gets_14_weeks


def test_saying_no_explains_who_the_14_weeks_are_for():
    check = _check(_mother(False))
    codes = {refusal.reason.code for _, refusal in check.refusals}
    assert "not_helping_in_partners_business" in codes


def test_the_14_weeks_are_paid_at_the_lower_rate():
    grant = next(
        g
        for g in _check(_mother(True)).birthing_parent.grants
        if g.entitlement == "maternity_allowance_14_weeks"
    )
    assert (grant.weeks, str(grant.weekly_amount), str(grant.total)) == (
        14,
        "27.00",
        "378.00",
    )
