"""The staff console's one blueprint: CSRF on every POST, the GOV.UK asset path."""

from __future__ import annotations

from flask import Blueprint, url_for

from parent_app.web.forms import check_csrf

bp = Blueprint("staff", __name__, url_prefix="/staff", template_folder="templates")
bp.before_request(check_csrf)


@bp.context_processor
def _design_system() -> dict[str, str]:
    return {"assetPath": url_for("static", filename="govuk-frontend/assets")}
