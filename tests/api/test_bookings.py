"""Parents book sessions: places, the waiting list, promotion, reminders, ownership."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.course_helpers import (
    add_session,
    book,
    booked,
    course_data,
    nudges,
    publish_course,
    session_row,
)
from tests.factories import PASSWORD, assert_error, make_parent, make_staff


def _join(client, inviter, role="partner"):
    partner = make_parent(client, role=role)
    code = client.post("/api/v1/family/invites", headers=inviter["headers"]).get_json()[
        "code"
    ]
    assert (
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
        ).status_code
        == 200
    )
    return partner


@pytest.fixture
def session_id(app):
    return add_session(app, publish_course(app), capacity=3)


def test_booking_a_place_queues_a_reminder_24_hours_before(client, app, session_id):
    parent = make_parent(client)
    booking = booked(client, parent, session_id)
    assert (booking["status"], booking["position"], booking["attendees"]) == (
        "booked",
        None,
        1,
    )
    assert booking["session"]["id"] == session_id
    starts_at = session_row(app, session_id)["starts_at"]
    reminder = nudges(app, parent["user"]["id"])[f"booking:{booking['id']}:reminder"]
    assert reminder["status"] == "pending"
    assert reminder["send_after_epoch"] == int(
        (starts_at - timedelta(hours=24)).timestamp()
    )
    listed = client.get("/api/v1/me/bookings", headers=parent["headers"]).get_json()[
        "items"
    ]
    assert [b["id"] for b in listed] == [booking["id"]]


def _course_of(app, session_id):
    from parent_app.extensions import db
    from parent_app.models.courses import CourseSession

    with app.app_context():
        return db.session.get(CourseSession, session_id).course_id


def test_a_couple_takes_two_places_and_the_next_parent_waits(client, app, session_id):
    booked(client, make_parent(client), session_id, attendees=2)
    booked(client, make_parent(client), session_id, attendees=1)
    waiting = booked(client, make_parent(client), session_id)
    assert (waiting["status"], waiting["position"]) == ("waitlisted", 1)
    assert session_row(app, session_id)["booked_places"] == 3
    detail = client.get(f"/api/v1/courses/{_course_of(app, session_id)}").get_json()
    assert detail["sessions"][0]["free_places"] == 0
    assert detail["sessions"][0]["is_full"] is True
    assert detail["sessions"][0]["waiting_list"] == 1


def test_a_waiting_couple_does_not_take_a_place_that_does_not_fit(
    client, app, session_id
):
    first = make_parent(client)
    first_booking = booked(client, first, session_id, attendees=1)
    booked(client, make_parent(client), session_id, attendees=2)
    couple = make_parent(client)
    couple_booking = booked(client, couple, session_id, attendees=2)
    assert couple_booking["status"] == "waitlisted"
    # One free place is not enough for the couple, but is for a single parent who asks
    # next.
    client.delete(f"/api/v1/bookings/{first_booking['id']}", headers=first["headers"])
    assert (
        booked(client, make_parent(client), session_id, attendees=1)["status"]
        == "booked"
    )
    still = client.get(
        f"/api/v1/bookings/{couple_booking['id']}", headers=couple["headers"]
    ).get_json()
    assert (still["status"], still["position"]) == ("waitlisted", 1)
    assert session_row(app, session_id)["booked_places"] == 3


def test_cancelling_promotes_the_first_waiting_parent_with_a_nudge(client, app):
    session_id = add_session(app, publish_course(app), capacity=1)
    holder, first, second = (
        make_parent(client),
        make_parent(client),
        make_parent(client),
    )
    held = booked(client, holder, session_id)
    waiting_1 = booked(client, first, session_id)
    waiting_2 = booked(client, second, session_id)
    assert [waiting_1["position"], waiting_2["position"]] == [1, 2]

    response = client.delete(
        f"/api/v1/bookings/{held['id']}", headers=holder["headers"]
    )
    assert response.status_code == 204

    promoted = client.get(
        f"/api/v1/bookings/{waiting_1['id']}", headers=first["headers"]
    ).get_json()
    assert (promoted["status"], promoted["position"]) == ("booked", None)
    assert promoted["promoted_at"] is not None
    still = client.get(
        f"/api/v1/bookings/{waiting_2['id']}", headers=second["headers"]
    ).get_json()
    assert (still["status"], still["position"]) == ("waitlisted", 1)
    first_nudges = nudges(app, first["user"]["id"])
    assert first_nudges[f"booking:{waiting_1['id']}:promoted"]["status"] == "pending"
    assert first_nudges[f"booking:{waiting_1['id']}:promoted"]["title"].startswith(
        "You have a place"
    )
    assert first_nudges[f"booking:{waiting_1['id']}:reminder"]["status"] == "pending"
    assert (
        nudges(app, holder["user"]["id"])[f"booking:{held['id']}:reminder"]["status"]
        == "cancelled"
    )
    assert session_row(app, session_id)["booked_places"] == 1


def test_cancellation_and_promotion_are_one_transaction(client, app, monkeypatch):
    session_id = add_session(app, publish_course(app), capacity=1)
    holder, waiting = make_parent(client), make_parent(client)
    held = booked(client, holder, session_id)
    booked(client, waiting, session_id)

    from parent_app.courses import reminders

    def broken(*args, **kwargs):
        raise RuntimeError("push service exploded")

    monkeypatch.setattr(reminders, "notify_promoted", broken)
    assert_error(
        client.delete(f"/api/v1/bookings/{held['id']}", headers=holder["headers"]), 500
    )
    monkeypatch.undo()
    # Nothing of the failed cancellation was kept: the holder still has the place.
    assert (
        client.get(
            f"/api/v1/bookings/{held['id']}", headers=holder["headers"]
        ).get_json()["status"]
        == "booked"
    )
    assert session_row(app, session_id)["booked_places"] == 1


def test_a_freed_place_for_a_couple_goes_to_waiting_singles_in_order(client, app):
    session_id = add_session(app, publish_course(app), capacity=2)
    couple = make_parent(client)
    held = booked(client, couple, session_id, attendees=2)
    singles = [make_parent(client) for _ in range(3)]
    waiting = [booked(client, p, session_id) for p in singles]
    client.delete(f"/api/v1/bookings/{held['id']}", headers=couple["headers"])
    states = [
        client.get(f"/api/v1/bookings/{b['id']}", headers=p["headers"]).get_json()[
            "status"
        ]
        for b, p in zip(waiting, singles, strict=True)
    ]
    assert states == ["booked", "booked", "waitlisted"]


@pytest.mark.parametrize(
    "body",
    [
        {"attendees": 3},
        {"attendees": 0},
        {"attendees": "2"},
        {"attendees": 1.5},
        {"attendees": None},
        {"attendees": [1]},
        {"extra": 1},
    ],
)
def test_bad_attendees_are_422(client, session_id, body):
    parent = make_parent(client)
    response = client.post(
        f"/api/v1/sessions/{session_id}/bookings", json=body, headers=parent["headers"]
    )
    assert_error(response, 422)


def test_a_body_that_is_not_json_is_400(client, session_id):
    parent = make_parent(client)
    response = client.post(
        f"/api/v1/sessions/{session_id}/bookings",
        data="{nope",
        headers={**parent["headers"], "Content-Type": "application/json"},
    )
    assert_error(response, 400)


def test_booking_needs_a_parent_account(client, app, session_id):
    assert_error(book(client, {"headers": {}}, session_id), 401)
    staff = make_staff(app, client)
    assert_error(book(client, staff, session_id), 403)


def test_another_familys_booking_is_404(client, session_id):
    mine, theirs = make_parent(client), make_parent(client)
    booking = booked(client, theirs, session_id)
    for method, path in [
        ("get", f"/api/v1/bookings/{booking['id']}"),
        ("delete", f"/api/v1/bookings/{booking['id']}"),
        ("get", f"/api/v1/bookings/{booking['id']}/calendar.ics"),
    ]:
        assert_error(
            getattr(client, method)(path, headers=mine["headers"]), 404, "not_found"
        )
    assert (
        client.get(
            f"/api/v1/bookings/{booking['id']}", headers=theirs["headers"]
        ).get_json()["status"]
        == "booked"
    )
    assert (
        client.get("/api/v1/me/bookings", headers=mine["headers"]).get_json()["items"]
        == []
    )


def test_one_active_booking_per_household_and_session(client, session_id):
    mum = make_parent(client)
    partner = _join(client, mum)
    first = booked(client, mum, session_id, attendees=2)
    assert_error(book(client, mum, session_id), 409, "already_booked")
    assert_error(book(client, partner, session_id), 409, "already_booked")
    # A couple's booking is the household's: the partner may cancel it.
    assert (
        client.delete(
            f"/api/v1/bookings/{first['id']}", headers=partner["headers"]
        ).status_code
        == 204
    )
    single = booked(client, partner, session_id)
    assert single["status"] == "booked"
    # A booking for one stays its maker's own.
    assert_error(
        client.delete(f"/api/v1/bookings/{single['id']}", headers=mum["headers"]),
        404,
    )
    assert_error(book(client, mum, session_id), 409, "already_booked")


def test_booking_a_past_cancelled_or_unpublished_session_is_409(client, app):
    course_id = publish_course(app)
    parent = make_parent(client)
    past = add_session(app, course_id, starts_in=timedelta(hours=-1))
    cancelled = add_session(app, course_id, status="cancelled")
    assert_error(book(client, parent, past), 409, "session_in_past")
    assert_error(book(client, parent, cancelled), 409, "session_cancelled")
    editor = make_staff(app, client, role="editor")
    assert (
        client.post(
            f"/api/v1/staff/courses/{course_id}/archive", headers=editor["headers"]
        ).status_code
        == 200
    )
    archived = add_session(app, course_id)
    assert_error(book(client, parent, archived), 409, "course_not_published")
    assert_error(book(client, parent, 999_999), 404, "not_found")


def test_a_draft_courses_session_cannot_be_booked(client, app):
    author = make_staff(app, client, role="author")
    item = client.post(
        "/api/v1/staff/courses",
        json=course_data("draft-course"),
        headers=author["headers"],
    ).get_json()
    created = client.post(
        f"/api/v1/staff/courses/{item['id']}/sessions",
        json={
            "date": (datetime.now(UTC) + timedelta(days=10)).date().isoformat(),
            "start_time": "10:00",
            "duration_minutes": 60,
            "capacity": 5,
        },
        headers=author["headers"],
    )
    assert created.status_code == 201, created.get_json()
    assert_error(
        book(client, make_parent(client), created.get_json()[0]["id"]),
        409,
        "course_not_published",
    )


def test_cancelling_after_the_session_started_is_409_and_again_is_harmless(client, app):
    course_id = publish_course(app)
    parent = make_parent(client)
    session_id = add_session(app, course_id)
    booking = booked(client, parent, session_id)
    assert (
        client.delete(
            f"/api/v1/bookings/{booking['id']}", headers=parent["headers"]
        ).status_code
        == 204
    )
    assert (
        client.delete(
            f"/api/v1/bookings/{booking['id']}", headers=parent["headers"]
        ).status_code
        == 204
    )
    soon = add_session(app, course_id, starts_in=timedelta(minutes=5))
    late = booked(client, parent, soon)
    _move_session(app, soon, timedelta(minutes=-10))
    assert_error(
        client.delete(f"/api/v1/bookings/{late['id']}", headers=parent["headers"]),
        409,
        "session_in_past",
    )


def _move_session(app, session_id, by):
    from parent_app.extensions import db
    from parent_app.models.courses import CourseSession

    with app.app_context():
        session = db.session.get(CourseSession, session_id)
        session.starts_at = datetime.now(UTC) + by
        session.ends_at = session.starts_at + timedelta(hours=1)
        db.session.commit()


def test_my_bookings_pages_by_session_time_and_hides_past_ones(client, app):
    course_id = publish_course(app)
    parent = make_parent(client)
    sessions = [
        add_session(app, course_id, starts_in=timedelta(days=d)) for d in (9, 3, 6)
    ]
    ids = {s: booked(client, parent, s)["id"] for s in sessions}
    first = client.get(
        "/api/v1/me/bookings?limit=2", headers=parent["headers"]
    ).get_json()
    second = client.get(
        f"/api/v1/me/bookings?limit=2&cursor={first['next_cursor']}",
        headers=parent["headers"],
    ).get_json()
    assert [b["id"] for b in first["items"] + second["items"]] == [
        ids[sessions[1]],
        ids[sessions[2]],
        ids[sessions[0]],
    ]
    assert second["next_cursor"] is None
    _move_session(app, sessions[1], timedelta(days=-2))
    assert (
        len(
            client.get("/api/v1/me/bookings", headers=parent["headers"]).get_json()[
                "items"
            ]
        )
        == 2
    )
    assert (
        len(
            client.get(
                "/api/v1/me/bookings?include_past=true", headers=parent["headers"]
            ).get_json()["items"]
        )
        == 3
    )


@pytest.mark.parametrize(
    "cursor", ["nope!!", "WyJ4IiwgMV0", "WzEsMl0", "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ"]
)
def test_a_malformed_bookings_cursor_is_400(client, cursor):
    parent = make_parent(client)
    assert_error(
        client.get(f"/api/v1/me/bookings?cursor={cursor}", headers=parent["headers"]),
        400,
        "invalid_cursor",
    )


def test_an_erased_account_frees_its_place_for_the_waiting_list(client, app):
    session_id = add_session(app, publish_course(app), capacity=1)
    leaver, waiting, newcomer = (
        make_parent(client),
        make_parent(client),
        make_parent(client),
    )
    booked(client, leaver, session_id)
    first_in_line = booked(client, waiting, session_id)
    assert (
        client.delete(
            "/api/v1/me", json={"password": PASSWORD}, headers=leaver["headers"]
        ).status_code
        == 204
    )
    assert _bookings_of(app, leaver["user"]["id"]) == 0
    # The place counter still counts the erased booking until the next booking recounts
    # it: the waiting parent gets it first, and the newcomer waits.
    assert booked(client, newcomer, session_id)["status"] == "waitlisted"
    again = client.get(
        f"/api/v1/bookings/{first_in_line['id']}", headers=waiting["headers"]
    ).get_json()
    assert again["status"] == "booked"
    assert session_row(app, session_id)["booked_places"] == 1


def _bookings_of(app, user_id):
    from sqlalchemy import func, select

    from parent_app.extensions import db
    from parent_app.models.courses import Booking

    with app.app_context():
        return db.session.scalar(select(func.count()).where(Booking.user_id == user_id))


def test_my_export_includes_my_bookings(client, session_id):
    parent = make_parent(client)
    booking = booked(client, parent, session_id, attendees=2)
    data = client.get("/api/v1/me/export", headers=parent["headers"]).get_json()
    assert [(b["id"], b["attendees"]) for b in data["bookings"]] == [(booking["id"], 2)]


def test_a_partner_who_joins_after_a_couples_booking_is_reminded_too(
    client, app, session_id
):
    mum = make_parent(client)
    couple = booked(client, mum, session_id, attendees=2)
    single = booked(client, make_parent(client), session_id, attendees=1)
    assert single["status"] == "booked"
    partner = _join(client, mum)
    key = f"booking:{couple['id']}:reminder"
    assert nudges(app, partner["user"]["id"])[key]["status"] == "pending"
    assert nudges(app, mum["user"]["id"])[key]["status"] == "pending"
