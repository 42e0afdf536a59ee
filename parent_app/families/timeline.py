"""A family's timeline event: the one place that says what follows when a baby's facts
change (added, re-dated, born, lost, deleted) or an adult joins the household.

The family services call `timeline_changed` after writing the change, in the same
transaction, with the caller's `today` (the parent's date) and `now`. It calls each
follower by name; there is no listener registry. Planning itself runs later: the
household is queued (`nudges.replans.queue_replan`) and the next planning run reads its
open windows again (`nudges.planner.plan_due_nudges`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from parent_app.courses.household_bookings import merge_household_bookings
from parent_app.courses.reminders import remind_household_of_couple_bookings
from parent_app.entitlements.plans import refresh_leave_plan_reminders
from parent_app.finance.review import refresh_review_dates
from parent_app.milestones.booked_days import remind_household_of_booked_days
from parent_app.models import Baby
from parent_app.nudges.cleanup import (
    cancel_everything_for_lost_baby,
    drop_pregnancy_nudges,
    drop_unsent_nudges_for_new_dates,
)
from parent_app.nudges.replans import queue_replan


class TimelineEvent(StrEnum):
    ADDED = "added"
    REDATED = "redated"
    BORN = "born"
    LOST = "lost"
    DELETED = "deleted"
    HOUSEHOLD_JOINED = "household_joined"


def timeline_changed(
    event: TimelineEvent,
    *,
    household_id: int,
    baby: Baby | None = None,
    today: date,
    now: datetime,
) -> None:
    """Bring the nudges, the finance plan and the leave-plan reminders in step with the
    family's new facts. `baby` is the baby whose facts changed (every event but
    HOUSEHOLD_JOINED). Call it after the change is flushed; for DELETED, before the
    baby is deleted."""
    if event is TimelineEvent.HOUSEHOLD_JOINED:
        # The adult who joined gets what is still due for the family's babies, the
        # reminders of the days its checks are booked for, and the reminders of the
        # family's couple bookings, once both households'
        # bookings of one session are merged into one (freeing the extra places).
        queue_replan([household_id])
        merge_household_bookings(household_id, now=now)
        remind_household_of_couple_bookings(household_id, now=now)
        remind_household_of_booked_days(household_id, today=today, now=now)
        return
    if baby is None:
        raise TypeError(f"a {event} event needs the baby")
    if event is TimelineEvent.ADDED:
        queue_replan([household_id])
    elif event is TimelineEvent.REDATED:
        drop_unsent_nudges_for_new_dates(baby)
        queue_replan([household_id])
        refresh_review_dates(baby, today=today, now=now)
        refresh_leave_plan_reminders(baby, now=now)
    elif event is TimelineEvent.BORN:
        drop_pregnancy_nudges(baby)
        queue_replan([household_id])
        refresh_review_dates(baby, today=today, now=now)
        refresh_leave_plan_reminders(baby, now=now)
    elif event is TimelineEvent.LOST:
        # Every pending nudge and push for the baby stops, personal reminders included.
        cancel_everything_for_lost_baby(baby)
    # DELETED: the baby's outbox rows and leave plans go with it (the database cascades
    # the delete); nothing else follows.
