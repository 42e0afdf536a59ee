"""Milestones a family ticks for a baby: booked, done, not for us."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    current_user,
    now_utc,
    parent_required,
    parent_today,
)
from parent_app.domain.milestones import MilestoneStatus
from parent_app.extensions import db
from parent_app.milestones import marks

blp = Blueprint(
    "milestones",
    __name__,
    url_prefix="/babies",
    description="Milestones a family ticks for a baby",
)

STATUSES = [status.value for status in MilestoneStatus]


class MilestoneSchema(Schema):
    key = fields.String()
    title = fields.String()
    per_adult = fields.Boolean(
        metadata={"description": "one mark per adult (leave-checked)"}
    )
    for_user_id = fields.Integer(
        allow_none=True, metadata={"description": "the adult, for a per-adult one"}
    )
    window_from = fields.Date(allow_none=True)
    window_until = fields.Date(allow_none=True)
    status = fields.String(
        allow_none=True, metadata={"description": "booked, done, not_for_us or null"}
    )
    marked_by_id = fields.Integer(allow_none=True)
    marked_at = IsoDateTime(allow_none=True)
    booked_for = fields.Date(
        allow_none=True, metadata={"description": "the day it is booked for, if given"}
    )


class BookedForSchema(Schema):
    booked_for = fields.Date(
        allow_none=True,
        metadata={
            "description": "with booked: the day it is booked for (today to a year "
            "ahead); every adult gets a reminder the day before. Left out, a date "
            "already given stays; null removes it."
        },
    )


class MarkSchema(BookedForSchema):
    status = fields.String(
        required=True,
        validate=validate.OneOf(STATUSES, error="Use booked, done or not_for_us."),
    )


class MarkResultSchema(Schema):
    key = fields.String(attribute="milestone_key")
    baby_id = fields.Integer()
    status = fields.String()
    for_user_id = fields.Integer(allow_none=True)
    marked_by_id = fields.Integer(allow_none=True)
    marked_at = IsoDateTime()
    booked_for = fields.Date(attribute="appointment_on", allow_none=True)


@blp.route("/<int:baby_id>/milestones")
@parent_required
@blp.response(200, MilestoneSchema(many=True))
@blp.alt_response(404, description="not in your family")
def list_milestones(baby_id):  # type: ignore[no-untyped-def]
    """Every milestone with its window for this baby and what the family marked"""
    return marks.list_milestones(current_user(), baby_id)


@blp.route("/<int:baby_id>/milestones/<string:key>")
class MilestoneMark(MethodView):
    @parent_required
    @blp.arguments(MarkSchema)
    @blp.response(200, MarkResultSchema)
    @blp.alt_response(404, description="not in your family, or no such milestone")
    @blp.alt_response(409, description="a loss was recorded")
    @blp.alt_response(422, description="an unknown status, or a date not allowed")
    def put(self, data, baby_id, key):  # type: ignore[no-untyped-def]
        """Mark a milestone booked (optionally for a day), done or not_for_us (done and
        not_for_us stop its reminders for both adults)"""
        mark = marks.mark_milestone(
            current_user(),
            baby_id,
            key,
            MilestoneStatus(data["status"]),
            booked_for=data.get("booked_for", marks.KEEP_DATE),
            today=parent_today(),
            now=now_utc(),
        )
        db.session.commit()
        return mark

    @parent_required
    @blp.response(204)
    @blp.alt_response(404, description="not in your family, or not marked")
    def delete(self, baby_id, key):  # type: ignore[no-untyped-def]
        """Clear a mark made by mistake"""
        marks.clear_milestone(current_user(), baby_id, key)
        db.session.commit()
        return ""
