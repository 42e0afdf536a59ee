"""Courses: write and edit them (the shared review workflow does the rest), plan their
sessions, see each session's bookings and waiting list (references and counts only),
cancel a session (every booked and waiting parent is told)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for

from parent_app.content import lifecycle
from parent_app.courses import sessions
from parent_app.courses.session_plans import check_sessions_spec
from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.web.session import sign_in_required
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.course_form import (
    FIELD_OF,
    SESSION_FIELD_OF,
    CancelSessionForm,
    CourseForm,
    SessionsForm,
    course_data,
    course_form_for,
    new_sessions_form,
    sessions_spec,
)
from parent_app.web.staff.form_helpers import show_error
from parent_app.web.staff.kinds import KINDS
from parent_app.web.staff.previews import preview_of
from parent_app.web.staff.writing import (
    edit_form,
    latest_revision,
    save_draft,
    staff_areas,
)

PAGES = KINDS["courses"]


def _page(form: CourseForm, *, title: str, item: Any = None) -> Any:
    preview = None
    if request.method == "POST" and request.form.get("action") == "preview":
        preview = preview_of("course", {"description": form.description.data or ""})
    return render_template(
        "staff/course_form.html",
        title=title,
        form=form,
        item=item,
        preview=preview,
        pages=PAGES,
    )


def _save(form: CourseForm, item: Any, *, title: str) -> Any:
    data = course_data(form) if form.validate() else None
    return save_draft(
        form,
        item,
        data,
        pages=PAGES,
        field_of=FIELD_OF,
        page=lambda: _page(form, title=title, item=item),
    )


@bp.route("/courses/new", methods=["GET", "POST"], endpoint="courses_new")
@sign_in_required("staff")
def new_course():  # type: ignore[no-untyped-def]
    form = CourseForm(areas=staff_areas())
    if request.method == "GET" or request.form.get("action") != "save":
        return _page(form, title="Add a new course")
    return _save(form, None, title="Add a new course")


@bp.route(
    "/courses/<int:item_id>/edit", methods=["GET", "POST"], endpoint="courses_edit"
)
@sign_in_required("staff")
def edit_course(item_id: int):  # type: ignore[no-untyped-def]
    item = lifecycle.get_item_for_staff(g.current_user, "course", item_id)
    title = f"Edit {latest_revision(item).data['title']}"
    form = edit_form(item, CourseForm, course_form_for)
    if request.method == "GET" or request.form.get("action") != "save":
        return _page(form, title=title, item=item)
    return _save(form, item, title=title)


def _sessions_page(item_id: int, form: SessionsForm, status: int = 200) -> Any:
    item = lifecycle.get_item_for_staff(g.current_user, "course", item_id)
    return (
        render_template(
            "staff/course_sessions.html",
            title=f"Sessions of {latest_revision(item).data['title']}",
            item=item,
            rows=sessions.list_sessions_with_counts(g.current_user, item_id),
            form=form,
            pages=PAGES,
            now=datetime.now(UTC),
        ),
        status,
    )


@bp.route(
    "/courses/<int:item_id>/sessions",
    methods=["GET", "POST"],
    endpoint="course_sessions",
)
@sign_in_required("staff")
def course_sessions(item_id: int):  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    form = new_sessions_form(today=now.date())
    if request.method == "GET" or not form.validate():
        return _sessions_page(item_id, form)
    try:
        spec = check_sessions_spec(sessions_spec(form))
        created = sessions.create_sessions(g.current_user, item_id, spec, now=now)
    except AppError as refused:
        db.session.rollback()
        if refused.status == 404:
            raise
        show_error(form, refused, SESSION_FIELD_OF)
        return _sessions_page(item_id, form)
    db.session.commit()
    flash(
        f"{len(created)} session{'s' if len(created) != 1 else ''} planned.", "success"
    )
    return redirect(url_for("staff.course_sessions", item_id=item_id))


def _session_page(session_id: int, form: CancelSessionForm, status: int = 200) -> Any:
    session, active = sessions.list_attendees(g.current_user, session_id)
    booked = [b for b in active if b.status == "booked"]
    waiting = [b for b in active if b.status == "waitlisted"]
    return (
        render_template(
            "staff/session.html",
            title="Session bookings",
            session=session,
            booked=booked,
            waiting=waiting,
            form=form,
            now=datetime.now(UTC),
        ),
        status,
    )


@bp.route("/sessions/<int:session_id>", endpoint="session_bookings")
@sign_in_required("staff")
def session_bookings(session_id: int):  # type: ignore[no-untyped-def]
    return _session_page(session_id, CancelSessionForm(formdata=None))


@bp.route(
    "/sessions/<int:session_id>/cancel", methods=["POST"], endpoint="session_cancel"
)
@sign_in_required("staff")
def session_cancel(session_id: int):  # type: ignore[no-untyped-def]
    form = CancelSessionForm()
    if not form.validate():
        return _session_page(session_id, form)
    try:
        session = sessions.cancel_session(
            g.current_user,
            session_id,
            reason=(form.reason.data or "").strip() or None,
            now=datetime.now(UTC),
        )
    except AppError as refused:
        db.session.rollback()
        if refused.status == 404:
            raise
        show_error(form, refused, {"_schema": "reason"})
        return _session_page(session_id, form, status=refused.status)
    db.session.commit()
    flash(
        "Session cancelled. Everyone with a place or on the waiting list has been "
        "told.",
        "success",
    )
    return redirect(url_for("staff.session_bookings", session_id=session.id))
