"""Courses: the live courses, the places they are held, their dated sessions, and
parents' bookings of them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.domain.lifecycle import ItemStatus
from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from parent_app.models.accounts import User


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class BookingStatus(StrEnum):
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Course(db.Model):
    """The live version of a course (published or archived), in queryable columns."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, 16), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(240))
    description_markdown: Mapped[str] = mapped_column(Text)
    description_html: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(32), index=True)
    audience: Mapped[str] = mapped_column(String(16))
    is_preconception: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    stage_from_day: Mapped[int | None] = mapped_column(Integer)
    stage_to_day: Mapped[int | None] = mapped_column(Integer)
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), index=True)
    delivery: Mapped[str] = mapped_column(String(16))
    location_name: Mapped[str | None] = mapped_column(String(200))
    location_address: Mapped[str | None] = mapped_column(String(300))
    location_postcode: Mapped[str | None] = mapped_column(String(10))
    # The published location (a family hub or venue) the course is held at, by slug;
    # the location_* columns above then hold its name, address and postcode.
    location_slug: Mapped[str | None] = mapped_column(String(120), index=True)
    source_name: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(String(500))
    review_by: Mapped[date | None] = mapped_column(Date)
    online_url: Mapped[str | None] = mapped_column(String(500))
    provider: Mapped[str] = mapped_column(String(200))
    cost_pence: Mapped[int] = mapped_column(Integer, default=lambda: 0)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The change number of its last change (content/sync.py), in commit order.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=lambda: 0, index=True)

    sessions: Mapped[list[CourseSession]] = relationship(
        primaryjoin="Course.id == foreign(CourseSession.course_id)",
        order_by="CourseSession.starts_at",
        viewonly=True,
    )


class Location(db.Model):
    """The live version of a location (a family hub or venue where courses are held),
    published or archived, in queryable columns."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, 16), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    address_lines: Mapped[list[str]] = mapped_column(JSON)
    town: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(10))
    opening_times: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))
    accessibility: Mapped[str | None] = mapped_column(Text)
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), index=True)
    source_name: Mapped[str] = mapped_column(String(200))
    source_url: Mapped[str] = mapped_column(String(500))
    review_by: Mapped[date] = mapped_column(Date)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The change number of its last change (content/sync.py), in commit order.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=lambda: 0, index=True)

    @property
    def address(self) -> str:
        """The street lines and the town, one line, as courses show a place."""
        return ", ".join([*self.address_lines, self.town])


class CourseSession(db.Model):
    """One dated session of a course. `booked_places` counts the attendees of its booked
    bookings; it only moves by conditional UPDATEs, and the database refuses it above
    `capacity`."""

    __tablename__ = "course_sessions"
    __table_args__ = (
        CheckConstraint(
            "booked_places >= 0 AND booked_places <= capacity",
            name="places_within_capacity",
        ),
        Index("ix_course_sessions_course_starts", "course_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The content item, not the live course: staff can plan sessions for a draft course.
    course_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE")
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    booked_places: Mapped[int] = mapped_column(Integer, default=lambda: 0)
    status: Mapped[SessionStatus] = mapped_column(str_enum(SessionStatus, 16))
    location_name: Mapped[str | None] = mapped_column(String(200))
    location_address: Mapped[str | None] = mapped_column(String(300))
    location_postcode: Mapped[str | None] = mapped_column(String(10))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(String(300))

    course: Mapped[Course | None] = relationship(
        primaryjoin="foreign(CourseSession.course_id) == Course.id", viewonly=True
    )

    @property
    def free_places(self) -> int:
        return max(0, self.capacity - self.booked_places)


class Booking(db.Model):
    """A parent's place (or place on the waiting list) at one session, for 1 or 2
    adults."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("session_id", "active_holder"),
        Index("ix_bookings_session_status", "session_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_sessions.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="SET NULL"), index=True
    )
    attendees: Mapped[int] = mapped_column(Integer)
    status: Mapped[BookingStatus] = mapped_column(str_enum(BookingStatus, 16))
    # "h<household id>" while the booking is active and NULL once cancelled: with the
    # unique (session_id, active_holder) pair a household holds one active booking per
    # session, on both databases (NULLs never clash), without a partial index.
    active_holder: Mapped[str | None] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Place in the session's waiting-list queue (1, 2, 3, ... never reused), given
    # under the session's row lock when the booking joins the list; None if it never
    # waited. The list is served, and positions counted, in this order.
    waitlist_seq: Mapped[int | None] = mapped_column(Integer)

    session: Mapped[CourseSession] = relationship()
    user: Mapped[User] = relationship()
