"""The nudge clean-up when a baby's facts change, in the same transaction as the change
(called by name from families.timeline)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, exists, or_, select, update

from parent_app.domain.milestones import CLOSING_STATUSES, MilestoneStatus
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyMilestone,
    DeliveryStatus,
    NudgeOutbox,
    NudgeRule,
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


def milestone_closed(  # type: ignore[no-untyped-def]
    milestone_key: str,
    baby_id: Any,
    user_id: Any,
    statuses: tuple[MilestoneStatus, ...] = CLOSING_STATUSES,
):
    """SQL: the baby's milestone is marked done or not_for_us (or one of `statuses`),
    for the household, or for this adult when the milestone is per adult."""
    return exists().where(
        BabyMilestone.baby_id == baby_id,
        BabyMilestone.milestone_key == milestone_key,
        BabyMilestone.status.in_(statuses),
        or_(BabyMilestone.scope == "", BabyMilestone.for_user_id == user_id),
    )


def cancel_milestone_nudges(
    baby: Baby,
    milestone_key: str,
    *,
    user_id: int | None = None,
    follow_ups_only: bool = False,
) -> int:
    """A milestone marked done or not_for_us: every pending nudge of the rules that
    serve it (their follow-ups too), for this baby and every adult (only `user_id` for
    a per-adult milestone), is cancelled and its pushes not yet sent stop, as after a
    loss. `follow_ups_only` (a milestone booked) cancels only the follow-ups, which
    ask the family to book it. Returns how many nudges were cancelled."""
    of_milestone = select(NudgeRule.id).where(NudgeRule.milestone == milestone_key)
    conditions = [
        NudgeOutbox.baby_id == baby.id,
        NudgeOutbox.rule_id.in_(of_milestone.scalar_subquery()),
    ]
    if user_id is not None:
        conditions.append(NudgeOutbox.user_id == user_id)
    if follow_ups_only:
        conditions.append(NudgeOutbox.follow_up_of_id.is_not(None))
    cancelled = db.session.execute(
        update(NudgeOutbox)
        .where(*conditions, NudgeOutbox.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED)
    ).rowcount
    in_flight = select(NudgeOutbox.id).where(*conditions).scalar_subquery()
    db.session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.outbox_id.in_(in_flight),
            PushDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.CANCELLED)
    )
    db.session.flush()
    return cancelled or 0
