"""When a planned nudge may go, in SQL: the recipient's reminder time today, or
tomorrow once it has passed (shared by the planner and the follow-up sweep)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, case, literal

from parent_app.domain import reminders
from parent_app.domain.daynum import to_day
from parent_app.models import User

SECONDS_PER_DAY = reminders.SECONDS_PER_DAY


def next_reminder_time(*, timezone: str, now: datetime) -> tuple[Any, int]:
    """(the SQL epoch of the user's next reminder time, the zone's UTC offset in
    seconds today), for users living in `timezone` (a nudge that becomes due late in
    the day waits for the next reminder time rather than breaking quiet hours)."""
    u = User.__table__.c
    today = reminders.local_today(now, timezone)
    offset_s = reminders.utc_offset_seconds(timezone, today)
    now_epoch = reminders.epoch(now)
    today_send = (
        literal(to_day(today) * SECONDS_PER_DAY - offset_s, BigInteger)
        + u.reminder_minute * 60
    )
    send_after = case(
        (today_send >= now_epoch, today_send), else_=today_send + SECONDS_PER_DAY
    )
    return send_after, offset_s
