"""Writing nudge rules: the new and edit pages, with a push preview on a phone and a
timeline preview for a made-up family that includes the rule as written (unsaved)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import g, render_template, request

from parent_app.content import lifecycle
from parent_app.errors import AppError
from parent_app.nudges.rules import validate_rule
from parent_app.nudges.timeline import made_up_family, preview_timeline
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.form_helpers import show_error
from parent_app.web.staff.kinds import KINDS
from parent_app.web.staff.nudge_form import (
    FIELD_OF,
    NudgeForm,
    family_of,
    follow_up_answers,
    nudge_form_for,
    rule_data,
)
from parent_app.web.staff.previews import nudge_preview
from parent_app.web.staff.writing import (
    edit_form,
    latest_revision,
    save_draft,
    staff_areas,
)

PAGES = KINDS["nudges"]


def _timeline(form: NudgeForm, item: Any) -> Any:
    """The made-up family's whole timeline with this rule as written, or None after
    showing what is wrong on the form."""
    family = family_of(form)
    data = rule_data(form)
    if family is None or data is None:
        return None
    if item is not None:
        data["slug"] = item.slug
    try:
        draft = validate_rule(data)
        return preview_timeline(
            g.current_user,
            made_up_family(**family),
            role=form.family_role.data or "birthing_parent",
            area=draft["area"],
            include_drafts=True,
            draft=draft,
        )
    except AppError as refused:
        show_error(form, refused, FIELD_OF)
        return None


def _page(form: NudgeForm, *, title: str, item: Any = None) -> Any:
    action = request.form.get("action") if request.method == "POST" else None
    timeline = None
    if action == "timeline":
        form.validate()
        timeline = _timeline(form, item)
    preview = None
    if action in ("preview", "timeline") or item is not None:
        preview = nudge_preview(
            {"title": form.title.data, "body": form.body.data} | follow_up_answers(form)
        )
    slug = item.slug if item is not None else (form.slug.data or "").strip()
    return render_template(
        "staff/nudge_form.html",
        title=title,
        form=form,
        item=item,
        preview=preview,
        timeline=timeline,
        follow_up_from=_follow_up_from(timeline, slug, preview),
        slug=slug,
        pages=PAGES,
    )


def _follow_up_from(timeline: Any, slug: str, preview: Any) -> date | None:
    """The earliest day the follow-up could go for the made-up family: its days after
    this nudge's date (the first reminder reaches the parent that day at the
    earliest)."""
    if not timeline or preview is None or preview["follow_up"] is None:
        return None
    mine = [entry.date for entry in timeline if entry.slug == slug]
    if not mine:
        return None
    return min(mine) + timedelta(days=preview["follow_up"]["days"])


def _save(form: NudgeForm, item: Any, *, title: str) -> Any:
    """Create or edit from the posted form; the page again with errors if refused."""
    if not form.validate():
        return _page(form, title=title, item=item)
    latest = latest_revision(item) if item is not None else None
    data = rule_data(
        form,
        original_ttl_seconds=latest.data["ttl_seconds"] if latest is not None else None,
    )
    return save_draft(
        form,
        item,
        data,
        pages=PAGES,
        field_of=FIELD_OF,
        page=lambda: _page(form, title=title, item=item),
    )


@bp.route("/nudges/new", methods=["GET", "POST"], endpoint="nudges_new")
@sign_in_required("staff")
def new_nudge():  # type: ignore[no-untyped-def]
    form = NudgeForm(areas=staff_areas())
    title = "Write a new nudge"
    if request.method == "GET" or request.form.get("action") != "save":
        return _page(form, title=title)
    return _save(form, None, title=title)


@bp.route("/nudges/<int:item_id>/edit", methods=["GET", "POST"], endpoint="nudges_edit")
@sign_in_required("staff")
def edit_nudge(item_id: int):  # type: ignore[no-untyped-def]
    item = lifecycle.get_item_for_staff(g.current_user, "nudge_rule", item_id)
    title = f"Edit {latest_revision(item).data['title']}"
    form = edit_form(item, NudgeForm, nudge_form_for)
    if request.method == "GET" or request.form.get("action") != "save":
        return _page(form, title=title, item=item)
    return _save(form, item, title=title)
