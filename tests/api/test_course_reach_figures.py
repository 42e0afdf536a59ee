"""Reach of courses kept anonymously: each booking's change of state (a place, the
waiting list, promotion, cancelled by the parent, by staff or by a household merge)
moves its course's figures in the same transaction, so they match the bookings held;
erasing a family changes no figure, and no figure holds a personal id."""

from sqlalchemy import inspect, select

from tests.course_helpers import (
    add_session,
    booked,
    course_figures,
    live_course_figures,
    publish_course,
    session_row,
)
from tests.factories import PASSWORD, make_parent, make_staff


def _month(app, session_id):
    from parent_app.courses.timetable import to_local

    return to_local(session_row(app, session_id)["starts_at"]).strftime("%Y-%m")


def _cells(area, month, course_id, **counts):
    return {(area, month, course_id, measure): n for measure, n in counts.items()}


def _cancel(client, parent, booking):
    response = client.delete(
        f"/api/v1/bookings/{booking['id']}", headers=parent["headers"]
    )
    assert response.status_code == 204


def test_booking_waiting_promotion_and_cancelling_move_the_figures(client, app):
    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=3)
    month = _month(app, session_id)
    a, b, c, d = (make_parent(client) for _ in range(4))
    held = booked(client, a, session_id, attendees=2)
    booked(client, b, session_id)
    assert booked(client, c, session_id, attendees=2)["status"] == "waitlisted"
    last = booked(client, d, session_id)
    assert last["status"] == "waitlisted"
    expected = _cells("dorset", month, course_id, booked=2, places=3, waiting=2)
    assert course_figures(app) == live_course_figures(app) == expected

    _cancel(client, a, held)  # two places free: the couple waiting first gets them
    expected = _cells(
        "dorset", month, course_id, booked=2, places=3, waiting=1, cancelled=1
    )
    assert course_figures(app) == live_course_figures(app) == expected

    _cancel(client, d, last)  # leaving the waiting list
    _cancel(client, d, last)  # again is harmless, and not counted twice
    expected = _cells("dorset", month, course_id, booked=2, places=3, cancelled=2)
    assert course_figures(app) == live_course_figures(app) == expected


def test_staff_cancelling_a_session_cancels_its_bookings_in_the_figures(client, app):
    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=1)
    booked(client, make_parent(client), session_id)
    booked(client, make_parent(client), session_id)
    author = make_staff(app, client, role="author", areas=("dorset",))
    response = client.post(
        f"/api/v1/staff/sessions/{session_id}/cancel",
        json={"reason": "The hall is flooded."},
        headers=author["headers"],
    )
    assert response.status_code == 200, response.get_json()
    expected = _cells("dorset", _month(app, session_id), course_id, cancelled=2)
    assert course_figures(app) == live_course_figures(app) == expected


def test_a_household_merge_moves_the_figures(client, app):
    """Mum and her partner each booked the full session for two before joining up;
    joining cancels one booking, and the waiting family gets the places."""
    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=4)
    mum, partner, other = make_parent(client), make_parent(client), make_parent(client)
    booked(client, mum, session_id, attendees=2)
    booked(client, partner, session_id, attendees=2)
    booked(client, other, session_id, attendees=2)
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code == 200, joined.get_json()
    expected = _cells(
        "dorset", _month(app, session_id), course_id, booked=2, places=4, cancelled=1
    )
    assert course_figures(app) == live_course_figures(app) == expected


def test_erasing_a_family_changes_no_course_figure(client, app):
    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=1)
    leaver, waiting = make_parent(client), make_parent(client)
    booked(client, leaver, session_id, attendees=1)
    booked(client, waiting, session_id, attendees=1)
    before = course_figures(app)
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=leaver["headers"]
    )
    assert response.status_code == 204
    assert course_figures(app) == before
    # Read from the bookings, the leaver's place would be gone.
    assert live_course_figures(app) != before
    # The erased place goes to the waiting parent at the next booking: a change of a
    # booking that is still there, counted as one.
    booked(client, make_parent(client), session_id)
    month = _month(app, session_id)
    assert course_figures(app) == _cells(
        "dorset", month, course_id, booked=2, places=2, waiting=1
    )


def test_no_course_figure_holds_a_personal_id(client, app):
    from parent_app.extensions import db
    from parent_app.models import ContentItem

    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=1)
    booked(client, make_parent(client), session_id, attendees=2)
    with app.app_context():
        inspector = inspect(db.engine)
        assert inspector.get_foreign_keys("figures_course_reach") == []
        assert {c["name"] for c in inspector.get_columns("figures_course_reach")} == {
            "area_id",
            "month",
            "course_id",
            "measure",
            "count",
        }
        courses = set(db.session.scalars(select(ContentItem.id)))
    cells = course_figures(app)
    assert cells
    assert {course for _, _, course, _ in cells} <= courses
