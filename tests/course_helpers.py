"""Helpers for course tests: courses, sessions at any time, bookings, their nudges."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

_counter = itertools.count(1)


def course_data(slug: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "summary": f"About {slug}.",
        "description": f"## {slug}\n\nCome along.",
        "kind": "course",
        "topic": "relationships",
        "audience": "everyone",
        "stage_from_day": -280,
        "stage_to_day": 735,
        "area": "dorset",
        "delivery": "in_person",
        "location": {
            "name": "Poole Family Hub",
            "address": "1 High Street, Poole",
            "postcode": "BH15 1AA",
        },
        "provider": "Dorset Council family hubs",
        "cost_pence": 0,
    }
    if overrides.get("delivery") == "online":
        data["location"] = None
        data.setdefault("online_url", "https://meet.example.org/join/abc")
    data.update(overrides)
    return data


def publish_course(app: Any, slug: str | None = None, **overrides: Any) -> int:
    """Publish a course straight away (as the catalogue loader does); returns its id."""
    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db

    slug = slug or f"course-{next(_counter)}"
    with app.app_context():
        item = publish_from_catalogue(
            "course", course_data(slug, **overrides), now=datetime.now(UTC)
        )
        db.session.commit()
        return item.item.id


def add_session(
    app: Any,
    course_id: int,
    *,
    starts_in: timedelta = timedelta(days=7),
    minutes: int = 90,
    capacity: int = 10,
    status: str = "scheduled",
    starts_at: datetime | None = None,
) -> int:
    """A session `starts_in` from now (or at `starts_at`), written directly, at the
    course's own place."""
    from parent_app.extensions import db
    from parent_app.models.courses import Course, CourseSession, SessionStatus

    start = starts_at or (datetime.now(UTC) + starts_in).replace(microsecond=0)
    with app.app_context():
        course = db.session.get(Course, course_id)
        session = CourseSession(
            course_id=course_id,
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            capacity=capacity,
            booked_places=0,
            status=SessionStatus(status),
            location_name=course.location_name if course else None,
            location_address=course.location_address if course else None,
            location_postcode=course.location_postcode if course else None,
        )
        db.session.add(session)
        db.session.commit()
        return session.id


def book(
    client: Any, parent: dict[str, Any], session_id: int, attendees: int = 1
) -> Any:
    return client.post(
        f"/api/v1/sessions/{session_id}/bookings",
        json={"attendees": attendees},
        headers=parent["headers"],
    )


def booked(
    client: Any, parent: dict[str, Any], session_id: int, attendees: int = 1
) -> dict[str, Any]:
    response = book(client, parent, session_id, attendees)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def nudges(app: Any, user_id: int) -> dict[str, dict[str, Any]]:
    """The user's personal booking nudges by source key ("booking:7:reminder")."""
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        rows = db.session.scalars(
            select(NudgeOutbox).where(NudgeOutbox.user_id == user_id)
        )
        return {
            row.key.removeprefix("p:").rsplit(":u", 1)[0]: {
                "status": row.status.value,
                "title": row.title,
                "body": row.body,
                "send_after_epoch": row.send_after_epoch,
            }
            for row in rows
            if row.key.startswith("p:booking:")
        }


def session_row(app: Any, session_id: int) -> dict[str, Any]:
    from parent_app.extensions import db
    from parent_app.models.courses import CourseSession

    with app.app_context():
        s = db.session.get(CourseSession, session_id)
        return {
            "booked_places": s.booked_places,
            "capacity": s.capacity,
            "status": s.status.value,
            "starts_at": s.starts_at,
        }


def course_figures(app: Any) -> dict[tuple[str, str, int, str], int]:
    """The kept course reach figures, (area, month, course id, measure) -> count,
    leaving out cells that came back to zero."""
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import CourseReachFigure

    with app.app_context():
        return {
            (f.area_id, f.month, f.course_id, f.measure): f.count
            for f in db.session.scalars(select(CourseReachFigure))
            if f.count
        }


def live_course_figures(app: Any) -> dict[tuple[str, str, int, str], int]:
    """The same cells counted from the bookings held now (as the reach page once read
    them): booked and places of those holding a place, waiting, cancelled."""
    from collections import Counter

    from sqlalchemy import select

    from parent_app.courses.timetable import to_local
    from parent_app.extensions import db
    from parent_app.models import Booking, BookingStatus, ContentItem, CourseSession

    live: Counter[tuple[str, str, int, str]] = Counter()
    with app.app_context():
        rows = db.session.execute(
            select(
                ContentItem.area_id,
                CourseSession.course_id,
                CourseSession.starts_at,
                Booking.status,
                Booking.attendees,
            )
            .join(CourseSession, CourseSession.id == Booking.session_id)
            .join(ContentItem, ContentItem.id == CourseSession.course_id)
        ).all()
    for area_id, course_id, starts_at, status, attendees in rows:
        cell = (area_id, to_local(starts_at).strftime("%Y-%m"), course_id)
        if status is BookingStatus.BOOKED:
            live[(*cell, "booked")] += 1
            live[(*cell, "places")] += attendees
        elif status is BookingStatus.WAITLISTED:
            live[(*cell, "waiting")] += 1
        else:
            live[(*cell, "cancelled")] += 1
    return dict(live)
