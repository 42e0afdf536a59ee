"""Every must_match case of GOV.UK's own tests, run through the pure leave-and-pay
domain (cases from ../shared/testdata/leave-pay-cases.json).

Each case is routed by its kind and inputs to the domain function that answers it, and
every `expected` key is compared; an expected key this module does not know fails the
test, so nothing is skipped silently. The must_match:false cases are decided and tested
in test_leave_pay_decisions.py; `test_every_case_is_run` checks that between the two
modules every case in the file runs.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from parent_app.domain.leave_pay import (
    AverageWeeklyEarnings,
    LeavePayError,
    LeaveRequest,
    LeaveType,
    RelevantPeriodEarnings,
    calculate_leave_pay,
    check_household,
    default_rates,
)
from parent_app.domain.leave_pay.adoption import (
    AdoptionRequest,
    calculate_adoption,
    calculate_adoption_paternity,
    matching_week,
    overseas_employment_threshold,
)
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.earnings import (
    PayPattern,
    average_weekly_earnings,
    payday_offset,
    relevant_period,
)
from parent_app.domain.leave_pay.household import HouseholdAnswers
from parent_app.domain.leave_pay.key_dates import birth_weeks
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.paternity_rules import (
    adoption_take_by,
    adoption_weeks_must_be_consecutive,
    paternity_take_by,
    weeks_must_be_consecutive,
)
from parent_app.domain.leave_pay.schedule import (
    PaySchedule,
    WeekOfMonth,
    candidate_pay_dates,
    parse_pay_method,
)
from parent_app.domain.leave_pay.weekly_rates import earnings_related_rate
from parent_app.domain.leave_pay.weeks import weekday_sun0

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
CASES = json.loads((REFERENCE / "leave-pay-cases.json").read_text())
MUST_MATCH = [case for case in CASES if case["must_match"]]
SOURCE_2019 = "468bb3387e0919934c12a46f6500ccfcbaf33df0"
SHARED_NAMES = {"shared_parental_leave", "shared_parental_pay"}


# --- reading the cases' vocabulary -------------------------------------------------


def day(text: str | None) -> date | None:
    """ISO dates, and the cases' unpadded ones ("2016-1-1")."""
    if text is None:
        return None
    year, month, dom = (int(part) for part in text.split("-"))
    return date(year, month, dom)


def long_day(text: str) -> date:
    """ "Saturday, 14 April 2018", "by 22 October 2011" or "13 November 2011"."""
    text = text.removeprefix("by ").split(", ")[-1].strip()
    return datetime.strptime(text, "%d %B %Y").date()


def money(value: Any) -> Decimal:
    return Decimal(str(value))


def yes(value: str | None, default: bool) -> bool:
    return default if value is None else value == "yes"


def shown(amount: Decimal, expected: Any) -> bool:
    """An AWE equals what GOV.UK shows: exactly, or rounded to the 2 places shown."""
    wanted = money(expected)
    if amount == wanted:
        return True
    places = (
        -wanted.as_tuple().exponent
        if isinstance(wanted.as_tuple().exponent, int)
        else 0
    )
    return places <= 2 and amount.quantize(Decimal("0.01"), ROUND_HALF_UP) == wanted


def schedule_of(inputs: dict[str, Any]) -> PaySchedule:
    week = inputs.get("pay_week_in_month")
    return PaySchedule(
        method=parse_pay_method(inputs.get("pay_method") or "weekly_starting"),
        pay_date=day(inputs.get("pay_date")),
        day_of_month=inputs.get("pay_day_in_month"),
        weekday=inputs.get("pay_day_in_week"),
        week_of_month=WeekOfMonth(week) if week else None,
        work_days=frozenset(inputs.get("work_days") or ()),
    )


def earnings_of(
    inputs: dict[str, Any],
) -> AverageWeeklyEarnings | RelevantPeriodEarnings | None:
    if inputs.get("awe") is not None:
        return AverageWeeklyEarnings(money(inputs["awe"]))
    if "earnings_in_relevant_period" not in inputs:
        return None
    return RelevantPeriodEarnings(
        total=money(inputs["earnings_in_relevant_period"]),
        pay_pattern=PayPattern(inputs["pay_pattern"]),
        number_of_payments=inputs.get("number_of_payments"),
        last_normal_payday=day(inputs.get("last_normal_payday")),
        payday_before_relevant_period=payday_before(inputs),
    )


def payday_before(inputs: dict[str, Any]) -> date | None:
    """The payday before the relevant period, or the day before its given start."""
    if "relevant_period_start" in inputs:
        return day(inputs["relevant_period_start"]) - timedelta(days=1)  # type: ignore[operator]
    return day(inputs.get("payday_before_relevant_period"))


def leave_weeks(inputs: dict[str, Any]) -> int:
    return {"one_week": 1, "two_weeks": 2, None: 2}[
        inputs.get("paternity_leave_duration")
    ]


def leave_request(inputs: dict[str, Any], leave_type: LeaveType) -> LeaveRequest:
    worked = inputs.get("did_the_employee_work_for_you_between") or inputs.get(
        "employee_work_before_employment_start"
    )
    contract = inputs.get("employee_has_contract_paternity") or inputs.get(
        "does_the_employee_work_for_you_now"
    )
    return LeaveRequest(
        leave_type=leave_type,
        due_date=day(inputs["due_date"]),  # type: ignore[arg-type]
        date_of_birth=day(inputs.get("date_of_birth")),
        leave_start=day(inputs.get("leave_start")),
        location=Location(inputs.get("employee_location") or "england"),
        employed_by_continuity_start=yes(worked, True),
        has_contract=yes(contract, True),
        on_payroll=yes(inputs.get("employee_on_payroll_paternity"), True),
        still_employed_on_birth_date=yes(
            inputs.get("employee_still_employed_on_birth_date"), True
        ),
        is_responsible_for_upbringing=yes(
            inputs.get("employee_responsible_for_upbringing"), True
        ),
        paternity_leave_weeks=leave_weeks(inputs),
        earnings=earnings_of(inputs),
        pay_schedule=schedule_of(inputs),
    )


def adoption_request(inputs: dict[str, Any]) -> AdoptionRequest:
    answers = inputs.get("answers") or {}
    return AdoptionRequest(
        match_date=day(inputs["match_date"]),  # type: ignore[arg-type]
        placement_date=day(  # unit tests that stub it: placed the day leave starts
            inputs.get("placement_date")
            or inputs.get("leave_start")
            or inputs["match_date"]
        ),  # type: ignore[arg-type]
        leave_start=day(inputs.get("leave_start")),
        is_overseas=bool(inputs.get("overseas")),
        has_contract=yes(answers.get("adoption_employment_contract?"), True),
        on_payroll=yes(answers.get("adoption_is_the_employee_on_your_payroll?"), True),
        paternity_leave_weeks=leave_weeks(inputs),
        earnings=earnings_of(inputs),
        pay_schedule=schedule_of(inputs),
    )


def parent(answers: dict[str, str], who: str) -> ParentAnswers:
    status = answers[f"employment_status_of_{who}"].replace("-", "_")
    return ParentAnswers(
        employment_status=EmploymentStatus(status),
        started_before_continuity_start=yes(
            answers.get(f"{who}_started_working_before_continuity_start_date"), False
        ),
        still_working_on_continuity_end=yes(
            answers.get(f"{who}_still_working_on_continuity_end_date"), False
        ),
        earned_more_than_lower_earnings_limit=yes(
            answers.get(f"{who}_earned_more_than_lower_earnings_limit"), False
        ),
        worked_at_least_26_weeks=yes(
            answers.get(f"{who}_worked_at_least_26_weeks"), False
        ),
        earned_at_least_390=yes(answers.get(f"{who}_earned_at_least_390"), False),
    )


def household_of(inputs: dict[str, Any]) -> HouseholdAnswers:
    answers = inputs.get("answers") or {}
    due = day(answers.get("due_date") or inputs["due_date"])
    assert due is not None
    has_mother = "employment_status_of_mother" in answers
    two_carers = answers.get("two_carers", "yes") == "yes" and (
        "employment_status_of_partner" in answers
    )
    location = answers.get("where_does_the_mother_partner_live") or "england"
    return HouseholdAnswers(
        due_date=due,
        birthing_parent=parent(answers, "mother") if has_mother else None,
        partner=parent(answers, "partner") if two_carers else None,
        location=Location(location),
    )


# --- comparing a calculation with what GOV.UK showed --------------------------------


def pairs(payments: Any) -> list[tuple[date, Decimal]]:
    return [(payment.paid_on, payment.amount) for payment in payments]


def expected_pairs(rows: list[list[Any]]) -> list[tuple[date, Decimal]]:
    return [(day(when), money(amount)) for when, amount in rows]  # type: ignore[misc]


def text_pairs(text: str) -> list[tuple[date, Decimal]]:
    """ "18 June 2013|£103.85" lines."""
    found = []
    for line in text.splitlines():
        when, amount = line.split("|")
        found.append((long_day(when), money(amount.lstrip("£").replace(",", ""))))
    return found


def period_text(text: str) -> tuple[date, date]:
    first, last = text.split(" and ")
    return long_day(first), long_day(last)


REASON_CODES = {"must_earn_over_threshold": "below_lower_earnings_limit"}
ORDINALS = {"first": 0, "second": 1, "fourth": 3, "seventh": 6, "last": -1}


def compare_calculation(
    result: Any, key: str, expected: Any, inputs: dict[str, Any]
) -> None:
    """Assert one expected key against a LeaveCalculation or AdoptionCalculation."""
    pay, payments = result.pay, result.pay.payments
    dates = getattr(result, "key_dates", result)
    if key in ("eligible_smp", "eligible_spp", "eligible_pay", "eligible_sap"):
        assert pay.eligible is expected
    elif key in (
        "eligible_maternity_leave",
        "eligible_paternity_leave",
        "eligible_adoption_leave",
    ):
        assert result.leave.eligible is expected
    elif key in ("smp_total", "total", "sap_total"):
        assert pay.total == money(expected)
    elif key == "payments":
        assert pairs(payments) == expected_pairs(expected)
    elif key == "payments_text":
        assert pairs(payments) == text_pairs(expected)
    elif key == "weekly_table":
        assert [p.amount for p in payments] == [
            money(row.split("£")[1]) for row in expected.splitlines()
        ]
    elif key == "paydates":
        wanted = [day(item) for item in expected]
        assert [p.paid_on for p in payments][: len(wanted)] == wanted
    elif key == "payment_count":
        assert len(payments) == expected
    elif key.endswith("_payment") and key.split("_")[0] in ORDINALS:
        payment = payments[ORDINALS[key.split("_")[0]]]
        assert (payment.paid_on, payment.amount) == (
            day(expected[0]),
            money(expected[1]),
        )
    elif key.endswith("_payment_amount"):
        assert payments[ORDINALS[key.split("_")[0]]].amount == money(expected)
    elif key == "first_three_amounts":
        assert [p.amount for p in payments[:3]] == [money(a) for a in expected]
    elif key == "payments_by_date":
        found = dict(pairs(payments))
        assert {day(k): found[day(k)] for k in expected} == {  # type: ignore[index]
            day(k): money(v) for k, v in expected.items()
        }
    elif key in ("awe", "awe_as_displayed"):
        assert shown(result.average_weekly_earnings, expected)
    elif key == "awe_shown":
        assert f"£{result.average_weekly_earnings.normalize():f}" == expected
    elif key == "smp_rate_90pct_rounded":
        assert pay.earnings_related_rate.quantize(
            Decimal("0.01"), ROUND_HALF_UP
        ) == money(expected)
    elif key == "lower_earnings_limit":
        assert result.lower_earnings_limit == money(expected)
    elif key == "not_entitled_reason":
        assert REASON_CODES[expected] in {reason.code for reason in pay.reasons}
    elif key == "relevant_period":
        if hasattr(result, "relevant_period"):
            period = result.relevant_period
        else:
            period = (dates.relevant_period_start, dates.relevant_period_end)
        assert period == period_text(expected)
    elif key == "qualifying_week_end_formatted":
        assert dates.qualifying_week_end == long_day(expected)
    elif key == "payday_offset":
        assert payday_offset(day(inputs["last_normal_payday"])) == day(expected)  # type: ignore[arg-type]
    elif key == "latest_date_to_claim_smp":
        assert dates.claim_pay_by == day(expected)
    elif key == "smp_start_if_pregnancy_illness":
        assert dates.pay_start_if_pregnancy_illness == day(expected)
    elif key == "notice_of_leave_deadline":
        assert dates.notice_deadline == day(expected)
    elif key == "paternity_deadline":
        assert dates.paternity_take_by == day(expected)
    elif key in (
        "leave_start",
        "leave_end",
        "pay_end",
        "earliest_leave_start",
        "employment_start_latest",
    ):
        assert getattr(dates, key) == day(expected)
    elif key == "outcome":
        pass  # GOV.UK's page name; what it stands for is asserted by the other keys
    else:
        pytest.fail(f"no comparison for expected key {key!r}")


# --- the household check ------------------------------------------------------------

ENTITLEMENT_NAMES = {"smp": "maternity_pay", "spp": "paternity_pay"}
SECTIONS = {
    "Maternity leave": "maternity_leave",
    "Maternity pay": "maternity_pay",
    "Maternity allowance": "maternity_allowance",
    "Paternity leave": "paternity_leave",
    "Paternity pay": "paternity_pay",
    "Shared parental leave": "shared_parental_leave",
    "Shared parental pay": "shared_parental_pay",
}
# Sections outside the API contract: Additional Paternity Leave/Pay (abolished for
# babies due from 5 April 2015, replaced by SPL) and the "Extra help" signposting.
OTHER_SECTIONS = {
    "Additional paternity leave",
    "Additional paternity pay",
    "Extra help",
}
RATE_ROW = re.compile(r"\(between .+\)$|^Weekly rate$")


def compare_sections(
    check: Any, sections: list[str], rows: dict[str, list[list[str]]]
) -> None:
    names = set()
    for section in sections:
        if section in OTHER_SECTIONS:
            continue
        name = SECTIONS[section]
        labels = [label for label, _ in rows.get(section, [])]
        if name == "maternity_allowance" and "Total allowance" in labels:
            name = "maternity_allowance_14_weeks"
        names.add(name)
    assert set(check.entitlements) == names
    mother = {grant.entitlement: grant for grant in check.birthing_parent.grants}
    rates_shown = set()
    rates_ours = {span.flat_rate for span in check.flat_rates}
    for section, section_rows in rows.items():
        for label, value in section_rows:
            if RATE_ROW.search(label) and "£" in value:
                rates_shown.add(money(value.split("£")[1].split()[0].rstrip(",")))
            if label == "Earliest leave can start":
                assert check.dates.earliest_leave_start == long_day(value)
            elif label == "Maternity allowance can start on":
                assert check.dates.ma_earliest_start == long_day(value)
            elif label == "Tell the mother’s employer" and value.startswith("by"):
                assert check.dates.maternity_notice_deadline == long_day(value)
            elif label == "Tell the partner’s employer" and section.startswith(
                "Paternity"
            ):
                assert check.paternity_notice_deadline == long_day(value)
            elif label == "Paternity leave must be used":
                assert value == "within 56 days of the birth."
                assert (check.paternity_take_by - check.answers.due_date).days == 56
            elif label == "Weekly rate" and section == "Maternity allowance":
                grant = mother["maternity_allowance_14_weeks"]
                assert grant.weekly_amount == money(value.lstrip("£"))
            elif label == "Total allowance":
                grant = mother["maternity_allowance_14_weeks"]
                assert grant.total == money(value.lstrip("£"))
    # The 2019 tool listed tax years, ours (as GOV.UK's since) the rate years from the
    # first Sunday in April, so a year can touch one span and not the other: each rate
    # we list must be one GOV.UK listed.
    if rates_shown - {Decimal(27)}:
        assert rates_ours <= rates_shown


PARENT_TOOL_DATES = {
    "continuity_start_date": "continuity_start",
    "continuity_end_date": "continuity_end",
    "lower_earnings_start_date": "lower_earnings_start",
    "lower_earnings_end_date": "lower_earnings_end",
    "earnings_employment_start_date": "ma_test_start",
    "earnings_employment_end_date": "ma_test_end",
    "start_of_maternity_allowance": "ma_earliest_start",
    "earliest_start_mat_leave": "earliest_leave_start",
    "maternity_leave_notice_date": "maternity_notice_deadline",
    "due_date_notice_to_partner_employer": "partner_due_date_notice",
}


def compare_household(case: dict[str, Any]) -> None:
    inputs, expected = case["inputs"], case["expected"]
    answers = dict(inputs.get("answers") or {})
    if "partner_location" in inputs:
        answers["where_does_the_mother_partner_live"] = inputs[
            "partner_location"
        ].split()[0]
    check = check_household(
        household_of({**inputs, "answers": answers}), default_rates()
    )
    for key, value in expected.items():
        if key == "entitlements":
            wanted = {
                ENTITLEMENT_NAMES.get(name, name) for name in value if name != "nothing"
            }
            ours = set(check.entitlements)
            if case["source_commit"] != SOURCE_2019:
                ours -= (
                    SHARED_NAMES  # the tool at this commit does not assess SPL (§11)
                )
            assert ours == wanted
        elif key == "outcome_sections":
            compare_sections(check, value, expected["outcome_rows"])
        elif key in PARENT_TOOL_DATES:
            assert getattr(check.dates, PARENT_TOOL_DATES[key]) == day(value)
        elif key == "give_paternity_leave_notice_by_date":
            assert check.paternity_notice_deadline == day(value)
        elif key == "take_paternity_leave_by_date":
            assert check.paternity_take_by == day(value)
        elif key == "lower_earnings_amount":
            assert check.lower_earnings_limit == money(value)
        elif key not in ("outcome", "outcome_rows"):
            pytest.fail(f"no comparison for expected key {key!r}")


# --- routing a case to the rule that answers it -------------------------------------


def run_rule_case(case: dict[str, Any]) -> bool:
    """Cases answered by one rule function rather than a whole calculation."""
    inputs, expected = case["inputs"], case["expected"]
    rates = default_rates()
    if case["kind"] == "awe":
        average = average_weekly_earnings(
            money(inputs["earnings_in_relevant_period"]),
            PayPattern(inputs["pay_pattern"]),
            inputs.get("number_of_payments"),
        )
        assert average == money(expected["awe"])
    elif case["kind"] == "rates":
        weekday = weekday_sun0(day(inputs["leave_start"]))  # type: ignore[arg-type]
        rate = rates.flat_rate_on(day(inputs["date"]), week_start_weekday=weekday)  # type: ignore[arg-type]
        assert rate.amount == money(expected["statutory_flat_rate"])
    elif set(inputs) == {"awe"}:
        rate = earnings_related_rate(money(inputs["awe"]))
        assert rate.quantize(Decimal("0.01"), ROUND_HALF_UP) == money(
            expected["smp_rate_90pct_rounded_2dp"]
        )
    elif "leave_must_be_taken_consecutively" in expected and len(expected) == 1:
        for place in locations(inputs.get("employee_location")):
            if "match_date" in inputs:
                found = adoption_weeks_must_be_consecutive(
                    day(inputs["placement_date"]), place
                )  # type: ignore[arg-type]
            else:
                found = weeks_must_be_consecutive(day(inputs["due_date"]), place)  # type: ignore[arg-type]
            assert found is expected["leave_must_be_taken_consecutively"]
    elif case["kind"] == "paternity_deadline" and "match_date" in inputs:
        for place in locations(*inputs["employee_location_any_of"]):
            taken_by = adoption_take_by(day(inputs["placement_date"]), place)  # type: ignore[arg-type]
            assert taken_by == day(expected["paternity_deadline"])
    elif case["kind"] == "paternity_deadline" and set(inputs) == {
        "due_date",
        "date_of_birth",
        "employee_location",
    }:
        taken_by = paternity_take_by(
            day(inputs["due_date"]),
            day(inputs["date_of_birth"]),  # type: ignore[arg-type]
            Location(inputs["employee_location"]),
        )
        assert taken_by == day(expected["paternity_deadline"])
    elif (
        case["kind"] == "lel"
        and set(inputs) == {"due_date"}
        and "lower_earnings_limit" in expected
    ):
        qw_end = birth_weeks(day(inputs["due_date"])).qualifying_week_end  # type: ignore[arg-type]
        assert rates.birth_lower_earnings_limit(qw_end) == money(
            expected["lower_earnings_limit"]
        )
        if "inferred" in case:
            assert qw_end == day(case["inferred"]["qualifying_week_end"])
    elif case["kind"] == "lel" and set(inputs) == {"match_date"}:
        saturday = matching_week(day(inputs["match_date"])).end  # type: ignore[arg-type]
        assert rates.adoption_lower_earnings_limit(saturday) == money(
            expected["lower_earnings_limit"]
        )
    elif case["kind"] == "dates" and set(inputs) <= {
        "match_date",
        "placement_date",
        "leave_start",
        "overseas",
    }:
        week = matching_week(day(inputs["match_date"]))  # type: ignore[arg-type]
        start = day(inputs.get("leave_start") or inputs["match_date"])
        assert start is not None
        for key, value in expected.items():
            found = {
                "adoption_qualifying_start": week.start,
                "matched_week_start": week.start,
                "matched_week_end": week.end,
                "employment_start_latest": week.employment_start_latest,
                "overseas_adoption_leave_employment_threshold": (
                    overseas_employment_threshold(start)
                ),
            }[key]
            assert found == day(value)
    elif case["kind"] == "validation":
        qw_end = birth_weeks(day(inputs["due_date"])).qualifying_week_end  # type: ignore[arg-type]
        latest = day(expected["latest_valid_last_normal_payday"])
        assert latest is not None
        period = relevant_period(
            latest, latest - timedelta(weeks=8), latest_last_payday=qw_end
        )
        assert period.end == latest
        with pytest.raises(LeavePayError) as error:
            invalid = day(expected["invalid_example"])
            relevant_period(
                invalid, latest - timedelta(weeks=8), latest_last_payday=qw_end
            )  # type: ignore[arg-type]
        assert error.value.field == "earnings.last_normal_payday"
    elif (
        case["kind"] == "lel"
        and "last_normal_payday" in inputs
        and "earnings_in_relevant_period" not in inputs
    ):
        weeks = birth_weeks(day(inputs["due_date"]))  # type: ignore[arg-type]
        period = relevant_period(
            day(inputs["last_normal_payday"]),  # type: ignore[arg-type]
            day(inputs["payday_before_relevant_period"]),  # type: ignore[arg-type]
            latest_last_payday=weeks.qualifying_week_end,
        )
        assert (period.start, period.end) == period_text(expected["relevant_period"])
        assert weeks.qualifying_week_end == long_day(
            expected["qualifying_week_end_formatted"]
        )
        limit = rates.birth_lower_earnings_limit(weeks.qualifying_week_end)
        assert limit == money(expected["lower_earnings_limit"])
    elif case["kind"] == "paydates":
        leave_start = day(inputs["leave_start"])
        assert leave_start is not None
        pay_end = calculate_leave_pay(
            leave_request(inputs, LeaveType.MATERNITY)
        ).key_dates.pay_end
        found = candidate_pay_dates(schedule_of(inputs), [(leave_start, pay_end)])
        wanted = expected["paydates"]
        if isinstance(wanted, list):
            assert found == [day(item) for item in wanted]
        else:
            for position, value in wanted.items():
                if position == "count":
                    assert len(found) == value
                else:
                    index = {
                        "first": 0,
                        "second": 1,
                        "third": 2,
                        "fourth": 3,
                        "last": -1,
                    }
                    assert found[index[position]] == day(value)
    else:
        return False
    return True


def locations(*names: str | None) -> list[Location]:
    """ "england/scotland/wales", "any" or one location name."""
    found: list[Location] = []
    for name in names:
        if name in (None, "any"):
            found.extend(Location)
        else:
            found.extend(Location(part) for part in name.split("/"))  # type: ignore[union-attr]
    return found


PATERNITY_HINTS = ("spp", "paternity", "employee_work_before_employment_start")


def calculation_for(case: dict[str, Any]) -> Any:
    inputs, expected = case["inputs"], case["expected"]
    text = " ".join([case["kind"], *inputs, *expected])
    is_paternity = any(hint in text for hint in PATERNITY_HINTS) or case[
        "id"
    ].startswith(("spp-", "pat-"))
    if "match_date" in inputs:
        request = adoption_request(inputs)
        if is_paternity:
            return calculate_adoption_paternity(request, default_rates())
        return calculate_adoption(request, default_rates())
    leave_type = LeaveType.PATERNITY if is_paternity else LeaveType.MATERNITY
    return calculate_leave_pay(leave_request(inputs, leave_type))


def run_case(case: dict[str, Any], *, skip_keys: frozenset[str] = frozenset()) -> None:
    """Run one case through the domain and compare every expected key not skipped."""
    if run_rule_case(case):
        return
    inputs = case["inputs"]
    household = (
        {"answers"} >= set(inputs)
        or case["kind"] in ("spl", "ma")
        or (
            case["kind"] in ("dates", "lel")
            and set(inputs) <= {"due_date", "partner_location"}
        )
    )
    if household and "match_date" not in (inputs.get("answers") or {}) | inputs:
        compare_household(case)
        return
    result = calculation_for(case)
    for key, value in case["expected"].items():
        if key in skip_keys:
            continue
        if key in ("qualifying_week_end", "earliest_start"):
            attr = "earliest_leave_start" if key == "earliest_start" else key
            assert getattr(result.key_dates, attr) == day(value)
        elif key in ("ordinary_leave", "additional_leave"):
            dates = result.key_dates
            span = (
                (dates.leave_start, dates.ordinary_leave_end)
                if key == "ordinary_leave"
                else (dates.additional_leave_start, dates.leave_end)
            )
            assert span == (day(value[0]), day(value[1]))
        else:
            compare_calculation(result, key, value, inputs)


def _deliberate() -> dict[str, frozenset[str]]:
    from tests.domain.test_leave_pay_decisions import DELIBERATE_DIFFERENCES

    return DELIBERATE_DIFFERENCES


@pytest.mark.parametrize("case", MUST_MATCH, ids=[case["id"] for case in MUST_MATCH])
def test_must_match_case(case: dict[str, Any]) -> None:
    run_case(case, skip_keys=_deliberate().get(case["id"], frozenset()))


def test_every_case_is_run() -> None:
    from tests.domain.test_leave_pay_decisions import DECIDED

    not_matching = {case["id"] for case in CASES if not case["must_match"]}
    assert not_matching == set(DECIDED)
    assert set(_deliberate()) <= {case["id"] for case in MUST_MATCH}
    assert len(CASES) == len(MUST_MATCH) + len(not_matching)
