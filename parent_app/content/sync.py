"""Change numbers for the lists apps sync (`sync_since` / `updated_since`).

A timestamp says when a row was written, not when its transaction committed: a write
that commits late with an earlier timestamp would never reach a client that synced in
between. A change number is taken from one counter row with `UPDATE … RETURNING`; the
row stays locked until the transaction ends, so whoever takes the next number waits
for the commit (or rollback) of the one before and numbers become visible in order.
SQLite allows one writer at a time anyway; the same statement works on both databases.
Content writes are few (staff and the catalogue), so the wait costs nothing noticeable.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from parent_app.extensions import db
from parent_app.models.content import ChangeCounter

COUNTER = "content"


def next_change_seq() -> int:
    """The next change number, held (locked) until this transaction ends."""
    statement = (
        update(ChangeCounter)
        .where(ChangeCounter.name == COUNTER)
        .values(value=ChangeCounter.value + 1)
        .returning(ChangeCounter.value)
    )
    value = db.session.execute(statement).scalar()
    if value is not None:
        return int(value)
    # No counter yet (the migration seeds one; an emptied database has none).
    try:
        with db.session.begin_nested():
            db.session.add(ChangeCounter(name=COUNTER, value=1))
        return 1
    except IntegrityError:
        return int(db.session.execute(statement).scalar_one())


def mark_changed(row: Any, now: datetime) -> None:
    """Stamp a synced row (an article, a course) as changed: its time and its change
    number."""
    row.updated_at = now
    row.change_seq = next_change_seq()


def changed_since(model: Any, since: int | datetime) -> Any:
    """The filter for rows changed after a `sync_since` change number; an instant (what
    `sync_since` was before 0.3.0) still compares timestamps, with their old blind
    spot, so apps that stored one keep working until their next sync."""
    if isinstance(since, datetime):
        return model.updated_at > since
    return model.change_seq > since
