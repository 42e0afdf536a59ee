"""Courses for parents: courses, sessions, bookings and booking calendars.

Published courses and their sessions, booking a place (or the waiting list), my
bookings, and my bookings as a calendar."""

from __future__ import annotations

from datetime import datetime

from flask import Response
from flask.views import MethodView
from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_dump,
    validate,
    validates_schema,
)

from parent_app.api.common import (
    Blueprint,
    CursorQuerySchema,
    IsoDateTime,
    PageSchema,
    SyncToken,
    calendar_response,
    current_user,
    decode_cursor,
    decode_id_cursor,
    invalid_cursor,
    now_utc,
    optional_user,
    paginate,
    parent_required,
)
from parent_app.content.vocab import COURSE_TOPICS
from parent_app.courses import bookings, listing
from parent_app.courses.calendar import bookings_calendar
from parent_app.courses.kind import COURSE_AUDIENCES, COURSE_KINDS
from parent_app.courses.timetable import LONDON, to_local
from parent_app.errors import Unauthorized
from parent_app.extensions import db
from parent_app.families.babies import get_baby_for

blp = Blueprint("courses", __name__, description="Courses, sessions and bookings")

# Ids beyond PostgreSQL's integer make the database raise; they cannot exist, so the
# router answers "not found" and queries and cursors refuse them.
MAX_ID = 2**31 - 1
ID = f"int(max={MAX_ID})"


def _place(obj) -> dict | None:  # type: ignore[no-untyped-def]
    if not (obj.location_name or obj.location_address or obj.location_postcode):
        return None
    return {
        "name": obj.location_name,
        "address": obj.location_address,
        "postcode": obj.location_postcode,
    }


class CourseSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    kind = fields.String(metadata={"description": "course or finance-review"})
    title = fields.String()
    summary = fields.String()
    topic = fields.String()
    audience = fields.String()
    stage = fields.Function(lambda c: "preconception" if c.is_preconception else None)
    stage_from_day = fields.Integer(allow_none=True)
    stage_to_day = fields.Integer(allow_none=True)
    area = fields.String(attribute="area_id")
    delivery = fields.String(metadata={"description": "in_person or online"})
    location = fields.Function(_place)
    location_slug = fields.String(
        allow_none=True,
        metadata={"description": "the family hub or venue: GET /locations/{slug}"},
    )
    provider = fields.String()
    cost_pence = fields.Integer()
    is_free = fields.Function(lambda c: c.cost_pence == 0)
    status = fields.String(metadata={"description": "published, or archived"})
    updated_at = IsoDateTime()


class CourseListItemSchema(CourseSchema):
    @post_dump
    def _tombstone(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if data["status"] == "archived":
            return {
                "id": data["id"],
                "slug": data["slug"],
                "status": "archived",
                "updated_at": data["updated_at"],
            }
        return data


class CoursePageSchema(PageSchema):
    items = fields.List(fields.Nested(CourseListItemSchema))


class CourseQuerySchema(CursorQuerySchema):
    topic = fields.String(validate=validate.OneOf(list(COURSE_TOPICS)))
    audience = fields.String(validate=validate.OneOf(COURSE_AUDIENCES))
    area = fields.String(validate=validate.Length(max=64))
    kind = fields.String(validate=validate.OneOf(COURSE_KINDS))
    baby_id = fields.Integer(
        validate=validate.Range(1, MAX_ID),
        metadata={"description": "one of my babies: courses for its stage today"},
    )
    updated_since = SyncToken()
    from_on = fields.Date(
        data_key="from", metadata={"description": "a session on or after (London date)"}
    )
    to_on = fields.Date(
        data_key="to", metadata={"description": "a session on or before (London date)"}
    )

    @validates_schema
    def _range(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if (
            data.get("from_on")
            and data.get("to_on")
            and data["from_on"] > data["to_on"]
        ):
            raise ValidationError("from must not be after to.", "from")


class MyBookingSummarySchema(Schema):
    id = fields.Integer()
    status = fields.String()
    attendees = fields.Integer()
    position = fields.Function(bookings.waiting_position, allow_none=True)


class SessionSchema(Schema):
    id = fields.Integer()
    status = fields.String()
    starts_at = IsoDateTime()
    ends_at = IsoDateTime()
    local_date = fields.Function(lambda s: to_local(s.starts_at).date().isoformat())
    local_start_time = fields.Function(lambda s: f"{to_local(s.starts_at):%H:%M}")
    local_end_time = fields.Function(lambda s: f"{to_local(s.ends_at):%H:%M}")
    timezone = fields.Constant(LONDON.key)
    location = fields.Function(_place)


class CourseSessionSchema(SessionSchema):
    capacity = fields.Integer()
    free_places = fields.Integer()
    is_full = fields.Function(lambda s: s.free_places == 0)
    waiting_list = fields.Integer(metadata={"description": "how many are waiting"})
    my_booking = fields.Nested(MyBookingSummarySchema, allow_none=True)


class CourseDetailSchema(CourseSchema):
    description_html = fields.String()
    online_url = fields.String(
        allow_none=True,
        metadata={"description": "only for a parent with a booked place"},
    )
    sessions = fields.List(
        fields.Nested(CourseSessionSchema), metadata={"description": "upcoming"}
    )


class BookedCourseSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    title = fields.String()
    delivery = fields.String()


class BookingSchema(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "booked, waitlisted or cancelled"})
    position = fields.Function(
        bookings.waiting_position,
        allow_none=True,
        metadata={"description": "1 = next on the waiting list"},
    )
    attendees = fields.Integer()
    session = fields.Nested(SessionSchema)
    course = fields.Nested(BookedCourseSchema, attribute="session.course")
    online_url = fields.Function(
        lambda b: (
            b.session.course.online_url if bookings.can_see_joining_link(b) else None
        ),
        allow_none=True,
    )
    created_at = IsoDateTime()
    promoted_at = IsoDateTime(allow_none=True)
    cancelled_at = IsoDateTime(allow_none=True)


class BookingCreateSchema(Schema):
    attendees = fields.Integer(
        load_default=1,
        strict=True,
        validate=validate.OneOf([1, 2], error="Book for 1 or 2 adults."),
        metadata={"description": "2 books a couple together"},
    )


class BookingPageSchema(Schema):
    items = fields.List(fields.Nested(BookingSchema))
    next_cursor = fields.String(allow_none=True)


class MyBookingsQuerySchema(CursorQuerySchema):
    include_past = fields.Boolean(load_default=False)


def _booking_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    values = decode_cursor(cursor, 2)
    if values is None:
        return None
    try:
        starts_at, booking_id = datetime.fromisoformat(values[0]), values[1]
    except (TypeError, ValueError):
        starts_at, booking_id = None, None
    if (
        starts_at is None
        or starts_at.tzinfo is None
        or type(booking_id) is not int
        or not 0 <= booking_id <= MAX_ID
    ):
        raise invalid_cursor()
    return starts_at, booking_id


def _calendar(body: bytes, filename: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@blp.route("/courses")
@blp.etag
@blp.arguments(CourseQuerySchema, location="query")
@blp.response(200, CoursePageSchema)
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(400, description="malformed cursor")
@blp.alt_response(401, description="baby_id needs a signed-in parent")
@blp.alt_response(404, description="not your baby")
@blp.alt_response(422, description="invalid filter")
def list_courses(args):  # type: ignore[no-untyped-def]
    """Published courses: national and my area's, or one area's; filtered"""
    user = optional_user()
    baby = None
    if args.get("baby_id") is not None:
        if user is None:
            raise Unauthorized("Sign in to find courses for your baby's stage.")
        baby = get_baby_for(user, args["baby_id"])
    sync_since = listing.latest_change()
    query = listing.list_courses(
        reader_area=user.area_id if user else None,
        now=now_utc(),
        topic=args.get("topic"),
        audience=args.get("audience"),
        area=args.get("area"),
        kind=args.get("kind"),
        baby=baby,
        from_on=args.get("from_on"),
        to_on=args.get("to_on"),
        updated_since=args.get("updated_since"),
        after_id=decode_id_cursor(args.get("cursor")),
    )
    return paginate(query, args, lambda c: c.id, sync_since=sync_since)


@blp.route(f"/courses/<{ID}:course_id>")
@blp.etag
@blp.response(200, CourseDetailSchema)
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(404, description="no published course")
def get_course(course_id):  # type: ignore[no-untyped-def]
    """One published course with its upcoming sessions and free places"""
    return listing.course_detail(course_id, reader=optional_user(), now=now_utc())


@blp.route(f"/sessions/<{ID}:session_id>/bookings", methods=["POST"])
@parent_required
@blp.arguments(BookingCreateSchema)
@blp.response(201, BookingSchema)
@blp.alt_response(404, description="no such session")
@blp.alt_response(
    409,
    description="past, cancelled or unpublished session; already booked",
)
@blp.alt_response(422, description="attendees must be 1 or 2")
def book_session(data, session_id):  # type: ignore[no-untyped-def]
    """Book a place for 1 or 2 adults, or join the waiting list when it is full"""
    booking = bookings.book_session(
        current_user(), session_id, attendees=data["attendees"], now=now_utc()
    )
    db.session.commit()
    return booking


@blp.route(f"/bookings/<{ID}:booking_id>")
class BookingById(MethodView):
    @parent_required
    @blp.response(200, BookingSchema)
    @blp.alt_response(404, description="not your booking")
    def get(self, booking_id):  # type: ignore[no-untyped-def]
        """One of my bookings"""
        return bookings.get_booking_for(current_user(), booking_id)

    @parent_required
    @blp.response(204)
    @blp.alt_response(404, description="not your booking")
    @blp.alt_response(409, description="the session has started")
    def delete(self, booking_id):  # type: ignore[no-untyped-def]
        """Cancel my booking; a freed place goes to the waiting list at once"""
        bookings.cancel_booking(current_user(), booking_id, now=now_utc())
        db.session.commit()
        return ""


@blp.route("/me/bookings")
@parent_required
@blp.arguments(MyBookingsQuerySchema, location="query")
@blp.response(200, BookingPageSchema)
@blp.alt_response(400, description="malformed cursor")
def my_bookings(args):  # type: ignore[no-untyped-def]
    """My bookings, soonest session first (past ones with include_past)"""
    query = bookings.list_bookings(
        current_user(),
        now=now_utc(),
        include_past=args["include_past"],
        after=_booking_cursor(args.get("cursor")),
    )
    return paginate(query, args, lambda b: [b.session.starts_at.isoformat(), b.id])


@blp.route("/me/bookings.ics")
@parent_required
@blp.response(200, content_type="text/calendar")
@blp.doc(responses={"200": calendar_response("an iCalendar file, one event a booking")})
def my_bookings_calendar():  # type: ignore[no-untyped-def]
    """My bookings as an iCalendar file (cancelled ones marked CANCELLED)"""
    query = bookings.list_bookings(current_user(), now=now_utc())
    return _calendar(
        bookings_calendar(db.session.scalars(query), name="My course bookings"),
        "bookings.ics",
    )


@blp.route(f"/bookings/<{ID}:booking_id>/calendar.ics")
@parent_required
@blp.response(200, content_type="text/calendar")
@blp.doc(responses={"200": calendar_response("an iCalendar file with one event")})
@blp.alt_response(404, description="not your booking")
def booking_calendar(booking_id):  # type: ignore[no-untyped-def]
    """One booking as an iCalendar event"""
    booking = bookings.get_booking_for(current_user(), booking_id)
    return _calendar(
        bookings_calendar([booking], name="Course booking"), f"booking-{booking.id}.ics"
    )
