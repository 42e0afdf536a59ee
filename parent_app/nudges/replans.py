"""Queue a family for a whole re-plan whenever something planning reads about it
changes.

The planning sweep only reads babies whose window opened since its last run (see
planner.py), so a change to an existing family (a baby added or re-dated, a birth, an
adult joining, a topic unmuted, a time zone or area moved) has to ask for its open
windows to be read again. The family timeline (families.timeline) does so by name
(`queue_replan`). As a safety net, one listener on every flush queues the family too,
whichever code made the change (a time zone, an area, a topic unmuted, a row written
without a service), so no code path can forget it; create_app installs it
(`install_replan_queue`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from parent_app.extensions import db
from parent_app.models import Baby, FamilyToReplan, Household, MutedTopic, User
from parent_app.outbox.sql import insert_ignoring_duplicates

# What planning reads about an adult or a household; other changes (a display name, a
# login) do not queue anything.
USER_FACTS = ("household_id", "timezone", "role", "muted")
HOUSEHOLD_FACTS = ("area_id",)


def _changed(obj: Any, names: tuple[str, ...]) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def queue_replan(household_ids: Iterable[int | None]) -> None:
    """Ask the next planning run to read these households' open windows again."""
    ids = sorted({h for h in household_ids if h is not None})
    if ids:
        db.session.execute(
            insert_ignoring_duplicates(FamilyToReplan.__table__, ["household_id"]),
            [{"household_id": household_id} for household_id in ids],
        )


def install_replan_queue() -> None:
    """Queue changed families on every flush of any session (once per process)."""
    if not event.contains(Session, "after_flush", _queue_changed_families):
        event.listen(Session, "after_flush", _queue_changed_families)


def _queue_changed_families(session: Session, _context: Any) -> None:
    households: set[int] = set()
    users_unmuting: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Baby):
            households.add(obj.household_id)
        elif isinstance(obj, User):
            if obj in session.new or _changed(obj, USER_FACTS):
                households.add(obj.household_id)
        elif isinstance(obj, Household) and _changed(obj, HOUSEHOLD_FACTS):
            households.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, MutedTopic):
            users_unmuting.add(obj.user_id)
    households.discard(None)  # type: ignore[arg-type]
    if not households and not users_unmuting:
        return
    connection = session.connection()
    queue = FamilyToReplan.__table__
    if users_unmuting:
        households.update(
            connection.scalars(
                select(User.household_id).where(
                    User.id.in_(users_unmuting), User.household_id.is_not(None)
                )
            )
        )
    if households:
        connection.execute(
            insert_ignoring_duplicates(queue, ["household_id"]),
            [{"household_id": household_id} for household_id in sorted(households)],
        )
