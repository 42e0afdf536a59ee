"""A household's milestone marks for a baby: read, mark, clear.

A mark belongs to the household (both adults see and change it); a per-adult milestone
(leave-checked) has one mark per adult, and an adult marks only their own. Marking
`done` or `not_for_us` cancels, in the same transaction, every pending nudge and
follow-up of the rules that serve the milestone for that baby and every adult, and
their pushes; `booked` cancels the follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from parent_app.domain.daynum import from_day
from parent_app.domain.milestones import (
    CLOSING_STATUSES,
    InvalidBookedDate,
    MilestoneStatus,
    check_booked_for,
    window,
)
from parent_app.errors import NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.families.lookup import get_baby_for, refuse_if_lost
from parent_app.finance.review import milestone_marked
from parent_app.milestones.booked_days import forget_day_before, plan_day_before
from parent_app.milestones.figures import count_mark
from parent_app.milestones.vocabulary import all_milestones
from parent_app.models import (
    Baby,
    BabyMilestone,
    Milestone,
    NudgeOutbox,
    OutboxStatus,
    User,
)
from parent_app.nudges.cleanup import cancel_milestone_nudges
from parent_app.outbox.inbox import note_action
from parent_app.privacy.registry import PersonalData


@dataclass
class MilestoneView:
    key: str
    title: str
    per_adult: bool
    window_from: date | None
    window_until: date | None
    status: str | None
    for_user_id: int | None
    marked_by_id: int | None
    marked_at: datetime | None
    booked_for: date | None = None


class KeepDate:
    """No booked date was given: a date already booked stays."""


KEEP_DATE = KeepDate()


def _scope(milestone: Milestone, user: User) -> tuple[str, int | None]:
    return (f"u{user.id}", user.id) if milestone.per_adult else ("", None)


def _get_milestone(key: str) -> Milestone:
    milestone = db.session.get(Milestone, key)
    if milestone is None:
        raise NotFound("No such milestone.")
    return milestone


def list_milestones(user: User, baby_id: int) -> list[MilestoneView]:
    """Every milestone with its window for this baby and the household's marks; a
    per-adult milestone appears once for each adult in the household."""
    baby = get_baby_for(user, baby_id)
    marks = {
        (mark.milestone_key, mark.scope): mark
        for mark in db.session.scalars(
            select(BabyMilestone).where(BabyMilestone.baby_id == baby.id)
        )
    }
    adults = sorted(baby.household.adults, key=lambda adult: adult.id)
    views = []
    for milestone in all_milestones():
        span = window(
            milestone.anchor,
            milestone.from_days,
            milestone.until_days,
            due_day=baby.due_day,
            birth_day=baby.birth_day,
        )
        scopes: list[tuple[str, int | None]] = (
            [(f"u{adult.id}", adult.id) for adult in adults]
            if milestone.per_adult
            else [("", None)]
        )
        for scope, for_user_id in scopes:
            mark = marks.get((milestone.key, scope))
            views.append(
                MilestoneView(
                    key=milestone.key,
                    title=milestone.title,
                    per_adult=milestone.per_adult,
                    window_from=from_day(span[0]) if span else None,
                    window_until=from_day(span[1]) if span else None,
                    status=mark.status.value if mark else None,
                    for_user_id=for_user_id,
                    marked_by_id=mark.marked_by_id if mark else None,
                    marked_at=mark.marked_at if mark else None,
                    booked_for=mark.appointment_on if mark else None,
                )
            )
    return views


def mark_milestone(
    user: User,
    baby_id: int,
    key: str,
    status: MilestoneStatus,
    *,
    booked_for: date | None | KeepDate = KEEP_DATE,
    today: date,
    now: datetime,
) -> BabyMilestone:
    """Mark (or re-mark) a milestone for the household (or, per adult, for `user`).
    `booked_for`, with `booked`, is the day it is booked for (None: no date; not
    given: a date already booked stays): every adult it concerns gets a reminder the
    day before. Raises NotFound, Conflict (a loss) and ValidationFailed (a date for
    another status, in the past or more than a year ahead)."""
    baby = get_baby_for(user, baby_id)
    refuse_if_lost(baby)
    return mark_for_baby(
        user, baby, key, status, booked_for=booked_for, today=today, now=now
    )


def mark_for_baby(
    user: User,
    baby: Baby,
    key: str,
    status: MilestoneStatus,
    *,
    booked_for: date | None | KeepDate = KEEP_DATE,
    today: date,
    now: datetime,
) -> BabyMilestone:
    """As mark_milestone, for a baby already checked to be the user's."""
    _check_booked_for(status, booked_for, today=today)
    milestone = _get_milestone(key)
    scope, for_user_id = _scope(milestone, user)
    area_id = baby.household.area_id
    mark = _find_or_add_mark(baby, key, scope=scope, for_user_id=for_user_id)
    changed = mark.status != status
    mark.status = status
    mark.marked_by_id = user.id
    mark.marked_at = now
    if status is not MilestoneStatus.BOOKED:
        mark.appointment_on = None
    elif not isinstance(booked_for, KeepDate):
        mark.appointment_on = booked_for
    if changed:
        # The anonymous figure, in the same transaction (a repeat of the same status
        # is not counted again).
        count_mark(
            area_id=area_id,
            today=today,
            key=key,
            status=status.value,
            role=user.role.value,
            language=user.language,
            has_partner=len(baby.household.adults) > 1,
        )
    db.session.flush()
    plan_day_before(baby, milestone, mark, today=today, now=now)
    if status in CLOSING_STATUSES:
        cancel_milestone_nudges(baby, key, user_id=for_user_id)
        milestone_marked(
            user,
            baby,
            key,
            is_done=status is MilestoneStatus.DONE,
            today=today,
            now=now,
        )
    else:
        # Booked: the follow-ups only asked the family to book it.
        cancel_milestone_nudges(baby, key, user_id=for_user_id, follow_ups_only=True)
    return mark


def _check_booked_for(
    status: MilestoneStatus, booked_for: date | None | KeepDate, *, today: date
) -> None:
    """Only a booked milestone has a date, and it must be one the domain allows."""
    if isinstance(booked_for, KeepDate) or booked_for is None:
        return
    if status is not MilestoneStatus.BOOKED:
        raise ValidationFailed({"booked_for": ["Only a booked milestone has a date."]})
    try:
        check_booked_for(booked_for, today=today)
    except InvalidBookedDate as exc:
        raise ValidationFailed({"booked_for": [str(exc)]}) from exc


def _find_or_add_mark(
    baby: Baby, key: str, *, scope: str, for_user_id: int | None
) -> BabyMilestone:
    """The baby's mark of this milestone in this scope, added if there is none yet."""
    mark = db.session.scalar(
        select(BabyMilestone).where(
            BabyMilestone.baby_id == baby.id,
            BabyMilestone.milestone_key == key,
            BabyMilestone.scope == scope,
        )
    )
    if mark is None:
        mark = BabyMilestone(
            baby_id=baby.id, milestone_key=key, scope=scope, for_user_id=for_user_id
        )
        db.session.add(mark)
    return mark


def clear_milestone(user: User, baby_id: int, key: str) -> None:
    """Clear a mark made by mistake; reminders it cancelled stay cancelled."""
    baby = get_baby_for(user, baby_id)
    milestone = _get_milestone(key)
    scope, _ = _scope(milestone, user)
    mark = db.session.scalar(
        select(BabyMilestone).where(
            BabyMilestone.baby_id == baby.id,
            BabyMilestone.milestone_key == key,
            BabyMilestone.scope == scope,
        )
    )
    if mark is None:
        raise NotFound("This milestone has no mark to clear.")
    forget_day_before(baby, key, user_id=mark.for_user_id)
    db.session.delete(mark)
    db.session.flush()


def _household_marks(user: Any):  # type: ignore[no-untyped-def]
    return (
        select(BabyMilestone)
        .join(Baby, Baby.id == BabyMilestone.baby_id)
        .where(Baby.household_id == user.household_id)
        .order_by(BabyMilestone.id)
    )


PERSONAL_DATA = PersonalData("milestones", _household_marks)


def act_on_notification(
    user: User,
    notification_id: int,
    action: MilestoneStatus,
    *,
    booked_for: date | None | KeepDate = KEEP_DATE,
    today: date,
    now: datetime,
) -> BabyMilestone:
    """A tap on a reminder's action (in the inbox or on the push): marks the milestone
    the reminder serves for its baby, and the reminder as read. Another adult's
    reminder, or one with no milestone, is a 404."""
    row = db.session.get(NudgeOutbox, notification_id)
    if (
        row is None
        or row.user_id != user.id
        or row.status is not OutboxStatus.DELIVERED
        or row.milestone is None
        or row.baby_id is None
    ):
        raise NotFound("No such reminder with actions.")
    baby = get_baby_for(user, row.baby_id)
    refuse_if_lost(baby)
    note_action(row, now=now)
    return mark_for_baby(
        user, baby, row.milestone, action, booked_for=booked_for, today=today, now=now
    )
