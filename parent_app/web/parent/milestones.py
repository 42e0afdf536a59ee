"""A baby's milestones: the checks, vaccinations and claims a family can tick as
booked (with the day, if they know it), done or not for us."""

from __future__ import annotations

from flask import g, redirect, render_template, url_for

from parent_app.domain.milestones import MilestoneStatus
from parent_app.errors import AppError, NotFound
from parent_app.extensions import db
from parent_app.families.babies import get_baby_for
from parent_app.milestones import marks
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors, today_for
from parent_app.web.parent.forms import MilestoneForm
from parent_app.web.session import sign_in_required

STATUS_WORDS = {
    "booked": "Booked",
    "done": "Done",
    "not_for_us": "Not for us",
}


def _mine(user, views):  # type: ignore[no-untyped-def]
    """The household's milestones and this adult's own per-adult ones."""
    return [v for v in views if v.for_user_id in (None, user.id)]


@bp.route("/babies/<int:baby_id>/milestones", endpoint="milestones")
@sign_in_required("parent")
def milestone_list(baby_id: int):  # type: ignore[no-untyped-def]
    user = g.current_user
    baby = get_baby_for(user, baby_id)
    views = _mine(user, marks.list_milestones(user, baby_id))
    return render_template(
        "parent/milestones.html",
        title="Checks, vaccinations and claims",
        baby=baby,
        milestones=views,
        status_words=STATUS_WORDS,
    )


@bp.route(
    "/babies/<int:baby_id>/milestones/<key>",
    methods=["GET", "POST"],
    endpoint="milestone",
)
@sign_in_required("parent")
def milestone(baby_id: int, key: str):  # type: ignore[no-untyped-def]
    user = g.current_user
    views = _mine(user, marks.list_milestones(user, baby_id))
    view = next((v for v in views if v.key == key), None)
    if view is None:
        raise NotFound("No such milestone.")
    form = MilestoneForm(data={"status": view.status, "booked_for": view.booked_for})
    if form.validate_on_submit():
        status = MilestoneStatus(form.status.data)
        try:
            marks.mark_milestone(
                user,
                baby_id,
                key,
                status,
                booked_for=form.booked_for.data
                if status is MilestoneStatus.BOOKED
                else None,
                today=today_for(user),
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            return redirect(url_for("parent.milestones", baby_id=baby_id))
    return render_template(
        "parent/milestone.html",
        title=view.title,
        form=form,
        milestone=view,
        baby_id=baby_id,
    )


@bp.route(
    "/babies/<int:baby_id>/milestones/<key>/clear",
    methods=["POST"],
    endpoint="milestone_clear",
)
@sign_in_required("parent")
def milestone_clear(baby_id: int, key: str):  # type: ignore[no-untyped-def]
    marks.clear_milestone(g.current_user, baby_id, key)
    db.session.commit()
    return redirect(url_for("parent.milestones", baby_id=baby_id))
