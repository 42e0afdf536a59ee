"""The in-app inbox of nudges, and a baby's nudge timeline."""

from __future__ import annotations

from marshmallow import Schema, fields

from parent_app.api.common import (
    Blueprint,
    CursorQuerySchema,
    IsoDateTime,
    current_user,
    decode_id_cursor,
    json_body,
    json_response,
    now_utc,
    paginate,
    parent_required,
    parent_today,
    read_only,
)
from parent_app.api.milestones import STATUSES, BookedForSchema, MarkResultSchema
from parent_app.api.read_cache import family_reads
from parent_app.api.staff_nudges import TimelineEntrySchema
from parent_app.domain import reminders
from parent_app.domain.milestones import MilestoneStatus
from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.milestones import marks
from parent_app.nudges.timeline import baby_with_outbox, family_timeline
from parent_app.outbox import inbox

blp = Blueprint("notifications", __name__, description="Inbox and timeline")


class NotificationSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    body = fields.String()
    topic = fields.String()
    baby_id = fields.Integer(allow_none=True)
    article_slug = fields.String(allow_none=True)
    milestone = fields.String(
        allow_none=True,
        metadata={"description": "the milestone it serves: POST …/actions/{action}"},
    )
    delivered_at = IsoDateTime()
    read_at = IsoDateTime(allow_none=True)


class NotificationQuerySchema(CursorQuerySchema):
    unread = fields.Boolean(load_default=False)


class NotificationPageSchema(Schema):
    items = fields.List(fields.Nested(NotificationSchema))
    next_cursor = fields.String(allow_none=True)


class FamilyTimelineEntrySchema(TimelineEntrySchema):
    sent_at = IsoDateTime(allow_none=True)
    kind = fields.String(
        metadata={
            "description": "nudge (from a published rule, named by `slug`) or "
            "reminder (one of my own: a leave plan, a money check action, a booking; "
            "no slug)",
            "enum": ["nudge", "reminder"],
        }
    )
    slug = fields.Function(
        lambda entry: entry.slug if entry.kind == "nudge" else None,
        metadata={"description": "the nudge rule's slug; null for a reminder"},
    )
    milestone = fields.String(
        allow_none=True, metadata={"description": "the milestone it serves, if any"}
    )
    milestone_status = fields.String(
        allow_none=True,
        metadata={
            "description": "what the family ticked for that milestone: booked, done, "
            "not_for_us, or null",
        },
    )
    is_follow_up = fields.Boolean(
        metadata={"description": "the rule's reminder again (same slug as the first)"}
    )


@blp.route("/notifications")
@parent_required
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationPageSchema)
def list_notifications(args):  # type: ignore[no-untyped-def]
    """My nudges, newest first"""
    query = inbox.list_notifications(
        current_user(),
        after_id=decode_id_cursor(args.get("cursor")),
        unread_only=args["unread"],
    )
    return paginate(query, args, lambda n: n.id)


@blp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@parent_required
@blp.response(200, NotificationSchema)
@blp.alt_response(404, description="not yours")
def mark_read(notification_id):  # type: ignore[no-untyped-def]
    """Mark a nudge as read"""
    row = inbox.mark_read(current_user(), notification_id, now=now_utc())
    db.session.commit()
    return row


@blp.route("/babies/<int:baby_id>/timeline")
@blp.etag
@read_only
@parent_required
@blp.response(200, FamilyTimelineEntrySchema(many=True))
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(404, description="not in your family")
def timeline(baby_id):  # type: ignore[no-untyped-def]
    """What I was nudged about for this baby, what is planned and what is coming"""
    user = current_user()
    today = reminders.local_today(now_utc(), user.timezone)

    def build() -> tuple[bytes, str]:
        baby, outbox = baby_with_outbox(user, baby_id)
        entries = family_timeline(user, baby, today=today, outbox=outbox)
        return json_body(FamilyTimelineEntrySchema(many=True).dump(entries))

    body, etag = family_reads.get(("timeline", baby_id, today), build)
    return json_response(blp, body, etag)


@blp.route(
    "/notifications/<int:notification_id>/actions/<string:action>", methods=["POST"]
)
@parent_required
@blp.arguments(BookedForSchema, required=False)
@blp.response(200, MarkResultSchema)
@blp.alt_response(404, description="not yours, or a reminder with no actions")
@blp.alt_response(409, description="a loss was recorded")
@blp.alt_response(422, description="not booked, done or not_for_us; a bad date")
def act_on_notification(data, notification_id, action):  # type: ignore[no-untyped-def]
    """Tick the milestone a reminder serves (its `actions`): booked, done or
    not_for_us

    A body is optional: `{"booked_for": "YYYY-MM-DD"}` with `booked` gives the day.
    """
    if action not in STATUSES:
        raise ValidationFailed(
            {"action": ["Use booked, done or not_for_us."]}, "This action is not known."
        )
    mark = marks.act_on_notification(
        current_user(),
        notification_id,
        MilestoneStatus(action),
        booked_for=(data or {}).get("booked_for", marks.KEEP_DATE),
        today=parent_today(),
        now=now_utc(),
    )
    db.session.commit()
    return mark
