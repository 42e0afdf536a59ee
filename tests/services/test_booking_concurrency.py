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


def _book_over_http(app, parent, session_id):
    def call():
        response = app.test_client().post(
            f"/api/v1/sessions/{session_id}/bookings",
            json={"attendees": 1},
            headers=parent["headers"],
        )
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        return body["status"], body["position"], body["id"]

    return call


def _parallel_requests(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a booking thread hung"
    return results


def test_forty_parents_at_once_get_exact_unique_waiting_list_positions(client, app):
    session_id = add_session(app, publish_course(app), capacity=10)
    parents = [make_parent(client) for _ in range(40)]
    results = _parallel_requests(
        [_book_over_http(app, parent, session_id) for parent in parents]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Counter(status for status, _, _ in results) == {
        "booked": 10,
        "waitlisted": 30,
    }
    told = sorted(position for status, position, _ in results if status == "waitlisted")
    assert told == list(range(1, 31)), told
    # Each parent's position now is the one they were told, and the order they were
    # told is the order the list is served in: cancelling places promotes 1, 2, 3.
    by_parent = dict(zip((p["user"]["id"] for p in parents), results, strict=True))
    for parent in parents:
        status, position, booking_id = by_parent[parent["user"]["id"]]
        now = client.get(f"/api/v1/bookings/{booking_id}", headers=parent["headers"])
        assert now.get_json()["position"] == position
    holders = [p for p in parents if by_parent[p["user"]["id"]][0] == "booked"]
    for holder in holders[:3]:
        response = client.delete(
            f"/api/v1/bookings/{by_parent[holder['user']['id']][2]}",
            headers=holder["headers"],
        )
        assert response.status_code == 204
    promoted = sorted(
        by_parent[user_id][1]
        for user_id, _, status in _statuses(app, session_id)
        if status == "booked" and by_parent[user_id][0] == "waitlisted"
    )
    assert promoted == [1, 2, 3]


def test_cancelling_while_others_book_free_places_keeps_the_figures_exact(client, app):
    """Cancelling and booking at the same session both move its course's figures: each
    takes the session's row before the figures' rows, so neither waits on the other in
    a circle (a deadlock), and the figures end as the bookings are."""
    from tests.course_helpers import course_figures, live_course_figures

    session_id = add_session(app, publish_course(app), capacity=20)
    holders = [make_parent(client) for _ in range(6)]
    newcomers = [make_parent(client)["user"]["id"] for _ in range(6)]
    held = [booked(client, parent, session_id)["id"] for parent in holders]
    results = _in_parallel(
        app,
        [
            call
            for parent, booking_id, user_id in zip(
                holders, held, newcomers, strict=True
            )
            for call in (
                _cancel(parent["user"]["id"], booking_id),
                _book(user_id, session_id),
            )
        ],
    )
    assert results == ["cancelled", "booked"] * 6, results
    assert course_figures(app) == live_course_figures(app)
    assert session_row(app, session_id)["booked_places"] == 6
