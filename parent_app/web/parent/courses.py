"""Courses: browse by stage and topic, book a place for one or two adults (or join
the waiting list), cancel, and add a booking to the calendar."""

from __future__ import annotations

from flask import Response, g, redirect, render_template, request, url_for

from parent_app.content.vocab import COURSE_TOPICS
from parent_app.courses import bookings, listing, locations
from parent_app.courses.calendar import bookings_calendar
from parent_app.courses.timetable import to_local
from parent_app.extensions import db
from parent_app.families.babies import list_babies
from parent_app.models import BabyStatus
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc
from parent_app.web.parent.forms import BookingForm, ButtonForm
from parent_app.web.session import sign_in_required

PAGE_SIZE = 30


@bp.app_template_filter("local_time")
def local_time(moment):  # type: ignore[no-untyped-def]
    """Tuesday 9 March 2027, 10:30am (London time, as the family hub runs it)."""
    local = to_local(moment)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%A} {local.day} {local:%B %Y}, {hour}:{local:%M}{local:%p}".replace(
        "AM", "am"
    ).replace("PM", "pm")


@bp.route("/courses", endpoint="courses")
@sign_in_required("parent")
def course_list():  # type: ignore[no-untyped-def]
    user = g.current_user
    now = now_utc()
    topic = request.args.get("topic")
    if topic not in COURSE_TOPICS:
        topic = None
    babies = [
        b
        for b in db.session.scalars(list_babies(user))
        if b.status is not BabyStatus.LOST
    ]
    for_stage = bool(babies) and request.args.get("all") is None
    found = list(
        db.session.scalars(
            listing.list_courses(
                reader_area=user.household.area_id if user.household else user.area_id,
                now=now,
                topic=topic,
                baby=babies[-1] if for_stage else None,
            ).limit(PAGE_SIZE)
        )
    )
    mine = list(db.session.scalars(bookings.list_bookings(user, now=now)))
    return render_template(
        "parent/courses.html",
        title="Courses",
        courses=found,
        topics=COURSE_TOPICS,
        topic=topic,
        for_stage=for_stage,
        has_baby=bool(babies),
        my_bookings=mine,
        position=bookings.waiting_position,
    )


@bp.route("/courses/<int:course_id>", endpoint="course")
@sign_in_required("parent")
def course_page(course_id: int):  # type: ignore[no-untyped-def]
    detail = listing.course_detail(course_id, reader=g.current_user, now=now_utc())
    return render_template(
        "parent/course.html",
        title=detail.title,
        course=detail,
        venue=locations.find_location(detail.location_slug),
        form=BookingForm(),
        cancel_form=ButtonForm(),
        position=bookings.waiting_position,
        nav="parent.courses",
    )


@bp.route("/sessions/<int:session_id>/book", methods=["POST"], endpoint="book")
@sign_in_required("parent")
def book(session_id: int):  # type: ignore[no-untyped-def]
    form = BookingForm()
    attendees = int(form.attendees.data) if form.validate_on_submit() else 1
    booking = bookings.book_session(
        g.current_user, session_id, attendees=attendees, now=now_utc()
    )
    db.session.commit()
    return redirect(
        url_for(
            "parent.course",
            course_id=booking.session.course_id,
            _anchor=f"session-{session_id}",
        )
    )


@bp.route("/bookings/<int:booking_id>/cancel", methods=["POST"], endpoint="cancel")
@sign_in_required("parent")
def cancel(booking_id: int):  # type: ignore[no-untyped-def]
    booking = bookings.cancel_booking(g.current_user, booking_id, now=now_utc())
    db.session.commit()
    return redirect(url_for("parent.course", course_id=booking.session.course_id))


@bp.route("/bookings/<int:booking_id>/calendar.ics", endpoint="booking_calendar")
@sign_in_required("parent")
def booking_calendar(booking_id: int):  # type: ignore[no-untyped-def]
    booking = bookings.get_booking_for(g.current_user, booking_id)
    return Response(
        bookings_calendar([booking], name="Course booking"),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="booking-{booking.id}.ics"'
        },
    )
