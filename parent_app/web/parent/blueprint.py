"""The parent app's one blueprint: CSRF on every POST, the NHS.UK asset path, the
signed-in parent for the header's menu."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, url_for

from parent_app.web.forms import check_csrf

bp = Blueprint("parent", __name__, url_prefix="", template_folder="templates")
bp.before_request(check_csrf)


@bp.context_processor
def _design_system() -> dict[str, Any]:
    return {
        "assetPath": url_for("static", filename="nhsuk-frontend/assets"),
        "current_user": g.get("current_user"),
    }


@bp.app_template_filter("parent_date")
def parent_date(value: Any) -> str:
    """12 March 2027: dates as the NHS.UK style guide writes them."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


@bp.app_template_filter("plural")
def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
