"""A staff member's dashboard and filtered lists: their drafts, what waits for their
review, changes asked of them, what was published this month, what is due for review.

Each item's latest revision is read in Python after one query per area: an area holds
hundreds of items, not millions, and the lists filter on revision data (JSON) that no
portable index serves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from parent_app.content.lifecycle import unreviewed_authors
from parent_app.domain.lifecycle import ItemStatus, RevisionState
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models import Role, User
from parent_app.models.content import ContentItem, ContentRevision

REVIEW_SOON_DAYS = 30


@dataclass(frozen=True)
class Row:
    """One item as a list shows it: its latest words and where it stands."""

    item: ContentItem
    data: dict[str, Any]
    revision: ContentRevision
    comment: str | None = None  # the editor's words when changes were asked for
    review_by: date | None = None


@dataclass
class Dashboard:
    area_ids: list[str]
    my_drafts: list[Row] = field(default_factory=list)
    to_review: list[Row] = field(default_factory=list)
    changes_requested: list[Row] = field(default_factory=list)
    published_this_month: list[Row] = field(default_factory=list)
    review_due: list[Row] = field(default_factory=list)


def chosen_areas(actor: User, area_id: str | None) -> list[str]:
    """The actor's areas, or the one chosen with the area switcher (404 when it is not
    theirs)."""
    areas = sorted(actor.staff_area_ids)
    if not area_id:
        return areas
    if area_id not in areas:
        raise NotFound("No such area among yours.")
    return [area_id]


def items_in(area_ids: list[str], kind: str | None = None) -> list[ContentItem]:
    query = (
        select(ContentItem)
        .where(ContentItem.area_id.in_(area_ids))
        .options(selectinload(ContentItem.revisions))
        .order_by(ContentItem.updated_at.desc(), ContentItem.id.desc())
    )
    if kind is not None:
        query = query.where(ContentItem.kind == kind)
    return list(db.session.scalars(query))


def latest(item: ContentItem) -> ContentRevision:
    """The revision staff work on: the pending one, else the live one, else the last."""
    return item.pending_revision or item.live_revision or item.revisions[-1]


def _rejected_before(item: ContentItem, revision: ContentRevision) -> ContentRevision:
    before = [r for r in item.revisions if r.number == revision.number - 1]
    return before[0] if before else revision


def build_dashboard(actor: User, *, area_id: str | None, today: date) -> Dashboard:
    """Everything on the actor's dashboard for their areas (or the one chosen)."""
    areas = chosen_areas(actor, area_id)
    board = Dashboard(areas)
    is_editor = actor.role in (Role.EDITOR, Role.ADMIN)
    month_start = today.replace(day=1)
    for item in items_in(areas):
        revision = latest(item)
        row = Row(item, revision.data, revision)
        pending = item.pending_revision
        if (
            pending is not None
            and pending.state is RevisionState.DRAFT
            and pending.author_id == actor.id
        ):
            rejected = _rejected_before(item, pending)
            if rejected.state is RevisionState.REJECTED:
                board.changes_requested.append(
                    Row(item, pending.data, pending, rejected.review_comment)
                )
            else:
                board.my_drafts.append(row)
        if (
            is_editor
            and pending is not None
            and pending.state is RevisionState.IN_REVIEW
            and actor.id not in unreviewed_authors(item)
        ):
            board.to_review.append(row)
        live = item.live_revision
        if (
            item.status is ItemStatus.PUBLISHED
            and live is not None
            and live.reviewed_at is not None
            and live.reviewed_at.date() >= month_start
        ):
            board.published_this_month.append(Row(item, live.data, live))
        if item.status is ItemStatus.PUBLISHED and live is not None:
            review_by = live.data.get("review_by")
            if review_by:
                due = date.fromisoformat(review_by)
                if due <= today + timedelta(days=REVIEW_SOON_DAYS):
                    board.review_due.append(Row(item, live.data, live, None, due))
    board.review_due.sort(key=lambda row: row.review_by or today)
    return board


def _matches(
    row: Row,
    *,
    status: str | None,
    topic: str | None,
    audience: str | None,
    stage_day: int | None,
    q: str | None,
) -> bool:
    data = row.data
    if status and row.item.status != status:
        return False
    if topic and data.get("topic") != topic:
        return False
    if audience and data.get("audience") != audience:
        return False
    if stage_day is not None:
        start, end = data.get("stage_from_day"), data.get("stage_to_day")
        if start is None or end is None or not start <= stage_day <= end:
            return False
    if q:
        text = " ".join(
            str(data.get(name) or "")
            for name in ("slug", "title", "name", "summary", "body", "description")
        ).lower()
        if not all(word in text for word in q.lower().split()):
            return False
    return True


def search_items(
    actor: User,
    kind: str,
    *,
    area_id: str | None = None,
    status: str | None = None,
    topic: str | None = None,
    audience: str | None = None,
    stage_day: int | None = None,
    q: str | None = None,
) -> list[Row]:
    """The actor's items of one kind, newest change first, filtered on their latest
    revision."""
    rows = []
    for item in items_in(chosen_areas(actor, area_id), kind):
        revision = latest(item)
        row = Row(item, revision.data, revision)
        if _matches(
            row, status=status, topic=topic, audience=audience, stage_day=stage_day, q=q
        ):
            rows.append(row)
    return rows
