"""The pure session-time rules: local London times, weekly runs for RRULEs, stage bands.

No app and no database (the rules live in parent_app.courses.timetable)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from parent_app.courses.timetable import (
    child_age_years,
    local_to_utc,
    pattern_times,
    stage_terms,
    weekly_runs,
)


@pytest.mark.parametrize(
    ("on", "at", "utc"),
    [
        (date(2031, 1, 14), time(10), datetime(2031, 1, 14, 10, tzinfo=UTC)),  # GMT
        (date(2031, 7, 14), time(10), datetime(2031, 7, 14, 9, tzinfo=UTC)),  # BST
        (
            date(2031, 3, 30),
            time(1, 30),
            datetime(2031, 3, 30, 1, 30, tzinfo=UTC),
        ),  # skipped hour
        (
            date(2031, 10, 26),
            time(1, 30),
            datetime(2031, 10, 26, 0, 30, tzinfo=UTC),
        ),  # repeated: first
    ],
    ids=["winter", "summer", "spring-forward-gap", "fall-back-fold"],
)
def test_local_london_times_to_utc(on, at, utc):
    assert local_to_utc(on, at) == utc


def test_a_pattern_keeps_its_local_time_across_the_spring_clock_change():
    times = pattern_times(
        date(2031, 3, 24), time(18, 30), duration_minutes=90, count=3, every_days=7
    )
    assert [s.isoformat() for s, _ in times] == [
        "2031-03-24T18:30:00+00:00",
        "2031-03-31T17:30:00+00:00",
        "2031-04-07T17:30:00+00:00",
    ]
    assert all(e - s == timedelta(minutes=90) for s, e in times)


def _weekly(first, count, *, every_days=7, at=time(10), minutes=60):
    return [
        (s, e)
        for s, e in pattern_times(
            first, at, duration_minutes=minutes, count=count, every_days=every_days
        )
    ]


def test_weekly_sessions_make_one_run():
    [run] = weekly_runs(_weekly(date(2031, 5, 6), 6))
    assert (run.first_on, run.last_on, run.count, run.interval_weeks, run.weekday) == (
        date(2031, 5, 6),
        date(2031, 6, 10),
        6,
        1,
        "TU",
    )
    assert (run.opens_at, run.closes_at, run.utc_offset_minutes) == (
        time(10),
        time(11),
        60,
    )


def test_fortnightly_sessions_make_a_run_with_interval_two():
    [run] = weekly_runs(_weekly(date(2031, 5, 6), 3, every_days=14))
    assert (run.interval_weeks, run.count, run.last_on) == (2, 3, date(2031, 6, 3))


def test_the_clock_change_starts_a_new_run_with_its_own_offset():
    runs = weekly_runs(_weekly(date(2031, 10, 14), 4))
    assert [(r.first_on, r.count, r.utc_offset_minutes) for r in runs] == [
        (date(2031, 10, 14), 2, 60),
        (date(2031, 10, 28), 2, 0),
    ]


@pytest.mark.parametrize(
    ("sessions", "counts"),
    [
        (
            _weekly(date(2031, 5, 6), 2) + _weekly(date(2031, 5, 27), 1),
            [2, 1],
        ),  # a missed week
        (
            _weekly(date(2031, 5, 6), 2) + _weekly(date(2031, 5, 20), 2, at=time(14)),
            [2, 2],
        ),  # new time
        (
            _weekly(date(2031, 5, 6), 1) + _weekly(date(2031, 5, 8), 1),
            [1, 1],
        ),  # another weekday
        ([], []),
    ],
    ids=["irregular-gap", "other-time", "other-weekday", "none"],
)
def test_sessions_that_break_the_rhythm_start_a_new_run(sessions, counts):
    assert [r.count for r in weekly_runs(sessions)] == counts


@pytest.mark.parametrize(
    ("window", "terms"),
    [
        ((False, -280, -1), ["pregnancy"]),
        ((False, -84, 42), ["pregnancy", "0-6-months"]),
        ((False, 0, 182), ["0-6-months"]),
        ((False, 183, 364), ["6-12-months"]),
        ((False, 365, 1001), ["1-2-years", "2-years-plus"]),
        ((True, None, None), ["preconception"]),
    ],
)
def test_stage_terms_are_the_bands_a_window_overlaps(window, terms):
    is_preconception, from_day, to_day = window
    assert (
        stage_terms(is_preconception=is_preconception, from_day=from_day, to_day=to_day)
        == terms
    )


@pytest.mark.parametrize(
    ("from_day", "to_day", "ages"),
    [
        (-280, -1, None),
        (-100, 182, (0, 0)),
        (183, 364, (0, 0)),
        (183, 400, (0, 1)),
        (365, 730, (1, 2)),
        (None, None, None),
    ],
)
def test_child_ages_in_whole_years(from_day, to_day, ages):
    assert child_age_years(from_day, to_day) == ages
