"""The "your partner" card's actions: make a one-time invite code, join with one."""

from __future__ import annotations

from flask import current_app, g, redirect, render_template, session, url_for

from parent_app.errors import AppError
from parent_app.extensions import db, limiter
from parent_app.families import invites
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors
from parent_app.web.parent.forms import JoinForm
from parent_app.web.session import sign_in_required


@bp.route("/family/invite", methods=["POST"], endpoint="invite")
@sign_in_required("parent")
def invite():  # type: ignore[no-untyped-def]
    code, made = invites.create_invite(
        g.current_user,
        now=now_utc(),
        lifetime_days=int(current_app.config["INVITE_LIFETIME_DAYS"]),
    )
    db.session.commit()
    # Shown once, on the next page; the code itself is only ever stored hashed.
    expires = made.expires_at
    session["invite"] = {"code": code, "expires_on": f"{expires.day} {expires:%B}"}
    return redirect(url_for("parent.home", _anchor="partner"))


@bp.route("/family/join", methods=["GET", "POST"], endpoint="join")
@limiter.limit(lambda: str(current_app.config["RATELIMIT_AUTH"]), methods=["POST"])
@sign_in_required("parent")
def join():  # type: ignore[no-untyped-def]
    form = JoinForm()
    if form.validate_on_submit():
        try:
            invites.join_household(g.current_user, form.code.data or "", now=now_utc())
        except AppError as error:
            db.session.rollback()
            show_errors(form, error, {"": "code"})
        else:
            db.session.commit()
            return redirect(url_for("parent.home"))
    return render_template(
        "parent/join.html", form=form, title="Join your partner's family"
    )
