"""When a reminder may reach a parent: their chosen local time, never in their quiet
hours.

Instants are epoch seconds so that the planner can do the same arithmetic in SQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SECONDS_PER_DAY = 86_400
DEFAULT_REMINDER_MINUTE = 10 * 60


def minute_of(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def in_quiet_hours(minute: int, quiet_start: int, quiet_end: int) -> bool:
    """Quiet hours may run over midnight (21:00–07:00)."""
    if quiet_start == quiet_end:
        return False
    if quiet_start < quiet_end:
        return quiet_start <= minute < quiet_end
    return minute >= quiet_start or minute < quiet_end


def effective_reminder_minute(
    reminder_time: str, quiet_start: str | None, quiet_end: str | None
) -> int:
    """The local minute reminders go out: the chosen time, moved to the end of the quiet
    hours if it falls inside them."""
    minute = minute_of(reminder_time)
    if quiet_start and quiet_end:
        start, end = minute_of(quiet_start), minute_of(quiet_end)
        if in_quiet_hours(minute, start, end):
            return end
    return minute


def utc_offset_seconds(timezone: str, on: date) -> int:
    """The zone's UTC offset at midday on `on` (reminders are sent in daytime, away from
    the 02:00 DST switch)."""
    local_noon = datetime.combine(on, time(12), tzinfo=ZoneInfo(timezone))
    offset = local_noon.utcoffset()
    return int(offset.total_seconds()) if offset else 0


def local_time_epoch(day: int, minute: int, offset_seconds: int) -> int:
    """Epoch seconds of local `minute` on day number `day` in a zone `offset_seconds`
    ahead."""
    return day * SECONDS_PER_DAY + minute * 60 - offset_seconds


def next_send_epoch(
    today_day: int, minute: int, offset_seconds: int, now_epoch: int
) -> int:
    """Today's reminder time if it is still ahead, else tomorrow's."""
    today = local_time_epoch(today_day, minute, offset_seconds)
    return today if today >= now_epoch else today + SECONDS_PER_DAY


def epoch(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp())


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def day_after(on: date) -> date:
    return on + timedelta(days=1)


def moved_send_epoch(
    send_after_epoch: int,
    *,
    old_timezone: str,
    new_timezone: str,
    new_minute: int,
    now_epoch: int,
) -> int:
    """A waiting reminder after the parent changed their reminder time, quiet hours or
    time zone: the same local day at the new time, or the next new time if that has
    already passed."""
    sent_on = (
        datetime.fromtimestamp(send_after_epoch, UTC)
        .astimezone(ZoneInfo(old_timezone))
        .date()
    )
    day = (sent_on - date(1970, 1, 1)).days
    moved = local_time_epoch(day, new_minute, utc_offset_seconds(new_timezone, sent_on))
    if moved >= now_epoch:
        return moved
    today = local_today(datetime.fromtimestamp(now_epoch, UTC), new_timezone)
    return next_send_epoch(
        (today - date(1970, 1, 1)).days,
        new_minute,
        utc_offset_seconds(new_timezone, today),
        now_epoch,
    )
