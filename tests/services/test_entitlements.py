"""The entitlements services: plain validated data in, the domain's answer out, its
refusals of an input as per-field ValidationFailed, and the deadlines calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from icalendar import Calendar

from parent_app.entitlements import (
    calculate_leave_pay,
    describe_calculation,
    household_check,
    leave_dates_calendar,
    leave_deadlines,
    rates_on,
    rates_table,
)
from parent_app.errors import ValidationFailed

NOW = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


def test_household_check_describes_each_parent() -> None:
    result = household_check(
        {
            "due_date": date(2026, 6, 10),
            "location": "england",
            "birthing_parent": {
                "employment_status": "self_employed",
                "worked_at_least_26_weeks": True,
            },
            "partner": {
                "employment_status": "employee",
                "still_working_on_continuity_end": True,
            },
        }
    )
    assert result["entitlements"] == ["maternity_allowance", "paternity_leave"]
    assert result["partner"]["grants"][0]["is_day_one_right"] is True
    assert result["key_dates"]["paternity_take_by"] == date(2027, 6, 9)
    assert result["lower_earnings_limit"] == Decimal("125")
    refused = {(r["parent"], r["entitlement"]) for r in result["reasons"]}
    # Self-employed: a real "no". The partner's start date was never asked: a
    # question, not a refusal.
    assert ("birthing_parent", "maternity_pay") in refused
    assert ("partner", "paternity_pay") not in refused
    asked = {a["key"]: a for a in result["needs_answer"]}
    assert {"parent": "partner", "entitlement": "paternity_pay"} in asked[
        "partner.started_before_continuity_start"
    ]["needed_for"]
    assert (
        "on or before 6 September 2025"
        in asked["partner.started_before_continuity_start"]["question"]
    )
    assert all(r["message"] for r in result["reasons"])


def test_household_check_refuses_a_due_date_before_the_rates() -> None:
    with pytest.raises(ValidationFailed) as error:
        household_check(
            {"due_date": date(2009, 3, 1), "birthing_parent": None, "partner": None}
        )
    assert set(error.value.fields) == {"due_date"}


def test_calculation_errors_nest_like_the_request() -> None:
    with pytest.raises(ValidationFailed) as error:
        calculate_leave_pay(
            {
                "leave_type": "paternity",
                "due_date": date(2020, 11, 1),
                "earnings": {
                    "total_in_relevant_period": Decimal("4000"),
                    "pay_pattern": "weekly",
                    "last_normal_payday": date(2020, 7, 26),
                    "payday_before_relevant_period": date(2020, 5, 1),
                },
            }
        )
    assert list(error.value.fields) == ["earnings"]
    assert list(error.value.fields["earnings"]) == ["last_normal_payday"]
    assert "25 July 2020" in error.value.fields["earnings"]["last_normal_payday"][0]


def test_calculation_is_described_with_every_key_date() -> None:
    result = describe_calculation(
        calculate_leave_pay(
            {
                "leave_type": "maternity",
                "due_date": date(2026, 5, 1),
                "earnings": {"average_weekly": Decimal("1000")},
            }
        )
    )
    assert result["pay"]["total"] == Decimal("11812.56")
    assert len(result["pay"]["payments"]) == 39
    assert result["key_dates"]["claim_pay_by"] == date(2026, 4, 3)
    assert result["key_dates"]["paternity_take_by"] is None
    assert result["leave"]["weeks"] == [
        {"start": date(2026, 5, 1), "end": date(2027, 4, 29)}
    ]


def _events(ics: bytes) -> list[tuple[str, date, str]]:
    calendar = Calendar.from_ical(ics)
    return [
        (str(event["SUMMARY"]), event.decoded("DTSTART"), str(event["UID"]))
        for event in calendar.walk("VEVENT")
    ]


def test_maternity_calendar_without_earnings_lists_maternity_allowance_too() -> None:
    calculation = calculate_leave_pay(
        {"leave_type": "maternity", "due_date": date(2026, 6, 10)}
    )
    deadlines = leave_deadlines(calculation)
    assert [(d.key, d.on) for d in deadlines] == [
        ("notice_deadline", date(2026, 2, 28)),
        ("ma_claim_from", date(2026, 3, 4)),
        ("earliest_leave_start", date(2026, 3, 22)),
        ("claim_pay_by", date(2026, 5, 13)),
    ]
    events = _events(
        leave_dates_calendar(deadlines, scope="baby:1:birthing_parent", now=NOW)
    )
    assert [when for _, when, _ in events] == sorted(d.on for d in deadlines)
    assert date(2026, 3, 4) in [when for _, when, _ in events]


def test_paternity_calendar_has_the_take_by_date_and_stable_uids() -> None:
    calculation = calculate_leave_pay(
        {
            "leave_type": "paternity",
            "due_date": date(2026, 6, 10),
            "employed_by_continuity_start": False,
        }
    )
    deadlines = leave_deadlines(calculation)
    assert {d.key for d in deadlines} == {"notice_deadline", "paternity_take_by"}
    first = leave_dates_calendar(deadlines, scope="baby:1:partner", now=NOW)
    again = leave_dates_calendar(
        deadlines, scope="baby:1:partner", now=datetime.now(UTC)
    )
    other = leave_dates_calendar(deadlines, scope="baby:2:partner", now=NOW)
    assert [uid for *_, uid in _events(first)] == [uid for *_, uid in _events(again)]
    assert not {uid for *_, uid in _events(first)} & {uid for *_, uid in _events(other)}
    assert ("Last day to take paternity leave", date(2027, 6, 9)) in [
        (title, when) for title, when, _ in _events(first)
    ]
    calendar = Calendar.from_ical(first)
    assert calendar["VERSION"] == "2.0"
    assert all(event.walk("VALARM") for event in calendar.walk("VEVENT"))


def test_rates_on_a_day_and_the_whole_table() -> None:
    found = rates_on(date(2026, 4, 6), leave_start=date(2026, 1, 1))
    assert (found["flat_rate"], found["rate_year"]) == (Decimal("187.18"), "2025/26")
    assert rates_on(date(2026, 4, 9), leave_start=date(2026, 1, 1))[
        "flat_rate"
    ] == Decimal("194.32")
    table = rates_table()
    assert table[0]["rate_year"] == "2009/10"
    assert table[-1]["rate_year"] == "2026/27"
    with pytest.raises(ValidationFailed):
        rates_on(date(2009, 1, 1))
