"""Two households' bookings for one session, merged when they become one household.

Before joining, a couple may each have booked the same session for two: the same two
adults then hold four places. A couple's booking covers every adult of the household,
so any other booking the household holds at that session is a duplicate: one booking
stays (a place before a waiting-list place, a couple's booking before a booking for
one, then the earliest), the others are cancelled, and a place they held goes to the
waiting list at once, as a cancellation's does. Two bookings for one are two different
adults, each with a private place of their own: both stay, and so does a private place
for one beside a couple's booking that is only waiting (merging would reveal it)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select

from parent_app.courses import reminders
from parent_app.courses.bookings import (
    ACTIVE,
    fill_from_waiting_list,
    lock_sessions,
    mark_cancelled,
)
from parent_app.extensions import db
from parent_app.models.courses import Booking, BookingStatus, CourseSession

COUPLE = 2


def _keep_order(booking: Booking) -> tuple[bool, bool, int, int]:
    return (
        booking.status is not BookingStatus.BOOKED,
        booking.attendees != COUPLE,
        booking.waitlist_seq or 0,
        booking.id,
    )


def merge_household_bookings(household_id: int, *, now: datetime) -> int:
    """Merge the household's duplicate bookings of each session still to come into
    one, freeing the extra places to the waiting list. Returns how many bookings were
    cancelled by the merge."""
    rows = db.session.scalars(
        select(Booking)
        .join(CourseSession, CourseSession.id == Booking.session_id)
        .where(
            Booking.household_id == household_id,
            Booking.status.in_(ACTIVE),
            CourseSession.starts_at > now,
        )
        .order_by(Booking.session_id, Booking.id)
    ).all()
    by_session: dict[int, list[Booking]] = defaultdict(list)
    for booking in rows:
        by_session[booking.session_id].append(booking)
    duplicated = [
        bookings
        for bookings in by_session.values()
        if len(bookings) > 1 and any(b.attendees == COUPLE for b in bookings)
    ]
    lock_sessions(bookings[0].session_id for bookings in duplicated)
    merged = 0
    for bookings in duplicated:
        merged += _merge_one_session(sorted(bookings, key=_keep_order), now=now)
    return merged


def _merge_one_session(bookings: list[Booking], *, now: datetime) -> int:
    kept, *others = bookings
    if kept.attendees != COUPLE:
        # One adult's private place, and the couple's booking only waiting: merging
        # would show the private place to the other adult, so both stay as they are.
        return 0
    session = kept.session
    freed = False
    holder = f"h{kept.household_id}"
    for booking in others:
        freed = freed or booking.status is BookingStatus.BOOKED
        mark_cancelled(booking, now)
        reminders.cancel_booking_nudges(booking)
    db.session.flush()
    # The booking that stays is the household's one booking at this session.
    kept.active_holder = holder
    db.session.flush()
    if freed:
        fill_from_waiting_list(session, now=now)
    return len(others)
