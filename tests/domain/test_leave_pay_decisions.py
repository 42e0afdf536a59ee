"""The must_match:false cases, each tested as decided in
parent_app/domain/leave_pay/DECISIONS.md, and the must_match values deliberately not
copied (DELIBERATE_DIFFERENCES; every other key of those cases runs in
test_leave_pay_cases.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from parent_app.domain.leave_pay import (
    LeavePayError,
    LeaveType,
    calculate_leave_pay,
    check_household,
    default_rates,
)
from parent_app.domain.leave_pay.adoption import (
    AdoptionRequest,
    calculate_adoption,
    calculate_adoption_paternity,
    matching_week,
)
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.earnings import relevant_period
from parent_app.domain.leave_pay.household import HouseholdAnswers
from parent_app.domain.leave_pay.schedule import (
    PayMethod,
    PaySchedule,
    candidate_pay_dates,
)
from tests.domain.test_leave_pay_cases import (
    CASES,
    adoption_request,
    day,
    expected_pairs,
    household_of,
    leave_request,
    money,
    pairs,
    run_case,
)

BY_ID = {case["id"]: case for case in CASES}

DELIBERATE_DIFFERENCES: dict[str, frozenset[str]] = {
    "art-sap-2018-every-2-weeks-truncated": frozenset({"payments", "total"}),
    **{
        case_id: frozenset({"notice_of_leave_deadline"})
        for case_id in (
            "art-spp-adopt-2018-one_week-weekly-3000-8-weekly_starting",
            "art-spp-adopt-2018-two_weeks-weekly-3000-8-usual_paydates-2018-01-01",
            "art-spp-adopt-2018-two_weeks-every_2_weeks-3000-4-usual_paydates-2018-01-01",
            "art-spp-adopt-2018-two_weeks-monthly-3000-3-usual_paydates-first_day_of_the_month",
            "art-spp-adopt-2018-refuse-lel",
        )
    },
}

# Our answer for each of GOV.UK's 13 decision-tree quirks (§9 principled rules); the
# shared parental names appear where the household qualifies for them.
QUIRKS = {
    "elig-head-L1554": [
        "maternity_leave",
        "maternity_allowance",
        "paternity_leave",
        "shared_parental_leave",
    ],
    "elig-head-L1924": ["maternity_leave", "maternity_allowance"],
    "elig-head-L1937": ["maternity_leave", "maternity_allowance"],
    "elig-head-L1950": ["maternity_leave", "maternity_allowance"],
    "elig-head-L2858": ["maternity_allowance"],
    "elig-head-L2914": [],
    "elig-head-L3254": ["maternity_leave", "maternity_allowance"],
    "elig-head-L3269": ["maternity_leave", "maternity_allowance"],
    "elig-head-L3285": ["maternity_leave", "maternity_allowance"],
    "elig-int22-L264": ["maternity_pay"],
    "elig-int22-L619": ["maternity_leave", "maternity_pay"],
    "elig-int22-L691": ["maternity_pay"],
    "elig-int22-L702": ["maternity_pay"],
}

DECIDED: dict[str, str] = {
    **dict.fromkeys(QUIRKS, "principled household rules"),
    "smp-flow-refuse-continuity": "leave yes, SMP no: not worked long enough",
    "sml-flow-refuse-no-contract": "agree: no leave, no SMP",
    "pat-flow-blocks-2024-04-06": "agree on the rule",
    "pat-flow-blocks-2024-04-07": "agree on the rule",
    "pat-flow-refuse-not-responsible": "agree",
    "spp-flow-refuse-not-on-payroll": "agree",
    "spp-flow-refuse-not-employed-on-birth": "agree",
    "pat-int-2013-not-on-payroll": "leave start after the take-by date is refused",
    "pat-2026-dayone-2026-06-01-england": "follow the inferred rule",
    "pat-2026-dayone-2026-09-01-wales": "follow the inferred rule",
    "pat-2026-dayone-2026-06-01-northern_ireland": "follow the inferred rule",
    "pat-2026-dayone-2026-03-20-england": "follow the inferred rule",
    "plan-adoption-2012": "no one-day overlap",
    "ma-rates-by-due-year": "rate years touched by the 39 weeks",
    "smp-int-specific-date-29": "the 29th, or the last day of a shorter month",
    "art-sap-2018-monthly-last-day": "today's rounding (cross_check values)",
    "adopt-flow-validation": "agree",
    "smp-int-specific-date-32-invalid": "422",
}


def case(case_id: str) -> dict[str, Any]:
    return BY_ID[case_id]


@pytest.mark.parametrize("case_id", sorted(QUIRKS))
def test_household_quirk_follows_the_principled_rules(case_id: str) -> None:
    check = check_household(household_of(case(case_id)["inputs"]), default_rates())
    assert [name.value for name in check.entitlements] == QUIRKS[case_id]
    assert set(check.entitlements) != set(case(case_id)["expected"]["entitlements"])


def test_maternity_without_26_weeks_gives_leave_but_not_pay() -> None:
    inputs = case("smp-flow-refuse-continuity")["inputs"]
    result = calculate_leave_pay(leave_request(inputs, LeaveType.MATERNITY))
    assert result.leave.eligible is True
    assert result.pay.eligible is False
    assert [reason.code for reason in result.pay.reasons] == ["not_worked_long_enough"]
    assert result.key_dates.employment_start_latest == date(2020, 7, 25)


def test_maternity_without_a_contract_gives_nothing() -> None:
    inputs = case("sml-flow-refuse-no-contract")["inputs"]
    result = calculate_leave_pay(leave_request(inputs, LeaveType.MATERNITY))
    assert (result.leave.eligible, result.pay.eligible) == (False, False)
    assert result.leave.reasons[0].code == "no_employment_contract"


@pytest.mark.parametrize(
    "case_id", ["pat-flow-blocks-2024-04-06", "pat-flow-blocks-2024-04-07"]
)
def test_split_paternity_weeks_follow_the_rule(case_id: str) -> None:
    found = case(case_id)
    result = calculate_leave_pay(leave_request(found["inputs"], LeaveType.PATERNITY))
    wanted = found["expected"]["leave_must_be_taken_consecutively"]
    assert result.leave.weeks_must_be_consecutive is wanted


@pytest.mark.parametrize(
    ("case_id", "leave_code", "pay_code"),
    [
        (
            "pat-flow-refuse-not-responsible",
            "not_responsible_for_upbringing",
            "not_responsible_for_upbringing",
        ),
        ("spp-flow-refuse-not-on-payroll", "no_employment_contract", "not_on_payroll"),
        (
            "spp-flow-refuse-not-employed-on-birth",
            "no_employment_contract",
            "not_employed_on_birth_date",
        ),
    ],
)
def test_paternity_refusals_agree_with_gov_uk(
    case_id: str, leave_code: str, pay_code: str
) -> None:
    inputs = case(case_id)["inputs"]
    result = calculate_leave_pay(leave_request(inputs, LeaveType.PATERNITY))
    assert (result.leave.eligible, result.pay.eligible) == (False, False)
    assert leave_code in [reason.code for reason in result.leave.reasons]
    assert pay_code in [reason.code for reason in result.pay.reasons]
    if pay_code == "not_on_payroll":
        message = next(r.message for r in result.pay.reasons if r.code == pay_code)
        assert "Class 1 National Insurance" in message
    if pay_code == "not_employed_on_birth_date":
        message = next(r.message for r in result.pay.reasons if r.code == pay_code)
        assert "1 November 2020" in message


def test_paternity_leave_starting_after_the_take_by_date_is_refused() -> None:
    inputs = case("pat-int-2013-not-on-payroll")["inputs"]
    with pytest.raises(LeavePayError) as error:
        calculate_leave_pay(leave_request(inputs, LeaveType.PATERNITY))
    assert error.value.field == "leave_start"
    assert "6 August 2013" in error.value.message
    in_time = leave_request(
        {**inputs, "leave_start": "2013-06-12"}, LeaveType.PATERNITY
    )
    result = calculate_leave_pay(in_time)
    assert (result.leave.eligible, result.pay.eligible) == (True, False)
    assert [reason.code for reason in result.pay.reasons] == ["not_on_payroll"]


@pytest.mark.parametrize(
    "case_id",
    [
        "pat-2026-dayone-2026-06-01-england",
        "pat-2026-dayone-2026-09-01-wales",
        "pat-2026-dayone-2026-06-01-northern_ireland",
        "pat-2026-dayone-2026-03-20-england",
    ],
)
def test_day_one_paternity_leave_follows_the_inferred_rule(case_id: str) -> None:
    found = case(case_id)
    inferred = found["inferred"]
    result = calculate_leave_pay(leave_request(found["inputs"], LeaveType.PATERNITY))
    assert result.leave.eligible is inferred["eligible_paternity_leave"]
    assert result.leave.is_day_one_right is inferred["grace_paternity_leave"]
    assert result.pay.eligible is inferred["eligible_spp"]
    assert result.key_dates.employment_start_latest == day(
        inferred["employment_start_latest"]
    )
    if inferred["paternity_deadline"] is not None:
        assert result.key_dates.paternity_take_by == day(inferred["paternity_deadline"])
    if case_id.endswith("06-01-england"):
        assert result.key_dates.notice_deadline == date(2026, 5, 11)
    if case_id.endswith("wales"):
        assert result.key_dates.notice_deadline == date(2026, 5, 23)
    if not inferred["eligible_paternity_leave"]:
        assert [r.code for r in result.leave.reasons] == ["not_worked_long_enough"]


def test_adoption_leave_periods_do_not_overlap() -> None:
    inputs = case("plan-adoption-2012")["inputs"]
    request = AdoptionRequest(
        match_date=date(2012, 6, 25),
        placement_date=day(inputs["arrival_date"]),  # type: ignore[arg-type]
        leave_start=day(inputs["leave_start"]),
    )
    result = calculate_adoption(request, default_rates())
    assert result.matching_week.end == date(2012, 6, 30)
    assert (result.leave_start, result.ordinary_leave_end) == (
        date(2012, 12, 11),
        date(2013, 6, 10),
    )
    assert (result.additional_leave_start, result.leave_end) == (
        date(2013, 6, 11),
        date(2013, 12, 9),
    )
    earlier = AdoptionRequest(date(2012, 6, 25), date(2012, 12, 25), date(2012, 12, 10))
    with pytest.raises(LeavePayError):
        calculate_adoption(earlier, default_rates())


def test_maternity_allowance_rates_listed_by_due_date() -> None:
    found = case("ma-rates-by-due-year")
    for due_text, text in found["expected"]["rate_text_contains"].items():
        answers = ParentAnswers(
            EmploymentStatus.SELF_EMPLOYED, worked_at_least_26_weeks=True
        )
        check = check_household(
            HouseholdAnswers(day(due_text), answers, None),
            default_rates(),  # type: ignore[arg-type]
        )
        assert [name.value for name in check.entitlements] == ["maternity_allowance"]
        shown = money(text.split("£")[1].split()[0].rstrip(","))
        assert shown in {span.flat_rate for span in check.flat_rates}
        assert check.flat_rates[-1].flat_rate == shown


def test_a_payday_of_the_29th_is_the_29th_or_the_end_of_a_shorter_month() -> None:
    inputs = case("smp-int-specific-date-29")["inputs"]
    schedule = PaySchedule(PayMethod.SPECIFIC_DATE_EACH_MONTH, day_of_month=29)
    start = day(inputs["leave_start"])
    assert start is not None
    dates = candidate_pay_dates(
        schedule, [(start, start + timedelta(weeks=39, days=-1))]
    )
    assert dates[:3] == [date(2013, 1, 29), date(2013, 2, 28), date(2013, 3, 29)]
    last_days = candidate_pay_dates(
        PaySchedule(PayMethod.LAST_DAY_OF_THE_MONTH),
        [(start, start + timedelta(weeks=39))],
    )
    assert dates[0] != last_days[0]


def test_adoption_pay_uses_todays_rounding() -> None:
    found = case("art-sap-2018-monthly-last-day")
    import json

    current = json.loads(found["cross_check"].split(": ", 1)[1])
    result = calculate_adoption(adoption_request(found["inputs"]), default_rates())
    assert pairs(result.pay.payments) == expected_pairs(current["payments"])
    assert result.pay.total == money(current["total"])
    assert result.pay.total != money(found["expected"]["total"])


def test_adoption_placement_and_last_payday_are_checked() -> None:
    expected = case("adopt-flow-validation")["expected"]
    match = date(2021, 1, 1)
    with pytest.raises(LeavePayError) as error:
        calculate_adoption(
            AdoptionRequest(match, day(expected["invalid_placement_example"])),  # type: ignore[arg-type]
            default_rates(),
        )
    assert error.value.field == "placement_date"
    saturday = matching_week(match).end
    assert saturday == day(expected["latest_valid_last_payday"])
    relevant_period(
        saturday, saturday - timedelta(weeks=8), latest_last_payday=saturday
    )
    with pytest.raises(LeavePayError) as error:
        invalid = day(expected["invalid_last_payday_example"])
        assert invalid is not None
        relevant_period(
            invalid, saturday - timedelta(weeks=8), latest_last_payday=saturday
        )
    assert error.value.field == "earnings.last_normal_payday"


def test_a_payday_of_the_32nd_is_refused() -> None:
    schedule = PaySchedule(PayMethod.SPECIFIC_DATE_EACH_MONTH, day_of_month=32)
    with pytest.raises(LeavePayError) as error:
        schedule.validate()
    assert error.value.field == "pay_schedule.day_of_month"


def test_fortnightly_paydays_cover_the_whole_pay_period() -> None:
    found = case("art-sap-2018-every-2-weeks-truncated")
    result = calculate_adoption(adoption_request(found["inputs"]), default_rates())
    gov_uk = expected_pairs(found["expected"]["payments"])
    assert pairs(result.pay.payments)[: len(gov_uk)] == gov_uk
    assert sum(payment.days_paid for payment in result.pay.payments) == 39 * 7
    assert result.pay.total > money(found["expected"]["total"]) + Decimal(1800)


@pytest.mark.parametrize(
    "case_id",
    sorted(
        key
        for key, value in DELIBERATE_DIFFERENCES.items()
        if "notice_of_leave_deadline" in value
    ),
)
def test_adopters_partner_gives_notice_within_7_days_of_the_match(case_id: str) -> None:
    found = case(case_id)
    result = calculate_adoption_paternity(
        adoption_request(found["inputs"]), default_rates()
    )
    assert result.notice_deadline == date(2018, 1, 8)
    assert result.notice_deadline != day(found["expected"]["notice_of_leave_deadline"])


@pytest.mark.parametrize("case_id", sorted(DELIBERATE_DIFFERENCES))
def test_the_rest_of_each_deliberately_different_case_matches(case_id: str) -> None:
    run_case(case(case_id), skip_keys=DELIBERATE_DIFFERENCES[case_id])
