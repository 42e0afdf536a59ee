"""Pages every content kind shares: the filtered list, an item with its review (diff,
approve, request changes), history and audit trail, submit and archive."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextArea
from werkzeug.routing import BuildError
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from parent_app.content import lifecycle
from parent_app.content.dashboard import search_items
from parent_app.content.history import item_history
from parent_app.content.revision_diff import diff_revisions, display_fields
from parent_app.content.vocab import ARTICLE_TOPICS, AUDIENCES, COURSE_TOPICS
from parent_app.courses.kind import COURSE_AUDIENCES
from parent_app.domain.stage_input import (
    UNIT_LABELS,
    InvalidStage,
    StagePoint,
    start_day,
)
from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.web.session import sign_in_required
from parent_app.web.staff.area_names import area_names
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.form_helpers import AUDIENCE_LABELS, add_errors
from parent_app.web.staff.kinds import (
    COLLECTIONS,
    REVISION_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
    pages_of,
)
from parent_app.web.staff.previews import preview_of

ACTIONS = {
    "submit": (lifecycle.submit_item, "Sent for review."),
    "approve": (lifecycle.approve_item, "Approved and published."),
    "archive": (lifecycle.archive_item, "Archived: parents no longer see it."),
}


class RequestChangesForm(FlaskForm):
    comment = TextAreaField(
        "What needs to change",
        description="The author sees this on their dashboard.",
        widget=GovTextArea(),
        validators=[
            DataRequired(message="Enter what needs to change"),
            Length(max=2000, message="Write 2000 characters or fewer"),
        ],
    )


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The address of a kind's own page (new, edit), if that kind has one."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def chosen_area() -> str | None:
    """The area picked with the area switcher (None: all of the user's areas)."""
    area = session.get("staff_area")
    return area if area in g.current_user.staff_area_ids else None


@bp.route(f"/<{COLLECTIONS}:collection>/", endpoint="content_list")
@sign_in_required("staff")
def content_list(collection: str):  # type: ignore[no-untyped-def]
    pages = pages_of(collection)
    args = request.args
    errors: dict[str, str] = {}
    stage_day = None
    if args.get("stage_number", "").strip():
        try:
            stage_day = start_day(
                StagePoint(
                    args.get("stage_unit", "pregnancy_week"),
                    int(args["stage_number"]),
                )
            )
        except (ValueError, InvalidStage):
            errors["stage_number"] = "Enter a whole number for the stage"
    rows = search_items(
        g.current_user,
        pages.kind,
        area_id=chosen_area(),
        status=args.get("status") or None,
        topic=args.get("topic") or None,
        audience=args.get("audience") or None,
        stage_day=stage_day,
        q=args.get("q", "").strip()[:200] or None,
    )
    return render_template(
        "staff/content_list.html",
        title=pages.many,
        pages=pages,
        rows=rows,
        args=args,
        errors=errors,
        statuses=STATUS_LABELS,
        status_colours=STATUS_COLOURS,
        topics=COURSE_TOPICS if pages.kind == "course" else ARTICLE_TOPICS,
        audiences={
            a: AUDIENCE_LABELS[a]
            for a in (COURSE_AUDIENCES if pages.kind == "course" else AUDIENCES)
        },
        units=UNIT_LABELS,
        new_url=optional_url(f"staff.{collection}_new"),
    )


def render_item(
    collection: str,
    item_id: int,
    *,
    reject_form: RequestChangesForm | None = None,
    error: str | None = None,
    status: int = 200,
) -> Any:
    """An item's page: what it says now, the review of its pending revision against the
    live one, and the actions this user may take."""
    pages = pages_of(collection)
    user = g.current_user
    history = item_history(user, pages.kind, item_id)
    item = history.item
    pending, live = item.pending_revision, item.live_revision
    shown = pending or live or history.revisions[0]
    rejected = [
        r for r in history.revisions if r.state == "rejected" and r.review_comment
    ]
    return (
        render_template(
            "staff/content_item.html",
            title=shown.data.get("title") or shown.data.get("name") or item.slug,
            pages=pages,
            item=item,
            shown=shown,
            pending=pending,
            live=live,
            history=history,
            diff=diff_revisions(
                pages.kind,
                live.data if live else None,
                pending.data,
                area_names=area_names(),
            )
            if pending is not None
            else None,
            last_rejection=rejected[0] if rejected else None,
            since_review=_since_review(pages.kind, pending, live, rejected),
            fields=display_fields(pages.kind, shown.data, area_names=area_names()),
            preview=preview_of(pages.kind, shown.data),
            can_review=user.role in ("editor", "admin"),
            is_mine=pending is not None
            and user.id in lifecycle.unreviewed_authors(item),
            reject_form=reject_form or RequestChangesForm(formdata=None),
            page_error=error,
            edit_url=optional_url(f"staff.{collection}_edit", item_id=item.id),
            form=reject_form,
            statuses=STATUS_LABELS,
            status_colours=STATUS_COLOURS,
            revision_labels=REVISION_LABELS,
        ),
        status,
    )


def _since_review(kind: str, pending: Any, live: Any, rejected: list[Any]) -> Any:
    """A revision sent back and resubmitted: what the author changed since (else
    None)."""
    if (
        pending is not None
        and pending.state == "in_review"
        and rejected
        and (live is None or rejected[0].number > live.number)
    ):
        return diff_revisions(
            kind, rejected[0].data, pending.data, area_names=area_names()
        )
    return None


@bp.route(f"/<{COLLECTIONS}:collection>/<int:item_id>", endpoint="content_item")
@sign_in_required("staff")
def content_item(collection: str, item_id: int):  # type: ignore[no-untyped-def]
    return render_item(collection, item_id)


@bp.route(
    f"/<{COLLECTIONS}:collection>/<int:item_id>/history", endpoint="content_history"
)
@sign_in_required("staff")
def content_history(collection: str, item_id: int):  # type: ignore[no-untyped-def]
    pages = pages_of(collection)
    history = item_history(g.current_user, pages.kind, item_id)
    latest = history.revisions[0]
    return render_template(
        "staff/content_history.html",
        title=f"History of {latest.data.get('title', history.item.slug)}",
        pages=pages,
        history=history,
        revision_labels=REVISION_LABELS,
    )


@bp.route(
    f"/<{COLLECTIONS}:collection>/<int:item_id>/<any(submit, approve, archive):action>",
    methods=["POST"],
    endpoint="content_action",
)
@sign_in_required("staff")
def content_action(collection: str, item_id: int, action: str):  # type: ignore[no-untyped-def]
    pages = pages_of(collection)
    run, done = ACTIONS[action]
    user = g.current_user
    item = lifecycle.get_item_for_staff(user, pages.kind, item_id)
    try:
        run(user, item, now=datetime.now(UTC))
    except AppError as refused:
        if refused.status == 404:
            raise
        db.session.rollback()
        return render_item(
            collection, item_id, error=refused.message, status=refused.status
        )
    db.session.commit()
    flash(done, "success")
    return redirect(
        url_for("staff.content_item", collection=collection, item_id=item_id)
    )


@bp.route(
    f"/<{COLLECTIONS}:collection>/<int:item_id>/request-changes",
    methods=["POST"],
    endpoint="content_reject",
)
@sign_in_required("staff")
def content_reject(collection: str, item_id: int):  # type: ignore[no-untyped-def]
    pages = pages_of(collection)
    user = g.current_user
    item = lifecycle.get_item_for_staff(user, pages.kind, item_id)
    form = RequestChangesForm()
    if not form.validate():
        return render_item(collection, item_id, reject_form=form)
    try:
        lifecycle.reject_item(
            user, item, comment=form.comment.data.strip(), now=datetime.now(UTC)
        )
    except AppError as refused:
        if refused.status == 404:
            raise
        db.session.rollback()
        add_errors(form, {"comment": [refused.message]}, {})
        return render_item(collection, item_id, reject_form=form, status=refused.status)
    db.session.commit()
    flash("Changes requested: the author sees your comment.", "success")
    return redirect(
        url_for("staff.content_item", collection=collection, item_id=item_id)
    )
