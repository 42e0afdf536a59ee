"""The parent app's one blueprint: CSRF on every POST, the NHS.UK asset path."""

from __future__ import annotations

from flask import Blueprint, url_for

from parent_app.web.forms import check_csrf

bp = Blueprint("parent", __name__, url_prefix="", template_folder="templates")
bp.before_request(check_csrf)


@bp.context_processor
def _design_system() -> dict[str, str]:
    return {"assetPath": url_for("static", filename="nhsuk-frontend/assets")}
