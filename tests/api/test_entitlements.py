"""The entitlements API: the partner's "what do I get" question in one call, money as
strings, the calendar, the rates, and bad input as 422s in the one error shape (never
a 500)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.factories import assert_error

CHECK = "/api/v1/entitlements/check"
CALCULATE = "/api/v1/entitlements/calculate"
RATES = "/api/v1/entitlements/rates"


def test_partner_new_to_the_job_sees_day_one_leave_no_pay_reasons_and_dates(
    client: Any,
) -> None:
    """Baby due 10 June 2026, the partner started the job in January 2026."""
    response = client.post(
        CHECK,
        json={
            "due_date": "2026-06-10",
            "partner": {
                "employment_status": "employee",
                "started_before_continuity_start": False,
                "still_working_on_continuity_end": True,
                "earned_more_than_lower_earnings_limit": True,
            },
        },
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["entitlements"] == ["paternity_leave"]
    leave = body["partner"]["grants"][0]
    assert leave["entitlement"] == "paternity_leave"
    assert leave["is_day_one_right"] is True
    assert leave["weeks"] == 2
    assert (leave["notice_by"], leave["take_by"]) == ("2026-05-13", "2027-06-09")
    [refusal] = body["reasons"]
    assert (refusal["parent"], refusal["entitlement"]) == ("partner", "paternity_pay")
    assert refusal["code"] == "not_worked_long_enough"
    assert "6 September 2025" in refusal["message"]
    assert refusal["instead"]
    assert body["key_dates"]["continuity_start"] == "2025-09-06"
    assert body["key_dates"]["paternity_take_by"] == "2027-06-09"
    assert body["lower_earnings_limit"] == "125.00"
    assert body["birthing_parent"] is None


def test_the_same_partner_through_the_calculator(client: Any) -> None:
    response = client.post(
        CALCULATE,
        json={
            "leave_type": "paternity",
            "due_date": "2026-06-10",
            "employed_by_continuity_start": False,
        },
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["leave"]["eligible"] is True
    assert body["leave"]["is_day_one_right"] is True
    assert body["pay"]["eligible"] is False
    assert [r["code"] for r in body["pay"]["reasons"]] == ["not_worked_long_enough"]
    assert body["key_dates"]["employment_start_latest"] == "2025-09-06"
    assert body["key_dates"]["paternity_take_by"] == "2027-06-09"
    assert body["pay"]["payments"] == []
    assert body["pay"]["total"] == "0.00"


def test_money_is_a_string_and_accepted_as_string_or_number(client: Any) -> None:
    request = {"leave_type": "maternity", "due_date": "2026-05-01"}
    as_number = client.post(
        CALCULATE, json={**request, "earnings": {"average_weekly": 1000}}
    )
    as_string = client.post(
        CALCULATE, json={**request, "earnings": {"average_weekly": "1000.00"}}
    )
    assert as_number.get_json() == as_string.get_json()
    body = as_number.get_json()
    assert body["pay"]["total"] == "11812.56"
    assert body["average_weekly_earnings"] == "1000.00"
    assert body["average_weekly_earnings_exact"] == "1000.0000000"
    assert body["pay"]["payments"][0] == {"date": "2026-05-07", "amount": "900.00"}
    total = sum(Decimal(p["amount"]) for p in body["pay"]["payments"])
    assert f"{total:.2f}" == body["pay"]["total"]


def test_without_earnings_the_dates_are_still_given(client: Any) -> None:
    body = client.post(
        CALCULATE, json={"leave_type": "maternity", "due_date": "2026-06-10"}
    ).get_json()
    assert body["pay"]["eligible"] is None
    assert [r["code"] for r in body["pay"]["reasons"]] == ["earnings_needed"]
    assert body["key_dates"]["notice_deadline"] == "2026-02-28"
    assert body["key_dates"]["pay_start_if_pregnancy_illness"] == "2026-05-10"
    assert body["average_weekly_earnings"] is None


def test_calculation_as_a_calendar(client: Any) -> None:
    response = client.post(
        CALCULATE,
        json={"leave_type": "maternity", "due_date": "2026-06-10"},
        headers={"Accept": "text/calendar"},
    )
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "leave-dates.ics" in response.headers["Content-Disposition"]
    events = Calendar.from_ical(response.data).walk("VEVENT")
    assert sorted(str(e.decoded("DTSTART")) for e in events) == [
        "2026-02-28",
        "2026-03-04",
        "2026-03-22",
        "2026-05-13",
    ]
    # Each event says the rule its date comes from, as the JSON answer's `dates` do.
    rules = {
        d["key"]: d["rule"]
        for d in client.post(
            CALCULATE, json={"leave_type": "maternity", "due_date": "2026-06-10"}
        ).get_json()["dates"]
    }
    notice = next(e for e in events if str(e.decoded("DTSTART")) == "2026-02-28")
    description = str(notice.get("DESCRIPTION"))
    assert rules["notice_deadline"] in description
    assert "https://www.gov.uk/" in description


def test_json_is_the_default_for_any_accept(client: Any) -> None:
    response = client.post(
        CALCULATE,
        json={"leave_type": "maternity", "due_date": "2026-06-10"},
        headers={"Accept": "*/*"},
    )
    assert response.mimetype == "application/json"


def test_rates_on_a_day_and_the_table(client: Any) -> None:
    body = client.get(
        RATES, query_string={"date": "2026-04-09", "leave_start": "2026-01-01"}
    ).get_json()
    assert body["flat_rate"] == "194.32"
    assert body["rate_year"] == "2026/27"
    assert body["lower_earnings_limit"] == "129.00"
    table = client.get(RATES).get_json()["rate_years"]
    assert [row["rate_year"] for row in table][:2] == ["2009/10", "2010/11"]
    assert table[-1]["flat_rate"] == "194.32"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"earnings": {"average_weekly": -1}}, "earnings"),
        ({"earnings": {"average_weekly": "1000000.01"}}, "earnings"),
        ({"earnings": {"average_weekly": "abc"}}, "earnings"),
        ({"earnings": {"average_weekly": True}}, "earnings"),
        ({"earnings": {"average_weekly": "NaN"}}, "earnings"),
        ({"earnings": {"average_weekly": "1e999999"}}, "earnings"),
        (
            {"earnings": {"total_in_relevant_period": 100, "pay_pattern": "yearly"}},
            "earnings",
        ),
        (
            {
                "earnings": {
                    "total_in_relevant_period": "9000000",
                    "pay_pattern": "weekly",
                }
            },
            "earnings",
        ),
        (
            {
                "earnings": {
                    "total_in_relevant_period": "100.001",
                    "pay_pattern": "weekly",
                }
            },
            "earnings",
        ),
        (
            {
                "earnings": {
                    "total_in_relevant_period": 100,
                    "pay_pattern": "monthly",
                    "number_of_payments": 5,
                }
            },
            "earnings",
        ),
        (
            {"earnings": {"average_weekly": 500, "total_in_relevant_period": 100}},
            "earnings",
        ),
        ({"due_date": "2008-12-31"}, "due_date"),
        ({"due_date": "2101-01-01"}, "due_date"),
        ({"due_date": "2026-02-30"}, "due_date"),
        ({"due_date": "2009-05-01"}, "due_date"),
        ({"leave_start": "2025-01-01"}, "leave_start"),
        ({"leave_type": "shared"}, "leave_type"),
        ({"pay_schedule": {"method": "fortnightly"}}, "pay_schedule"),
        (
            {
                "pay_schedule": {
                    "method": "specific_date_each_month",
                    "day_of_month": 32,
                }
            },
            "pay_schedule",
        ),
        (
            {
                "pay_schedule": {"method": "every_2_weeks"},
                "earnings": {"average_weekly": 300},
            },
            "pay_schedule",
        ),
        ({"pay_schedule": {"method": "weekly", "weekday": 7}}, "pay_schedule"),
        ({"second_week_start": "2026-08-01"}, "second_week_start"),
        ({"location": "france"}, "location"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_calculation_input_is_a_422_naming_the_field(
    client: Any, body: dict[str, Any], field: str
) -> None:
    request = {"leave_type": "maternity", "due_date": "2026-06-10", **body}
    error = assert_error(client.post(CALCULATE, json=request), 422, "validation_failed")
    named = [k for k in error["fields"] if k == field or k.startswith(f"{field}.")]
    assert named, error["fields"]
    assert all(isinstance(m, str) and m for k in named for m in error["fields"][k])


def test_a_payday_after_the_qualifying_week_names_the_nested_field(client: Any) -> None:
    response = client.post(
        CALCULATE,
        json={
            "leave_type": "maternity",
            "due_date": "2026-06-10",
            "earnings": {
                "total_in_relevant_period": "4000",
                "pay_pattern": "monthly",
                "last_normal_payday": "2026-03-01",
                "payday_before_relevant_period": "2026-01-01",
            },
        },
    )
    error = assert_error(response, 422, "validation_failed")
    assert error["fields"] == {
        "earnings.last_normal_payday": [
            "The last normal payday must be on or before 28 February 2026, the "
            "Saturday ending the qualifying week."
        ]
    }


@pytest.mark.parametrize(
    "body",
    [
        {"due_date": "2026-06-10", "partner": {"employment_status": "contractor"}},
        {"due_date": "1999-06-10", "partner": {"employment_status": "employee"}},
        {"partner": {"employment_status": "employee"}},
    ],
)
def test_bad_check_input_is_a_422(client: Any, body: dict[str, Any]) -> None:
    assert_error(client.post(CHECK, json=body), 422, "validation_failed")


def test_rates_need_a_date_with_a_leave_start(client: Any) -> None:
    assert_error(client.get(RATES, query_string={"leave_start": "2026-01-01"}), 422)
    assert_error(client.get(RATES, query_string={"date": "2008-01-01"}), 422)


# Only values JSON can carry: NaN and Infinity are not JSON (the API answers them with a
# 400 before any view runs; tests/api/test_platform_acceptance.py covers that).
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
keys = st.sampled_from(
    [
        "leave_type",
        "due_date",
        "leave_start",
        "date_of_birth",
        "earnings",
        "pay_schedule",
        "paternity_leave_weeks",
        "second_week_start",
        "location",
        "has_contract",
    ]
)
dates = st.dates(min_value=date(2008, 6, 1), max_value=date(2101, 6, 1)).map(
    lambda day: day.isoformat()
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.fixed_dictionaries(
        {"leave_type": st.sampled_from(["maternity", "paternity"]), "due_date": dates},
        optional={
            "leave_start": dates,
            "date_of_birth": dates,
            "earnings": st.fixed_dictionaries(
                {},
                optional={
                    "average_weekly": json_values,
                    "total_in_relevant_period": json_values,
                    "pay_pattern": st.sampled_from(
                        ["weekly", "monthly", "every_4_weeks"]
                    ),
                    "number_of_payments": json_values,
                    "last_normal_payday": dates,
                    "payday_before_relevant_period": dates,
                },
            ),
            "pay_schedule": st.dictionaries(
                st.sampled_from(
                    [
                        "method",
                        "pay_date",
                        "day_of_month",
                        "weekday",
                        "week_of_month",
                        "work_days",
                    ]
                ),
                json_values
                | dates
                | st.sampled_from(
                    ["weekly", "every_2_weeks", "last_working_day_of_the_month"]
                ),
            ),
            "paternity_leave_weeks": json_values,
            "second_week_start": dates,
        },
    )
)
def test_no_input_gives_a_500_and_payments_always_add_up(
    client: Any, body: dict[str, Any]
) -> None:
    response = client.post(CALCULATE, json=body)
    assert response.status_code in (200, 422), response.get_json()

    if response.status_code == 422:
        assert_error(response, 422, "validation_failed")


methods = st.sampled_from(
    [
        "weekly_from_leave_start",
        "weekly",
        "every_2_weeks",
        "every_4_weeks",
        "first_day_of_the_month",
        "last_day_of_the_month",
        "specific_date_each_month",
        "last_working_day_of_the_month",
        "a_certain_week_day_each_month",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    due=st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31)),
    days_before=st.integers(min_value=0, max_value=70),
    awe=st.decimals(min_value=Decimal("130"), max_value=Decimal("20000"), places=2),
    as_string=st.booleans(),
    method=methods,
    offset=st.integers(min_value=-40, max_value=40),
    day_of_month=st.integers(min_value=1, max_value=31),
    weekday=st.integers(min_value=0, max_value=6),
    week=st.sampled_from(["first", "second", "third", "fourth", "last"]),
    work_days=st.sets(st.integers(min_value=0, max_value=6), min_size=1),
)
def test_any_valid_maternity_request_pays_39_weeks_that_add_up(
    client: Any,
    due: date,
    days_before: int,
    awe: Decimal,
    as_string: bool,
    method: str,
    offset: int,
    day_of_month: int,
    weekday: int,
    week: str,
    work_days: set[int],
) -> None:
    leave_start = due - timedelta(days=days_before)
    response = client.post(
        CALCULATE,
        json={
            "leave_type": "maternity",
            "due_date": due.isoformat(),
            "leave_start": leave_start.isoformat(),
            "earnings": {"average_weekly": str(awe) if as_string else float(awe)},
            "pay_schedule": {
                "method": method,
                "pay_date": (leave_start + timedelta(days=offset)).isoformat(),
                "day_of_month": day_of_month,
                "weekday": weekday,
                "week_of_month": week,
                "work_days": sorted(work_days),
            },
        },
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    pay = body["pay"]
    amounts = [Decimal(p["amount"]) for p in pay["payments"]]
    assert all(amount > 0 for amount in amounts)
    assert f"{sum(amounts, Decimal(0)):.2f}" == pay["total"]
    assert len(pay["payments"]) <= 40
    assert pay["payments"][-1]["date"] >= body["key_dates"]["pay_end"]
    # Never more than 39 weeks: no week pays more than 90 % of earnings.
    most = 39 * awe * Decimal("0.9") + Decimal("0.01") * len(amounts)
    assert Decimal(pay["total"]) <= most


def test_openapi_documents_the_entitlement_endpoints_without_login(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, method in [
        ("/api/v1/entitlements/check", "post"),
        ("/api/v1/entitlements/calculate", "post"),
        ("/api/v1/entitlements/rates", "get"),
    ]:
        operation = spec["paths"][path][method]
        assert "security" not in operation
        assert "422" in operation["responses"]
    assert "LeaveCalculation" in spec["components"]["schemas"]


def test_the_household_check_asks_about_helping_in_a_partners_business(client):
    """Issue 17, item 10: the answer decides the 14-week Maternity Allowance."""
    body = {
        "due_date": "2027-03-01",
        "birthing_parent": {
            "employment_status": "unemployed",
            "helps_unpaid_in_partners_business": False,
        },
        "partner": {"employment_status": "self_employed"},
    }
    no = client.post("/api/v1/entitlements/check", json=body)
    assert no.status_code == 200, no.get_json()
    assert "maternity_allowance_14_weeks" not in no.get_json()["entitlements"]
    body["birthing_parent"]["helps_unpaid_in_partners_business"] = True
    yes = client.post("/api/v1/entitlements/check", json=body).get_json()
    assert "maternity_allowance_14_weeks" in yes["entitlements"]
    body["birthing_parent"]["helps_unpaid_in_partners_business"] = "perhaps"
    bad = client.post("/api/v1/entitlements/check", json=body)
    assert bad.status_code == 422
    assert "helps_unpaid_in_partners_business" in str(bad.get_json()["error"]["fields"])


# --- plain-words dates and questions (issue 10, item 8) ---------------------------


def test_the_due_date_alone_gives_the_dates_and_the_first_questions(
    client: Any,
) -> None:
    """A client with only the due date gets the dates it needs to ask the next
    questions ("did you start the job on or before 6 September 2025?")."""
    response = client.post(CHECK, json={"due_date": "2026-06-10"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["entitlements"] == [] and body["reasons"] == []
    assert body["key_dates"]["continuity_start"] == "2025-09-06"
    labelled = {d["key"]: d for d in body["dates"]}
    assert set(labelled) == set(body["key_dates"])
    assert labelled["continuity_start"]["date"] == "2025-09-06"
    assert [(a["key"], a["needed_for"]) for a in body["needs_answer"]] == [
        ("birthing_parent.employment_status", []),
        ("partner.employment_status", []),
    ]


def test_every_date_has_a_label_a_rule_and_a_source(client: Any) -> None:
    for url, body in (
        (
            CHECK,
            {"due_date": "2026-06-10", "partner": {"employment_status": "employee"}},
        ),
        (
            CHECK,
            {"due_date": "2023-06-10", "partner": {"employment_status": "employee"}},
        ),
        (CALCULATE, {"leave_type": "maternity", "due_date": "2026-06-10"}),
        (CALCULATE, {"leave_type": "paternity", "due_date": "2026-06-10"}),
        (CALCULATE, {"leave_type": "paternity", "due_date": "2026-09-10"}),
    ):
        answer = client.post(url, json=body).get_json()
        given = {k: v for k, v in answer["key_dates"].items() if v is not None}
        labelled = {d["key"]: d for d in answer["dates"]}
        assert {k: d["date"] for k, d in labelled.items()} == given, body
        for entry in labelled.values():
            assert entry["label"] and entry["rule"].endswith("."), entry
            assert entry["source"].startswith("https://www.gov.uk/"), entry


def test_the_partners_notice_date_says_which_rule_it_comes_from(client: Any) -> None:
    """The articles say "by the end of the 15th week before the week your baby is
    due"; the check's date says which rule gave it, in the same words."""
    before_2024 = client.post(
        CHECK,
        json={"due_date": "2023-06-10", "partner": {"employment_status": "employee"}},
    ).get_json()
    notice = {d["key"]: d for d in before_2024["dates"]}["paternity_notice_deadline"]
    assert notice["date"] == before_2024["key_dates"]["qualifying_week_end"]
    assert notice["label"] == "Tell your employer you want paternity leave by"
    assert notice["rule"].startswith(
        "The end of the 15th week before the week your baby is due"
    )
    assert "as soon as you reasonably can" in notice["rule"]
    now = client.post(
        CHECK,
        json={"due_date": "2026-09-10", "partner": {"employment_status": "employee"}},
    ).get_json()
    notice = {d["key"]: d for d in now["dates"]}["paternity_notice_deadline"]
    assert notice["date"] == "2026-08-13"
    assert notice["rule"].startswith("28 days before the leave starts")


def test_shared_parental_leave_is_not_refused_for_a_question_never_asked(
    client: Any,
) -> None:
    """Both parents qualify on their own, but nobody asked whether the partner worked
    26 weeks and earned £390 in 13 (the partner is self-employed, so their own
    statutory pay does not answer it). That is a question, not a "no"."""
    mother = {
        "employment_status": "employee",
        "started_before_continuity_start": True,
        "still_working_on_continuity_end": True,
        "earned_more_than_lower_earnings_limit": True,
    }
    partner = {"employment_status": "self_employed"}
    body = client.post(
        CHECK,
        json={"due_date": "2026-06-10", "birthing_parent": mother, "partner": partner},
    ).get_json()
    refused = {(r["parent"], r["entitlement"]) for r in body["reasons"]}
    assert ("birthing_parent", "shared_parental_leave") not in refused
    assert ("birthing_parent", "shared_parental_pay") not in refused
    asked = {a["key"]: a for a in body["needs_answer"]}
    assert set(asked) == {
        "partner.worked_at_least_26_weeks",
        "partner.earned_at_least_390",
    }
    work = asked["partner.worked_at_least_26_weeks"]
    assert {
        "parent": "birthing_parent",
        "entitlement": "shared_parental_leave",
    } in work["needed_for"]
    assert work["question"] == (
        "Between 2 March 2025 and 6 June 2026, will the partner have worked for at "
        "least 26 weeks?"
    )

    answered = client.post(
        CHECK,
        json={
            "due_date": "2026-06-10",
            "birthing_parent": mother,
            "partner": {
                **partner,
                "worked_at_least_26_weeks": True,
                "earned_at_least_390": True,
            },
        },
    ).get_json()
    assert answered["needs_answer"] == []
    assert {"shared_parental_leave", "shared_parental_pay"} <= set(
        answered["birthing_parent"]["entitlements"]
    )
    said_no = client.post(
        CHECK,
        json={
            "due_date": "2026-06-10",
            "birthing_parent": mother,
            "partner": {**partner, "worked_at_least_26_weeks": False},
        },
    ).get_json()
    assert ("birthing_parent", "shared_parental_leave") in {
        (r["parent"], r["entitlement"]) for r in said_no["reasons"]
    }
    assert "partner.worked_at_least_26_weeks" not in {
        a["key"] for a in said_no["needs_answer"]
    }


def test_the_check_says_on_or_before_like_the_calculator(client: Any) -> None:
    body = client.post(
        CHECK,
        json={
            "due_date": "2026-06-10",
            "partner": {
                "employment_status": "employee",
                "started_before_continuity_start": False,
                "still_working_on_continuity_end": True,
                "earned_more_than_lower_earnings_limit": True,
            },
        },
    ).get_json()
    [refusal] = body["reasons"]
    assert "on or before 6 September 2025" in refusal["message"]
