"""Reach of an area's courses by month: sessions held or planned, bookings and places
taken, the waiting list, cancelled bookings. Anonymous counts only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from parent_app.courses.timetable import to_local
from parent_app.extensions import db
from parent_app.models.content import ContentItem
from parent_app.models.courses import Booking, BookingStatus, Course, CourseSession


@dataclass
class CourseMonth:
    month: date
    sessions: int = 0
    bookings: int = 0
    places: int = 0
    waiting: int = 0
    cancelled: int = 0


@dataclass
class CourseReach:
    course_id: int
    title: str
    months: list[CourseMonth] = field(default_factory=list)


def course_reach(area_ids: list[str], *, since: datetime) -> list[CourseReach]:
    """Per course of these areas, per month of its sessions (UK time) from `since`."""
    sessions = db.session.execute(
        select(CourseSession.id, CourseSession.course_id, CourseSession.starts_at)
        .join(ContentItem, ContentItem.id == CourseSession.course_id)
        .where(ContentItem.area_id.in_(area_ids), CourseSession.starts_at >= since)
    ).all()
    if not sessions:
        return []
    bookings = db.session.execute(
        select(
            Booking.session_id,
            Booking.status,
            func.count(),
            func.coalesce(func.sum(Booking.attendees), 0),
        )
        .where(Booking.session_id.in_([s.id for s in sessions]))
        .group_by(Booking.session_id, Booking.status)
    ).all()
    per_session: dict[int, dict[str, tuple[int, int]]] = {}
    for session_id, status, count, places in bookings:
        per_session.setdefault(session_id, {})[str(status)] = (count, int(places))
    cells: dict[tuple[int, date], CourseMonth] = {}
    for session_id, course_id, starts_at in sessions:
        month = to_local(starts_at).date().replace(day=1)
        cell = cells.setdefault((course_id, month), CourseMonth(month))
        counts = per_session.get(session_id, {})
        cell.sessions += 1
        cell.bookings += counts.get(BookingStatus.BOOKED.value, (0, 0))[0]
        cell.places += counts.get(BookingStatus.BOOKED.value, (0, 0))[1]
        cell.waiting += counts.get(BookingStatus.WAITLISTED.value, (0, 0))[0]
        cell.cancelled += counts.get(BookingStatus.CANCELLED.value, (0, 0))[0]
    titles = dict(
        db.session.execute(
            select(Course.id, Course.title).where(
                Course.id.in_({course_id for course_id, _ in cells})
            )
        ).all()
    )
    courses: dict[int, CourseReach] = {}
    for (course_id, _), cell in sorted(cells.items(), key=lambda kv: kv[0][1]):
        course = courses.setdefault(
            course_id, CourseReach(course_id, titles.get(course_id, "A draft course"))
        )
        course.months.append(cell)
    return sorted(courses.values(), key=lambda c: c.title.lower())
