"""Babies and pregnancies of a household: add, change, birth, loss, remove."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select

from parent_app.domain import pregnancy
from parent_app.domain.daynum import to_day
from parent_app.errors import Conflict, NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.families.lookup import BabyLost, get_baby_for, refuse_if_lost
from parent_app.families.timeline import TimelineEvent, timeline_changed
from parent_app.models import Baby, BabyStatus, User

__all__ = ["BabyLost", "get_baby_for"]  # found here too, for the API


def sync_day_numbers(baby: Baby) -> None:
    """Keep the integer day numbers the planner queries in step with the dates."""
    baby.due_day = to_day(baby.due_on) if baby.due_on else None
    if baby.born_on is not None:
        weeks = baby.gestation_weeks or pregnancy.DEFAULT_GESTATION_WEEKS
        days = baby.gestation_days or 0
        baby.birth_day = to_day(baby.born_on)
        baby.corrected_birth_day = to_day(
            pregnancy.corrected_birth_date(baby.born_on, weeks, days)
        )
        if baby.due_on is None:
            baby.due_day = to_day(
                pregnancy.estimated_due_date(baby.born_on, weeks, days)
            )
    else:
        baby.birth_day = None
        baby.corrected_birth_day = None


def _check(check: Callable[[], Any]) -> Any:
    try:
        return check()
    except pregnancy.InvalidBabyDates as exc:
        raise ValidationFailed(
            {name: [message] for name, message in exc.fields.items()}
        ) from exc


def _reconcile_birth(
    baby: Baby,
    *,
    born_on: date,
    due_on: date | None,
    weeks: int | None,
    days: int | None,
    today: date,
) -> None:
    """Set a born baby's birth date and gestation, reconciled with its due date (see
    pregnancy.gestation_at_birth); `baby.gestation_source` says where the gestation
    came from, for the response."""
    gestation = _check(
        lambda: pregnancy.gestation_at_birth(
            born_on=born_on, due_on=due_on, weeks=weeks, days=days
        )
    )
    _check(lambda: pregnancy.check_birth(born_on, gestation.weeks, today))
    baby.born_on = born_on
    baby.due_on = due_on
    baby.gestation_weeks = gestation.weeks
    baby.gestation_days = gestation.days
    baby.gestation_source = gestation.source


def list_babies(user: User) -> Select[tuple[Baby]]:
    return select(Baby).where(Baby.household_id == user.household_id).order_by(Baby.id)


def find_youngest_baby(user: User) -> Baby | None:
    """The household's youngest baby or pregnancy that is not lost (the latest birth
    or due date); with none, the most recent loss (so the family keeps its support
    content rather than preconception advice); None with no babies at all."""
    babies = list(db.session.scalars(list_babies(user))) if user.household_id else []

    def anchor(baby: Baby) -> date:
        return baby.born_on or baby.due_on or date.min

    active = [b for b in babies if b.status is not BabyStatus.LOST]
    if active:
        return max(active, key=lambda b: (anchor(b), b.id))
    if babies:
        return max(babies, key=lambda b: (b.lost_on or date.min, b.id))
    return None


def add_baby(user: User, data: dict[str, Any], *, today: date, now: datetime) -> Baby:
    """A pregnancy ({due_date}) or a born baby ({date_of_birth, gestation_weeks}).

    Raises ValidationFailed for dates outside the app's range, NotFound without a
    family.
    """
    if user.household_id is None:
        raise NotFound("You have no family to add a baby to.")
    baby = Baby(household_id=user.household_id, name=data.get("name"))
    if data.get("date_of_birth") is not None:
        _reconcile_birth(
            baby,
            born_on=data["date_of_birth"],
            due_on=data.get("due_date"),
            weeks=data.get("gestation_weeks"),
            days=data.get("gestation_days"),
            today=today,
        )
        baby.status = BabyStatus.BORN
    else:
        _check(lambda: pregnancy.check_due_date(data["due_date"], today))
        baby.status = BabyStatus.EXPECTED
        baby.due_on = data["due_date"]
    sync_day_numbers(baby)
    db.session.add(baby)
    db.session.flush()
    _changed(TimelineEvent.ADDED, baby, today=today, now=now)
    return baby


def _changed(event: TimelineEvent, baby: Baby, *, today: date, now: datetime) -> None:
    timeline_changed(
        event, household_id=baby.household_id, baby=baby, today=today, now=now
    )


BIRTH_FIELDS = ("date_of_birth", "gestation_weeks", "gestation_days")


def update_baby(
    user: User, baby_id: int, changes: dict[str, Any], *, today: date, now: datetime
) -> Baby:
    """Rename, move the due date, or correct birth details; the timeline follows.

    Raises NotFound (not in the user's family), BabyLost, ValidationFailed.
    """
    baby = get_baby_for(user, baby_id)
    refuse_if_lost(baby)
    if baby.status is not BabyStatus.BORN and BIRTH_FIELDS & changes.keys():
        field = next(name for name in BIRTH_FIELDS if name in changes)
        raise ValidationFailed(
            {field: ["Record the birth with POST /babies/{id}/birth."]}
        )
    if "name" in changes:
        baby.name = changes["name"]
    dates_changed = False
    new_due = changes.get("due_date") or baby.due_on
    if baby.status is BabyStatus.BORN and (
        {"date_of_birth", "due_date", *BIRTH_FIELDS} & changes.keys()
    ):
        before = (baby.born_on, baby.due_on, baby.gestation_weeks, baby.gestation_days)
        gives_gestation = bool({"gestation_weeks", "gestation_days"} & changes.keys())
        # A new due date without new weeks re-derives them; otherwise the weeks (given
        # now or kept) must still agree with the due date.
        derive = "due_date" in changes and not gives_gestation
        _reconcile_birth(
            baby,
            born_on=changes.get("date_of_birth") or baby.born_on,
            due_on=new_due,
            weeks=None
            if derive
            else changes.get("gestation_weeks", baby.gestation_weeks),
            days=None if derive else changes.get("gestation_days", baby.gestation_days),
            today=today,
        )
        dates_changed = before != (
            baby.born_on,
            baby.due_on,
            baby.gestation_weeks,
            baby.gestation_days,
        )
    elif baby.status is not BabyStatus.BORN and new_due != baby.due_on:
        _check(lambda: pregnancy.check_due_date(new_due, today))
        baby.due_on = new_due
        dates_changed = True
    sync_day_numbers(baby)
    db.session.flush()
    if dates_changed:
        _changed(TimelineEvent.REDATED, baby, today=today, now=now)
    return baby


class AlreadyBorn(Conflict):
    code = "already_born"
    message = "This baby's birth is already recorded."


def record_birth(
    user: User,
    baby_id: int,
    *,
    born_on: date,
    gestation_weeks: int | None,
    gestation_days: int | None,
    today: date,
    now: datetime,
) -> Baby:
    """Turn a pregnancy into a born baby (same id); pregnancy nudges give way to birth
    ones. Without `gestation_weeks` they come from the due date; with them, they must
    agree with it within a week (ValidationFailed naming both otherwise); a birth
    before 22 weeks is refused (the loss pathway applies)."""
    baby = get_baby_for(user, baby_id)
    refuse_if_lost(baby)
    if baby.status is BabyStatus.BORN:
        raise AlreadyBorn()
    _reconcile_birth(
        baby,
        born_on=born_on,
        due_on=baby.due_on,
        weeks=gestation_weeks,
        days=gestation_days,
        today=today,
    )
    baby.status = BabyStatus.BORN
    sync_day_numbers(baby)
    db.session.flush()
    _changed(TimelineEvent.BORN, baby, today=today, now=now)
    return baby


def record_loss(
    user: User, baby_id: int, *, lost_on: date, today: date, now: datetime
) -> Baby:
    """Record a loss: the baby leaves the active timeline and every pending nudge for it
    stops for every adult, in this same transaction."""
    baby = get_baby_for(user, baby_id)
    refuse_if_lost(baby)
    if lost_on > today:
        raise ValidationFailed({"date": ["The date cannot be in the future."]})
    began_on = baby.born_on or (
        baby.due_on - timedelta(days=pregnancy.PREGNANCY_DAYS) if baby.due_on else None
    )
    if began_on is not None and lost_on < began_on:
        what = "the birth" if baby.born_on else "the pregnancy began"
        raise ValidationFailed(
            {"date": [f"The date cannot be before {what} ({began_on.isoformat()})."]}
        )
    baby.status = BabyStatus.LOST
    baby.lost_on = lost_on
    db.session.flush()
    _changed(TimelineEvent.LOST, baby, today=today, now=now)
    return baby


def delete_baby(user: User, baby_id: int, *, today: date, now: datetime) -> None:
    """Remove a baby added by mistake, with everything planned for it."""
    baby = get_baby_for(user, baby_id)
    _changed(TimelineEvent.DELETED, baby, today=today, now=now)
    db.session.delete(baby)
    db.session.flush()
