"""The home page: "This week" for a signed-in parent (the feed for the baby's
stage, the next key dates, the partner card), the welcome page otherwise."""

from __future__ import annotations

from flask import g, render_template, request, session

from parent_app.content.feed import build_feed
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.families.babies import get_baby_for, list_babies
from parent_app.models import BabyStatus
from parent_app.nudges.timeline import upcoming_key_dates
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, today_for
from parent_app.web.session import signed_in_user

MAX_ROW_ID = 2**31 - 1


def _chosen_baby(user, babies):  # type: ignore[no-untyped-def]
    """The baby asked for (?baby=ID, checked to be in this family), else the newest
    one still expected or born, else the newest (after a loss: support)."""
    wanted = request.args.get("baby", type=int)
    if wanted is not None:
        if not 0 < wanted <= MAX_ROW_ID:  # past the database's integer: no such baby
            raise NotFound("No such baby in your family.")
        return get_baby_for(user, wanted)
    living = [b for b in babies if b.status is not BabyStatus.LOST]
    return (living or babies or [None])[-1]


@bp.route("/", endpoint="home")
def home():  # type: ignore[no-untyped-def]
    user = signed_in_user("parent", now=now_utc())
    db.session.commit()  # an idle session's revoked token stays revoked
    if user is None:
        return render_template("parent/welcome.html", title="Welcome")
    g.current_user = user
    today = today_for(user)
    babies = list(db.session.scalars(list_babies(user)))
    baby = _chosen_baby(user, babies)
    feed = build_feed(user, baby, today=today)
    key_dates = (
        upcoming_key_dates(user, baby, today=today)
        if baby is not None and baby.status is not BabyStatus.LOST
        else []
    )
    partners = [a for a in user.household.adults if a.id != user.id]
    return render_template(
        "parent/this_week.html",
        title="This week",
        user=user,
        babies=babies,
        baby=baby,
        feed=feed,
        key_dates=key_dates,
        partners=partners,
        invite=session.pop("invite", None),
        today=today,
    )
