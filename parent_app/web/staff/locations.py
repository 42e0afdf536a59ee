"""Writing locations (family hubs and venues): the new and edit pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import g, render_template, request

from parent_app.content import lifecycle
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.kinds import KINDS
from parent_app.web.staff.location_form import (
    FIELD_OF,
    LocationForm,
    location_data,
    location_form_for,
    new_location_form,
)
from parent_app.web.staff.writing import (
    edit_form,
    latest_revision,
    save_draft,
    staff_areas,
)

PAGES = KINDS["locations"]


def _page(form: LocationForm, *, title: str, item: Any = None) -> Any:
    return render_template(
        "staff/location_form.html", title=title, form=form, item=item, pages=PAGES
    )


def _write(form: LocationForm, item: Any, *, title: str) -> Any:
    """The page, or the posted location saved as a draft."""
    if request.method == "GET":
        return _page(form, title=title, item=item)
    data = location_data(form) if form.validate() else None
    return save_draft(
        form,
        item,
        data,
        pages=PAGES,
        field_of=FIELD_OF,
        page=lambda: _page(form, title=title, item=item),
    )


@bp.route("/locations/new", methods=["GET", "POST"], endpoint="locations_new")
@sign_in_required("staff")
def new_location():  # type: ignore[no-untyped-def]
    form = new_location_form(staff_areas(), today=datetime.now(UTC).date())
    return _write(form, None, title="Add a family hub or venue")


@bp.route(
    "/locations/<int:item_id>/edit", methods=["GET", "POST"], endpoint="locations_edit"
)
@sign_in_required("staff")
def edit_location(item_id: int):  # type: ignore[no-untyped-def]
    item = lifecycle.get_item_for_staff(g.current_user, "location", item_id)
    form = edit_form(item, LocationForm, location_form_for)
    return _write(form, item, title=f"Edit {latest_revision(item).data['name']}")
