"""Calendar rules and rates behind the finance review's deadlines and amounts."""

from datetime import date

import pytest

from parent_app.domain.finance import default_rates, rates_for
from parent_app.domain.finance.dates import (
    add_months,
    childcare_code_deadline,
    expected_week_start,
    long_date,
    qualifying_week_end,
    weeks_before_due_week,
)
from parent_app.domain.finance.rates import pounds


@pytest.mark.parametrize(
    ("on", "months", "expected"),
    [
        pytest.param(date(2026, 9, 1), 3, date(2026, 12, 1), id="plain"),
        pytest.param(date(2026, 11, 15), 3, date(2027, 2, 15), id="across-new-year"),
        pytest.param(date(2028, 2, 29), 6, date(2028, 8, 29), id="from-leap-day"),
        pytest.param(
            date(2028, 2, 29), 12, date(2029, 2, 28), id="leap-day-plus-a-year"
        ),
        pytest.param(
            date(2027, 8, 31), 6, date(2028, 2, 29), id="into-a-leap-february"
        ),
        pytest.param(
            date(2026, 8, 31), 6, date(2027, 2, 28), id="into-a-short-february"
        ),
        pytest.param(date(2026, 11, 30), 3, date(2027, 2, 28), id="30th-into-february"),
        pytest.param(date(2027, 3, 31), 6, date(2027, 9, 30), id="31st-into-30-days"),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(
    on: date, months: int, expected: date
) -> None:
    assert add_months(on, months) == expected


@pytest.mark.parametrize(
    ("due_on", "week_start"),
    [
        pytest.param(date(2012, 4, 9), date(2012, 4, 8), id="monday"),
        pytest.param(
            date(2027, 4, 11), date(2027, 4, 11), id="sunday-is-its-own-start"
        ),
        pytest.param(date(2027, 4, 17), date(2027, 4, 11), id="saturday-ends-the-week"),
    ],
)
def test_the_due_week_starts_on_the_sunday_on_or_before_the_due_date(
    due_on: date, week_start: date
) -> None:
    assert expected_week_start(due_on) == week_start


@pytest.mark.parametrize(
    ("due_on", "qualifying_week_end_on"),
    [
        # leave-and-pay-rules.md §1: due 9 Apr 2012, QW 25-31 Dec 2011
        pytest.param(date(2012, 4, 9), date(2011, 12, 31), id="rules-example-2012"),
        # §12: due Thu 1 Jan 2015, tell employer by 20 Sep 2014
        pytest.param(
            date(2015, 1, 1), date(2014, 9, 20), id="parent-tool-example-2015"
        ),
    ],
)
def test_notice_is_due_by_the_end_of_the_15th_week_before_the_due_week(
    due_on: date, qualifying_week_end_on: date
) -> None:
    assert qualifying_week_end(due_on) == qualifying_week_end_on


def test_11_weeks_before_the_due_week_matches_the_parent_tool_example() -> None:
    # leave-and-pay-rules.md §12: due 1 Jan 2015, MA / earliest leave from 12 Oct 2014
    assert weeks_before_due_week(date(2015, 1, 1), 11) == date(2014, 10, 12)


@pytest.mark.parametrize(
    ("eligible_on", "today", "deadline_on", "term"),
    [
        pytest.param(
            date(2026, 9, 1),
            date(2026, 1, 1),
            date(2026, 12, 31),
            "January 2027",
            id="1-sep-starts-the-january-window",
        ),
        pytest.param(
            date(2026, 12, 31),
            date(2026, 1, 1),
            date(2026, 12, 31),
            "January 2027",
            id="31-dec-is-still-january",
        ),
        pytest.param(
            date(2027, 1, 1),
            date(2026, 1, 1),
            date(2027, 3, 31),
            "April 2027",
            id="1-jan-starts-the-april-window",
        ),
        pytest.param(
            date(2027, 3, 31),
            date(2026, 1, 1),
            date(2027, 3, 31),
            "April 2027",
            id="31-mar-is-still-april",
        ),
        pytest.param(
            date(2027, 4, 1),
            date(2026, 1, 1),
            date(2027, 8, 31),
            "September 2027",
            id="1-apr-starts-the-september-window",
        ),
        pytest.param(
            date(2027, 8, 31),
            date(2026, 1, 1),
            date(2027, 8, 31),
            "September 2027",
            id="31-aug-is-still-september",
        ),
        pytest.param(
            date(2026, 10, 15),
            date(2026, 12, 31),
            date(2026, 12, 31),
            "January 2027",
            id="deadline-day-itself-still-counts",
        ),
        pytest.param(
            date(2026, 10, 15),
            date(2027, 1, 5),
            date(2027, 3, 31),
            "April 2027",
            id="a-missed-term-rolls-to-the-next",
        ),
        pytest.param(
            date(2026, 10, 15),
            date(2027, 9, 1),
            date(2027, 12, 31),
            "January 2028",
            id="rolls-over-several-terms",
        ),
    ],
)
def test_childcare_code_deadlines_follow_the_three_term_windows(
    eligible_on: date, today: date, deadline_on: date, term: str
) -> None:
    found = childcare_code_deadline(eligible_on, today)
    assert (found.deadline_on, found.term_starts) == (deadline_on, term)


def test_long_dates_read_as_people_write_them() -> None:
    assert long_date(date(2026, 10, 13)) == "13 October 2026"


@pytest.mark.parametrize(
    ("pence", "text"),
    [
        (50000, "£500"),
        (200000, "£2,000"),
        (2705, "£27.05"),
        (5, "£0.05"),
        (19432, "£194.32"),
    ],
)
def test_pounds(pence: int, text: str) -> None:
    assert pounds(pence) == text


@pytest.mark.parametrize(
    ("on", "tax_year", "first_child_pence"),
    [
        pytest.param(date(2025, 4, 6), "2025/26", 2605, id="first-day-of-2025-26"),
        pytest.param(date(2026, 4, 5), "2025/26", 2605, id="last-day-of-2025-26"),
        pytest.param(date(2026, 4, 6), "2026/27", 2705, id="first-day-of-2026-27"),
        pytest.param(
            date(2030, 1, 1), "2026/27", 2705, id="later-years-use-the-latest"
        ),
    ],
)
def test_default_rates_are_those_of_the_tax_year(
    on: date, tax_year: str, first_child_pence: int
) -> None:
    rates = default_rates(on)
    assert rates.tax_year == tax_year
    assert rates.child_benefit_first_child_weekly_pence == first_child_pence


def test_there_are_no_rates_before_2025_26() -> None:
    with pytest.raises(ValueError, match="2025/26"):
        default_rates(date(2025, 4, 5))


def test_the_2026_27_figures_are_those_of_the_facts_file() -> None:
    rates = rates_for("2026/27")
    assert rates.child_benefit_first_child_weekly_pence == 2705
    assert rates.child_benefit_other_child_weekly_pence == 1790
    assert rates.sure_start_maternity_grant_pence == 50000
    assert rates.statutory_pay_weekly_pence == 19432
    assert rates.lower_earnings_limit_weekly_pence == 12900
    assert rates.healthy_start_pregnancy_weekly_pence == 465
    assert rates.healthy_start_under_one_weekly_pence is None
    assert rates.healthy_start_under_one_yearly_pence == 48300


def test_only_figures_the_facts_could_not_confirm_are_flagged() -> None:
    assert not rates_for("2026/27").is_confirmed("healthy_start")
    assert rates_for("2026/27").is_confirmed("child_benefit")
    assert rates_for("2025/26").unconfirmed == frozenset()
