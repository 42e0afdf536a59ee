"""The account pages both sides share: sign in, sign out, ask for a password reset
link and choose a new password; the parent app and the staff console each supply
their forms and templates (one set of rules, two design systems)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask_wtf import FlaskForm

from parent_app.accounts import password_reset
from parent_app.accounts.links import LinkSettings
from parent_app.errors import NotFound, Unauthorized, ValidationFailed
from parent_app.extensions import db
from parent_app.web.session import Audience, safe_next, sign_in, sign_out


def auth_limit() -> str:
    """Sign-in and link attempts a client may make (flask-limiter reads it per call)."""
    return str(current_app.config["RATELIMIT_AUTH"])


def reset_limit() -> str:
    """Reset links a client may ask for."""
    return str(current_app.config["RATELIMIT_RESET_REQUESTS"])


def sign_in_page(audience: Audience, form: FlaskForm) -> Any:
    """Check the form and sign in, then go to `next` (a path on this site) or the
    side's home; a refusal shows on the email field."""
    if form.validate_on_submit():
        try:
            sign_in(
                form.email.data or "",
                form.password.data or "",
                audience=audience,
                now=datetime.now(UTC),
            )
        except Unauthorized as error:
            db.session.commit()  # keeps the revocation of the other side's token
            form.email.errors = [*form.email.errors, error.message]
        else:
            db.session.commit()
            home = url_for(f"{audience}.home")
            return redirect(safe_next(request.args.get("next"), home))
    return render_template(f"{audience}/sign_in.html", form=form, title="Sign in")


def sign_out_page(audience: Audience) -> Any:
    sign_out(now=datetime.now(UTC))
    db.session.commit()
    return redirect(url_for(f"{audience}.sign_in"))


def forgot_password_page(audience: Audience, form: FlaskForm) -> Any:
    """Ask for a reset link; the answer is the same whether the address has an
    account or not."""
    if form.validate_on_submit():
        password_reset.request_password_reset(
            form.email.data or "",
            now=datetime.now(UTC),
            settings=LinkSettings.from_config(current_app.config),
        )
        db.session.commit()
        return render_template(
            f"{audience}/reset_sent.html",
            title="Check your email",
            email=form.email.data,
        )
    return render_template(
        f"{audience}/forgot_password.html", form=form, title="Reset your password"
    )


def reset_password_page(audience: Audience, form: FlaskForm) -> Any:
    """Choose a new password with a reset link (a page for a used or expired link);
    every sign-in of the account ends."""
    now = datetime.now(UTC)
    try:
        password_reset.check_reset_link(form.token.data or "", now=now)
    except NotFound as error:
        return link_problem(audience, error.message)
    if form.validate_on_submit():
        try:
            password_reset.confirm_password_reset(
                form.token.data or "", password=form.password.data or "", now=now
            )
        except ValidationFailed as error:
            form.password.errors = [
                *form.password.errors,
                *error.fields.get("password", [error.message]),
            ]
        else:
            db.session.commit()
            return render_template(
                f"{audience}/password_reset_done.html",
                title="Your password is changed",
            )
    return render_template(
        f"{audience}/reset_password.html", form=form, title="Choose a new password"
    )


def link_problem(audience: Audience, message: str) -> Any:
    return (
        render_template(
            f"{audience}/link_problem.html",
            title="This link does not work",
            message=message,
        ),
        404,
    )
