"""Named edge cases of the leave-and-pay rules that GOV.UK's cases do not pin down:
calendar corners, validation with a field per error, day-one paternity leave, split
weeks, missing earnings and projected rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.earnings import PayPattern, average_weekly_earnings
from parent_app.domain.leave_pay.household import HouseholdAnswers
from parent_app.domain.leave_pay.key_dates import birth_weeks
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.maternity_allowance import weekly_allowance
from parent_app.domain.leave_pay.schedule import (
    PayMethod,
    PaySchedule,
    parse_pay_method,
)
from parent_app.domain.leave_pay.weeks import (
    day_in_month,
    first_sunday_of_april,
    saturday_before,
    sunday_on_or_before,
)

EMPLOYEE = EmploymentStatus.EMPLOYEE


def maternity(**changes: object) -> LeaveRequest:
    fields: dict[str, object] = {
        "leave_type": LeaveType.MATERNITY,
        "due_date": date(2025, 9, 1),
    }
    fields.update(changes)
    return LeaveRequest(**fields)  # type: ignore[arg-type]


def paternity(**changes: object) -> LeaveRequest:
    return maternity(leave_type=LeaveType.PATERNITY, **changes)


def field_of(request: LeaveRequest) -> str:
    with pytest.raises(LeavePayError) as error:
        calculate_leave_pay(request)
    assert error.value.message
    return error.value.field


class TestCalendar:
    def test_a_sunday_starts_its_own_week(self) -> None:
        assert sunday_on_or_before(date(2018, 4, 1)) == date(2018, 4, 1)

    def test_saturday_before_a_saturday_is_a_week_earlier(self) -> None:
        assert saturday_before(date(2014, 12, 27)) == date(2014, 12, 20)

    @pytest.mark.parametrize(
        ("year", "sunday"),
        [(2018, date(2018, 4, 1)), (2019, date(2019, 4, 7)), (2026, date(2026, 4, 5))],
    )
    def test_first_sunday_in_april(self, year: int, sunday: date) -> None:
        assert first_sunday_of_april(year) == sunday

    def test_day_31_in_a_leap_february_is_the_29th(self) -> None:
        assert day_in_month(2024, 2, 31) == date(2024, 2, 29)

    def test_gov_uk_worked_example_due_9_april_2012(self) -> None:
        weeks = birth_weeks(date(2012, 4, 9))
        assert (weeks.expected_week_start, weeks.expected_week_end) == (
            date(2012, 4, 8),
            date(2012, 4, 14),
        )
        assert (weeks.qualifying_week_start, weeks.qualifying_week_end) == (
            date(2011, 12, 25),
            date(2011, 12, 31),
        )
        assert weeks.employment_start_latest == date(2011, 7, 9)

    def test_leap_day_due_date(self) -> None:
        weeks = birth_weeks(date(2024, 2, 29))
        assert weeks.expected_week_start == date(2024, 2, 25)
        assert weeks.qualifying_week_end == date(2023, 11, 18)


class TestEarnings:
    def test_earnings_exactly_at_the_limit_qualify(self) -> None:
        result = calculate_leave_pay(
            maternity(earnings=AverageWeeklyEarnings(Decimal("125")))
        )
        assert result.lower_earnings_limit == Decimal("125")
        assert result.pay.eligible is True

    def test_a_penny_under_the_limit_does_not(self) -> None:
        result = calculate_leave_pay(
            maternity(earnings=AverageWeeklyEarnings(Decimal("124.99")))
        )
        assert result.pay.eligible is False
        assert [r.code for r in result.pay.reasons] == ["below_lower_earnings_limit"]
        assert result.pay.payments == ()

    @pytest.mark.parametrize(
        ("total", "pattern", "payments", "field"),
        [
            (
                Decimal("-1"),
                PayPattern.WEEKLY,
                None,
                "earnings.total_in_relevant_period",
            ),
            (
                Decimal("9000000"),
                PayPattern.WEEKLY,
                None,
                "earnings.total_in_relevant_period",
            ),
            (Decimal("100"), PayPattern.WEEKLY, 11, "earnings.number_of_payments"),
            (Decimal("100"), PayPattern.MONTHLY, 4, "earnings.number_of_payments"),
            (
                Decimal("100"),
                PayPattern.EVERY_4_WEEKS,
                0,
                "earnings.number_of_payments",
            ),
        ],
    )
    def test_absurd_earnings_name_the_field(
        self, total: Decimal, pattern: PayPattern, payments: int | None, field: str
    ) -> None:
        with pytest.raises(LeavePayError) as error:
            average_weekly_earnings(total, pattern, payments)
        assert error.value.field == field

    def test_average_over_a_million_a_week_is_refused(self) -> None:
        request = maternity(earnings=AverageWeeklyEarnings(Decimal("1000000.01")))
        assert field_of(request) == "earnings.average_weekly"

    def test_earlier_payday_must_be_8_weeks_back(self) -> None:
        earnings = RelevantPeriodEarnings(
            Decimal("4000"),
            PayPattern.MONTHLY,
            last_normal_payday=date(2025, 5, 23),
            payday_before_relevant_period=date(2025, 4, 30),
        )
        assert (
            field_of(maternity(earnings=earnings))
            == "earnings.payday_before_relevant_period"
        )

    def test_without_earnings_pay_is_unknown_but_dates_are_there(self) -> None:
        result = calculate_leave_pay(maternity())
        assert result.pay.eligible is None
        assert [r.code for r in result.pay.reasons] == ["earnings_needed"]
        assert result.key_dates.notice_deadline == date(2025, 5, 24)
        assert result.average_weekly_earnings is None

    def test_refusals_known_without_earnings_are_given(self) -> None:
        result = calculate_leave_pay(maternity(employed_by_continuity_start=False))
        assert result.pay.eligible is False
        assert [r.code for r in result.pay.reasons] == ["not_worked_long_enough"]


class TestMaternityDates:
    def test_leave_before_the_11th_week_is_refused(self) -> None:
        assert field_of(maternity(leave_start=date(2025, 6, 14))) == "leave_start"
        calculate_leave_pay(maternity(leave_start=date(2025, 6, 15)))

    def test_leave_starts_the_day_after_an_early_birth(self) -> None:
        result = calculate_leave_pay(maternity(date_of_birth=date(2025, 8, 10)))
        assert result.key_dates.leave_start == date(2025, 8, 11)
        too_late = maternity(
            date_of_birth=date(2025, 8, 10), leave_start=date(2025, 8, 20)
        )
        assert field_of(too_late) == "leave_start"

    @pytest.mark.parametrize("born", [date(2025, 5, 11), date(2025, 10, 28)])
    def test_births_far_from_the_due_date_are_refused(self, born: date) -> None:
        assert field_of(maternity(date_of_birth=born)) == "date_of_birth"

    def test_due_before_the_rate_table_is_refused(self) -> None:
        assert field_of(maternity(due_date=date(2009, 6, 1))) == "due_date"

    def test_pay_weeks_after_the_published_year_are_marked_projected(self) -> None:
        result = calculate_leave_pay(
            maternity(
                due_date=date(2026, 12, 1),
                earnings=AverageWeeklyEarnings(Decimal("500")),
            )
        )
        assert result.pay.uses_projected_rates is True
        assert result.pay.payments[-1].amount == Decimal("194.32")
        earlier = calculate_leave_pay(
            maternity(earnings=AverageWeeklyEarnings(Decimal("500")))
        )
        assert earlier.pay.uses_projected_rates is False


class TestPaternity:
    def test_partner_new_to_the_job_gets_day_one_leave_but_no_pay(self) -> None:
        result = calculate_leave_pay(
            paternity(due_date=date(2026, 6, 10), employed_by_continuity_start=False)
        )
        assert result.leave.eligible is True
        assert result.leave.is_day_one_right is True
        assert result.pay.eligible is False
        assert [r.code for r in result.pay.reasons] == ["not_worked_long_enough"]
        assert result.key_dates.employment_start_latest == date(2025, 9, 6)
        assert result.key_dates.paternity_take_by == date(2027, 6, 9)
        assert result.key_dates.notice_deadline == date(2026, 5, 13)

    def test_no_day_one_right_in_northern_ireland(self) -> None:
        result = calculate_leave_pay(
            paternity(
                due_date=date(2026, 6, 10),
                location=Location.NORTHERN_IRELAND,
                employed_by_continuity_start=False,
            )
        )
        assert result.leave.eligible is False
        assert result.key_dates.paternity_take_by == date(2026, 8, 4)

    def test_two_separate_weeks_are_paid_separately(self) -> None:
        result = calculate_leave_pay(
            paternity(
                second_week_start=date(2025, 11, 3),
                earnings=AverageWeeklyEarnings(Decimal("1000")),
            )
        )
        assert result.leave.blocks == (
            (date(2025, 9, 1), date(2025, 9, 7)),
            (date(2025, 11, 3), date(2025, 11, 9)),
        )
        assert [(p.paid_on, p.amount) for p in result.pay.payments] == [
            (date(2025, 9, 7), Decimal("187.18")),
            (date(2025, 11, 9), Decimal("187.18")),
        ]
        assert result.key_dates.leave_end == date(2025, 11, 9)

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"second_week_start": date(2025, 9, 4)}, "second_week_start"),
            ({"second_week_start": date(2026, 8, 28)}, "second_week_start"),
            (
                {"second_week_start": date(2025, 10, 1), "paternity_leave_weeks": 1},
                "second_week_start",
            ),
            ({"paternity_leave_weeks": 3}, "paternity_leave_weeks"),
            ({"leave_start": date(2025, 8, 31)}, "leave_start"),
            (
                {"date_of_birth": date(2025, 9, 5), "leave_start": date(2025, 9, 3)},
                "leave_start",
            ),
        ],
    )
    def test_impossible_paternity_leave_names_the_field(
        self, changes: dict[str, object], field: str
    ) -> None:
        assert field_of(paternity(**changes)) == field

    def test_separate_weeks_not_allowed_before_april_2024(self) -> None:
        request = paternity(
            due_date=date(2023, 9, 1), second_week_start=date(2023, 10, 1)
        )
        assert field_of(request) == "second_week_start"


class TestSchedule:
    @pytest.mark.parametrize(
        ("schedule", "field"),
        [
            (PaySchedule(PayMethod.EVERY_2_WEEKS), "pay_schedule.pay_date"),
            (PaySchedule(PayMethod.WEEKLY), "pay_schedule.pay_date"),
            (
                PaySchedule(PayMethod.SPECIFIC_DATE_EACH_MONTH, day_of_month=0),
                "pay_schedule.day_of_month",
            ),
            (
                PaySchedule(PayMethod.A_CERTAIN_WEEK_DAY_EACH_MONTH, weekday=7),
                "pay_schedule.week_of_month",
            ),
            (
                PaySchedule(PayMethod.LAST_WORKING_DAY_OF_THE_MONTH),
                "pay_schedule.work_days",
            ),
        ],
    )
    def test_missing_schedule_details_name_the_field(
        self, schedule: PaySchedule, field: str
    ) -> None:
        request = maternity(
            earnings=AverageWeeklyEarnings(Decimal("300")), pay_schedule=schedule
        )
        assert field_of(request) == field

    def test_gov_uk_method_names_are_accepted(self) -> None:
        assert parse_pay_method("weekly_starting") is PayMethod.WEEKLY_FROM_LEAVE_START
        assert parse_pay_method("monthly") is PayMethod.SPECIFIC_DATE_EACH_MONTH
        with pytest.raises(LeavePayError) as error:
            parse_pay_method("fortnightly")
        assert error.value.field == "pay_schedule.method"


class TestHousehold:
    def test_partner_asking_alone_in_2026(self) -> None:
        partner = ParentAnswers(
            EMPLOYEE,
            started_before_continuity_start=False,
            still_working_on_continuity_end=True,
            earned_more_than_lower_earnings_limit=True,
        )
        check = check_household(
            HouseholdAnswers(date(2026, 6, 10), None, partner), default_rates()
        )
        assert [name.value for name in check.entitlements] == ["paternity_leave"]
        leave = check.partner.grants[0]  # type: ignore[union-attr]
        assert leave.is_day_one_right is True
        assert leave.take_by == date(2027, 6, 9)
        assert leave.notice_by == date(2026, 5, 13)
        refused = {r.entitlement.value: r.reason.code for r in check.partner.refusals}  # type: ignore[union-attr]
        assert refused == {"paternity_pay": "not_worked_long_enough"}
        assert check.lower_earnings_limit == Decimal("125")
        assert check.birthing_parent is None

    def test_a_single_parent_has_no_partner_entitlements(self) -> None:
        mother = ParentAnswers(EMPLOYEE, True, True, True)
        check = check_household(
            HouseholdAnswers(date(2025, 9, 1), mother, None), default_rates()
        )
        assert [name.value for name in check.entitlements] == [
            "maternity_leave",
            "maternity_pay",
        ]
        assert check.partner is None

    def test_both_qualifying_get_shared_parental_leave_and_pay(self) -> None:
        both = ParentAnswers(EMPLOYEE, True, True, True)
        check = check_household(
            HouseholdAnswers(date(2025, 9, 1), both, both), default_rates()
        )
        assert [name.value for name in check.entitlements] == [
            "maternity_leave",
            "maternity_pay",
            "paternity_leave",
            "paternity_pay",
            "shared_parental_leave",
            "shared_parental_pay",
        ]

    def test_a_worker_gets_maternity_pay_but_not_leave(self) -> None:
        worker = ParentAnswers(EmploymentStatus.WORKER, True, True, True)
        check = check_household(
            HouseholdAnswers(date(2025, 9, 1), worker, None), default_rates()
        )
        assert [name.value for name in check.entitlements] == ["maternity_pay"]
        refused = {
            r.entitlement.value: r.reason.code for r in check.birthing_parent.refusals
        }  # type: ignore[union-attr]
        assert refused == {"maternity_leave": "not_an_employee"}


def test_maternity_allowance_is_the_lower_of_flat_rate_and_90_percent() -> None:
    assert weekly_allowance(Decimal("187.18"), Decimal("150")) == Decimal("135.0000000")
    assert weekly_allowance(Decimal("187.18"), Decimal("500")) == Decimal("187.18")
    assert weekly_allowance(Decimal("187.18"), None) == Decimal("187.18")
