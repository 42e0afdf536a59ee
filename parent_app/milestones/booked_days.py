"""The reminder the day before a booked appointment: for every adult of the household
(only the adult, for a per-adult milestone), at each one's reminder time; moved when
the family re-books, dropped when it is done, not for us or cleared, and given to an
adult who joins the household later."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from parent_app.domain.milestones import (
    MilestoneStatus,
    day_before_on,
    day_before_wording,
    reminder_topic,
)
from parent_app.extensions import db
from parent_app.models import Baby, BabyMilestone, Milestone, User
from parent_app.outbox.personal import forget_personal_nudges, schedule_personal_nudge


def day_before_source(baby: Baby, key: str) -> str:
    return f"milestone:{baby.id}:{key}:"


def plan_day_before(
    baby: Baby,
    milestone: Milestone,
    mark: BabyMilestone,
    *,
    today: date,
    now: datetime,
) -> None:
    """The reminder the day before a booked appointment, for every adult of the
    household (only the adult, for a per-adult milestone), at each one's reminder
    time. Any reminder for an earlier date goes first, so re-booking moves it and
    done, not for us or a booking without a date drops it."""
    forget_day_before(baby, milestone.key, user_id=mark.for_user_id)
    if mark.status is not MilestoneStatus.BOOKED or mark.appointment_on is None:
        return
    send_on = day_before_on(mark.appointment_on, today=today)
    if send_on is None:
        return
    adults = [
        adult
        for adult in baby.household.adults
        if mark.for_user_id is None or adult.id == mark.for_user_id
    ]
    _remind(adults, baby, milestone, mark, send_on=send_on, now=now)


def _remind(
    adults: list[User],
    baby: Baby,
    milestone: Milestone,
    mark: BabyMilestone,
    *,
    send_on: date,
    now: datetime,
) -> None:
    """Queue the day-before reminder for these adults (once each: the key names the
    day)."""
    assert mark.appointment_on is not None
    title, body = day_before_wording(milestone.title, mark.appointment_on, baby.name)
    source = day_before_source(baby, milestone.key)
    for adult in adults:
        schedule_personal_nudge(
            adult,
            source_key=f"{source}{mark.appointment_on.isoformat()}",
            title=title,
            body=body,
            topic=reminder_topic(milestone.key),
            send_on=send_on,
            window_days=0,
            now=now,
            baby_id=baby.id,
            milestone=milestone.key,
            skip_if_late=True,
        )


def forget_day_before(baby: Baby, key: str, *, user_id: int | None) -> None:
    """Drop the waiting day-before reminders of this milestone (only `user_id`'s, for
    a per-adult one)."""
    forget_personal_nudges(day_before_source(baby, key), user_id=user_id)


def remind_household_of_booked_days(
    household_id: int, *, today: date, now: datetime
) -> None:
    """An adult joined: the household's booked days still ahead remind them too (the
    adults already reminded are not reminded twice)."""
    booked = db.session.execute(
        select(BabyMilestone, Baby, Milestone)
        .join(Baby, Baby.id == BabyMilestone.baby_id)
        .join(Milestone, Milestone.key == BabyMilestone.milestone_key)
        .where(
            Baby.household_id == household_id,
            BabyMilestone.scope == "",
            BabyMilestone.status == MilestoneStatus.BOOKED,
            BabyMilestone.appointment_on.is_not(None),
        )
    ).all()
    for mark, baby, milestone in booked:
        assert mark.appointment_on is not None
        send_on = day_before_on(mark.appointment_on, today=today)
        if send_on is not None:
            adults = list(baby.household.adults)
            _remind(adults, baby, milestone, mark, send_on=send_on, now=now)
