"""Parent sign-in and sign-out pages."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, redirect, render_template, request, url_for

from parent_app.errors import Unauthorized
from parent_app.extensions import db, limiter
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.forms import SignInForm
from parent_app.web.session import safe_next, sign_in, sign_out


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
                audience="parent",
                now=datetime.now(UTC),
            )
        except Unauthorized as error:
            db.session.commit()  # keeps the revocation of a staff member's token
            form.email.errors = [*form.email.errors, error.message]
        else:
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("parent.home")))
    return render_template("parent/sign_in.html", form=form, title="Sign in")


@bp.route("/sign-out", methods=["POST"], endpoint="sign_out")
def sign_out_page():  # type: ignore[no-untyped-def]
    sign_out(now=datetime.now(UTC))
    db.session.commit()
    return redirect(url_for("parent.sign_in"))
