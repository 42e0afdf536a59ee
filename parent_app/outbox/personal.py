"""Personal nudges: one-off reminders for one adult (a booked session, a finance action,
a leave deadline) through the same outbox, with the same once-only key and delivery."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, select, update

from parent_app.domain import reminders
from parent_app.domain.daynum import to_day
from parent_app.extensions import db
from parent_app.models import NudgeOutbox, OutboxStatus, User
from parent_app.outbox.sql import insert_ignoring_duplicates

DEFAULT_TTL_SECONDS = 3 * 86_400


def personal_key(source_key: str, user_id: int) -> str:
    return f"p:{source_key}:u{user_id}"


def schedule_personal_nudge(
    user: User,
    *,
    source_key: str,
    title: str,
    body: str,
    topic: str,
    send_on: date | None = None,
    send_at: datetime | None = None,
    window_days: int = 7,
    now: datetime,
    baby_id: int | None = None,
    article_slug: str | None = None,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
    urgency: str = "normal",
    milestone: str | None = None,
    skip_if_late: bool = False,
) -> bool:
    """Queue one reminder for `user`, at their reminder time on `send_on` (or the next
    one, if that has passed), or at the exact instant `send_at`. `source_key` names what
    it is about (e.g. "booking:42:reminder"); queueing the same key again does nothing.
    `skip_if_late` queues nothing when the reminder time on `send_on` has passed (a
    reminder that says "tomorrow" must not arrive on the day). `milestone` gives the
    inbox entry that milestone's actions. Returns whether a row was added."""
    when = _send_time(
        user, send_on=send_on, send_at=send_at, now=now, skip_if_late=skip_if_late
    )
    if when is None:
        return False
    send_after, due_day = when
    row = {
        "key": personal_key(source_key, user.id),
        "user_id": user.id,
        "baby_id": baby_id,
        "title": title[:120],
        "body": body[:200],
        "topic": topic,
        "article_slug": article_slug,
        "due_day": due_day,
        "send_after_epoch": send_after,
        "expires_epoch": send_after + (window_days + 1) * reminders.SECONDS_PER_DAY,
        "ttl_seconds": ttl_seconds,
        "urgency": urgency,
        "status": OutboxStatus.PENDING.value,
        "created_at": now,
        "milestone": milestone,
    }
    result = db.session.execute(
        insert_ignoring_duplicates(NudgeOutbox.__table__, ["key"]).values(**row)
    )
    return bool(result.rowcount)


def _send_time(
    user: User,
    *,
    send_on: date | None,
    send_at: datetime | None,
    now: datetime,
    skip_if_late: bool,
) -> tuple[int, int] | None:
    """When the reminder goes (epoch seconds) and the day it is due: the exact instant
    `send_at` (not before now), or the user's reminder time on `send_on` (today if
    none); if that time has passed, their next reminder time, or None when
    `skip_if_late`."""
    now_epoch = reminders.epoch(now)
    if send_at is not None:
        send_after = max(reminders.epoch(send_at), now_epoch)
        return send_after, send_after // reminders.SECONDS_PER_DAY
    day = to_day(send_on or reminders.local_today(now, user.timezone))
    offset = reminders.utc_offset_seconds(user.timezone, send_on or now.date())
    send_after = reminders.local_time_epoch(day, user.reminder_minute, offset)
    if send_after < now_epoch:
        if skip_if_late:
            return None
        today = to_day(reminders.local_today(now, user.timezone))
        send_after = reminders.next_send_epoch(
            today, user.reminder_minute, offset, now_epoch
        )
    return send_after, day


def cancel_personal_nudges(source_prefix: str, *, user_id: int | None = None) -> int:
    """Cancel pending personal nudges whose source key starts with `source_prefix` (e.g.
    a cancelled session's "booking:42:"). Sent ones stay in the inbox. Returns how
    many."""
    query = update(NudgeOutbox).where(
        NudgeOutbox.status == OutboxStatus.PENDING,
        NudgeOutbox.key.startswith(f"p:{source_prefix}", autoescape=True),
    )
    if user_id is not None:
        query = query.where(NudgeOutbox.user_id == user_id)
    return db.session.execute(query.values(status=OutboxStatus.CANCELLED)).rowcount


def forget_personal_nudge(source_key: str, user_id: int) -> None:
    """Remove a pending personal nudge so that it can be queued again with new
    details."""
    db.session.execute(
        delete(NudgeOutbox).where(
            NudgeOutbox.key == personal_key(source_key, user_id),
            NudgeOutbox.status == OutboxStatus.PENDING,
        )
    )


def forget_personal_nudges(source_prefix: str, *, user_id: int | None = None) -> int:
    """Remove the pending personal nudges whose source key starts with `source_prefix`
    (so that the same ones can be queued again later); sent ones stay in the inbox.
    Returns how many."""
    query = delete(NudgeOutbox).where(
        NudgeOutbox.status == OutboxStatus.PENDING,
        NudgeOutbox.key.startswith(f"p:{source_prefix}", autoescape=True),
    )
    if user_id is not None:
        query = query.where(NudgeOutbox.user_id == user_id)
    return db.session.execute(query).rowcount or 0


def find_personal_nudge(source_key: str, user_id: int) -> NudgeOutbox | None:
    return db.session.scalar(
        select(NudgeOutbox).where(NudgeOutbox.key == personal_key(source_key, user_id))
    )


def move_waiting_reminders(user: User, *, old_timezone: str, now: datetime) -> int:
    """After a change of reminder time, quiet hours or time zone, move every reminder
    still waiting for its time (rule nudges and personal ones) to the new time. Returns
    how many moved."""
    now_epoch = reminders.epoch(now)
    waiting = db.session.scalars(
        select(NudgeOutbox).where(
            NudgeOutbox.user_id == user.id,
            NudgeOutbox.status == OutboxStatus.PENDING,
            NudgeOutbox.send_after_epoch > now_epoch,
        )
    ).all()
    for row in waiting:
        row.send_after_epoch = reminders.moved_send_epoch(
            row.send_after_epoch,
            old_timezone=old_timezone,
            new_timezone=user.timezone,
            new_minute=user.reminder_minute,
            now_epoch=now_epoch,
        )
    return len(waiting)
