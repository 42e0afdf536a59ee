"""What parents read: published courses, and one course with its upcoming sessions.

Sessions come with their free places and waiting lists, and the joining link of an
online course only for a parent with a booked place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, exists, false, func, select

from parent_app.content.articles import visible_areas
from parent_app.content.sync import changed_since
from parent_app.courses.bookings import visible_to
from parent_app.courses.timetable import local_to_utc, to_local
from parent_app.domain import pregnancy
from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models import Baby, BabyStatus, User
from parent_app.models.courses import (
    Booking,
    BookingStatus,
    Course,
    CourseSession,
    SessionStatus,
)

MAX_UPCOMING_SESSIONS = 50
# A couple's course is for either parent; "couples" itself asks for couples' courses.
AUDIENCES_FOR = {
    "everyone": ("everyone",),
    "birthing_parent": ("everyone", "birthing_parent", "couples"),
    "partner": ("everyone", "partner", "couples"),
    "couples": ("everyone", "couples"),
}


def list_courses(
    *,
    reader_area: str | None,
    now: datetime,
    topic: str | None = None,
    audience: str | None = None,
    area: str | None = None,
    kind: str | None = None,
    baby: Baby | None = None,
    from_on: date | None = None,
    to_on: date | None = None,
    updated_since: int | datetime | None = None,
    after_id: int | None = None,
) -> Select[tuple[Course]]:
    """Published courses a reader in `reader_area` may see (national and their area
    unless `area` is given), in id order. `baby` keeps courses whose stage window holds
    the baby's stage day today (none after a loss); `from_on`/`to_on` keep courses with
    a session still to come on those London dates. With `updated_since` (a change
    number), only the courses changed after it, archived ones too."""
    query = select(Course).where(
        Course.area_id.in_([area] if area else visible_areas(reader_area))
    )
    if updated_since is not None:
        query = query.where(changed_since(Course, updated_since))
    else:
        query = query.where(Course.status == ItemStatus.PUBLISHED)
    if topic:
        query = query.where(Course.topic == topic)
    if audience:
        query = query.where(Course.audience.in_(AUDIENCES_FOR[audience]))
    if kind:
        query = query.where(Course.kind == kind)
    if baby is not None:
        query = query.where(_stage_filter(baby, now))
    if from_on is not None or to_on is not None:
        starts = [CourseSession.starts_at > now]
        if from_on is not None:
            starts.append(CourseSession.starts_at >= local_to_utc(from_on, time()))
        if to_on is not None and to_on < date.max:
            day_after = local_to_utc(to_on + timedelta(days=1), time())
            starts.append(CourseSession.starts_at < day_after)
        query = query.where(
            exists().where(
                CourseSession.course_id == Course.id,
                CourseSession.status == SessionStatus.SCHEDULED,
                *starts,
            )
        )
    if after_id is not None:
        query = query.where(Course.id > after_id)
    return query.order_by(Course.id)


def _stage_filter(baby: Baby, now: datetime) -> Any:
    if baby.status is BabyStatus.LOST:
        return false()
    today = to_local(now).date()
    day = pregnancy.stage_day(
        on=today,
        due_on=baby.due_on,
        born_on=baby.born_on if baby.status is BabyStatus.BORN else None,
    )
    return (Course.stage_from_day <= day) & (Course.stage_to_day >= day)


def latest_change() -> int:
    """The newest course change number (see content/sync.py)."""
    return int(db.session.scalar(select(func.max(Course.change_seq))) or 0)


def get_published_course(course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None or course.status is not ItemStatus.PUBLISHED:
        raise NotFound("No published course with this id.")
    return course


@dataclass
class SessionView:
    """A session as one reader sees it; other attributes read through to the session."""

    session: CourseSession
    waiting_list: int
    my_booking: Booking | None = None

    def __getattr__(self, name: str) -> Any:
        if "session" not in self.__dict__:  # not built yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.__dict__["session"], name)


@dataclass
class CourseDetail:
    """A course as one reader sees it; other attributes read through to the course."""

    course: Course
    sessions: list[SessionView] = field(default_factory=list)
    # Only for a reader with a booked place at one of the upcoming sessions.
    online_url: str | None = None

    def __getattr__(self, name: str) -> Any:
        if "course" not in self.__dict__:  # not built yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.__dict__["course"], name)


def course_detail(
    course_id: int, *, reader: User | None, now: datetime
) -> CourseDetail:
    """A published course with its next sessions, their free places and waiting lists,
    and the reader's own bookings of them. Raises NotFound."""
    course = get_published_course(course_id)
    sessions = list(
        db.session.scalars(
            select(CourseSession)
            .where(
                CourseSession.course_id == course.id,
                CourseSession.status == SessionStatus.SCHEDULED,
                CourseSession.starts_at > now,
            )
            .order_by(CourseSession.starts_at, CourseSession.id)
            .limit(MAX_UPCOMING_SESSIONS)
        )
    )
    ids = [s.id for s in sessions]
    waiting: dict[int, int] = dict(
        db.session.execute(
            select(Booking.session_id, func.count())
            .where(
                Booking.session_id.in_(ids), Booking.status == BookingStatus.WAITLISTED
            )
            .group_by(Booking.session_id)
        ).all()
    )
    mine: dict[int, Booking] = {}
    if reader is not None:
        mine = {
            b.session_id: b
            for b in db.session.scalars(
                select(Booking).where(
                    visible_to(reader),
                    Booking.session_id.in_(ids),
                    Booking.status != BookingStatus.CANCELLED,
                )
            )
        }
    detail = CourseDetail(
        course, [SessionView(s, waiting.get(s.id, 0), mine.get(s.id)) for s in sessions]
    )
    if any(b.status is BookingStatus.BOOKED for b in mine.values()):
        detail.online_url = course.online_url
    return detail
