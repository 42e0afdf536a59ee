"""Courses in the parent app: browse by stage and topic, book for one or two adults,
the waiting list, cancelling, and a booking's calendar file."""

from __future__ import annotations

from tests.course_helpers import add_session, publish_course
from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import add_pregnancy, sign_up, weeks_ahead


def test_courses_for_the_stage_and_by_topic(app, client):
    publish_course(app, "antenatal-class", stage_from_day=-200, stage_to_day=-1)
    publish_course(
        app, "baby-massage", stage_from_day=30, stage_to_day=300, topic="wellbeing"
    )
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    stage = text_of(client.get("/courses"))
    assert "Antenatal class" in stage and "Baby massage" not in stage
    everything = text_of(client.get("/courses?all=1"))
    assert "Baby massage" in everything
    wellbeing = text_of(client.get("/courses?all=1&topic=wellbeing"))
    assert "Baby massage" in wellbeing and "Antenatal class" not in wellbeing


def test_book_for_two_then_cancel(app, client):
    course = publish_course(app, "couples-class")
    session = add_session(app, course, capacity=3)
    sign_up(client)
    page = client.get(f"/courses/{course}")
    assert "3 places left" in text_of(page)
    booked = submit(
        client,
        f"/courses/{course}",
        {"attendees": "2"},
        to=f"/sessions/{session}/book",
    )
    assert booked.headers["Location"] == f"/courses/{course}#session-{session}"
    text = text_of(client.get(f"/courses/{course}"))
    assert "You have a place for 2 adults" in text
    assert "Couples class" in text_of(client.get("/courses?all=1"))
    assert "booked for 2 adults" in text_of(client.get("/courses"))
    calendar = client.get("/bookings/1/calendar.ics")
    assert calendar.mimetype == "text/calendar"
    assert b"BEGIN:VEVENT" in calendar.get_data()
    submit(client, f"/courses/{course}", {}, to="/bookings/1/cancel")
    assert "3 places left" in text_of(client.get(f"/courses/{course}"))


def test_a_full_session_offers_the_waiting_list(app, client):
    course = publish_course(app, "popular-class")
    session = add_session(app, course, capacity=1)
    first = app.test_client()
    sign_up(first)
    submit(
        first, f"/courses/{course}", {"attendees": "1"}, to=f"/sessions/{session}/book"
    )
    sign_up(client)
    full = text_of(client.get(f"/courses/{course}"))
    assert "This date is full" in full and "Join the waiting list" in full
    submit(
        client, f"/courses/{course}", {"attendees": "1"}, to=f"/sessions/{session}/book"
    )
    waiting = text_of(client.get(f"/courses/{course}"))
    assert "You are on the waiting list" in waiting
    assert "number 1." in waiting
    submit(client, f"/courses/{course}", {}, to="/bookings/2/cancel")
    assert "Join the waiting list" in text_of(client.get(f"/courses/{course}"))


def test_another_familys_booking_is_a_404(app, client):
    course = publish_course(app, "private-class")
    session = add_session(app, course)
    sign_up(client)
    submit(
        client, f"/courses/{course}", {"attendees": "1"}, to=f"/sessions/{session}/book"
    )
    other = app.test_client()
    sign_up(other)
    assert other.get("/bookings/1/calendar.ics").status_code == 404
    cancel = submit(other, f"/courses/{course}", {}, to="/bookings/1/cancel")
    assert cancel.status_code == 404
    assert "You have a place" in text_of(client.get(f"/courses/{course}"))
