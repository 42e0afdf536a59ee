"""Staff: courses through draft, review and publication, and their sessions.

Sessions, attendee lists and cancellations, for the staff member's own areas only."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    current_user,
    now_utc,
    staff_required,
)
from parent_app.api.courses import ID, SessionSchema
from parent_app.api.staff_content import add_lifecycle_routes
from parent_app.courses import bookings, sessions
from parent_app.courses.kind import CourseDataSchema
from parent_app.courses.session_plans import SessionsCreateSchema
from parent_app.extensions import db

blp = Blueprint(
    "staff_courses", __name__, description="Staff: courses and their sessions"
)

add_lifecycle_routes(blp, "course", "courses", CourseDataSchema)


class StaffSessionSchema(SessionSchema):
    course_id = fields.Integer()
    capacity = fields.Integer()
    booked_places = fields.Integer()
    free_places = fields.Integer()
    cancelled_at = IsoDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)


class CancelSessionSchema(Schema):
    reason = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=300),
        metadata={"description": "told to the parents"},
    )


class AttendeeSchema(Schema):
    booking_id = fields.Integer(attribute="id")
    status = fields.String()
    position = fields.Function(bookings.waiting_position, allow_none=True)
    attendees = fields.Integer()
    name = fields.String(attribute="user.display_name", allow_none=True)
    email = fields.String(attribute="user.email")
    role = fields.String(attribute="user.role")
    booked_at = IsoDateTime(attribute="created_at")


class AttendeeListSchema(Schema):
    session = fields.Nested(StaffSessionSchema)
    booked = fields.List(fields.Nested(AttendeeSchema))
    waiting_list = fields.List(fields.Nested(AttendeeSchema))


@blp.route(f"/staff/courses/<{ID}:item_id>/sessions")
class CourseSessions(MethodView):
    @staff_required
    @blp.response(200, StaffSessionSchema(many=True))
    @blp.alt_response(404, description="not in your areas")
    def get(self, item_id):  # type: ignore[no-untyped-def]
        """Every session of a course in my areas"""
        return db.session.scalars(
            sessions.list_sessions_for_staff(current_user(), item_id)
        ).all()

    @staff_required
    @blp.arguments(SessionsCreateSchema)
    @blp.response(201, StaffSessionSchema(many=True))
    @blp.alt_response(404, description="not in your areas")
    @blp.alt_response(409, description="archived course")
    @blp.alt_response(422, description="invalid fields, or a date in the past")
    def post(self, spec, item_id):  # type: ignore[no-untyped-def]
        """Plan one session, or a repeating pattern of them, for a course in my areas"""
        created = sessions.create_sessions(current_user(), item_id, spec, now=now_utc())
        db.session.commit()
        return created


@blp.route(f"/staff/sessions/<{ID}:session_id>/attendees")
@staff_required
@blp.response(200, AttendeeListSchema)
@blp.alt_response(404, description="not in your areas")
def attendees(session_id):  # type: ignore[no-untyped-def]
    """Who is booked and who is waiting, for a session in my areas"""
    session, active = sessions.list_attendees(current_user(), session_id)
    return {
        "session": session,
        "booked": [b for b in active if b.status == "booked"],
        "waiting_list": [b for b in active if b.status == "waitlisted"],
    }


@blp.route(f"/staff/sessions/<{ID}:session_id>/cancel", methods=["POST"])
@staff_required
@blp.arguments(CancelSessionSchema)
@blp.response(200, StaffSessionSchema)
@blp.alt_response(404, description="not in your areas")
@blp.alt_response(409, description="already cancelled, or already started")
def cancel_session(data, session_id):  # type: ignore[no-untyped-def]
    """Cancel a session: every booked and waiting parent is told by a nudge"""
    session = sessions.cancel_session(
        current_user(), session_id, reason=data["reason"], now=now_utc()
    )
    db.session.commit()
    return session
