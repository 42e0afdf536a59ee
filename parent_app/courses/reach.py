"""Reach of an area's courses by month, kept as anonymous figures: each booking's change
of state moves the counts of its course's area, session month (UK time) and course in
the same transaction, so erasing a family later changes no figure. Read beside the
sessions held or planned, with disclosure control."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from parent_app.courses.timetable import to_local
from parent_app.domain.disclosure import disclose, month_of
from parent_app.extensions import db
from parent_app.models.content import ContentItem
from parent_app.models.courses import Booking, BookingStatus, Course, CourseSession
from parent_app.models.figures import CourseMeasure, CourseReachFigure
from parent_app.outbox.sql import insert_adding_counts


@dataclass
class CourseMonth:
    """A course's month: its sessions (content, shown as counted) and its bookings'
    figures as disclosed (None: suppressed)."""

    month: date
    sessions: int = 0
    bookings: int | None = 0
    places: int | None = 0
    waiting: int | None = 0
    cancelled: int | None = 0


@dataclass
class CourseReach:
    course_id: int
    title: str
    months: list[CourseMonth] = field(default_factory=list)


def _moves(
    booking: Booking, before: BookingStatus | None, after: BookingStatus
) -> Counter[str]:
    """How each measure moves when the booking leaves `before` for `after`."""
    moves: Counter[str] = Counter()
    for status, sign in ((before, -1), (after, 1)):
        if status is BookingStatus.BOOKED:
            moves[CourseMeasure.BOOKED] += sign
            moves[CourseMeasure.PLACES] += sign * booking.attendees
        elif status is BookingStatus.WAITLISTED:
            moves[CourseMeasure.WAITING] += sign
        elif status is BookingStatus.CANCELLED and sign > 0:
            # Cancelled counts bookings ever cancelled: it only grows.
            moves[CourseMeasure.CANCELLED] += 1
    return moves


def count_booking_change(
    booking: Booking, before: BookingStatus | None, after: BookingStatus
) -> None:
    """Move the course's figures for a booking going from `before` (None: a new
    booking) to `after`: booked and places (its adults) while it holds a place, waiting
    while it is on the list, cancelled once it is cancelled. Call it by name wherever a
    booking's status changes, in the same transaction, holding the session's row lock.
    Erasing an account changes no status, so an erased family's bookings stay
    counted."""
    moves = _moves(booking, before, after)
    if not any(moves.values()):
        return
    session = booking.session
    item = db.session.get(ContentItem, session.course_id)
    if item is None:
        return
    starts = to_local(session.starts_at)
    cell = {
        "area_id": item.area_id,
        "month": month_of(starts.year, starts.month),
        "course_id": session.course_id,
    }
    # Every measure of the cell, in one order, even those that do not move: each
    # transaction locks the cell's rows together, in the same order and after its
    # session's row, so two changes at once never wait on each other in a circle.
    db.session.execute(
        insert_adding_counts(
            CourseReachFigure.__table__, ["area_id", "month", "course_id", "measure"]
        ),
        [
            {**cell, "measure": measure, "count": moves[measure]}
            for measure in sorted(CourseMeasure.ALL)
        ],
    )


def _shown(count: int) -> int | None:
    # A count below zero would be a miscount; the page shows it as nobody.
    return disclose(max(count, 0))


def _cells(area_ids: list[str], since: datetime) -> dict[tuple[int, date], CourseMonth]:
    """The (course, month) cells: sessions counted from the sessions themselves,
    bookings from the figures."""
    cells: dict[tuple[int, date], CourseMonth] = {}

    def cell(course_id: int, month: date) -> CourseMonth:
        return cells.setdefault((course_id, month), CourseMonth(month))

    sessions = db.session.execute(
        select(CourseSession.course_id, CourseSession.starts_at)
        .join(ContentItem, ContentItem.id == CourseSession.course_id)
        .where(ContentItem.area_id.in_(area_ids), CourseSession.starts_at >= since)
    ).all()
    for course_id, starts_at in sessions:
        cell(course_id, to_local(starts_at).date().replace(day=1)).sessions += 1
    first = to_local(since)
    figures: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for figure in db.session.scalars(
        select(CourseReachFigure).where(
            CourseReachFigure.area_id.in_(area_ids),
            CourseReachFigure.month >= month_of(first.year, first.month),
        )
    ):
        figures[(figure.course_id, figure.month)][figure.measure] += figure.count
    for (course_id, month), counts in figures.items():
        shown = cell(course_id, datetime.strptime(month, "%Y-%m").date())
        shown.bookings = _shown(counts[CourseMeasure.BOOKED])
        shown.places = _shown(counts[CourseMeasure.PLACES])
        shown.waiting = _shown(counts[CourseMeasure.WAITING])
        shown.cancelled = _shown(counts[CourseMeasure.CANCELLED])
    return cells


def course_reach(area_ids: list[str], *, since: datetime) -> list[CourseReach]:
    """Per course of these areas, per month of its sessions (UK time) from `since`:
    sessions, and bookings, places, waiting and cancelled as kept in the anonymous
    figures, each disclosed (1 to 7 suppressed, others rounded to the nearest 5)."""
    cells = _cells(area_ids, since)
    if not cells:
        return []
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
