"""Bookings as iCalendar: they parse back, keep one UID each, and follow the booking."""

from datetime import timedelta

from icalendar import Calendar

from tests.course_helpers import add_session, booked, publish_course, session_row
from tests.factories import assert_error, make_parent


def _events(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.get_data())
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_a_booking_parses_back_as_one_event_at_the_session_time(client, app):
    course_id = publish_course(app, "baby-massage")
    session_id = add_session(app, course_id, minutes=90)
    parent = make_parent(client)
    booking = booked(client, parent, session_id, attendees=2)
    response = client.get(
        f"/api/v1/bookings/{booking['id']}/calendar.ics", headers=parent["headers"]
    )
    assert "attachment" in response.headers["Content-Disposition"]
    [(uid, event)] = _events(response).items()
    starts_at = session_row(app, session_id)["starts_at"]
    assert event.decoded("DTSTART") == starts_at
    assert event.decoded("DTEND") == starts_at + timedelta(minutes=90)
    assert str(event["SUMMARY"]) == "Baby massage"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["LOCATION"]) == "Poole Family Hub, 1 High Street, Poole, BH15 1AA"
    assert "2 adults" in str(event["DESCRIPTION"])
    again = _events(
        client.get(
            f"/api/v1/bookings/{booking['id']}/calendar.ics", headers=parent["headers"]
        )
    )
    assert list(again) == [uid]


def test_my_calendar_follows_cancellations_under_the_same_uid(client, app):
    course_id = publish_course(app)
    parent = make_parent(client)
    kept = booked(
        client, parent, add_session(app, course_id, starts_in=timedelta(days=3))
    )
    dropped = booked(
        client, parent, add_session(app, course_id, starts_in=timedelta(days=5))
    )
    before = _events(client.get("/api/v1/me/bookings.ics", headers=parent["headers"]))
    assert [str(e["STATUS"]) for e in before.values()] == ["CONFIRMED", "CONFIRMED"]
    client.delete(f"/api/v1/bookings/{dropped['id']}", headers=parent["headers"])
    after = _events(client.get("/api/v1/me/bookings.ics", headers=parent["headers"]))
    assert list(after) == list(before)
    statuses = {uid: (str(e["STATUS"]), int(e["SEQUENCE"])) for uid, e in after.items()}
    by_booking = dict(zip((kept["id"], dropped["id"]), statuses.values(), strict=True))
    assert by_booking == {kept["id"]: ("CONFIRMED", 0), dropped["id"]: ("CANCELLED", 1)}


def test_a_waiting_list_place_is_tentative_and_the_online_link_waits_for_a_place(
    client, app
):
    course_id = publish_course(
        app,
        "online-group",
        delivery="online",
        online_url="https://meet.example.org/j/9",
    )
    session_id = add_session(app, course_id, capacity=1)
    holder, waiting = make_parent(client), make_parent(client)
    held = booked(client, holder, session_id)
    queued = booked(client, waiting, session_id)
    [event] = _events(
        client.get(
            f"/api/v1/bookings/{queued['id']}/calendar.ics", headers=waiting["headers"]
        )
    ).values()
    assert (str(event["STATUS"]), "URL" in event) == ("TENTATIVE", False)
    assert str(event["SUMMARY"]).endswith("(waiting list)")
    client.delete(f"/api/v1/bookings/{held['id']}", headers=holder["headers"])
    [event] = _events(
        client.get(
            f"/api/v1/bookings/{queued['id']}/calendar.ics", headers=waiting["headers"]
        )
    ).values()
    assert (str(event["STATUS"]), str(event["URL"]), str(event["LOCATION"])) == (
        "CONFIRMED",
        "https://meet.example.org/j/9",
        "Online",
    )


def test_calendars_need_the_bookings_owner(client, app):
    session_id = add_session(app, publish_course(app))
    owner, other = make_parent(client), make_parent(client)
    booking = booked(client, owner, session_id)
    assert_error(
        client.get(
            f"/api/v1/bookings/{booking['id']}/calendar.ics", headers=other["headers"]
        ),
        404,
    )
    assert_error(client.get("/api/v1/me/bookings.ics"), 401)
    assert (
        _events(client.get("/api/v1/me/bookings.ics", headers=other["headers"])) == {}
    )
