"""Withdrawing what waits for one adult: their pending nudges and reminders, and the
pushes of notifications not yet pushed, when they leave or are removed from a family."""

from __future__ import annotations

from sqlalchemy import select, update

from parent_app.extensions import db
from parent_app.models import (
    DeliveryStatus,
    NudgeOutbox,
    OutboxStatus,
    PushDelivery,
)


def withdraw_waiting_for(user_id: int) -> int:
    """Cancel every pending nudge and reminder for `user_id` and every push of theirs
    not yet sent. Everything waiting was planned for the family they were in; what
    already reached their inbox stays. Returns how many nudges were cancelled."""
    cancelled = db.session.execute(
        update(NudgeOutbox)
        .where(
            NudgeOutbox.user_id == user_id,
            NudgeOutbox.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    ).rowcount
    theirs = select(NudgeOutbox.id).where(NudgeOutbox.user_id == user_id)
    db.session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.outbox_id.in_(theirs),
            PushDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.CANCELLED)
        .execution_options(synchronize_session=False)
    )
    return int(cancelled)
