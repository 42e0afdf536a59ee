"""Bookings as iCalendar (RFC 5545) events.

One stable UID per booking, times in UTC, the event's status following the booking's, so
a calendar that imports the file again updates its copy in place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event

from parent_app.courses.bookings import can_see_joining_link
from parent_app.models.courses import Booking, BookingStatus, SessionStatus

PRODID = "-//First 1001 Days//Course bookings//EN"
UID_DOMAIN = "first1001days.parent-app"


def booking_uid(booking: Booking) -> str:
    return f"booking-{booking.id}@{UID_DOMAIN}"


def _status(booking: Booking) -> str:
    if (
        booking.status is BookingStatus.CANCELLED
        or booking.session.status is SessionStatus.CANCELLED
    ):
        return "CANCELLED"
    return "CONFIRMED" if booking.status is BookingStatus.BOOKED else "TENTATIVE"


def _last_change(booking: Booking) -> datetime:
    moments = [
        booking.created_at,
        booking.promoted_at,
        booking.cancelled_at,
        booking.session.cancelled_at,
    ]
    return max(m for m in moments if m is not None)


def _event(booking: Booking) -> Event:
    session, course = booking.session, booking.session.course
    title = course.title if course is not None else "Course session"
    if booking.status is BookingStatus.WAITLISTED:
        title += " (waiting list)"
    lines = [course.summary] if course is not None else []
    lines.append(
        "Booked for 2 adults." if booking.attendees == 2 else "Booked for 1 adult."
    )
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", _last_change(booking))
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", title)
    event.add("description", "\n".join(lines))
    # Each change to the booking raises the sequence, so calendars replace the old copy.
    event.add(
        "sequence",
        int(booking.promoted_at is not None) + int(_status(booking) == "CANCELLED"),
    )
    event.add("status", _status(booking))
    place = [
        p
        for p in (
            session.location_name,
            session.location_address,
            session.location_postcode,
        )
        if p
    ]
    if place:
        event.add("location", ", ".join(place))
    elif course is not None and course.delivery == "online":
        event.add("location", "Online")
    if course is not None and course.online_url and can_see_joining_link(booking):
        event.add("url", course.online_url)
    return event


def bookings_calendar(bookings: Iterable[Booking], *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per booking."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for booking in bookings:
        calendar.add_component(_event(booking))
    return calendar.to_ical()
