"""GOV.UK's must_match cases through the API (../shared/testdata/leave-pay-cases.json).

Mapped as issue 3 says: the parent tool's answers (kinds `eligibility`, `spl`, and the
parent-tool `dates` and `lel` cases) go to POST /api/v1/entitlements/check; the employer
calculator's cases (kinds `dates`, `smp`, `spp`, `paydates`, `awe`,
`paternity_deadline`, `lel`, the birth `eligibility` cases and the one birth
`validation` case) to POST /api/v1/entitlements/calculate; `rates` to
GET /api/v1/entitlements/rates.

These go through the domain only (tests/domain/test_leave_pay_cases.py), because the
API has no adoption calculator yet or the case lacks what a request needs:
- every adoption case (a `match_date`): all `sap` cases and the adoption `dates`,
  `eligibility`, `lel`, `spp` and `paternity_deadline` ones;
- `awe-default-*` and `mat-unit-rate-193` (an earnings rule with no due date);
- `spp-int-2014-15-lel` (paydays without the earnings a request carries them in).
The must_match:false cases are decided in tests/domain/test_leave_pay_decisions.py.
Within a case, `payday_offset` (a question date of GOV.UK's flow) and the values listed
in DELIBERATE_DIFFERENCES are checked in the domain tests only.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.domain.test_leave_pay_cases import (
    CASES,
    SHARED_NAMES,
    SOURCE_2019,
    day,
    long_day,
    money,
    period_text,
    shown,
    text_pairs,
)
from tests.domain.test_leave_pay_decisions import DELIBERATE_DIFFERENCES

DOMAIN_ONLY = {
    "awe-default-every_4_weeks",
    "awe-default-monthly",
    "mat-unit-rate-193",
    "spp-int-2014-15-lel",
}
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
    "give_paternity_leave_notice_by_date": "paternity_notice_deadline",
    "take_paternity_leave_by_date": "paternity_take_by",
}
SECTIONS = {
    "Maternity leave": "maternity_leave",
    "Maternity pay": "maternity_pay",
    "Maternity allowance": "maternity_allowance",
    "Paternity leave": "paternity_leave",
    "Paternity pay": "paternity_pay",
    "Shared parental leave": "shared_parental_leave",
    "Shared parental pay": "shared_parental_pay",
}


def iso(text: str | None) -> str | None:
    found = day(text)
    return found.isoformat() if found else None


def route(case: dict[str, Any]) -> str | None:
    """check, calculate, rates, or None when only the domain can express the case."""
    inputs = case["inputs"]
    answers = inputs.get("answers") or {}
    if case["id"] in DOMAIN_ONLY or "match_date" in inputs or "match_date" in answers:
        return None
    if case["kind"] == "rates":
        return "rates"
    if set(inputs) == {"answers"} or case["kind"] == "spl":
        return "check"
    if case["kind"] in ("dates", "lel") and set(inputs) <= {
        "due_date",
        "partner_location",
    }:
        parent_tool = {"lower_earnings_amount", *PARENT_TOOL_DATES}
        if set(case["expected"]) <= parent_tool:
            return "check"
    return "calculate"


API_CASES = [case for case in CASES if case["must_match"] and route(case)]


# --- POST /entitlements/check ---------------------------------------------------------


def parent_body(answers: dict[str, str], who: str) -> dict[str, Any]:
    def answer(name: str) -> bool:
        return answers.get(name) == "yes"

    return {
        "employment_status": answers[f"employment_status_of_{who}"].replace("-", "_"),
        "started_before_continuity_start": answer(
            f"{who}_started_working_before_continuity_start_date"
        ),
        "still_working_on_continuity_end": answer(
            f"{who}_still_working_on_continuity_end_date"
        ),
        "earned_more_than_lower_earnings_limit": answer(
            f"{who}_earned_more_than_lower_earnings_limit"
        ),
        "worked_at_least_26_weeks": answer(f"{who}_worked_at_least_26_weeks"),
        "earned_at_least_390": answer(f"{who}_earned_at_least_390"),
    }


def check_body(case: dict[str, Any]) -> dict[str, Any]:
    inputs = case["inputs"]
    answers = inputs.get("answers") or {}
    body: dict[str, Any] = {
        "due_date": iso(answers.get("due_date") or inputs["due_date"])
    }
    location = (
        answers.get("where_does_the_mother_partner_live")
        or (inputs.get("partner_location", "england").split()[0])
    )
    body["location"] = location
    if "employment_status_of_mother" in answers:
        body["birthing_parent"] = parent_body(answers, "mother")
    two_carers = answers.get("two_carers", "yes") == "yes"
    if two_carers and "employment_status_of_partner" in answers:
        body["partner"] = parent_body(answers, "partner")
    else:
        body["partner"] = None
    if "birthing_parent" not in body and body["partner"] is None:
        # Dates-only questions: ask as a household with an employed partner.
        body["partner"] = {"employment_status": "employee"}
    return body


def compare_check(case: dict[str, Any], result: dict[str, Any]) -> None:
    expected = case["expected"]
    for key, value in expected.items():
        if key == "entitlements":
            wanted = {
                {"smp": "maternity_pay", "spp": "paternity_pay"}.get(name, name)
                for name in value
                if name != "nothing"
            }
            ours = set(result["entitlements"])
            if case["source_commit"] != SOURCE_2019:
                ours -= SHARED_NAMES  # GOV.UK's tool at this commit does not assess SPL
            assert ours == wanted
        elif key == "outcome_sections":
            names = set()
            for section in value:
                if section in SECTIONS:
                    rows = [
                        label for label, _ in expected["outcome_rows"].get(section, [])
                    ]
                    name = SECTIONS[section]
                    if name == "maternity_allowance" and "Total allowance" in rows:
                        name = "maternity_allowance_14_weeks"
                    names.add(name)
            assert set(result["entitlements"]) == names
            compare_rows(expected["outcome_rows"], result)
        elif key in PARENT_TOOL_DATES:
            assert result["key_dates"][PARENT_TOOL_DATES[key]] == iso(value)
        elif key == "lower_earnings_amount":
            assert money(result["lower_earnings_limit"]) == money(value)
        elif key not in ("outcome", "outcome_rows"):
            pytest.fail(f"no comparison for expected key {key!r}")


def compare_rows(rows: dict[str, list[list[str]]], result: dict[str, Any]) -> None:
    dates = result["key_dates"]
    grants = {
        g["entitlement"]: g for g in (result["birthing_parent"] or {}).get("grants", [])
    }
    for section, section_rows in rows.items():
        for label, value in section_rows:
            if label == "Earliest leave can start":
                assert dates["earliest_leave_start"] == long_day(value).isoformat()
            elif label == "Maternity allowance can start on":
                assert dates["ma_earliest_start"] == long_day(value).isoformat()
            elif label == "Tell the mother’s employer" and value.startswith("by"):
                assert dates["maternity_notice_deadline"] == long_day(value).isoformat()
            elif label == "Tell the partner’s employer" and section.startswith(
                "Paternity"
            ):
                assert dates["paternity_notice_deadline"] == long_day(value).isoformat()
            elif label == "Total allowance":
                assert (
                    grants["maternity_allowance_14_weeks"]["total"] == f"{value[1:]}.00"
                )


# --- POST /entitlements/calculate -----------------------------------------------------

PATERNITY_HINTS = ("spp", "paternity", "employee_work_before_employment_start")


def calculate_body(case: dict[str, Any]) -> dict[str, Any]:
    inputs, expected = case["inputs"], case["expected"]
    text = " ".join([case["kind"], *inputs, *expected])
    paternity = any(h in text for h in PATERNITY_HINTS) or case["id"].startswith(
        ("spp-", "pat-")
    )
    body: dict[str, Any] = {
        "leave_type": "paternity" if paternity else "maternity",
        "due_date": iso(inputs["due_date"]),
    }
    for name in ("date_of_birth", "leave_start"):
        if inputs.get(name):
            body[name] = iso(inputs[name])
    if inputs.get("employee_location"):
        body["location"] = inputs["employee_location"]
    flags = {
        "employed_by_continuity_start": (
            "did_the_employee_work_for_you_between",
            "employee_work_before_employment_start",
        ),
        "has_contract": (
            "employee_has_contract_paternity",
            "does_the_employee_work_for_you_now",
        ),
        "on_payroll": ("employee_on_payroll_paternity",),
        "still_employed_on_birth_date": ("employee_still_employed_on_birth_date",),
    }
    for field, names in flags.items():
        for name in names:
            if inputs.get(name) is not None:
                body[field] = inputs[name] == "yes"
    if inputs.get("paternity_leave_duration"):
        body["paternity_leave_weeks"] = {"one_week": 1, "two_weeks": 2}[
            inputs["paternity_leave_duration"]
        ]
    if inputs.get("awe") is not None:
        body["earnings"] = {"average_weekly": inputs["awe"]}
    elif case["kind"] == "paydates" and "earnings_in_relevant_period" not in inputs:
        # Paydays do not depend on earnings, but only a paying schedule is listed: any
        # AWE above the LEL shows them.
        body["earnings"] = {"average_weekly": "300"}
    elif "earnings_in_relevant_period" in inputs:
        earnings = {
            "total_in_relevant_period": inputs["earnings_in_relevant_period"],
            "pay_pattern": inputs["pay_pattern"],
        }
        if inputs.get("number_of_payments") is not None:
            earnings["number_of_payments"] = inputs["number_of_payments"]
        for name in ("last_normal_payday", "payday_before_relevant_period"):
            if inputs.get(name):
                earnings[name] = iso(inputs[name])
        body["earnings"] = earnings
    schedule: dict[str, Any] = {}
    if inputs.get("pay_method"):
        method = inputs["pay_method"]
        schedule["method"] = (
            "weekly_from_leave_start" if method == "weekly_starting" else method
        )
    for source, target in (
        ("pay_date", "pay_date"),
        ("pay_day_in_month", "day_of_month"),
        ("pay_day_in_week", "weekday"),
        ("pay_week_in_month", "week_of_month"),
        ("work_days", "work_days"),
    ):
        if inputs.get(source) is not None:
            value = inputs[source]
            schedule[target] = iso(value) if source == "pay_date" else value
    if schedule:
        body["pay_schedule"] = schedule
    return body


ORDINALS = {"first": 0, "second": 1, "fourth": 3, "seventh": 6, "last": -1}
KEY_DATES = {
    "leave_start": "leave_start",
    "leave_end": "leave_end",
    "pay_end": "pay_end",
    "earliest_leave_start": "earliest_leave_start",
    "earliest_start": "earliest_leave_start",
    "employment_start_latest": "employment_start_latest",
    "qualifying_week_end": "qualifying_week_end",
    "notice_of_leave_deadline": "notice_deadline",
    "latest_date_to_claim_smp": "claim_pay_by",
    "smp_start_if_pregnancy_illness": "pay_start_if_pregnancy_illness",
    "paternity_deadline": "paternity_take_by",
}


def paid(result: dict[str, Any]) -> list[tuple[str, Decimal]]:
    return [(p["date"], money(p["amount"])) for p in result["pay"]["payments"]]


def compare_calculation(
    key: str, value: Any, result: dict[str, Any], leave_start: str
) -> None:
    pay, dates = result["pay"], result["key_dates"]
    payments = paid(result)
    if key in ("eligible_smp", "eligible_spp", "eligible_pay"):
        assert pay["eligible"] is value
    elif key in ("eligible_maternity_leave", "eligible_paternity_leave"):
        assert result["leave"]["eligible"] is value
    elif key == "leave_must_be_taken_consecutively":
        assert result["leave"]["weeks_must_be_consecutive"] is value
    elif key in ("smp_total", "total"):
        assert money(pay["total"]) == money(value)
    elif key == "payments":
        assert payments == [(iso(when), money(amount)) for when, amount in value]
    elif key == "payments_text":
        assert payments == [
            (when.isoformat(), amount) for when, amount in text_pairs(value)
        ]
    elif key == "weekly_table":
        assert [a for _, a in payments] == [
            money(r.split("£")[1]) for r in value.splitlines()
        ]
    elif key == "paydates" and isinstance(value, list):
        assert [when for when, _ in payments] == [iso(when) for when in value]
    elif key == "paydates":
        # GOV.UK lists candidate paydates; the API lists those that pay something.
        found = [when for when, _ in payments]
        for position, when in value.items():
            if position == "count":
                assert len(found) == when
            elif position == "last":
                assert found[-1] == iso(when)
            elif iso(when) >= leave_start:  # type: ignore[operator]
                assert iso(when) in found
    elif key == "payment_count":
        assert len(payments) == value
    elif key.endswith("_payment") and key.split("_")[0] in ORDINALS:
        assert payments[ORDINALS[key.split("_")[0]]] == (iso(value[0]), money(value[1]))
    elif key.endswith("_payment_amount"):
        assert payments[ORDINALS[key.split("_")[0]]][1] == money(value)
    elif key == "payments_by_date":
        found = dict(payments)
        assert {iso(k): found[iso(k)] for k in value} == {
            iso(k): money(v) for k, v in value.items()
        }  # type: ignore[index]
    elif key in ("awe", "awe_as_displayed"):
        assert shown(money(result["average_weekly_earnings_exact"]), value)
    elif key == "awe_shown":
        assert (
            f"£{money(result['average_weekly_earnings_exact']).normalize():f}" == value
        )
    elif key == "smp_rate_90pct_rounded":
        assert money(pay["earnings_related_rate"]) == money(value)
    elif key == "lower_earnings_limit":
        assert money(result["lower_earnings_limit"]) == money(value)
    elif key == "not_entitled_reason":
        codes = {reason["code"] for reason in pay["reasons"]}
        assert {"must_earn_over_threshold": "below_lower_earnings_limit"}[
            value
        ] in codes
    elif key == "relevant_period":
        first, last = period_text(value)
        assert (dates["relevant_period_start"], dates["relevant_period_end"]) == (
            first.isoformat(),
            last.isoformat(),
        )
    elif key == "qualifying_week_end_formatted":
        assert dates["qualifying_week_end"] == long_day(value).isoformat()
    elif key in KEY_DATES:
        assert dates[KEY_DATES[key]] == iso(value)
    elif key == "ordinary_leave":
        assert [dates["leave_start"], dates["ordinary_leave_end"]] == [
            iso(v) for v in value
        ]
    elif key == "additional_leave":
        assert [dates["additional_leave_start"], dates["leave_end"]] == [
            iso(v) for v in value
        ]
    elif key not in ("outcome", "payday_offset"):
        pytest.fail(f"no comparison for expected key {key!r}")


# --- the tests -----------------------------------------------------------------------


@pytest.mark.parametrize("case", API_CASES, ids=[case["id"] for case in API_CASES])
def test_must_match_case_through_the_api(client: Any, case: dict[str, Any]) -> None:
    how = route(case)
    if how == "check":
        response = client.post("/api/v1/entitlements/check", json=check_body(case))
        assert response.status_code == 200, response.get_json()
        compare_check(case, response.get_json())
        return
    if how == "rates":
        inputs = case["inputs"]
        response = client.get(
            "/api/v1/entitlements/rates",
            query_string={"date": inputs["date"], "leave_start": inputs["leave_start"]},
        )
        assert response.status_code == 200, response.get_json()
        assert money(response.get_json()["flat_rate"]) == money(
            case["expected"]["statutory_flat_rate"]
        )
        return
    if case["kind"] == "validation":
        check_last_payday_validation(client, case)
        return
    body = calculate_body(case)
    response = client.post("/api/v1/entitlements/calculate", json=body)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    skip = DELIBERATE_DIFFERENCES.get(case["id"], frozenset())
    for key, value in case["expected"].items():
        if key not in skip:
            compare_calculation(key, value, result, result["key_dates"]["leave_start"])


def check_last_payday_validation(client: Any, case: dict[str, Any]) -> None:
    latest = day(case["expected"]["latest_valid_last_normal_payday"])
    assert latest is not None

    def body(last: date) -> dict[str, Any]:
        return {
            "leave_type": "paternity",
            "due_date": iso(case["inputs"]["due_date"]),
            "earnings": {
                "total_in_relevant_period": "4000",
                "pay_pattern": "weekly",
                "last_normal_payday": last.isoformat(),
                "payday_before_relevant_period": (
                    latest - timedelta(weeks=8)
                ).isoformat(),
            },
        }

    assert (
        client.post("/api/v1/entitlements/calculate", json=body(latest)).status_code
        == 200
    )
    invalid = day(case["expected"]["invalid_example"])
    response = client.post("/api/v1/entitlements/calculate", json=body(invalid))  # type: ignore[arg-type]
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert list(fields) == ["earnings.last_normal_payday"]


def test_only_adoption_and_the_listed_cases_stay_in_the_domain() -> None:
    must_match = [case for case in CASES if case["must_match"]]
    adoption = {
        case["id"]
        for case in must_match
        if "match_date" in case["inputs"]
        or "match_date" in (case["inputs"].get("answers") or {})
    }
    left_out = {case["id"] for case in must_match if route(case) is None}
    assert left_out == adoption | DOMAIN_ONLY
    assert (len(API_CASES), len(left_out)) == (259, 28)
