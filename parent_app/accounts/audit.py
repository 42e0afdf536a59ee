"""The staff audit log: who did what to which object, from which revision."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from parent_app.extensions import db
from parent_app.models import AuditEntry, User


def record_audit(
    actor: User | None,
    action: str,
    *,
    object_type: str,
    object_id: str | int,
    revision: int | None = None,
    detail: dict[str, Any] | None = None,
    now: datetime,
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor.id if actor else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        revision=revision,
        detail=detail,
        at=now,
    )
    db.session.add(entry)
    return entry
