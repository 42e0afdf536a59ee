"""Capacity holds when parents book and cancel at the same moment (PostgreSQL).

PostgreSQL runs the requests really in parallel; SQLite serialises every writer."""

import os
import threading
from collections import Counter
from datetime import UTC, datetime

import pytest

from tests.course_helpers import add_session, booked, publish_course, session_row
from tests.factories import make_parent

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL"),
        reason="needs PostgreSQL (TEST_DATABASE_URL)",
    ),
]


def _in_parallel(app, calls):
    """Run each call in its own thread, app context and database session, all released
    at once; returns their results (or the exceptions they raised) in order."""
    from parent_app.extensions import db

    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                results[index] = call()
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported to the test
                db.session.rollback()
                results[index] = exc
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a booking thread hung"
    return results


def _book(user_id, session_id, attendees=1):
    def call():
        from parent_app.courses.bookings import book_session
        from parent_app.extensions import db
        from parent_app.models import User

        booking = book_session(
            db.session.get(User, user_id),
            session_id,
            attendees=attendees,
            now=datetime.now(UTC),
        )
        return booking.status.value

    return call


def _cancel(user_id, booking_id):
    def call():
        from parent_app.courses.bookings import cancel_booking
        from parent_app.extensions import db
        from parent_app.models import User

        return cancel_booking(
            db.session.get(User, user_id), booking_id, now=datetime.now(UTC)
        ).status.value

    return call


def _statuses(app, session_id):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models.courses import Booking

    with app.app_context():
        rows = db.session.scalars(
            select(Booking).where(Booking.session_id == session_id).order_by(Booking.id)
        )
        return [(b.user_id, b.attendees, b.status.value) for b in rows]


def test_twenty_parents_at_once_get_exactly_five_places(client, app):
    session_id = add_session(app, publish_course(app), capacity=5)
    parents = [make_parent(client)["user"]["id"] for _ in range(20)]
    results = _in_parallel(app, [_book(user_id, session_id) for user_id in parents])
    assert Counter(results) == {"booked": 5, "waitlisted": 15}, results
    assert Counter(s for _, _, s in _statuses(app, session_id)) == {
        "booked": 5,
        "waitlisted": 15,
    }
    assert session_row(app, session_id)["booked_places"] == 5


def test_couples_and_singles_at_once_never_pass_capacity(client, app):
    session_id = add_session(app, publish_course(app), capacity=5)
    parents = [make_parent(client)["user"]["id"] for _ in range(12)]
    results = _in_parallel(
        app, [_book(u, session_id, attendees=1 + i % 2) for i, u in enumerate(parents)]
    )
    assert all(r in ("booked", "waitlisted") for r in results), results
    rows = _statuses(app, session_id)
    places = sum(n for _, n, s in rows if s == "booked")
    assert places <= 5
    assert session_row(app, session_id)["booked_places"] == places
    if any(n == 1 and s == "waitlisted" for _, n, s in rows):
        assert places == 5


def test_places_freed_while_others_book_go_to_the_waiting_list_in_order(client, app):
    session_id = add_session(app, publish_course(app), capacity=3)
    holders = [make_parent(client) for _ in range(3)]
    waiting = [make_parent(client) for _ in range(5)]
    newcomers = [make_parent(client)["user"]["id"] for _ in range(3)]
    held = [booked(client, parent, session_id)["id"] for parent in holders]
    assert {booked(client, parent, session_id)["status"] for parent in waiting} == {
        "waitlisted"
    }
    results = _in_parallel(
        app,
        [_cancel(p["user"]["id"], b) for p, b in zip(holders, held, strict=True)]
        + [_book(u, session_id) for u in newcomers],
    )
    assert results == ["cancelled"] * 3 + ["waitlisted"] * 3, results
    status_of = {user_id: status for user_id, _, status in _statuses(app, session_id)}
    assert [status_of[p["user"]["id"]] for p in waiting] == ["booked"] * 3 + [
        "waitlisted"
    ] * 2
    assert session_row(app, session_id)["booked_places"] == 3
