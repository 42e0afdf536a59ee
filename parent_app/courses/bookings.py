"""Booking a session: a place or the waiting list; cancelling; promotion from the list.

Capacity holds under concurrent bookings on both databases: places are taken by one
conditional UPDATE (`booked_places + n <= capacity`), which PostgreSQL re-checks against
the committed row after waiting for its lock and SQLite runs under its single writer
lock; the database's CHECK refuses anything above capacity. Freeing places and promoting
from the list happen under the session row's lock, in the same transaction as the
cancellation. Joining the waiting list takes the same lock and the next number in the
session's queue, so positions are exact and unique however many parents book at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from parent_app.courses import reminders
from parent_app.courses.reach import count_booking_change
from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import Conflict, NotFound
from parent_app.extensions import db
from parent_app.models import User
from parent_app.models.courses import (
    Booking,
    BookingStatus,
    CourseSession,
    SessionStatus,
)
from parent_app.privacy.registry import PersonalData

ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITLISTED)


class SessionInPast(Conflict):
    code = "session_in_past"
    message = "This session has already started, so its bookings cannot change."


class SessionCancelled(Conflict):
    code = "session_cancelled"
    message = "This session has been cancelled."


class CourseNotPublished(Conflict):
    code = "course_not_published"
    message = "This course is not published, so its sessions cannot be booked."


class AlreadyBooked(Conflict):
    code = "already_booked"
    message = (
        "Your household already has a place or a waiting-list place at this session."
    )


def get_session(session_id: int) -> CourseSession:
    session = db.session.get(CourseSession, session_id)
    if session is None:
        raise NotFound("No such session.")
    return session


def is_shared(booking: Booking) -> bool:
    """A booking for 2 is a couple's: every adult of the booker's household sees it, can
    cancel it and is reminded of it. A booking for 1 stays the booker's own (a parent
    may book a wellbeing group without telling anyone)."""
    return booking.attendees == 2 and booking.household_id is not None


def visible_to(user: User) -> ColumnElement[bool]:
    """The bookings the user may see: their own, and their household's couple
    bookings."""
    if user.household_id is None:
        return Booking.user_id == user.id
    return or_(
        Booking.user_id == user.id,
        and_(Booking.attendees == 2, Booking.household_id == user.household_id),
    )


# A couple's booking is exported to both adults, as the household's finance review is.
PERSONAL_DATA = PersonalData(
    "bookings",
    lambda user: select(Booking).where(visible_to(user)).order_by(Booking.id),
)


def can_see(user: User, booking: Booking) -> bool:
    return booking.user_id == user.id or (
        is_shared(booking) and booking.household_id == user.household_id
    )


def get_booking_for(user: User, booking_id: int) -> Booking:
    """The user's booking, or their household's couple booking; 404 otherwise (the
    same as not existing)."""
    booking = db.session.get(Booking, booking_id)
    if booking is None or not can_see(user, booking):
        raise NotFound("No such booking of yours.")
    return booking


def check_bookable(session: CourseSession, *, now: datetime) -> None:
    """Raise the 409 that says why the session cannot be booked, if it cannot."""
    if session.course is None or session.course.status is not ItemStatus.PUBLISHED:
        raise CourseNotPublished()
    if session.status is SessionStatus.CANCELLED:
        raise SessionCancelled()
    if session.starts_at <= now:
        raise SessionInPast("This session has already started; choose a later one.")


def book_session(
    user: User, session_id: int, *, attendees: int, now: datetime
) -> Booking:
    """A place for `attendees` adults (1 or 2) if they fit, else a place on the waiting
    list. Raises NotFound, CourseNotPublished, SessionCancelled, SessionInPast,
    AlreadyBooked."""
    session = get_session(session_id)
    check_bookable(session, now=now)
    booking = Booking(
        session_id=session.id,
        user_id=user.id,
        household_id=user.household_id,
        attendees=attendees,
        status=BookingStatus.WAITLISTED,
        created_at=now,
        active_holder=f"h{user.household_id}" if user.household_id else f"u{user.id}",
    )
    db.session.add(booking)
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise AlreadyBooked() from exc
    if _take_places(session, attendees):
        booking.status = BookingStatus.BOOKED
    else:
        # Full, as far as the counter says: recount under the lock and fill from the
        # list in order, this booking last; it may get a place freed by an erased
        # account.
        fill_from_waiting_list(session, now=now, newcomer=booking)
        if booking.status is BookingStatus.WAITLISTED:
            _join_queue(booking)
    if booking.status is BookingStatus.BOOKED:
        reminders.schedule_reminder(booking, now=now)
    count_booking_change(booking, None, booking.status)
    db.session.flush()
    return booking


def cancel_booking(user: User, booking_id: int, *, now: datetime) -> Booking:
    """Cancel the user's booking, or their household's couple booking (again is
    harmless); a place it frees goes to the waiting list in the same transaction.
    Raises NotFound, SessionInPast."""
    booking = get_booking_for(user, booking_id)
    if booking.status is BookingStatus.CANCELLED:
        return booking
    if booking.session.starts_at <= now:
        raise SessionInPast()
    # The session's row before the figures' rows (count_booking_change), and the
    # booking as it is once we hold it: a promotion may have just committed.
    lock_sessions([booking.session_id])
    db.session.refresh(booking)
    if booking.status is BookingStatus.CANCELLED:
        return booking
    held_place = booking.status is BookingStatus.BOOKED
    mark_cancelled(booking, now)
    reminders.cancel_booking_nudges(booking)
    db.session.flush()
    if held_place:
        fill_from_waiting_list(booking.session, now=now)
    return booking


def mark_cancelled(booking: Booking, now: datetime) -> None:
    """The booking no longer holds a place or a waiting-list place (nor its household's
    slot); its course's reach figures move with it."""
    before = booking.status
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.active_holder = None
    count_booking_change(booking, before, BookingStatus.CANCELLED)


def _take_places(session: CourseSession, attendees: int) -> bool:
    """Take places if they fit, in one statement that cannot overbook."""
    result = db.session.execute(
        update(CourseSession)
        .where(
            CourseSession.id == session.id,
            CourseSession.status == SessionStatus.SCHEDULED,
            CourseSession.booked_places + attendees <= CourseSession.capacity,
        )
        .values(booked_places=CourseSession.booked_places + attendees)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(session, ["booked_places"])
    return bool(result.rowcount == 1)


def lock_sessions(session_ids: Iterable[int]) -> None:
    """Lock the sessions' rows (PostgreSQL; SQLite has one writer at a time), in id
    order, before changing their bookings: every change of a booking holds its
    session's row before its course's figure rows, so two transactions never wait on
    each other in a circle."""
    for session_id in sorted(set(session_ids)):
        _lock_session(session_id)


def _lock_session(session_id: int) -> tuple[SessionStatus, int]:
    """Lock the session row and read it fresh. PostgreSQL: FOR NO KEY UPDATE, which does
    not wait for the key-share locks that inserting bookings hold (FOR UPDATE would
    deadlock two bookers). SQLite renders no FOR clause: every caller has written in
    this transaction, so it already holds SQLite's one writer lock and reads the latest
    rows."""
    row = db.session.execute(
        select(CourseSession.status, CourseSession.capacity)
        .where(CourseSession.id == session_id)
        .with_for_update(key_share=True)
    ).one()
    return row.status, row.capacity


def _join_queue(booking: Booking) -> None:
    """Give a waiting booking the next place in its session's queue. Called under the
    session's row lock (taken by fill_from_waiting_list and held until commit): every
    booking that joined before has committed, so the next number is unique, and the
    position counted from it is exact however many parents book at once."""
    last = db.session.scalar(
        select(func.max(Booking.waitlist_seq)).where(
            Booking.session_id == booking.session_id
        )
    )
    booking.waitlist_seq = int(last or 0) + 1
    db.session.flush()


def fill_from_waiting_list(
    session: CourseSession, *, now: datetime, newcomer: Booking | None = None
) -> list[Booking]:
    """Under the session's lock: recount the booked places from the bookings themselves
    (healing a count left by erased accounts), then give free places to the waiting list
    in order, each time to the first whose attendees fit. Promoted parents are nudged,
    except `newcomer`, who is booking right now. Returns the bookings given a place."""
    status, capacity = _lock_session(session.id)
    if status is SessionStatus.CANCELLED:
        raise SessionCancelled()
    booked = db.session.scalar(
        select(func.coalesce(func.sum(Booking.attendees), 0)).where(
            Booking.session_id == session.id, Booking.status == BookingStatus.BOOKED
        )
    )
    free = capacity - int(booked or 0)
    promoted: list[Booking] = []
    if free > 0:
        waiting = db.session.scalars(
            select(Booking)
            .where(
                Booking.session_id == session.id,
                Booking.status == BookingStatus.WAITLISTED,
            )
            # The queue's order; a newcomer (no number yet) comes last.
            .order_by(Booking.waitlist_seq.is_(None), Booking.waitlist_seq, Booking.id)
            .execution_options(populate_existing=True)
        )
        for candidate in waiting:
            if candidate.attendees <= free:
                candidate.status = BookingStatus.BOOKED
                if candidate is not newcomer:
                    # A newcomer is counted once, by book_session.
                    count_booking_change(
                        candidate, BookingStatus.WAITLISTED, BookingStatus.BOOKED
                    )
                free -= candidate.attendees
                promoted.append(candidate)
            if free == 0:
                break
    db.session.execute(
        update(CourseSession)
        .where(CourseSession.id == session.id)
        .values(booked_places=capacity - free)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(session, ["booked_places"])
    for booking in promoted:
        if booking is not newcomer:
            booking.promoted_at = now
            reminders.notify_promoted(booking, now=now)
    return promoted


def waiting_position(booking: Booking) -> int | None:
    """1 for the first on the waiting list; None for a booking that is not waiting."""
    if booking.status is not BookingStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        select(func.count())
        .select_from(Booking)
        .where(
            Booking.session_id == booking.session_id,
            Booking.status == BookingStatus.WAITLISTED,
            Booking.waitlist_seq < booking.waitlist_seq,
        )
    )
    return int(ahead or 0) + 1


def list_bookings(
    user: User,
    *,
    now: datetime,
    include_past: bool = False,
    after: tuple[datetime, int] | None = None,
) -> Select[Any]:
    """The user's bookings and their household's couple bookings (all states),
    soonest session first; past sessions on request."""
    query = (
        select(Booking)
        .join(CourseSession, CourseSession.id == Booking.session_id)
        .where(visible_to(user))
    )
    if not include_past:
        query = query.where(CourseSession.ends_at > now)
    if after is not None:
        starts_at, booking_id = after
        query = query.where(
            (CourseSession.starts_at > starts_at)
            | ((CourseSession.starts_at == starts_at) & (Booking.id > booking_id))
        )
    return query.order_by(CourseSession.starts_at, Booking.id)


def can_see_joining_link(booking: Booking) -> bool:
    return booking.status is BookingStatus.BOOKED
