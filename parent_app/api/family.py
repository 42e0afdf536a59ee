"""A household: partner invites and joining with a code."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from marshmallow import Schema, fields, validate

from parent_app.api.babies import STAFF_REFUSED, BabySchema
from parent_app.api.common import Blueprint, IsoDateTime, current_user, parent_required
from parent_app.extensions import db, limiter
from parent_app.families import invites

blp = Blueprint(
    "family", __name__, url_prefix="/family", description="My family (household)"
)


class InviteSchema(Schema):
    code = fields.String(required=True, metadata={"description": "one-time, 7 days"})
    expires_at = IsoDateTime(required=True)


class JoinSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=4, max=32))


class AdultSchema(Schema):
    id = fields.Integer()
    role = fields.String()
    display_name = fields.String(allow_none=True)


class FamilySchema(Schema):
    id = fields.Integer()
    area = fields.String(attribute="area_id")
    adults = fields.List(fields.Nested(AdultSchema))
    babies = fields.List(fields.Nested(BabySchema))


@blp.route("", methods=["GET"])
@parent_required
@blp.response(200, FamilySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
def get_family():  # type: ignore[no-untyped-def]
    """My family: its adults and babies"""
    return current_user().household


@blp.route("/invites", methods=["POST"])
@parent_required
@blp.response(201, InviteSchema)
@blp.alt_response(403, description=STAFF_REFUSED)
def create_invite():  # type: ignore[no-untyped-def]
    """A one-time code for a partner to join my family"""
    code, invite = invites.create_invite(
        current_user(),
        now=datetime.now(UTC),
        lifetime_days=current_app.config["INVITE_LIFETIME_DAYS"],
    )
    db.session.commit()
    return {"code": code, "expires_at": invite.expires_at}


@blp.route("/join", methods=["POST"])
@limiter.limit(lambda: str(current_app.config["RATELIMIT_AUTH"]))
@parent_required
@blp.arguments(JoinSchema)
@blp.response(200, FamilySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(404, description="unknown, used or expired code (invalid_invite)")
@blp.alt_response(
    409,
    description="already in that family, or sharing another family (household_shared)",
)
@blp.alt_response(429, description="too many attempts")
def join(data):  # type: ignore[no-untyped-def]
    """Join a family with a one-time code; my own babies come along"""
    household = invites.join_household(
        current_user(), data["code"], now=datetime.now(UTC)
    )
    db.session.commit()
    return household
