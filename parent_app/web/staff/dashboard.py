"""The staff home page: my drafts, what waits for my review, changes asked of me,
published this month, due for review; and the area switcher."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import g, redirect, render_template, request, session, url_for

from parent_app.content.dashboard import build_dashboard, chosen_areas
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.content_pages import chosen_area
from parent_app.web.staff.kinds import BY_KIND, STATUS_COLOURS, STATUS_LABELS


@bp.route("/", endpoint="home")
@sign_in_required("staff")
def home():  # type: ignore[no-untyped-def]
    today = datetime.now(UTC).date()
    board = build_dashboard(g.current_user, area_id=chosen_area(), today=today)
    return render_template(
        "staff/dashboard.html",
        title="Home",
        board=board,
        areas=sorted(g.current_user.staff_area_ids),
        area=chosen_area(),
        by_kind=BY_KIND,
        statuses=STATUS_LABELS,
        status_colours=STATUS_COLOURS,
        today=today,
    )


@bp.route("/area", methods=["POST"], endpoint="choose_area")
@sign_in_required("staff")
def choose_area():  # type: ignore[no-untyped-def]
    area = request.form.get("area") or None
    chosen_areas(g.current_user, area)  # 404 for an area that is not theirs
    session["staff_area"] = area
    return redirect(url_for("staff.home"))
