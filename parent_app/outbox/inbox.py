"""The in-app inbox: every nudge that reached a parent, read or not, acted on or not."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select

from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models import NudgeOutbox, OutboxStatus, User
from parent_app.models.figures import ReachMeasure
from parent_app.outbox.reach import count_reach


def list_notifications(
    user: User, *, after_id: int | None, unread_only: bool
) -> Select[tuple[NudgeOutbox]]:
    """Newest first."""
    query = select(NudgeOutbox).where(
        NudgeOutbox.user_id == user.id, NudgeOutbox.status == OutboxStatus.DELIVERED
    )
    if unread_only:
        query = query.where(NudgeOutbox.read_at.is_(None))
    if after_id is not None:
        query = query.where(NudgeOutbox.id < after_id)
    return query.order_by(NudgeOutbox.id.desc())


def mark_read(user: User, notification_id: int, *, now: datetime) -> NudgeOutbox:
    row = db.session.get(NudgeOutbox, notification_id)
    if (
        row is None
        or row.user_id != user.id
        or row.status is not OutboxStatus.DELIVERED
    ):
        raise NotFound("No such notification.")
    note_read(row, now=now)
    return row


def note_read(row: NudgeOutbox, *, now: datetime) -> None:
    """The first read of an inbox entry: kept on the row and counted in the rule's
    anonymous reach, in the same transaction."""
    if row.read_at is None:
        row.read_at = now
        count_reach(ReachMeasure.READ, [row.id])


def note_action(row: NudgeOutbox, *, now: datetime) -> None:
    """A milestone action ticked from an inbox entry or its push: the entry is read,
    and the first action on it is counted in the rule's anonymous reach."""
    note_read(row, now=now)
    if row.acted_at is None:
        row.acted_at = now
        count_reach(ReachMeasure.ACTED, [row.id])
