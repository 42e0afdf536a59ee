"""Adding a pregnancy or a baby, recording the birth, recording a loss."""

from __future__ import annotations

from flask import g, redirect, render_template, url_for

from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.families import babies
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors, today_for
from parent_app.web.parent.forms import (
    BabyKindForm,
    BirthForm,
    BornForm,
    LossForm,
    PregnancyForm,
)
from parent_app.web.session import sign_in_required

BIRTH_FIELDS = {"date_of_birth": "date_of_birth", "gestation_weeks": "gestation_weeks"}


@bp.route("/babies/new", methods=["GET", "POST"], endpoint="baby_new")
@sign_in_required("parent")
def baby_new():  # type: ignore[no-untyped-def]
    form = BabyKindForm()
    if form.validate_on_submit():
        if form.kind.data == "pregnancy":
            return redirect(url_for("parent.baby_new_pregnancy"))
        return redirect(url_for("parent.baby_new_born"))
    return render_template(
        "parent/baby_kind.html", form=form, title=form.kind.label.text
    )


@bp.route(
    "/babies/new/pregnancy", methods=["GET", "POST"], endpoint="baby_new_pregnancy"
)
@sign_in_required("parent")
def baby_new_pregnancy():  # type: ignore[no-untyped-def]
    form = PregnancyForm()
    if form.validate_on_submit():
        try:
            babies.add_baby(
                g.current_user,
                {"due_date": form.due_date.data},
                today=today_for(g.current_user),
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            return redirect(url_for("parent.home"))
    return render_template(
        "parent/baby_pregnancy.html", form=form, title=form.due_date.label.text
    )


@bp.route("/babies/new/born", methods=["GET", "POST"], endpoint="baby_new_born")
@sign_in_required("parent")
def baby_new_born():  # type: ignore[no-untyped-def]
    form = BornForm()
    if form.validate_on_submit():
        try:
            babies.add_baby(
                g.current_user,
                {
                    "date_of_birth": form.date_of_birth.data,
                    "gestation_weeks": int(form.gestation_weeks.data or 40),
                },
                today=today_for(g.current_user),
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error, BIRTH_FIELDS)
        else:
            db.session.commit()
            return redirect(url_for("parent.home"))
    return render_template(
        "parent/baby_born.html", form=form, title="Your baby's birth", action=None
    )


@bp.route("/babies/<int:baby_id>/birth", methods=["GET", "POST"], endpoint="birth")
@sign_in_required("parent")
def birth(baby_id: int):  # type: ignore[no-untyped-def]
    baby = babies.get_baby_for(g.current_user, baby_id)
    form = BirthForm()
    if form.validate_on_submit():
        try:
            babies.record_birth(
                g.current_user,
                baby.id,
                born_on=form.date_of_birth.data,
                gestation_weeks=int(form.gestation_weeks.data or 40),
                gestation_days=0,
                today=today_for(g.current_user),
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error, BIRTH_FIELDS)
        else:
            db.session.commit()
            return redirect(url_for("parent.home", baby=baby_id))
    return render_template(
        "parent/baby_born.html", form=form, title="Record the birth", baby=baby
    )


@bp.route("/babies/<int:baby_id>/loss", methods=["GET", "POST"], endpoint="loss")
@sign_in_required("parent")
def loss(baby_id: int):  # type: ignore[no-untyped-def]
    baby = babies.get_baby_for(g.current_user, baby_id)
    form = LossForm()
    if form.validate_on_submit():
        if form.confirm.data != "yes":
            return redirect(url_for("parent.account"))
        today = today_for(g.current_user)
        babies.record_loss(
            g.current_user, baby.id, lost_on=today, today=today, now=now_utc()
        )
        db.session.commit()
        return redirect(url_for("parent.home", baby=baby_id))
    return render_template(
        "parent/loss.html", form=form, title="Tell us your baby has died", baby=baby
    )
