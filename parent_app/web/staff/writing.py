"""What the new and edit pages of every content kind share: the writer's areas, the
edit form filled from the latest revision, and saving a draft."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import flash, g, redirect, request, url_for
from flask_wtf import FlaskForm

from parent_app.content import lifecycle
from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.models.content import ContentItem, ContentRevision
from parent_app.web.staff.form_helpers import show_error
from parent_app.web.staff.kinds import KindPages

FormT = TypeVar("FormT", bound=FlaskForm)


def staff_areas() -> list[str]:
    """The areas the signed-in writer may write for, for the form's area choices."""
    return sorted(g.current_user.staff_area_ids)


def latest_revision(item: ContentItem) -> ContentRevision:
    """What an edit starts from: the pending draft, else the live revision."""
    return item.pending_revision or item.live_revision or item.revisions[-1]


def edit_form(
    item: ContentItem,
    form_class: Callable[..., FormT],
    form_for: Callable[[dict[str, Any], list[str]], FormT],
) -> FormT:
    """The edit page's form: filled from the latest revision, or from what was posted.
    It has no slug field: the slug is the item's address and never changes."""
    if request.method == "GET":
        form = form_for(latest_revision(item).data, staff_areas())
    else:
        form = form_class(areas=staff_areas())
    del form.slug
    return form


def save_draft(
    form: FlaskForm,
    item: ContentItem | None,
    data: dict[str, Any] | None,
    *,
    pages: KindPages,
    field_of: dict[str, str],
    page: Callable[[], Any],
) -> Any:
    """Save `data` as a new item (no `item`) or a new draft revision of `item`, and go
    to the item's page. Without data (the form found errors) or when the service
    refuses, `page()` shows the form again with the errors on their fields."""
    if data is None:
        return page()
    user, now = g.current_user, datetime.now(UTC)
    before = item.pending_revision_id if item is not None else None
    try:
        if item is None:
            item = lifecycle.create_item(user, pages.kind, data, now=now)
        else:
            lifecycle.edit_item(user, item, data, now=now)
    except AppError as refused:
        db.session.rollback()
        if refused.status == 404:
            raise
        show_error(form, refused, field_of)
        return page()
    db.session.commit()
    changed = before is None or item.pending_revision_id != before
    flash(
        "Draft saved. Submit it for review when it is ready."
        if changed
        else "Nothing changed, so no new revision was made.",
        "success",
    )
    return redirect(
        url_for("staff.content_item", collection=pages.collection, item_id=item.id)
    )
