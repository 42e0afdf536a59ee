"""Reach figures for editors: per nudge rule and per course, by month, for their
area(s); anonymous counts only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import g, render_template

from parent_app.content.dashboard import chosen_areas
from parent_app.courses.reach import course_reach
from parent_app.domain.daynum import to_day
from parent_app.errors import Forbidden
from parent_app.nudges.reach import rule_reach
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.content_pages import chosen_area

MONTHS_SHOWN = 12


@bp.route("/reach", endpoint="reach")
@sign_in_required("staff")
def reach():  # type: ignore[no-untyped-def]
    user = g.current_user
    if user.role not in ("editor", "admin"):
        raise Forbidden("Reach figures are for editors.", code="editor_required")
    now = datetime.now(UTC)
    since = (now - timedelta(days=MONTHS_SHOWN * 31)).replace(day=1)
    areas = chosen_areas(user, chosen_area())
    return render_template(
        "staff/reach.html",
        title="Reach",
        areas=areas,
        rules=rule_reach(areas, from_day_number=to_day(since.date())),
        courses=course_reach(areas, since=since),
    )
