"""Writing articles: the new and edit pages, with a Preview button that posts the form
and shows the rendered article and its reading check (no JavaScript needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for

from parent_app.content import lifecycle
from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.web.session import sign_in_required
from parent_app.web.staff.article_form import (
    FIELD_OF,
    ArticleForm,
    article_data,
    article_form_for,
    new_article_form,
)
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.form_helpers import show_error
from parent_app.web.staff.kinds import KINDS
from parent_app.web.staff.previews import preview_of

PAGES = KINDS["articles"]


def _areas() -> list[str]:
    return sorted(g.current_user.staff_area_ids)


def _page(form: ArticleForm, *, title: str, item: Any = None, status: int = 200) -> Any:
    preview = None
    if request.method == "POST" and request.form.get("action") == "preview":
        preview = preview_of("article", {"body": form.body.data or ""})
    return (
        render_template(
            "staff/article_form.html",
            title=title,
            form=form,
            item=item,
            preview=preview,
            pages=PAGES,
        ),
        status,
    )


@bp.route("/articles/new", methods=["GET", "POST"], endpoint="articles_new")
@sign_in_required("staff")
def new_article():  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    form = new_article_form(_areas(), today=now.date())
    if request.method == "GET" or request.form.get("action") == "preview":
        return _page(form, title="Write a new article")
    if not form.validate():
        return _page(form, title="Write a new article")
    data = article_data(form)
    if data is None:
        return _page(form, title="Write a new article")
    try:
        item = lifecycle.create_item(g.current_user, "article", data, now=now)
    except AppError as refused:
        db.session.rollback()
        show_error(form, refused, FIELD_OF)
        return _page(form, title="Write a new article")
    db.session.commit()
    flash("Draft saved. Submit it for review when it is ready.", "success")
    return redirect(
        url_for("staff.content_item", collection="articles", item_id=item.id)
    )


@bp.route(
    "/articles/<int:item_id>/edit", methods=["GET", "POST"], endpoint="articles_edit"
)
@sign_in_required("staff")
def edit_article(item_id: int):  # type: ignore[no-untyped-def]
    user = g.current_user
    item = lifecycle.get_item_for_staff(user, "article", item_id)
    latest = item.pending_revision or item.live_revision or item.revisions[-1]
    title = f"Edit {latest.data['title']}"
    if request.method == "GET":
        form = article_form_for(latest.data, _areas())
    else:
        form = ArticleForm(areas=_areas())
    del form.slug  # the slug is the item's address and never changes
    if request.method == "GET" or request.form.get("action") == "preview":
        return _page(form, title=title, item=item)
    if not form.validate():
        return _page(form, title=title, item=item)
    data = article_data(form)
    if data is None:
        return _page(form, title=title, item=item)
    before = item.pending_revision_id
    try:
        lifecycle.edit_item(user, item, data, now=datetime.now(UTC))
    except AppError as refused:
        db.session.rollback()
        if refused.status == 404:
            raise
        show_error(form, refused, FIELD_OF)
        return _page(form, title=title, item=item)
    db.session.commit()
    changed = item.pending_revision_id != before
    flash(
        "Draft saved. Submit it for review when it is ready."
        if changed
        else "Nothing changed, so no new revision was made.",
        "success",
    )
    return redirect(
        url_for("staff.content_item", collection="articles", item_id=item.id)
    )
