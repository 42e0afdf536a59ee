"""Reach figures for editors: per nudge rule and per course, by month, for their
area(s); anonymous counts only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import g, render_template

from parent_app.content.dashboard import chosen_areas
from parent_app.courses.reach import course_reach
from parent_app.errors import Forbidden
from parent_app.nudges.reach import ReachMeasure, rule_reach
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.content_pages import chosen_area

MONTHS_SHOWN = 12
REACH_COLUMNS = (
    (ReachMeasure.PLANNED, "Planned"),
    (ReachMeasure.IN_INBOX, "In inboxes"),
    (ReachMeasure.PUSHED, "Pushed"),
    (ReachMeasure.READ, "Read"),
    (ReachMeasure.ACTED, "Acted on"),
)


def month_name(month: str) -> str:
    """'2026-01' as 'January 2026'."""
    return datetime.strptime(month, "%Y-%m").strftime("%B %Y")


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
        rules=rule_reach(
            areas,
            first_month=since.strftime("%Y-%m"),
            last_month=now.strftime("%Y-%m"),
        ),
        month_name=month_name,
        measures=REACH_COLUMNS,
        courses=course_reach(areas, since=since),
    )
