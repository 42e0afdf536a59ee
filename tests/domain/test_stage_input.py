"""Stage windows written as pregnancy weeks or baby ages, to stage days and back."""

from __future__ import annotations

import pytest

from parent_app.domain.stage_input import (
    InvalidStage,
    StagePoint,
    describe_end,
    describe_start,
    describe_window,
    end_day,
    start_day,
    window_days,
)


@pytest.mark.parametrize(
    ("point", "first", "last"),
    [
        (StagePoint("pregnancy_week", 0), -280, -274),
        (StagePoint("pregnancy_week", 12), -196, -190),
        (StagePoint("pregnancy_week", 40), 0, 6),
        (StagePoint("age_weeks", 0), 0, 6),
        (StagePoint("age_weeks", 8), 56, 62),
        (StagePoint("age_months", 6), 183, 212),  # 6 x 30.4375 = 182.6
        (StagePoint("age_months", 12), 365, 395),
        (StagePoint("day", -10), -10, -10),
    ],
)
def test_each_unit_names_a_run_of_days(point, first, last):  # type: ignore[no-untyped-def]
    assert start_day(point) == first
    assert end_day(point) == last


@pytest.mark.parametrize("day", [-280, -196, 0, 56, 183, 365, 730, -3, 17])
def test_a_first_day_written_back_names_the_same_day(day):  # type: ignore[no-untyped-def]
    assert start_day(describe_start(day)) == day


@pytest.mark.parametrize("day", [-190, -1, 6, 62, 212, 395, 17, -3])
def test_a_last_day_written_back_names_the_same_day(day):  # type: ignore[no-untyped-def]
    assert end_day(describe_end(day)) == day


def test_window_in_words():
    assert describe_window(-196, 62) == "pregnancy week 12 to baby age 8 weeks"
    assert describe_window(0, 212) == "baby age 0 weeks to baby age 6 months"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (StagePoint("pregnancy_week", 43), StagePoint("age_weeks", 1), "stage_from"),
        (StagePoint("age_weeks", -1), StagePoint("age_weeks", 1), "stage_from"),
        (StagePoint("age_months", 6), StagePoint("age_weeks", 2), "stage_to"),
        (StagePoint("fortnights", 1), StagePoint("age_weeks", 2), "stage_from"),
    ],
)
def test_impossible_windows_name_the_field(start, end, field):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidStage) as refused:
        window_days(start, end)
    assert refused.value.field == field
