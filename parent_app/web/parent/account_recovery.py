"""Account recovery pages: confirm an email address, ask for and use a password reset
link (the links in the account mails open these pages; same services as the API)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import (
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from parent_app.accounts import verification
from parent_app.accounts.links import LinkSettings
from parent_app.errors import NotFound
from parent_app.extensions import db, limiter
from parent_app.web.auth_views import (
    auth_limit,
    forgot_password_page,
    link_problem,
    reset_limit,
    reset_password_page,
)
from parent_app.web.parent.blueprint import bp
from parent_app.web.session import safe_next, sign_in_required


class ConfirmEmailForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=200)])


class ForgottenPasswordForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            DataRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )


class NewPasswordForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        description="At least 10 characters. Three random words work well.",
        validators=[
            DataRequired(message="Enter a new password"),
            Length(min=10, max=256, message="Use 10 to 256 characters"),
        ],
    )
    confirm = PasswordField(
        "Type the new password again",
        validators=[
            DataRequired(message="Type the new password again"),
            EqualTo("password", message="The two passwords are not the same"),
        ],
    )


@bp.route("/verify-email", methods=["GET", "POST"], endpoint="verify_email")
@limiter.limit(auth_limit, methods=["POST"])
def verify_email_page():  # type: ignore[no-untyped-def]
    """A button, not a GET that confirms: mail scanners open links on their own."""
    form = ConfirmEmailForm(token=request.args.get("token", ""))
    if form.validate_on_submit():
        try:
            verification.verify_email(form.token.data or "", now=datetime.now(UTC))
        except NotFound as error:
            return link_problem("parent", error.message)
        db.session.commit()
        return render_template("parent/email_verified.html", title="Email confirmed")
    if not form.token.data:
        return link_problem(
            "parent", "This link is not complete. Open it from your email."
        )
    return render_template(
        "parent/verify_email.html", form=form, title="Confirm your email address"
    )


@bp.route("/forgot-password", methods=["GET", "POST"], endpoint="forgot_password")
@limiter.limit(reset_limit, methods=["POST"])
def forgot_password_view():  # type: ignore[no-untyped-def]
    return forgot_password_page("parent", ForgottenPasswordForm())


@bp.route("/reset-password", methods=["GET", "POST"], endpoint="reset_password")
@limiter.limit(auth_limit, methods=["POST"])
def reset_password_view():  # type: ignore[no-untyped-def]
    return reset_password_page(
        "parent", NewPasswordForm(token=request.args.get("token", ""))
    )


@bp.route(
    "/account/email-verification", methods=["POST"], endpoint="resend_verification"
)
@limiter.limit(reset_limit)
@sign_in_required("parent")
def resend_verification():  # type: ignore[no-untyped-def]
    """The banner's "Send the link again" (the service behind POST
    /me/email-verification)."""
    user = g.current_user
    try:
        verification.send_verification(
            user,
            now=datetime.now(UTC),
            settings=LinkSettings.from_config(current_app.config),
        )
    except verification.AlreadyVerified as error:
        flash(error.message, "email-link")
    else:
        db.session.commit()
        flash(f"We have sent a new link to {user.email}.", "email-link")
    return redirect(safe_next(request.args.get("next"), url_for("parent.account")))
