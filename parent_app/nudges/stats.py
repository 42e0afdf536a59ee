"""Anonymous reach figures for one rule: counts only, never who."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from parent_app.extensions import db
from parent_app.models import NudgeOutbox, PushDelivery


def rule_stats(rule_id: int) -> dict[str, Any]:
    outbox = dict(
        db.session.execute(
            select(NudgeOutbox.status, func.count())
            .where(NudgeOutbox.rule_id == rule_id)
            .group_by(NudgeOutbox.status)
        ).all()
    )
    read = db.session.scalar(
        select(func.count()).where(
            NudgeOutbox.rule_id == rule_id, NudgeOutbox.read_at.is_not(None)
        )
    )
    pushes = dict(
        db.session.execute(
            select(PushDelivery.status, func.count())
            .join(NudgeOutbox, NudgeOutbox.id == PushDelivery.outbox_id)
            .where(NudgeOutbox.rule_id == rule_id)
            .group_by(PushDelivery.status)
        ).all()
    )
    return {
        "planned": sum(outbox.values()),
        "in_inbox": outbox.get("delivered", 0),
        "waiting": outbox.get("pending", 0),
        "cancelled": outbox.get("cancelled", 0),
        "expired": outbox.get("expired", 0),
        "read": read or 0,
        "pushes": {str(getattr(k, "value", k)): v for k, v in pushes.items()},
    }
