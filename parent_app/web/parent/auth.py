"""Parent sign-in and sign-out pages (web.auth_views holds what both sides share)."""

from __future__ import annotations

from parent_app.extensions import limiter
from parent_app.web.auth_views import auth_limit, sign_in_page, sign_out_page
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.forms import SignInForm


@bp.route("/sign-in", methods=["GET", "POST"], endpoint="sign_in")
@limiter.limit(auth_limit, methods=["POST"])
def sign_in_view():  # type: ignore[no-untyped-def]
    return sign_in_page("parent", SignInForm())


@bp.route("/sign-out", methods=["POST"], endpoint="sign_out")
def sign_out_view():  # type: ignore[no-untyped-def]
    return sign_out_page("parent")
