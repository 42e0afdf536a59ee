"""An item's history for staff: every revision and every audit line, with who."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from parent_app.content.lifecycle import get_item_for_staff
from parent_app.extensions import db
from parent_app.models import AuditEntry, User
from parent_app.models.content import ContentItem, ContentRevision


@dataclass(frozen=True)
class ItemHistory:
    item: ContentItem
    revisions: list[ContentRevision]
    audit: list[AuditEntry]
    # Staff emails by user id, for "who" columns (a deleted account shows as unknown).
    names: dict[int, str]

    def name(self, user_id: int | None) -> str:
        if user_id is None:
            return "Starter catalogue"
        return self.names.get(user_id, "A deleted account")


def item_history(actor: User, kind: str, item_id: int) -> ItemHistory:
    """Revisions newest first and the audit trail oldest first (404 outside the actor's
    areas)."""
    item = get_item_for_staff(actor, kind, item_id)
    audit = list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == kind, AuditEntry.object_id == str(item.id))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )
    ids = {r.author_id for r in item.revisions} | {
        r.reviewer_id for r in item.revisions
    }
    ids |= {entry.actor_id for entry in audit}
    return ItemHistory(
        item,
        sorted(item.revisions, key=lambda r: -r.number),
        audit,
        staff_names({i for i in ids if i is not None}),
    )


def staff_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all()
    )  # type: ignore[arg-type]
