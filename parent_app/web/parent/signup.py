"""Sign up as a birthing parent or a partner, in one family hub area."""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for

from parent_app.accounts import users
from parent_app.accounts.areas import list_areas
from parent_app.accounts.links import LinkSettings
from parent_app.errors import AppError
from parent_app.extensions import db, limiter
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors
from parent_app.web.parent.forms import ROLE_HINTS, SignUpForm, choices
from parent_app.web.session import start_session


def _auth_limit() -> str:
    return str(current_app.config["RATELIMIT_AUTH"])


@bp.route("/sign-up", methods=["GET", "POST"], endpoint="sign_up")
@limiter.limit(_auth_limit, methods=["POST"])
def sign_up():  # type: ignore[no-untyped-def]
    form = SignUpForm()
    form.area.choices = choices(
        [(a.id, a.name) for a in list_areas() if not a.is_national]
    )
    if form.validate_on_submit():
        now = now_utc()
        try:
            _, token = users.register_parent(
                email=form.email.data or "",
                password=form.password.data or "",
                role=form.role.data or "",
                area_id=form.area.data or "",
                now=now,
                token_days=int(current_app.config["TOKEN_LIFETIME_DAYS"]),
                links=LinkSettings.from_config(current_app.config),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error, {"": "email"})
        else:
            db.session.commit()
            start_session(token, audience="parent", now=now)
            return redirect(url_for("parent.baby_new"))
    return render_template(
        "parent/sign_up.html", form=form, title="Create your account", hints=ROLE_HINTS
    )
