"""Staff: nudge rules through review, a timeline preview for a made-up family, reach
figures."""

from __future__ import annotations

from datetime import date

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.api.common import Blueprint, current_user, staff_required
from parent_app.api.staff_content import add_lifecycle_routes
from parent_app.content import lifecycle
from parent_app.domain.pregnancy import MAX_GESTATION_WEEKS, MIN_GESTATION_WEEKS
from parent_app.nudges.rules import NudgeRuleDataSchema
from parent_app.nudges.stats import rule_stats
from parent_app.nudges.timeline import made_up_family, preview_timeline

blp = Blueprint("staff_nudges", __name__, description="Staff: nudge rules")


# A made-up family's dates: anything a real family could have, with room either side.
PREVIEW_DATES = validate.Range(
    min=date(2000, 1, 1),
    max=date(2099, 12, 31),
    error="Use a date from 2000-01-01 to 2099-12-31.",
)


class PreviewQuerySchema(Schema):
    due_date = fields.Date(validate=PREVIEW_DATES)
    date_of_birth = fields.Date(validate=PREVIEW_DATES)
    gestation_weeks = fields.Integer(
        load_default=40,
        validate=validate.Range(MIN_GESTATION_WEEKS, MAX_GESTATION_WEEKS),
    )
    role = fields.String(
        load_default="birthing_parent",
        validate=validate.OneOf(["birthing_parent", "partner"]),
    )
    area = fields.String(load_default="national", validate=validate.Length(max=64))
    include_drafts = fields.Boolean(load_default=False)

    @validates_schema
    def _one_anchor(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if bool(data.get("due_date")) == bool(data.get("date_of_birth")):
            raise ValidationError("Give either due_date or date_of_birth.", "due_date")


class TimelineEntrySchema(Schema):
    date = fields.Date()
    slug = fields.String()
    title = fields.String()
    body = fields.String()
    topic = fields.String()
    audience = fields.String()
    area = fields.String()
    state = fields.String(
        metadata={"description": "upcoming, planned, sent, expired or draft"}
    )
    article_slug = fields.String(allow_none=True)
    is_estimate = fields.Boolean(
        metadata={
            "description": "timed from birth but dated from the due date (not born yet)"
        }
    )


class StatsSchema(Schema):
    planned = fields.Integer()
    in_inbox = fields.Integer()
    waiting = fields.Integer()
    cancelled = fields.Integer()
    expired = fields.Integer()
    read = fields.Integer()
    pushes = fields.Dict(keys=fields.String(), values=fields.Integer())


@blp.route("/staff/nudges/preview")
@staff_required
@blp.arguments(PreviewQuerySchema, location="query")
@blp.response(200, TimelineEntrySchema(many=True))
@blp.alt_response(422, description="invalid family")
def preview(args):  # type: ignore[no-untyped-def]
    """The whole dated timeline a made-up family would get (optionally with drafts)

    For a pregnancy, the rules timed from birth are dated as if the baby were born on
    the due date, and marked `is_estimate`. Drafts and rules in review replace their
    live version; they are shown only for the staff member's own areas.
    """
    dates = made_up_family(
        due_on=args.get("due_date"),
        born_on=args.get("date_of_birth"),
        gestation_weeks=args["gestation_weeks"],
    )
    return preview_timeline(
        current_user(),
        dates,
        role=args["role"],
        area=args["area"],
        include_drafts=args["include_drafts"],
    )


add_lifecycle_routes(blp, "nudge_rule", "nudges", NudgeRuleDataSchema)


@blp.route("/staff/nudges/<int:item_id>/stats")
@staff_required
@blp.response(200, StatsSchema)
@blp.alt_response(404, description="not in your areas")
def stats(item_id):  # type: ignore[no-untyped-def]
    """
    Anonymous reach figures for a rule: planned, in inboxes, read, pushes by outcome
    """
    item = lifecycle.get_item_for_staff(current_user(), "nudge_rule", item_id)
    return rule_stats(item.id)
