"""Staff sign-in and sign-out pages, and "Forgotten your password?" (web.auth_views
holds what both sides share; the reset links admins send open these pages too)."""

from __future__ import annotations

from flask import request

from parent_app.extensions import limiter
from parent_app.web.auth_views import (
    auth_limit,
    forgot_password_page,
    reset_limit,
    reset_password_page,
    sign_in_page,
    sign_out_page,
)
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.forms import (
    ForgottenPasswordForm,
    NewPasswordForm,
    SignInForm,
)


@bp.route("/sign-in", methods=["GET", "POST"], endpoint="sign_in")
@limiter.limit(auth_limit, methods=["POST"])
def sign_in_view():  # type: ignore[no-untyped-def]
    return sign_in_page("staff", SignInForm())


@bp.route("/sign-out", methods=["POST"], endpoint="sign_out")
def sign_out_view():  # type: ignore[no-untyped-def]
    return sign_out_page("staff")


@bp.route("/forgot-password", methods=["GET", "POST"], endpoint="forgot_password")
@limiter.limit(reset_limit, methods=["POST"])
def forgot_password_view():  # type: ignore[no-untyped-def]
    return forgot_password_page("staff", ForgottenPasswordForm())


@bp.route("/reset-password", methods=["GET", "POST"], endpoint="reset_password")
@limiter.limit(auth_limit, methods=["POST"])
def reset_password_view():  # type: ignore[no-untyped-def]
    return reset_password_page(
        "staff", NewPasswordForm(token=request.args.get("token", ""))
    )
