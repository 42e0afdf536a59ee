"""Writing articles: the new and edit pages, with a Preview button that posts the form
and shows the rendered article and its reading check (no JavaScript needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import g, render_template, request

from parent_app.content import lifecycle
from parent_app.web.session import sign_in_required
from parent_app.web.staff.article_form import (
    FIELD_OF,
    ArticleForm,
    article_data,
    article_form_for,
    new_article_form,
)
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.kinds import KINDS
from parent_app.web.staff.previews import preview_of
from parent_app.web.staff.writing import (
    edit_form,
    latest_revision,
    save_draft,
    staff_areas,
)

PAGES = KINDS["articles"]


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


def _write(form: ArticleForm, item: Any, *, title: str) -> Any:
    """The page (with a preview when asked), or the posted article saved as a draft."""
    if request.method == "GET" or request.form.get("action") == "preview":
        return _page(form, title=title, item=item)
    data = article_data(form) if form.validate() else None
    return save_draft(
        form,
        item,
        data,
        pages=PAGES,
        field_of=FIELD_OF,
        page=lambda: _page(form, title=title, item=item),
    )


@bp.route("/articles/new", methods=["GET", "POST"], endpoint="articles_new")
@sign_in_required("staff")
def new_article():  # type: ignore[no-untyped-def]
    form = new_article_form(staff_areas(), today=datetime.now(UTC).date())
    return _write(form, None, title="Write a new article")


@bp.route(
    "/articles/<int:item_id>/edit", methods=["GET", "POST"], endpoint="articles_edit"
)
@sign_in_required("staff")
def edit_article(item_id: int):  # type: ignore[no-untyped-def]
    item = lifecycle.get_item_for_staff(g.current_user, "article", item_id)
    form = edit_form(item, ArticleForm, article_form_for)
    return _write(form, item, title=f"Edit {latest_revision(item).data['title']}")
