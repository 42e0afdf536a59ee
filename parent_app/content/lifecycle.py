"""Staff work on content of any kind: draft, edit, submit, approve, reject, archive.

Every action is scoped to the staff member's areas and written to the audit log.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from parent_app.accounts.audit import record_audit
from parent_app.content.kinds import get_kind
from parent_app.content.vocab import MAX_SLUG_LENGTH
from parent_app.domain import lifecycle as rules
from parent_app.domain.lifecycle import ItemStatus, RevisionState
from parent_app.errors import Conflict, Forbidden, NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.models import Role, User
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.content import ContentItem, ContentRevision


class SlugTaken(Conflict):
    code = "slug_taken"
    message = "Another item already uses this slug."


class SelfApproval(Forbidden):
    code = "self_approval"
    message = "An editor other than the author must approve this revision."


class InvalidState(Conflict):
    code = "invalid_state"


def _check_area(actor: User, area_id: str) -> None:
    if actor.role is Role.ADMIN and "national" in actor.staff_area_ids:
        return
    if area_id not in actor.staff_area_ids:
        raise Forbidden(
            "You can only work on content for your own area(s): "
            + ", ".join(sorted(actor.staff_area_ids)),
            code="area_forbidden",
        )


def default_area(actor: User) -> str:
    """The area new content is for when its author does not say: their one local area,
    or national for national staff. Staff of several local areas must choose (422)."""
    local = sorted(actor.staff_area_ids - {NATIONAL_AREA})
    if len(local) == 1:
        return local[0]
    if not local:
        return NATIONAL_AREA
    raise ValidationFailed(
        {"area": ["Choose the area this is for: " + ", ".join(local) + "."]}
    )


def _nul_fields(value: Any, path: str = "") -> list[str]:
    """The fields holding a NUL character anywhere inside (PostgreSQL cannot store
    one)."""
    if isinstance(value, str):
        return [path or "_body"] if "\x00" in value else []
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in _nul_fields(v, path or str(k))]
    if isinstance(value, list):
        return [f for v in value for f in _nul_fields(v, path)]
    return []


def _validate(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The kind's own validation, behind two checks every kind needs so that bad input
    is a 422 and never a database error: no NUL characters, a slug that fits its
    column."""
    bad = _nul_fields(data)
    if bad:
        raise ValidationFailed({name: ["Remove the NUL characters."] for name in bad})
    slug = data.get("slug")
    if isinstance(slug, str) and len(slug) > MAX_SLUG_LENGTH:
        raise ValidationFailed(
            {"slug": [f"Longer than maximum length {MAX_SLUG_LENGTH}."]}
        )
    return get_kind(kind).validate(data)


def _transition(check: Any, *args: Any) -> None:
    try:
        check(*args)
    except rules.InvalidTransition as exc:
        raise InvalidState(str(exc)) from exc


def get_item_for_staff(actor: User, kind: str, item_id: int) -> ContentItem:
    """The item if it exists and lies in one of the actor's areas (404 otherwise)."""
    item = db.session.get(ContentItem, item_id)
    if item is None or item.kind != kind:
        raise NotFound(f"No such {kind}.")
    if item.area_id not in actor.staff_area_ids and actor.role is not Role.ADMIN:
        raise NotFound(f"No such {kind} in your areas.")
    return item


def list_items_for_staff(
    actor: User, kind: str, *, status: str | None = None, after_id: int | None = None
) -> Select[Any]:
    """Items of one kind in the actor's areas, in id order (a cursor is the last id
    seen)."""
    query = select(ContentItem).where(ContentItem.kind == kind)
    if actor.role is not Role.ADMIN:
        query = query.where(ContentItem.area_id.in_(actor.staff_area_ids))
    if status:
        query = query.where(ContentItem.status == ItemStatus(status))
    if after_id is not None:
        query = query.where(ContentItem.id > after_id)
    return query.order_by(ContentItem.id)


def review_queue(actor: User, *, after_id: int | None = None) -> Select[Any]:
    """Revisions waiting for review in the actor's areas, oldest first (revision ids
    grow with time, so the id order is the age order and a cursor is the last id
    seen)."""
    query = (
        select(ContentRevision)
        .join(ContentItem, ContentRevision.item_id == ContentItem.id)
        .where(ContentRevision.state == RevisionState.IN_REVIEW)
    )
    if actor.role is not Role.ADMIN:
        query = query.where(ContentItem.area_id.in_(actor.staff_area_ids))
    if after_id is not None:
        query = query.where(ContentRevision.id > after_id)
    return query.order_by(ContentRevision.id)


def create_item(
    actor: User, kind: str, data: dict[str, Any], *, now: datetime
) -> ContentItem:
    """A new item with revision 1 as a draft. Without an `area`, it is for the
    author's own area (see default_area)."""
    if "area" not in data:
        data = {**data, "area": default_area(actor)}
    cleaned = _validate(kind, data)
    _check_area(actor, cleaned["area"])
    item = ContentItem(
        kind=kind,
        slug=cleaned["slug"],
        area_id=cleaned["area"],
        status=ItemStatus.DRAFT,
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    revision = ContentRevision(
        number=1,
        state=RevisionState.DRAFT,
        data=cleaned,
        author_id=actor.id,
        created_at=now,
    )
    item.revisions.append(revision)
    db.session.add(item)
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise SlugTaken() from exc
    item.pending_revision = revision
    _audit(actor, item, "create", revision=1, now=now)
    db.session.flush()
    return item


def _latest(item: ContentItem) -> ContentRevision:
    return item.revisions[-1]


def edit_item(
    actor: User, item: ContentItem, changes: dict[str, Any], *, now: datetime
) -> ContentItem:
    """A new numbered revision from the latest one plus `changes`; a published item
    keeps its live revision served until this one is approved.

    Everything is checked before anything is written, so a refused edit leaves no trace.
    The slug never changes (it is the item's public address). An item that has been
    published keeps its area: offline caches in the old area would never hear that it
    left. Changes that change nothing make no revision."""
    _transition(rules.check_edit, item.status)
    _check_area(actor, item.area_id)
    cleaned = _edited_data(item, changes)
    _check_area(actor, cleaned["area"])
    if cleaned == _latest(item).data:
        return item
    revision = _add_draft_revision(item, cleaned, actor=actor, now=now)
    _audit(
        actor,
        item,
        "edit",
        revision=revision.number,
        detail={"fields": sorted(changes)},
        now=now,
    )
    return item


def _edited_data(item: ContentItem, changes: dict[str, Any]) -> dict[str, Any]:
    """The latest revision's data with `changes`, validated; the slug never changes
    and a published item keeps its area."""
    if not changes:
        raise ValidationFailed({"_body": ["Send at least one field to change."]})
    if "slug" in changes and changes["slug"] != item.slug:
        raise ValidationFailed(
            {"slug": ["The slug cannot change: archive this and write a new one."]}
        )
    base = get_kind(item.kind).merge(dict(_latest(item).data), changes)
    base["slug"] = item.slug
    cleaned = _validate(item.kind, base)
    if cleaned["area"] != item.area_id and item.live_revision_id is not None:
        raise ValidationFailed(
            {
                "area": [
                    "A published item keeps its area: archive it and write a new one."
                ]
            }
        )
    return cleaned


def _add_draft_revision(
    item: ContentItem, cleaned: dict[str, Any], *, actor: User, now: datetime
) -> ContentRevision:
    """The next numbered revision, a draft that supersedes any pending one; the live
    revision (if any) is served until it is approved."""
    pending = item.pending_revision
    if pending is not None and pending.state in (
        RevisionState.DRAFT,
        RevisionState.IN_REVIEW,
    ):
        pending.state = RevisionState.SUPERSEDED
    revision = ContentRevision(
        number=_latest(item).number + 1,
        state=RevisionState.DRAFT,
        data=cleaned,
        author_id=actor.id,
        created_at=now,
    )
    item.revisions.append(revision)
    item.pending_revision = revision
    item.area_id = cleaned["area"]
    item.status = rules.status_after_edit(item.status)
    item.updated_at = now
    db.session.flush()
    return revision


def submit_item(actor: User, item: ContentItem, *, now: datetime) -> ContentItem:
    _check_area(actor, item.area_id)
    pending = item.pending_revision
    _transition(rules.check_submit, pending.state if pending else None)
    assert pending is not None
    pending.state = RevisionState.IN_REVIEW
    item.status = rules.status_after_submit(item.status)
    item.updated_at = now
    _audit(actor, item, "submit", revision=pending.number, now=now)
    db.session.flush()
    return item


def _audit(
    actor: User | None,
    item: ContentItem,
    action: str,
    *,
    revision: int | None,
    now: datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    """One audit line per lifecycle action: who did what to which revision."""
    record_audit(
        actor,
        f"{item.kind}.{action}",
        object_type=item.kind,
        object_id=item.id,
        revision=revision,
        detail=detail,
        now=now,
    )


def _require_editor(actor: User) -> None:
    if actor.role not in (Role.EDITOR, Role.ADMIN):
        raise Forbidden("Only an editor can review content.", code="editor_required")


def unreviewed_authors(item: ContentItem) -> set[int | None]:
    """Everyone who wrote a revision since the live one: the revision in review carries
    all their changes, so none of them may approve it (an editor cannot slip their own
    edit past review by letting someone else make the last small change)."""
    live_number = item.live_revision.number if item.live_revision is not None else 0
    return {r.author_id for r in item.revisions if r.number > live_number}


def approve_item(actor: User, item: ContentItem, *, now: datetime) -> ContentItem:
    """Publish the revision in review; the previous live revision is superseded. The
    approver is an editor of the item's area who wrote none of the changes waiting for
    approval."""
    _require_editor(actor)
    _check_area(actor, item.area_id)
    pending = item.pending_revision
    _transition(rules.check_review, pending.state if pending else None)
    assert pending is not None
    try:
        for author_id in unreviewed_authors(item):
            rules.check_approver(author_id=author_id, approver_id=actor.id)
    except rules.SelfApprovalRefused as exc:
        raise SelfApproval() from exc
    if item.live_revision is not None:
        item.live_revision.state = RevisionState.SUPERSEDED
    pending.state = RevisionState.APPROVED
    pending.reviewer_id, pending.reviewed_at = actor.id, now
    item.live_revision = pending
    item.pending_revision = None
    item.status = ItemStatus.PUBLISHED
    item.updated_at = now
    db.session.flush()
    get_kind(item.kind).publish(item, pending, now)
    _audit(actor, item, "approve", revision=pending.number, now=now)
    db.session.flush()
    return item


def reject_item(
    actor: User, item: ContentItem, *, comment: str, now: datetime
) -> ContentItem:
    _require_editor(actor)
    _check_area(actor, item.area_id)
    pending = item.pending_revision
    _transition(
        lambda s: rules.check_review(s, "reject"), pending.state if pending else None
    )
    assert pending is not None
    pending.state = RevisionState.REJECTED
    pending.reviewer_id, pending.reviewed_at, pending.review_comment = (
        actor.id,
        now,
        comment,
    )
    # The author carries on from a fresh draft copy of what was rejected.
    draft = ContentRevision(
        number=_latest(item).number + 1,
        state=RevisionState.DRAFT,
        data=dict(pending.data),
        author_id=pending.author_id,
        created_at=now,
    )
    item.revisions.append(draft)
    item.pending_revision = draft
    item.status = rules.status_after_reject(item.status)
    item.updated_at = now
    db.session.flush()
    _audit(
        actor,
        item,
        "reject",
        revision=pending.number,
        detail={"comment": comment},
        now=now,
    )
    return item


def archive_item(actor: User, item: ContentItem, *, now: datetime) -> ContentItem:
    _require_editor(actor)
    _check_area(actor, item.area_id)
    _transition(rules.check_archive, item.status)
    if item.pending_revision is not None:
        item.pending_revision.state = RevisionState.SUPERSEDED
        item.pending_revision = None
    item.status = ItemStatus.ARCHIVED
    item.updated_at = now
    db.session.flush()
    get_kind(item.kind).archive(item, now)
    _audit(
        actor,
        item,
        "archive",
        revision=item.live_revision.number if item.live_revision else None,
        now=now,
    )
    db.session.flush()
    return item


def catalogue_hash(data: dict[str, Any]) -> str:
    """A fingerprint of an item's cleaned data, the same for equal data whatever the
    key order (the loader keeps the one it last wrote on the item)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CatalogueResult:
    """What loading one catalogue file did: created, updated, unchanged or skipped
    (with the reason)."""

    item: ContentItem
    action: str
    reason: str | None = None


def _staff_hold(item: ContentItem) -> str | None:
    """Why the catalogue must leave an existing item alone, or None when the item is
    still exactly as the catalogue last left it."""
    if item.catalogue_hash is None:
        return "written by staff, not by the catalogue"
    if item.status is ItemStatus.ARCHIVED:
        return "archived by staff"
    if item.pending_revision is not None:
        return "a staff draft or a revision in review is waiting"
    live = item.live_revision
    if live is None or catalogue_hash(live.data) != item.catalogue_hash:
        return "changed by staff since the catalogue loaded it"
    return None


def publish_from_catalogue(
    kind: str, data: dict[str, Any], *, now: datetime
) -> CatalogueResult:
    """Create a catalogue item that is missing, straight to published (the catalogue is
    reviewed in code review), or update one that is still exactly as the catalogue last
    left it. An item staff have written, changed, archived or have a draft of is never
    touched: it comes back as skipped, with the reason."""
    cleaned = _validate(kind, data)
    fingerprint = catalogue_hash(cleaned)
    item = db.session.scalar(
        select(ContentItem).where(
            ContentItem.kind == kind, ContentItem.slug == cleaned["slug"]
        )
    )
    if item is not None:
        reason = _staff_hold(item)
        if reason is not None:
            return CatalogueResult(item, "skipped", reason)
        if item.catalogue_hash == fingerprint:
            return CatalogueResult(item, "unchanged")
        number = _latest(item).number + 1
        if item.live_revision is not None:
            item.live_revision.state = RevisionState.SUPERSEDED
        action = "updated"
    else:
        item = ContentItem(
            kind=kind,
            slug=cleaned["slug"],
            area_id=cleaned["area"],
            status=ItemStatus.PUBLISHED,
            created_at=now,
            updated_at=now,
        )
        db.session.add(item)
        number = 1
        action = "created"
    revision = ContentRevision(
        number=number,
        state=RevisionState.APPROVED,
        data=cleaned,
        created_at=now,
        reviewed_at=now,
    )
    item.revisions.append(revision)
    db.session.flush()
    item.live_revision = revision
    item.status = ItemStatus.PUBLISHED
    item.area_id = cleaned["area"]
    item.catalogue_hash = fingerprint
    item.updated_at = now
    db.session.flush()
    get_kind(kind).publish(item, revision, now)
    _audit(None, item, "catalogue_load", revision=number, now=now)
    return CatalogueResult(item, action)
