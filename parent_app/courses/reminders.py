"""Booking nudges, through the nudge engine's personal nudges.

The reminder 24 hours before a session, a place from the waiting list, a cancelled
session: to the booker, and for a couple's booking (2 adults) to every adult of the
household."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from parent_app.courses.timetable import to_local
from parent_app.extensions import db
from parent_app.models import Household, User
from parent_app.models.courses import Booking, BookingStatus, CourseSession
from parent_app.outbox.personal import cancel_personal_nudges, schedule_personal_nudge

NUDGE_TOPIC = "courses"
REMINDER_LEAD = timedelta(hours=24)


def describe_when(session: CourseSession) -> str:
    """'Tuesday 5 May, 10:00' in London time."""
    start = to_local(session.starts_at)
    return f"{start:%A} {start.day} {start:%B}, {start:%H:%M}"


def _title(session: CourseSession) -> str:
    return session.course.title if session.course is not None else "your course"


def _where(session: CourseSession) -> str:
    if session.location_name:
        return f" at {session.location_name}"
    if session.course is not None and session.course.delivery == "online":
        return " online (the joining link is in the app)"
    return ""


def source_prefix(booking: Booking) -> str:
    return f"booking:{booking.id}:"


def recipients(booking: Booking) -> list[User]:
    """The booker, and for a couple's booking the household's other adults too."""
    household = (
        db.session.get(Household, booking.household_id)
        if booking.attendees == 2 and booking.household_id is not None
        else None
    )
    if household is None:
        return [booking.user]
    adults = sorted(household.adults, key=lambda adult: adult.id)
    return adults if booking.user in adults else [booking.user, *adults]


def schedule_reminder(booking: Booking, *, now: datetime) -> None:
    """A nudge 24 hours before the session (at once when it is sooner), which expires
    when the session starts."""
    session = booking.session
    for user in recipients(booking):
        schedule_personal_nudge(
            user,
            source_key=f"{source_prefix(booking)}reminder",
            title=f"Reminder: {_title(session)}",
            body=f"Your session is on {describe_when(session)}{_where(session)}.",
            topic=NUDGE_TOPIC,
            send_at=session.starts_at - REMINDER_LEAD,
            window_days=0,
            ttl_seconds=int(REMINDER_LEAD.total_seconds()),
            now=now,
        )


def remind_household_of_couple_bookings(household_id: int, *, now: datetime) -> int:
    """Queue the session reminders of the household's couple bookings (places for two)
    still to come for any adult not yet reminded: a partner who joins after the booking
    is reminded like the booker. Queueing is idempotent per adult. Returns how many
    bookings were looked at."""
    bookings = db.session.scalars(
        select(Booking)
        .join(CourseSession, CourseSession.id == Booking.session_id)
        .where(
            Booking.household_id == household_id,
            Booking.attendees == 2,
            Booking.status == BookingStatus.BOOKED,
            CourseSession.starts_at > now,
        )
    ).all()
    for booking in bookings:
        schedule_reminder(booking, now=now)
    return len(bookings)


def notify_promoted(booking: Booking, *, now: datetime) -> None:
    """Tell a parent a place came free and is now theirs; remind them before it."""
    session = booking.session
    for user in recipients(booking):
        schedule_personal_nudge(
            user,
            source_key=f"{source_prefix(booking)}promoted",
            title=f"You have a place: {_title(session)}",
            body=(
                f"A place came free on {describe_when(session)}{_where(session)} and "
                "it is yours. Cancel in the app if you can no longer come."
            ),
            topic=NUDGE_TOPIC,
            send_at=now,
            window_days=1,
            urgency="high",
            now=now,
        )
    schedule_reminder(booking, now=now)


def notify_session_cancelled(
    booking: Booking, *, reason: str | None, now: datetime
) -> None:
    """Tell a booked or waiting parent the session will not take place."""
    session = booking.session
    body = f"The session on {describe_when(session)} will not take place."
    if reason:
        body += f" {reason}"
    for user in recipients(booking):
        schedule_personal_nudge(
            user,
            source_key=f"{source_prefix(booking)}session-cancelled",
            title=f"Cancelled: {_title(session)}",
            body=body,
            topic=NUDGE_TOPIC,
            send_at=now,
            window_days=2,
            urgency="high",
            now=now,
        )


def cancel_booking_nudges(booking: Booking) -> int:
    """Drop the booking's pending nudges (its reminder, an unsent promotion) for every
    adult they were for."""
    return cancel_personal_nudges(source_prefix(booking))
