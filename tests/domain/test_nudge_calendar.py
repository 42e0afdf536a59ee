"""The nudge calendar and reminder times: pure rules, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from parent_app.domain import nudge_calendar as calendar
from parent_app.domain import reminders
from parent_app.domain.nudge_calendar import BabyDates, InvalidTiming, RuleTiming

BORN = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("anchor", "timing", "offset_days"),
    [
        ("due_date", {"pregnancy_week": 16}, -168),  # week N starts at due - 280 + 7N
        ("due_date", {"pregnancy_week": 0}, -280),
        ("due_date", {"pregnancy_week": 40}, 0),
        ("due_date", {"offset_days": -88}, -88),
        ("birth", {"age_weeks": 8}, 56),
        ("birth", {"age_months": 6}, 183),  # 6 × 30.4375 = 182.6
        ("birth", {"age_months": 12}, 365),
        ("birth", {"age_months": 24}, 730),
        ("birth", {"offset_days": 0}, 0),
    ],
)
def test_timing_becomes_days_from_the_anchor(
    anchor: str, timing: dict[str, int], offset_days: int
) -> None:
    assert calendar.offset_from_timing(anchor, **timing) == offset_days


@pytest.mark.parametrize(
    ("anchor", "timing", "field"),
    [
        ("birth", {}, "offset_days"),
        ("birth", {"offset_days": 3, "age_weeks": 1}, "offset_days"),
        ("birth", {"pregnancy_week": 12}, "pregnancy_week"),
        ("due_date", {"age_weeks": 2}, "age_weeks"),
        ("due_date", {"age_months": 2}, "age_months"),
        ("due_date", {"pregnancy_week": 43}, "pregnancy_week"),
        ("birth", {"age_months": 37}, "age_months"),
        ("birth", {"offset_days": 1101}, "offset_days"),
        ("due_date", {"offset_days": 43}, "offset_days"),
    ],
)
def test_impossible_timings_name_their_field(
    anchor: str, timing: dict[str, int], field: str
) -> None:
    with pytest.raises(InvalidTiming) as raised:
        calendar.offset_from_timing(anchor, **timing)
    assert raised.value.field == field


def born(on: date = BORN, corrected_from: date | None = None) -> BabyDates:
    return BabyDates("born", due_on=None, born_on=on, corrected_from=corrected_from)


# Born at 33+0: seven weeks early.
PRETERM = born(corrected_from=BORN + timedelta(weeks=7))


@pytest.mark.parametrize(
    ("name", "rule", "baby", "expected"),
    [
        (
            "jabs by real age",
            RuleTiming("birth", 56),
            PRETERM,
            BORN + timedelta(days=56),
        ),
        (
            "solids by corrected age",
            RuleTiming("birth", 183, "corrected"),
            PRETERM,
            BORN + timedelta(weeks=7, days=183),
        ),
        (
            "corrected age only for preterm babies",
            RuleTiming("birth", 183, "corrected"),
            born(),
            BORN + timedelta(days=183),
        ),
        (
            "corrected age stops at its cut-off",
            RuleTiming("birth", 730, "corrected", corrected_until_days=730),
            PRETERM,
            BORN + timedelta(days=730),
        ),
        (
            "exactly at the cut-off is still corrected",
            RuleTiming("birth", 681, "corrected", corrected_until_days=730),
            PRETERM,
            BORN + timedelta(days=730),
        ),
        ("pregnancy rules end at birth", RuleTiming("due_date", -100), born(), None),
        (
            "birth rules wait for the birth",
            RuleTiming("birth", 10),
            BabyDates("expected", BORN),
            None,
        ),
        (
            "nothing after a loss",
            RuleTiming("birth", 10),
            BabyDates("lost", BORN, BORN),
            None,
        ),
        (
            "nothing in pregnancy after a loss",
            RuleTiming("due_date", -10),
            BabyDates("lost", BORN),
            None,
        ),
        (
            "pregnancy week from the due date",
            RuleTiming("due_date", -168),
            BabyDates("expected", BORN),
            BORN - timedelta(days=168),
        ),
        (
            "far past the calendar is never",
            RuleTiming("birth", 1000),
            born(date.max - timedelta(days=5)),
            None,
        ),
        (
            "far before the calendar is never",
            RuleTiming("due_date", -280),
            BabyDates("expected", date.min),
            None,
        ),
    ],
)
def test_due_on(
    name: str, rule: RuleTiming, baby: BabyDates, expected: date | None
) -> None:
    assert calendar.due_on(rule, baby) == expected, name


@pytest.mark.parametrize(
    ("born_on", "old_schedule", "new_schedule"),
    [(date(2024, 6, 30), True, False), (date(2024, 7, 1), False, True)],
)
def test_cohort_rules_either_side_of_1_july_2024(
    born_on: date, old_schedule: bool, new_schedule: bool
) -> None:
    old = RuleTiming("birth", 365, born_until=date(2024, 6, 30))
    new = RuleTiming("birth", 365, born_from=date(2024, 7, 1))
    assert (calendar.due_on(old, born(born_on)) is not None) is old_schedule
    assert (calendar.due_on(new, born(born_on)) is not None) is new_schedule


def test_a_pregnancy_is_in_a_cohort_by_its_due_date() -> None:
    rule = RuleTiming("due_date", -100, born_from=date(2025, 1, 1))
    assert calendar.due_on(rule, BabyDates("expected", date(2025, 1, 1))) is not None
    assert calendar.due_on(rule, BabyDates("expected", date(2024, 12, 31))) is None


@pytest.mark.parametrize(
    ("days_after_due", "sendable"), [(-1, False), (0, True), (7, True), (8, False)]
)
def test_sendable_from_its_day_to_the_end_of_its_window(
    days_after_due: int, sendable: bool
) -> None:
    rule = RuleTiming("birth", 56, send_window_days=7)
    assert (
        calendar.is_sendable(rule, born(), BORN + timedelta(days=56 + days_after_due))
        is sendable
    )
    assert calendar.last_sendable_on(rule, born()) == BORN + timedelta(days=63)


def test_a_pregnancy_is_estimated_as_born_at_term_on_its_due_date() -> None:
    due = date(2026, 9, 1)
    estimate = calendar.born_on_due_date(BabyDates("expected", due))
    assert calendar.due_on(
        RuleTiming("birth", 56, "corrected"), estimate
    ) == due + timedelta(days=56)


def test_anchor_range_is_what_the_planner_asks_for() -> None:
    rule = RuleTiming("birth", 56, send_window_days=7)
    today = date(2026, 3, 2)
    low, high = calendar.anchor_day_range(rule, today)
    assert [
        calendar.is_sendable(rule, born(calendar.from_day(d)), today)
        for d in (low - 1, low, high, high + 1)
    ] == [False, True, True, False]


@pytest.mark.parametrize(
    ("reminder", "quiet", "minute"),
    [
        ("10:00", None, 600),
        ("06:30", ("21:00", "08:00"), 480),  # over midnight: moved to the end
        ("22:30", ("21:00", "08:00"), 480),
        ("20:59", ("21:00", "08:00"), 1259),
        ("08:00", ("21:00", "08:00"), 480),  # the end is not quiet
        ("13:00", ("12:00", "14:00"), 840),
        ("10:00", ("10:00", "10:00"), 600),  # an empty range is no quiet hours
    ],
)
def test_reminders_go_out_at_the_chosen_time_outside_quiet_hours(
    reminder: str, quiet: tuple[str, str] | None, minute: int
) -> None:
    start, end = quiet or (None, None)
    assert reminders.effective_reminder_minute(reminder, start, end) == minute


def test_local_reminder_time_in_another_zone() -> None:
    on = date(2026, 3, 2)
    offset = reminders.utc_offset_seconds("America/New_York", on)
    assert offset == -5 * 3600
    day = (on - date(1970, 1, 1)).days
    assert reminders.local_time_epoch(day, 7 * 60 + 30, offset) == int(
        datetime(2026, 3, 2, 12, 30, tzinfo=UTC).timestamp()
    )
    before, after = (
        int(datetime(2026, 3, 2, h, tzinfo=UTC).timestamp()) for h in (12, 13)
    )
    assert reminders.next_send_epoch(
        day, 450, offset, before
    ) == reminders.local_time_epoch(day, 450, offset)
    assert reminders.next_send_epoch(
        day, 450, offset, after
    ) == reminders.local_time_epoch(day + 1, 450, offset)
