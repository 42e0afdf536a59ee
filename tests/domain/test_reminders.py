"""Moving a waiting reminder when a parent changes their reminder time or zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from parent_app.domain.reminders import epoch, moved_send_epoch

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour, minute=0, zone=LONDON):
    return epoch(datetime(year, month, day, hour, minute, tzinfo=zone))


def test_a_reminder_for_later_today_moves_to_the_new_time_that_day():
    moved = moved_send_epoch(
        at(2026, 6, 10, 10),
        old_timezone="Europe/London",
        new_timezone="Europe/London",
        new_minute=19 * 60,
        now_epoch=at(2026, 6, 10, 8),
    )
    assert moved == at(2026, 6, 10, 19)


def test_an_earlier_new_time_already_passed_today_means_tomorrow():
    moved = moved_send_epoch(
        at(2026, 6, 10, 19),
        old_timezone="Europe/London",
        new_timezone="Europe/London",
        new_minute=7 * 60,
        now_epoch=at(2026, 6, 10, 12),
    )
    assert moved == at(2026, 6, 11, 7)


def test_a_move_abroad_keeps_the_local_day_at_the_local_time():
    sydney = ZoneInfo("Australia/Sydney")
    moved = moved_send_epoch(
        at(2026, 6, 20, 10),
        old_timezone="Europe/London",
        new_timezone="Australia/Sydney",
        new_minute=10 * 60,
        now_epoch=at(2026, 6, 10, 12),
    )
    assert datetime.fromtimestamp(moved, sydney) == datetime(
        2026, 6, 20, 10, tzinfo=sydney
    )


def test_across_the_clocks_going_back_the_local_time_holds():
    moved = moved_send_epoch(
        at(2026, 10, 26, 10),  # the Monday after the clocks went back
        old_timezone="Europe/London",
        new_timezone="Europe/London",
        new_minute=18 * 60 + 30,
        now_epoch=at(2026, 10, 20, 12),
    )
    assert datetime.fromtimestamp(moved, UTC).hour == 18  # GMT again: 18:30 UTC
