"""Claiming outbox rows for a short lease, one step for every outbox (push
deliveries and mail): a row is claimable when it is pending and due, or when the
sender that claimed it let its lease lapse (it died), so that several senders can run
at once and none waits on another's rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update

from parent_app.extensions import db


@dataclass(frozen=True)
class LeasedRows:
    """Which columns of an outbox table say when a row is due and who holds it."""

    model: Any
    status: Any
    due: Any  # when its next attempt is due
    claim_token: Any
    claimed_until: Any
    pending: Any  # the status of a row waiting for its next attempt
    sending: Any  # the status of a row a sender holds

    def claimable(self, now: Any) -> ColumnElement[bool]:
        return or_(
            and_(self.status == self.pending, self.due <= now),
            and_(self.status == self.sending, self.claimed_until < now),
        )


def claim_rows(
    rows: LeasedRows, *, now: Any, until: Any, batch_size: int, token: str
) -> bool:
    """Hold up to `batch_size` claimable rows, longest due first, under `token` until
    `until`; returns whether there were any. The caller commits, then reads what it
    holds by its token.

    Two steps, not UPDATE … WHERE id IN (SELECT … LIMIT n): PostgreSQL may run such a
    sub-select more than once and claim more than a batch. The select skips rows
    another sender is claiming right now (PostgreSQL; SQLite serialises writers), and
    the UPDATE repeats the claimable condition, so a row taken in between is left to
    the sender that took it."""
    candidates = (
        select(rows.model.id)
        .where(rows.claimable(now))
        .order_by(rows.due)
        .limit(batch_size)
    )
    if db.engine.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(db.session.scalars(candidates))
    if ids:
        db.session.execute(
            update(rows.model)
            .where(rows.model.id.in_(ids), rows.claimable(now))
            .values(
                {
                    rows.status: rows.sending,
                    rows.claim_token: token,
                    rows.claimed_until: until,
                }
            )
            .execution_options(synchronize_session=False)
        )
    return bool(ids)
