"""The nudge clean-up when a baby's facts change, in the same transaction as the change
(called by name from families.timeline)."""

from __future__ import annotations

from sqlalchemy import and_, delete, select, update

from parent_app.extensions import db
from parent_app.models import (
    Baby,
    DeliveryStatus,
    NudgeOutbox,
    OutboxStatus,
    PushDelivery,
)


def _pending_for(baby: Baby):  # type: ignore[no-untyped-def]
    return and_(
        NudgeOutbox.baby_id == baby.id, NudgeOutbox.status == OutboxStatus.PENDING
    )


def drop_unsent_nudges_for_new_dates(baby: Baby) -> None:
    """New dates: the rule nudges not yet sent are planned again at the next run from
    the new dates; keys already sent are never repeated."""
    db.session.execute(
        delete(NudgeOutbox).where(_pending_for(baby), NudgeOutbox.rule_id.is_not(None))
    )
    db.session.flush()


def drop_pregnancy_nudges(baby: Baby) -> None:
    """A birth: pregnancy nudges not yet sent give way to the birth ones, and one
    already in the inbox is not pushed after the birth (a retry)."""
    db.session.execute(
        delete(NudgeOutbox).where(_pending_for(baby), NudgeOutbox.anchor == "due_date")
    )
    pregnancy = (
        select(NudgeOutbox.id)
        .where(NudgeOutbox.baby_id == baby.id, NudgeOutbox.anchor == "due_date")
        .scalar_subquery()
    )
    db.session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.outbox_id.in_(pregnancy),
            PushDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.CANCELLED)
    )
    db.session.flush()


def cancel_everything_for_lost_baby(baby: Baby) -> None:
    """A loss: every pending nudge for the baby (rule and personal, for every adult)
    is cancelled and every push not yet sent stops."""
    db.session.execute(
        update(NudgeOutbox)
        .where(_pending_for(baby))
        .values(status=OutboxStatus.CANCELLED)
    )
    in_flight = (
        select(NudgeOutbox.id).where(NudgeOutbox.baby_id == baby.id).scalar_subquery()
    )
    db.session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.outbox_id.in_(in_flight),
            PushDelivery.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
        )
        .values(status=DeliveryStatus.CANCELLED)
    )
    db.session.flush()
