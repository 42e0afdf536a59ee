"""Staff sign-in and sign-out pages."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, redirect, render_template, request, url_for

from parent_app.errors import Unauthorized
from parent_app.extensions import db, limiter
from parent_app.web.session import safe_next, sign_in, sign_out
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.forms import SignInForm


def _auth_limit() -> str:
    return str(current_app.config["RATELIMIT_AUTH"])


@bp.route("/sign-in", methods=["GET", "POST"], endpoint="sign_in")
@limiter.limit(_auth_limit, methods=["POST"])
def sign_in_page():  # type: ignore[no-untyped-def]
    form = SignInForm()
    if form.validate_on_submit():
        try:
            sign_in(
                form.email.data or "",
                form.password.data or "",
                audience="staff",
                now=datetime.now(UTC),
            )
        except Unauthorized as error:
            db.session.commit()  # keeps the revocation of a parent's token
            form.email.errors = [*form.email.errors, error.message]
        else:
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("staff.home")))
    return render_template("staff/sign_in.html", form=form, title="Sign in")


@bp.route("/sign-out", methods=["POST"], endpoint="sign_out")
def sign_out_page():  # type: ignore[no-untyped-def]
    sign_out(now=datetime.now(UTC))
    db.session.commit()
    return redirect(url_for("staff.sign_in"))
