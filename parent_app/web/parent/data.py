"""Your account: your babies, your data (download it, delete the account) and
signing out."""

from __future__ import annotations

import json

from flask import Response, g, redirect, render_template, session, url_for

from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.families.babies import list_babies
from parent_app.privacy.export_erase import erase_user, export_user_data
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors
from parent_app.web.parent.forms import EraseForm
from parent_app.web.session import sign_in_required


@bp.route("/account", endpoint="account")
@sign_in_required("parent")
def account():  # type: ignore[no-untyped-def]
    return render_template(
        "parent/account.html",
        title="Your account",
        user=g.current_user,
        babies=list(db.session.scalars(list_babies(g.current_user))),
    )


@bp.route("/account/my-data.json", endpoint="export")
@sign_in_required("parent")
def export():  # type: ignore[no-untyped-def]
    now = now_utc()
    body = json.dumps(export_user_data(g.current_user, now=now), indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="first-1001-days-my-data-'
            f'{now:%Y-%m-%d}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/account/delete", methods=["GET", "POST"], endpoint="delete_account")
@sign_in_required("parent")
def delete_account():  # type: ignore[no-untyped-def]
    form = EraseForm()
    if form.validate_on_submit():
        try:
            erase_user(g.current_user, password=form.password.data or "")
        except AppError as error:
            db.session.rollback()
            show_errors(form, error, {"": "password"})
        else:
            db.session.commit()
            session.clear()
            return redirect(url_for("parent.account_deleted"))
    return render_template(
        "parent/delete_account.html",
        form=form,
        title="Delete your account",
        nav="parent.account",
    )


@bp.route("/account/deleted", endpoint="account_deleted")
def account_deleted():  # type: ignore[no-untyped-def]
    return render_template("parent/account_deleted.html", title="Account deleted")
