"""The staff console's one blueprint: CSRF on every POST, the GOV.UK asset path, the
service navigation."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, g, request, url_for

from parent_app.web.forms import check_csrf
from parent_app.web.staff.area_names import area_name

LONDON = ZoneInfo("Europe/London")
bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")
bp.before_request(check_csrf)
bp.add_app_template_filter(area_name, "area_name")

# (label, endpoint, values, the first part of the path it covers)
SECTIONS = (
    ("Home", "staff.home", {}, ""),
    ("Articles", "staff.content_list", {"collection": "articles"}, "articles"),
    ("Nudges", "staff.content_list", {"collection": "nudges"}, "nudges"),
    ("Courses", "staff.content_list", {"collection": "courses"}, "courses"),
    ("Locations", "staff.content_list", {"collection": "locations"}, "locations"),
    ("Reach", "staff.reach", {}, "reach"),
    ("Figures", "staff.figures", {}, "figures"),
)


# Pages for someone not signed in: no navigation to pages they cannot open.
SIGNED_OUT_PAGES = {"staff.sign_in", "staff.forgot_password", "staff.reset_password"}


def _navigation() -> list[dict[str, Any]]:
    part = request.path.removeprefix("/staff/").split("/", 1)[0]
    user = g.get("current_user")
    is_editor = user is not None and user.role in ("editor", "admin")
    return [
        {"href": url_for(endpoint, **values), "text": label, "active": part == section}
        for label, endpoint, values, section in SECTIONS
        if section not in ("reach", "figures") or is_editor
    ]


@bp.app_template_filter("london")
def _london(moment: datetime) -> str:
    """An instant as the UK reads it, like "Tue 5 May 2026, 10:00"."""
    return moment.astimezone(LONDON).strftime("%a %-d %b %Y, %H:%M")


@bp.context_processor
def _design_system() -> dict[str, Any]:
    navigation = [] if request.endpoint in SIGNED_OUT_PAGES else _navigation()
    return {
        "assetPath": url_for("static", filename="govuk-frontend/assets"),
        "staff_navigation": navigation,
    }
