"""The personal action plan: which actions a family gets, their dates, worth, order."""

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parent_app.domain.finance import (
    ACTION_ORDER,
    Action,
    Where,
    build_action_plan,
    default_rates,
    rates_for,
    validate_answers,
)

QUESTIONNAIRE: dict[str, Any] = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "parent_app"
        / "finance"
        / "questionnaire.json"
    ).read_text()
)

COUPLE_ON_UC = {
    "household_adults": "two",
    "other_children_under_16": 0,
    "birthing_parent_work": "employed",
    "birthing_parent_income": "lel_to_30k",
    "partner_work": "employed",
    "partner_income": "lel_to_30k",
    "benefits": ["universal_credit"],
    "housing": "rent_social",
    "childcare_plans": "none",
    "money_worries": ["none"],
    "skills": ["none"],
    "area": "portsmouth",
}
SINGLE = {
    "household_adults": "one",
    "other_children_under_16": 0,
    "birthing_parent_work": "employed",
    "birthing_parent_income": "30k_to_60k",
    "benefits": ["none"],
    "housing": "rent_private",
    "childcare_plans": "none",
    "money_worries": ["none"],
    "skills": ["none"],
    "area": "dorset",
}
COUPLE = COUPLE_ON_UC | {"benefits": ["none"], "partner_income": "30k_to_60k"}

TODAY = date(2026, 11, 23)
DUE_AT_20_WEEKS = TODAY + timedelta(weeks=20)  # 2027-04-12, a Monday


def plan(
    answers: dict[str, Any],
    *,
    due_on: date | None = None,
    born_on: date | None = None,
    today: date = TODAY,
    **kwargs: Any,
) -> dict[str, Action]:
    rates = kwargs.pop("rates", None) or default_rates(today)
    actions = build_action_plan(
        validate_answers(QUESTIONNAIRE, answers),
        due_on=due_on,
        born_on=born_on,
        today=today,
        rates=rates,
        **kwargs,
    )
    keys = [a.key for a in actions]
    assert len(keys) == len(set(keys))
    return {a.key: a for a in actions}


class TestCoupleAt20WeeksBothEmployedOnUniversalCredit:
    """The issue's "done when" family: dated, valued actions for both adults."""

    actions = plan(COUPLE_ON_UC, due_on=DUE_AT_20_WEEKS)

    def test_gets_exactly_these_actions(self) -> None:
        assert set(self.actions) == {
            "healthy-start",
            "sure-start-maternity-grant",
            "child-benefit",
            "register-birth",
            "statutory-maternity-pay",
            "paternity-leave-and-pay",
            "shared-parental-leave",
        }

    def test_healthy_start_is_open_now_since_10_weeks(self) -> None:
        action = self.actions["healthy-start"]
        assert action.status == "open"
        assert action.opens_on == date(2026, 9, 14)
        assert action.worth_pence == 465
        assert action.worth_period == "week"
        assert action.tax_year == "2026/27"
        assert "not yet confirmed" in (action.worth_note or "")
        assert "£408 a month" in action.why

    def test_the_maternity_grant_window_runs_from_11_weeks_before_the_due_week(
        self,
    ) -> None:
        action = self.actions["sure-start-maternity-grant"]
        assert action.status == "not_yet"
        assert action.opens_on == date(2027, 1, 24)  # Sunday 11 weeks before 11 Apr
        assert action.deadline_on == date(2027, 10, 12)  # due date + 6 months
        assert action.is_deadline_estimated
        assert (action.worth_pence, action.worth_period) == (50000, "one_off")
        assert action.worth_note == "£500 once, tax-free (2026/27)"

    def test_child_benefit_deadline_is_3_months_after_the_birth_estimated(
        self,
    ) -> None:
        action = self.actions["child-benefit"]
        assert action.deadline_on == date(2027, 7, 12)
        assert action.is_deadline_estimated
        assert action.status == "not_yet"
        assert "within 3 months of the birth" in action.timing_note
        assert "if your baby comes on the due date" in action.timing_note
        assert action.worth_note == "£27.05 a week for your first child (2026/27)"

    def test_registering_is_estimated_42_days_after_the_due_date(self) -> None:
        action = self.actions["register-birth"]
        assert action.deadline_on == date(2027, 5, 24)
        assert action.is_deadline_estimated

    def test_each_adult_has_their_own_leave_actions(self) -> None:
        smp = self.actions["statutory-maternity-pay"]
        paternity = self.actions["paternity-leave-and-pay"]
        assert smp.for_whom == "birthing_parent"
        assert paternity.for_whom == "partner"
        assert smp.notice_on == smp.deadline_on == date(2027, 1, 2)
        assert paternity.notice_on == date(2027, 1, 2)
        assert paternity.deadline_on == date(2028, 4, 10)  # due date + 364 days
        assert paternity.worth_pence == smp.worth_pence == 19432

    def test_the_plan_is_in_priority_order(self) -> None:
        ordered = build_action_plan(
            validate_answers(QUESTIONNAIRE, COUPLE_ON_UC),
            due_on=DUE_AT_20_WEEKS,
            born_on=None,
            today=TODAY,
            rates=default_rates(TODAY),
        )
        assert [a.priority for a in ordered] == sorted(a.priority for a in ordered)
        assert ordered[0].key == "healthy-start"


class TestSingleSelfEmployedParent:
    answers = SINGLE | {"birthing_parent_work": "self_employed"}

    def test_at_30_weeks_gets_maternity_allowance_open_now(self) -> None:
        due_on = TODAY + timedelta(weeks=10)  # 30 weeks pregnant today
        actions = plan(self.answers, due_on=due_on)
        action = actions["maternity-allowance"]
        assert action.status == "open"
        assert action.opens_on == due_on - timedelta(weeks=14)  # 26 weeks pregnant
        assert action.for_whom == "birthing_parent"
        assert action.worth_note == (
            "£27 to £194.32 a week for up to 39 weeks, depending on Class 2 NI paid "
            "(2026/27, not yet confirmed)"
        )
        assert "self-employed" in action.why
        assert "statutory-maternity-pay" not in actions
        assert not {"paternity-leave-and-pay", "shared-parental-leave"} & set(actions)

    @pytest.mark.parametrize(
        ("weeks_pregnant", "days", "status"),
        [
            pytest.param(25, 6, "not_yet", id="25+6-not-yet"),
            pytest.param(26, 0, "open", id="26+0-opens"),
        ],
    )
    def test_maternity_allowance_opens_at_26_weeks(
        self, weeks_pregnant: int, days: int, status: str
    ) -> None:
        due_on = TODAY + timedelta(days=280 - 7 * weeks_pregnant - days)
        assert plan(self.answers, due_on=due_on)["maternity-allowance"].status == status

    def test_maternity_allowance_is_left_out_39_weeks_after_the_birth(self) -> None:
        born_on = date(2026, 1, 1)
        assert "maternity-allowance" in plan(
            self.answers, born_on=born_on, today=born_on + timedelta(weeks=39, days=-1)
        )
        assert "maternity-allowance" not in plan(
            self.answers, born_on=born_on, today=born_on + timedelta(weeks=39)
        )


@pytest.mark.parametrize(
    ("work", "income", "expected"),
    [
        pytest.param(
            "employed", "lel_to_30k", {"statutory-maternity-pay"}, id="employee"
        ),
        pytest.param(
            "employed", "not_sure", {"statutory-maternity-pay"}, id="unsure-pay"
        ),
        pytest.param("employed", "under_lel", {"maternity-allowance"}, id="under-lel"),
        pytest.param("employed", "none", {"maternity-allowance"}, id="employed-no-pay"),
        pytest.param("self_employed", "lel_to_30k", {"maternity-allowance"}, id="self"),
        pytest.param("not_working", "none", {"maternity-allowance"}, id="stopped-work"),
        pytest.param("student", "none", set(), id="student"),
    ],
)
def test_smp_or_maternity_allowance_by_work_and_pay(
    work: str, income: str, expected: set[str]
) -> None:
    answers = SINGLE | {"birthing_parent_work": work, "birthing_parent_income": income}
    actions = plan(answers, due_on=DUE_AT_20_WEEKS)
    assert {"statutory-maternity-pay", "maternity-allowance"} & set(actions) == expected


def test_below_the_lower_earnings_limit_the_reason_quotes_the_limit() -> None:
    answers = SINGLE | {"birthing_parent_income": "under_lel"}
    why = plan(answers, due_on=DUE_AT_20_WEEKS)["maternity-allowance"].why
    assert "less than £129 a week" in why
    assert "£30 a week in any 13" in why


def test_smp_notice_missed_in_pregnancy_says_what_to_do_instead() -> None:
    due_on = TODAY + timedelta(weeks=10)
    action = plan(SINGLE, due_on=due_on)["statutory-maternity-pay"]
    assert action.status == "missed"
    assert action.deadline_on == date(2026, 10, 24)  # Saturday ending the QW
    assert "SMP1" in (action.instead or "")
    assert action.priority < 100


def test_smp_is_left_out_after_the_birth() -> None:
    assert "statutory-maternity-pay" not in plan(SINGLE, born_on=TODAY)


class TestBabyBorn1September2026:
    born_on = date(2026, 9, 1)
    answers = COUPLE_ON_UC | {"childcare_plans": "before_1"}

    def test_register_by_13_october_and_claim_child_benefit_by_1_december(self) -> None:
        actions = plan(self.answers, born_on=self.born_on, today=date(2026, 9, 10))
        register, benefit = actions["register-birth"], actions["child-benefit"]
        assert register.deadline_on == date(2026, 10, 13)
        assert benefit.deadline_on == date(2026, 12, 1)
        assert not register.is_deadline_estimated
        assert (register.status, benefit.status) == ("open", "open")
        assert "by 13 October 2026" in register.timing_note

    def test_the_maternity_grant_closes_6_months_after_the_birth(self) -> None:
        actions = plan(self.answers, born_on=self.born_on, today=date(2026, 9, 10))
        assert actions["sure-start-maternity-grant"].deadline_on == date(2027, 3, 1)

    @pytest.mark.parametrize(
        ("today", "status"),
        [
            pytest.param(date(2026, 9, 14), "open", id="29-days-left"),
            pytest.param(date(2026, 9, 15), "open", id="28-days-left-is-urgent"),
            pytest.param(date(2026, 10, 13), "open", id="day-42"),
            pytest.param(date(2026, 10, 14), "missed", id="day-43"),
        ],
    )
    def test_registering_is_missed_only_after_day_42(
        self, today: date, status: str
    ) -> None:
        action = plan(self.answers, born_on=self.born_on, today=today)["register-birth"]
        assert action.status == status

    def test_an_urgent_deadline_moves_up(self) -> None:
        calm = plan(self.answers, born_on=self.born_on, today=date(2026, 9, 14))
        urgent = plan(self.answers, born_on=self.born_on, today=date(2026, 9, 15))
        assert calm["register-birth"].priority >= 100
        assert urgent["register-birth"].priority < 100

    def test_late_registration_and_late_child_benefit_say_what_to_do(self) -> None:
        actions = plan(self.answers, born_on=self.born_on, today=date(2026, 12, 2))
        assert actions["register-birth"].status == "missed"
        assert actions["child-benefit"].status == "missed"
        assert "backdated 3 months" in (actions["child-benefit"].instead or "")
        assert "register office" in (actions["register-birth"].instead or "")
        assert min(a.priority for a in actions.values()) < 100

    def test_the_grant_is_left_out_once_its_6_months_are_over(self) -> None:
        on_last_day = plan(self.answers, born_on=self.born_on, today=date(2027, 3, 1))
        after = plan(self.answers, born_on=self.born_on, today=date(2027, 3, 2))
        assert "sure-start-maternity-grant" in on_last_day
        assert "sure-start-maternity-grant" not in after

    def test_the_childcare_code_opens_at_23_weeks_for_a_september_place(self) -> None:
        action = plan(self.answers, born_on=self.born_on, today=date(2026, 9, 10))[
            "childcare-code"
        ]
        assert action.opens_on == date(2027, 2, 9)
        assert action.deadline_on == date(2027, 8, 31)  # 9 months on 1 June 2027
        assert "September 2027 term" in action.timing_note
        assert action.status == "not_yet"


@pytest.mark.parametrize(
    ("born_on", "register_by", "child_benefit_by", "grant_by"),
    [
        pytest.param(
            date(2028, 2, 29),
            date(2028, 4, 11),
            date(2028, 5, 29),
            date(2028, 8, 29),
            id="born-on-leap-day",
        ),
        pytest.param(
            date(2027, 8, 31),
            date(2027, 10, 12),
            date(2027, 11, 30),
            date(2028, 2, 29),
            id="six-months-lands-on-leap-day",
        ),
        pytest.param(
            date(2026, 8, 31),
            date(2026, 10, 12),
            date(2026, 11, 30),
            date(2027, 2, 28),
            id="six-months-lands-in-a-short-february",
        ),
        pytest.param(
            date(2027, 11, 30),
            date(2028, 1, 11),
            date(2028, 2, 29),
            date(2028, 5, 30),
            id="three-months-lands-on-leap-day",
        ),
    ],
)
def test_deadlines_after_the_birth_across_leap_years(
    born_on: date, register_by: date, child_benefit_by: date, grant_by: date
) -> None:
    actions = plan(
        COUPLE_ON_UC, born_on=born_on, today=born_on, rates=rates_for("2026/27")
    )
    assert actions["register-birth"].deadline_on == register_by
    assert actions["child-benefit"].deadline_on == child_benefit_by
    assert actions["sure-start-maternity-grant"].deadline_on == grant_by


@pytest.mark.parametrize(
    ("birthing_income", "partner_income", "for_whom"),
    [
        pytest.param(
            "60k_to_100k", "lel_to_30k", "birthing_parent", id="birthing-parent"
        ),
        pytest.param("lel_to_30k", "over_100k", "partner", id="partner"),
        pytest.param("over_100k", "60k_to_100k", "both", id="both"),
        pytest.param("30k_to_60k", "30k_to_60k", None, id="60k-is-not-over-60k"),
        pytest.param("not_sure", "not_sure", None, id="not-sure"),
    ],
)
def test_high_income_child_benefit_charge_from_60k(
    birthing_income: str, partner_income: str, for_whom: str | None
) -> None:
    answers = COUPLE | {
        "birthing_parent_income": birthing_income,
        "partner_income": partner_income,
    }
    action = plan(answers, due_on=DUE_AT_20_WEEKS).get(
        "high-income-child-benefit-charge"
    )
    assert (action and action.for_whom) == for_whom


def test_a_high_earner_is_still_told_to_claim_child_benefit() -> None:
    answers = COUPLE | {"partner_income": "60k_to_100k"}
    why = plan(answers, due_on=DUE_AT_20_WEEKS)["child-benefit"].why
    assert "Claim even though the High Income Child Benefit Charge" in why


@pytest.mark.parametrize(
    ("change", "has_childcare_help"),
    [
        pytest.param({}, True, id="both-work-under-100k"),
        pytest.param(
            {"partner_work": "self_employed"}, True, id="self-employed-counts"
        ),
        pytest.param({"partner_income": "over_100k"}, False, id="one-over-100k"),
        pytest.param({"partner_work": "not_working"}, False, id="one-not-working"),
        pytest.param({"birthing_parent_work": "student"}, False, id="one-student"),
        pytest.param({"childcare_plans": "none"}, False, id="no-childcare-planned"),
        pytest.param(
            {"birthing_parent_income": "under_lel", "partner_income": "under_lel"},
            False,
            id="both-under-the-lel",
        ),
        pytest.param(
            {"partner_income": "lel_to_16_hours_min_wage"},
            False,
            id="one-under-16-hours-at-minimum-wage",
        ),
        pytest.param({"partner_income": "not_sure"}, True, id="not-sure-is-told"),
    ],
)
def test_childcare_help_needs_every_adult_working_and_under_100k(
    change: dict[str, str], has_childcare_help: bool
) -> None:
    answers = COUPLE | {"childcare_plans": "not_sure"} | change
    actions = plan(answers, born_on=date(2026, 9, 1))
    assert ("childcare-code" in actions) is has_childcare_help
    assert ("tax-free-childcare" in actions) is has_childcare_help


@pytest.mark.parametrize(
    ("childcare_plans", "deadline_on", "term"),
    [
        pytest.param(
            "before_1", date(2027, 8, 31), "September 2027", id="from-9-months"
        ),
        pytest.param("not_sure", date(2027, 8, 31), "September 2027", id="not-sure"),
        pytest.param("1_to_2", date(2027, 12, 31), "January 2028", id="from-1-year"),
        pytest.param("after_2", date(2028, 12, 31), "January 2029", id="from-2-years"),
    ],
)
def test_the_childcare_code_deadline_follows_when_childcare_is_wanted(
    childcare_plans: str, deadline_on: date, term: str
) -> None:
    answers = COUPLE | {"childcare_plans": childcare_plans}
    action = plan(answers, born_on=date(2026, 9, 1))["childcare-code"]
    assert action.deadline_on == deadline_on
    assert f"{term} term" in action.timing_note


def test_a_missed_code_deadline_rolls_to_the_next_term() -> None:
    answers = COUPLE | {"childcare_plans": "before_1"}
    action = plan(answers, born_on=date(2026, 1, 15), today=date(2027, 1, 5))[
        "childcare-code"
    ]
    assert action.deadline_on == date(2027, 3, 31)
    assert action.status == "open"


def test_tax_free_childcare_is_worth_500_a_quarter_and_warns_on_uc() -> None:
    answers = COUPLE_ON_UC | {"childcare_plans": "before_1"}
    action = plan(answers, born_on=date(2026, 9, 1))["tax-free-childcare"]
    assert (action.worth_pence, action.worth_period) == (50000, "quarter")
    assert (
        action.worth_note == "Up to £500 every 3 months (£2,000 a year) for each child"
    )
    assert "can't use it at the same time as Universal Credit" in action.why


@pytest.mark.parametrize(
    ("change", "pregnant", "eligible"),
    [
        pytest.param({"benefits": ["universal_credit"]}, True, True, id="uc"),
        pytest.param({"benefits": ["pension_credit"]}, True, True, id="pension-credit"),
        pytest.param({"benefits": ["child_benefit"]}, True, False, id="child-benefit"),
        pytest.param({"benefits": ["esa_income"]}, True, True, id="esa-in-pregnancy"),
        pytest.param({"benefits": ["esa_income"]}, False, False, id="esa-after-birth"),
        pytest.param({"birthing_parent_under_18": True}, True, True, id="under-18"),
        pytest.param(
            {"birthing_parent_under_18": True}, False, False, id="under-18-after-birth"
        ),
    ],
)
def test_healthy_start_needs_a_qualifying_benefit_or_a_pregnancy_under_18(
    change: dict[str, Any], pregnant: bool, eligible: bool
) -> None:
    answers = SINGLE | {"benefits": ["none"]} | change
    dates = {"due_on": DUE_AT_20_WEEKS} if pregnant else {"born_on": date(2026, 9, 1)}
    assert ("healthy-start" in plan(answers, **dates)) is eligible


@pytest.mark.parametrize(
    ("days_before_week_10", "status"),
    [pytest.param(1, "not_yet", id="9+6"), pytest.param(0, "open", id="10+0")],
)
def test_healthy_start_opens_at_10_weeks_pregnant(
    days_before_week_10: int, status: str
) -> None:
    due_on = TODAY + timedelta(days=210 + days_before_week_10)
    assert plan(COUPLE_ON_UC, due_on=due_on)["healthy-start"].status == status


@pytest.mark.parametrize(
    ("rates", "born_on", "pence", "period"),
    [
        pytest.param(rates_for("2026/27"), None, 465, "week", id="pregnant-2026-27"),
        pytest.param(rates_for("2025/26"), None, 425, "week", id="pregnant-2025-26"),
        pytest.param(
            rates_for("2026/27"), date(2026, 9, 1), 48300, "year", id="baby-2026-27"
        ),
        pytest.param(
            rates_for("2025/26"), date(2026, 9, 1), 850, "week", id="baby-2025-26"
        ),
        pytest.param(
            rates_for("2026/27"), date(2025, 9, 1), 465, "week", id="over-1-2026-27"
        ),
    ],
)
def test_healthy_start_worth_follows_the_stage_and_the_rates(
    rates: Any, born_on: date | None, pence: int, period: str
) -> None:
    dates = {"born_on": born_on} if born_on else {"due_on": DUE_AT_20_WEEKS}
    action = plan(COUPLE_ON_UC, rates=rates, **dates)["healthy-start"]
    assert (action.worth_pence, action.worth_period) == (pence, period)
    assert action.tax_year == rates.tax_year


@pytest.mark.parametrize(
    ("change", "eligible"),
    [
        pytest.param({}, True, id="uc-first-child"),
        pytest.param({"other_children_under_16": 1}, False, id="not-the-first-child"),
        pytest.param(
            {"benefits": ["child_benefit"]}, False, id="no-qualifying-benefit"
        ),
        pytest.param({"benefits": ["income_support"]}, True, id="income-support"),
    ],
)
def test_sure_start_maternity_grant_needs_a_benefit_and_usually_a_first_child(
    change: dict[str, Any], eligible: bool
) -> None:
    actions = plan(COUPLE_ON_UC | change, due_on=DUE_AT_20_WEEKS)
    assert ("sure-start-maternity-grant" in actions) is eligible


def test_child_benefit_for_another_child_uses_the_lower_rate() -> None:
    answers = COUPLE | {"other_children_under_16": 2, "benefits": ["child_benefit"]}
    action = plan(answers, due_on=DUE_AT_20_WEEKS)["child-benefit"]
    assert action.worth_pence == 1790
    assert "claim for the new baby too" in action.why


def test_the_rates_passed_in_are_the_ones_quoted() -> None:
    action = plan(COUPLE, due_on=DUE_AT_20_WEEKS, rates=rates_for("2025/26"))[
        "child-benefit"
    ]
    assert action.worth_pence == 2605
    assert action.worth_note == "£26.05 a week for your first child (2025/26)"


@pytest.mark.parametrize(
    ("due_on", "born_on", "deadline_on"),
    [
        # leave-and-pay-rules.md §7: due 7 Apr 2024, born 4 Apr gives 6 Apr 2025,
        # born 8 Apr gives 7 Apr 2025.
        pytest.param(date(2024, 4, 7), date(2024, 4, 4), date(2025, 4, 6), id="early"),
        pytest.param(date(2024, 4, 7), date(2024, 4, 8), date(2025, 4, 7), id="late"),
    ],
)
def test_paternity_leave_is_taken_by_the_later_of_due_and_birth_plus_364_days(
    due_on: date, born_on: date, deadline_on: date
) -> None:
    action = plan(
        COUPLE,
        due_on=due_on,
        born_on=born_on,
        today=born_on,
        rates=rates_for("2025/26"),
    )["paternity-leave-and-pay"]
    assert action.deadline_on == deadline_on
    assert "26 weeks in the job" in action.why  # due before the April 2026 day-one rule


@pytest.mark.parametrize(
    ("partner", "title"),
    [
        pytest.param(
            {"partner_income": "lel_to_30k"}, "Book paternity leave and pay", id="paid"
        ),
        pytest.param(
            {"partner_income": "under_lel"},
            "Book paternity leave",
            id="unpaid-under-lel",
        ),
        pytest.param({"partner_work": "self_employed"}, None, id="self-employed"),
        pytest.param({"partner_work": "not_working"}, None, id="not-working"),
    ],
)
def test_paternity_leave_for_an_employed_partner(
    partner: dict[str, str], title: str | None
) -> None:
    action = plan(COUPLE | partner, due_on=DUE_AT_20_WEEKS).get(
        "paternity-leave-and-pay"
    )
    assert (action and action.title) == title
    if action and title == "Book paternity leave":
        assert action.worth_pence is None
        assert "first day in the job" in action.why


def test_paternity_and_shared_leave_are_left_out_after_52_weeks() -> None:
    born_on = date(2025, 11, 1)
    kept = plan(COUPLE, born_on=born_on, today=born_on + timedelta(days=364))
    gone = plan(COUPLE, born_on=born_on, today=born_on + timedelta(days=365))
    assert {"paternity-leave-and-pay", "shared-parental-leave"} <= set(kept)
    assert not {"paternity-leave-and-pay", "shared-parental-leave"} & set(gone)


@pytest.mark.parametrize(
    ("change", "has_shared_leave"),
    [
        pytest.param({}, True, id="both-employees"),
        pytest.param({"birthing_parent_work": "self_employed"}, True, id="ma-shared"),
        pytest.param({"partner_work": "self_employed"}, True, id="one-employee-enough"),
        pytest.param(
            {"birthing_parent_work": "not_working", "birthing_parent_income": "none"},
            False,
            id="birthing-parent-not-working",
        ),
        pytest.param(
            {"birthing_parent_work": "self_employed", "partner_work": "not_working"},
            False,
            id="no-employee",
        ),
    ],
)
def test_shared_parental_leave(change: dict[str, str], has_shared_leave: bool) -> None:
    actions = plan(COUPLE | change, due_on=DUE_AT_20_WEEKS)
    assert ("shared-parental-leave" in actions) is has_shared_leave


class TestPreconception:
    """No due date and no birth yet: the general actions, without dates."""

    actions = plan(
        COUPLE_ON_UC | {"money_worries": ["bills"], "childcare_plans": "not_sure"}
    )

    def test_gets_the_general_actions(self) -> None:
        assert {
            "healthy-start",
            "sure-start-maternity-grant",
            "child-benefit",
            "register-birth",
            "childcare-code",
            "debt-advice",
        } <= set(self.actions)

    def test_no_action_has_a_date(self) -> None:
        for action in self.actions.values():
            assert (action.opens_on, action.deadline_on, action.notice_on) == (
                None,
                None,
                None,
            ), action.key

    def test_pregnancy_and_birth_actions_wait_and_advice_is_open(self) -> None:
        assert self.actions["healthy-start"].status == "not_yet"
        assert "10 weeks pregnant" in self.actions["healthy-start"].timing_note
        assert self.actions["child-benefit"].status == "not_yet"
        assert self.actions["debt-advice"].status == "open"


@pytest.mark.parametrize(
    ("change", "has_check"),
    [
        pytest.param({}, True, id="low-earnings-no-benefits"),
        pytest.param({"benefits": ["universal_credit"]}, False, id="already-on-uc"),
        pytest.param(
            {"birthing_parent_income": "30k_to_60k"}, False, id="earns-over-30k"
        ),
        pytest.param(
            {"birthing_parent_income": "30k_to_60k", "money_worries": ["debts"]},
            True,
            id="money-worries",
        ),
        pytest.param(
            {
                "birthing_parent_income": "30k_to_60k",
                "housing": "temporary_or_homeless",
            },
            True,
            id="temporary-housing",
        ),
    ],
)
def test_universal_credit_check(change: dict[str, Any], has_check: bool) -> None:
    answers = SINGLE | {"birthing_parent_income": "lel_to_30k"} | change
    assert ("universal-credit-check" in plan(answers)) is has_check


class TestLocalHelp:
    answers = SINGLE | {
        "money_worries": ["food", "debts"],
        "skills": ["english", "cooking_on_a_budget"],
        "housing": "temporary_or_homeless",
        "area": "hampshire",
    }

    def test_housing_and_skills_go_to_the_local_family_hub(self) -> None:
        actions = plan(self.answers)
        hub = Where("Hampshire family hubs", "https://fish.hants.gov.uk/")
        for key in ("housing-help", "family-hub-skills"):
            assert actions[key].where == hub
        assert "cooking on a budget and English" in actions["family-hub-skills"].why

    def test_money_worries_go_to_citizens_advice_and_the_hub(self) -> None:
        debt = plan(self.answers)["debt-advice"]
        assert debt.where.name.startswith("Citizens Advice")
        assert debt.where.url == "https://www.citizensadvice.org.uk/debt-and-money/"
        assert "debts and having enough food" in debt.why
        assert "family hub" in debt.why

    def test_the_service_can_name_the_area_hub(self) -> None:
        hub = Where("Havant Family Hub", "https://example.org/havant")
        assert plan(self.answers, family_hub=hub)["housing-help"].where == hub

    def test_an_area_outside_the_pilot_gets_a_general_hub(self) -> None:
        actions = plan(self.answers | {"area": "other"})
        assert actions["housing-help"].where == Where("Your local family hub")

    def test_no_worries_no_wanted_skills_no_local_help(self) -> None:
        actions = plan(SINGLE)
        assert not {"debt-advice", "housing-help", "family-hub-skills"} & set(actions)


def test_a_birth_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match="after today"):
        plan(SINGLE, born_on=TODAY + timedelta(days=1))


SCENARIOS = [
    (COUPLE_ON_UC | {"childcare_plans": "before_1"}, {"due_on": DUE_AT_20_WEEKS}),
    (SINGLE | {"birthing_parent_income": "under_lel"}, {"due_on": DUE_AT_20_WEEKS}),
    (COUPLE | {"partner_income": "over_100k"}, {"born_on": date(2026, 9, 1)}),
    (COUPLE | {"childcare_plans": "before_1"}, {"born_on": date(2026, 9, 1)}),
    (TestLocalHelp.answers, {}),
]


def test_every_action_key_is_reachable_and_ordered() -> None:
    seen = {key for answers, dates in SCENARIOS for key in plan(answers, **dates)}
    assert seen == set(ACTION_ORDER)


def _answers_strategy() -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for question in QUESTIONNAIRE["questions"]:
        kind = question["type"]
        if kind == "integer":
            parts[question["id"]] = st.integers(question["min"], question["max"])
        elif kind == "boolean":
            parts[question["id"]] = st.booleans()
        else:
            values = [o["value"] for o in question["options"]]
            if kind == "single":
                parts[question["id"]] = st.sampled_from(values)
            else:
                plain = [v for v in values if v != "none"]
                parts[question["id"]] = st.one_of(
                    st.just(["none"]),
                    st.lists(st.sampled_from(plain), min_size=1, unique=True),
                )
    return st.fixed_dictionaries(parts)


@settings(max_examples=300, deadline=None)
@given(
    answers=_answers_strategy(),
    today=st.dates(date(2025, 4, 6), date(2029, 4, 5)),
    stage=st.sampled_from(["none", "pregnant", "born"]),
    offset_days=st.integers(0, 800),
)
def test_any_valid_answers_give_a_consistent_plan(
    answers: dict[str, Any], today: date, stage: str, offset_days: int
) -> None:
    if answers["household_adults"] == "one":
        answers = {k: v for k, v in answers.items() if not k.startswith("partner_")}
    due_on = born_on = None
    if stage == "pregnant":
        due_on = today + timedelta(days=offset_days % 280)
    elif stage == "born":
        born_on = today - timedelta(days=offset_days)
    actions = build_action_plan(
        validate_answers(QUESTIONNAIRE, answers),
        due_on=due_on,
        born_on=born_on,
        today=today,
        rates=default_rates(today),
    )
    assert [a.priority for a in actions] == sorted(a.priority for a in actions)
    assert len({a.key for a in actions}) == len(actions)
    for action in actions:
        assert action.key in ACTION_ORDER
        assert action.why and action.title and action.timing_note
        assert (action.status == "missed") is (action.instead is not None)
        if action.opens_on and action.deadline_on:
            assert action.opens_on <= action.deadline_on, action.key
        if action.worth_pence is not None:
            assert action.worth_pence > 0 and action.worth_period is not None
        if stage == "none":
            assert action.deadline_on is None
        if answers["household_adults"] == "one":
            assert action.for_whom != "partner"


class TestCorrectionsOfIssue17:
    """Each correction of issue 17 that the action plan shows."""

    def test_tax_credits_are_no_longer_an_answer(self) -> None:
        # They ended on 5 April 2025: the option is gone from the questionnaire.
        with pytest.raises(ValueError, match="benefits"):
            plan(COUPLE_ON_UC | {"benefits": ["tax_credits"]})

    def test_a_stored_tax_credits_answer_opens_no_claim_but_the_benefits_check(
        self,
    ) -> None:
        # Answers saved with questionnaire version 1 are re-planned as they were given.
        stored = validate_answers(QUESTIONNAIRE, SINGLE) | {"benefits": ["tax_credits"]}
        actions = {
            a.key: a
            for a in build_action_plan(
                stored,
                due_on=DUE_AT_20_WEEKS,
                born_on=None,
                today=TODAY,
                rates=default_rates(TODAY),
            )
        }
        assert "healthy-start" not in actions
        assert "sure-start-maternity-grant" not in actions
        assert (
            "Tax credits ended in April 2025" in actions["universal-credit-check"].why
        )

    def test_statutory_pay_for_2026_27_is_stated_as_in_force(self) -> None:
        action = plan(COUPLE, due_on=DUE_AT_20_WEEKS)["statutory-maternity-pay"]
        assert "£194.32" in (action.worth_note or "")
        assert "not yet confirmed" not in (action.worth_note or "")

    def test_the_finance_rates_are_those_of_the_leave_and_pay_table(self) -> None:
        from decimal import Decimal

        from parent_app.domain.leave_pay import default_rates as leave_pay_rates

        for row in leave_pay_rates().years:
            if row.rate_year not in ("2025/26", "2026/27"):
                continue
            rates = rates_for(row.rate_year)
            assert Decimal(rates.statutory_pay_weekly_pence) / 100 == row.flat_rate
            assert (
                Decimal(rates.lower_earnings_limit_weekly_pence) / 100
                == row.lower_earnings_limit
            )

    def test_the_childcare_work_test_names_the_weekly_figure(self) -> None:
        answers = COUPLE | {"childcare_plans": "before_1"}
        action = plan(answers, born_on=date(2026, 9, 1))["childcare-code"]
        assert "£203.36 a week" in action.why and "£12.71" in action.why

    @pytest.mark.parametrize(
        ("other_children", "babies", "grants"),
        [
            pytest.param(0, 1, 1, id="first-baby"),
            pytest.param(0, 2, 2, id="first-babies-twins"),
            pytest.param(1, 1, 0, id="another-child-one-baby"),
            pytest.param(1, 2, 1, id="another-child-twins"),
            pytest.param(2, 3, 2, id="other-children-triplets"),
        ],
    )
    def test_the_maternity_grant_counts_a_multiple_birth(
        self, other_children: int, babies: int, grants: int
    ) -> None:
        answers = COUPLE_ON_UC | {
            "other_children_under_16": other_children,
            "babies_expected": babies,
        }
        action = plan(answers, due_on=DUE_AT_20_WEEKS).get("sure-start-maternity-grant")
        if grants == 0:
            assert action is None
            return
        assert action is not None
        assert action.worth_pence == 50000 * grants
        if grants > 1:
            assert f"({grants} × £500)" in (action.worth_note or "")


def test_every_action_milestone_is_a_known_milestone_of_a_known_action():
    from parent_app.domain.finance import ACTION_MILESTONES, ACTION_ORDER, milestone_of
    from parent_app.domain.milestones import MILESTONES

    known = {m.key for m in MILESTONES}
    assert set(ACTION_MILESTONES) <= set(ACTION_ORDER)
    assert set(ACTION_MILESTONES.values()) <= known
    assert milestone_of("register-birth") == "birth-registered"
    assert milestone_of("debt-advice") is None


def test_each_money_check_milestone_has_a_starter_rule_that_reminds_of_it():
    """So the starter catalogue, not the plan, reminds of these steps (once)."""
    from pathlib import Path

    from parent_app.domain.finance import ACTION_MILESTONES

    rules = Path(__file__).parents[2] / "parent_app/content/catalogue/nudges"
    named = {
        line.split(":", 1)[1].strip()
        for path in rules.glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("milestone:")
    }
    assert set(ACTION_MILESTONES.values()) <= named
