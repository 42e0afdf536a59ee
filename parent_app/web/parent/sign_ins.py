"""Your sign-ins: where this account is signed in (phones, browsers, apps); sign out
one, or everywhere but here (the services behind GET/DELETE /me/sessions)."""

from __future__ import annotations

from flask import g, redirect, render_template, url_for

from parent_app.accounts import sessions
from parent_app.accounts.mails import local_when
from parent_app.accounts.tokens import write_last_uses
from parent_app.extensions import db
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc
from parent_app.web.session import sign_in_required


@bp.route("/account/sign-ins", endpoint="sign_ins")
@sign_in_required("parent")
def sign_ins():  # type: ignore[no-untyped-def]
    user = g.current_user
    now = now_utc()
    # This worker's unwritten last uses first, so the list is up to date.
    if write_last_uses(now=now):
        db.session.commit()
    rows = db.session.scalars(sessions.list_sessions(user, now=now))
    items = [
        {
            "id": token.id,
            "device": token.device_hint or "A device we do not recognise",
            "created": local_when(user, token.created_at),
            "last_used": local_when(user, token.last_used_at)
            if token.last_used_at
            else None,
            "current": token.id == g.current_token_id,
        }
        for token in rows
    ]
    items.sort(key=lambda item: not item["current"])  # this device first
    return render_template(
        "parent/sign_ins.html",
        title="Your sign-ins",
        items=items,
        nav="parent.account",
    )


@bp.route(
    "/account/sign-ins/<int:session_id>/sign-out",
    methods=["POST"],
    endpoint="sign_out_one",
)
@sign_in_required("parent")
def sign_out_one(session_id: int):  # type: ignore[no-untyped-def]
    """Another family's or an ended sign-in is a 404 (the service's NotFound)."""
    sessions.revoke_session(g.current_user, session_id, now=now_utc())
    db.session.commit()
    return redirect(url_for("parent.sign_ins"))


@bp.route(
    "/account/sign-ins/sign-out-others", methods=["POST"], endpoint="sign_out_others"
)
@sign_in_required("parent")
def sign_out_others():  # type: ignore[no-untyped-def]
    sessions.revoke_other_sessions(
        g.current_user, keep_id=g.current_token_id, now=now_utc()
    )
    db.session.commit()
    return redirect(url_for("parent.sign_ins"))
