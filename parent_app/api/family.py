"""A household: partner invites and joining with a code."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from marshmallow import Schema, fields, validate

from parent_app.api.babies import STAFF_REFUSED, BabySchema
from parent_app.api.common import Blueprint, IsoDateTime, current_user, parent_required
from parent_app.extensions import db, limiter
from parent_app.families import invites, membership
from parent_app.families.visibility import household_visibility

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
    is_creator = fields.Method(
        "_is_creator", metadata={"description": "set up this family"}
    )

    def _is_creator(self, adult):  # type: ignore[no-untyped-def]
        return adult.household is not None and adult.household.created_by_id == adult.id


class FamilySchema(Schema):
    id = fields.Integer()
    area = fields.String(attribute="area_id")
    adults = fields.List(fields.Nested(AdultSchema))
    babies = fields.List(fields.Nested(BabySchema))
    can_remove_adults = fields.Method(
        "_can_remove",
        metadata={"description": "whether I may remove another adult from the family"},
    )

    visibility = fields.Function(
        lambda household: household_visibility(),
        metadata={
            "description": "what every adult of the family sees, and what stays "
            "private to each"
        },
    )

    def _can_remove(self, household):  # type: ignore[no-untyped-def]
        return membership.can_remove_adults(current_user())


class OpenInviteSchema(Schema):
    id = fields.Integer(required=True)
    created_by_id = fields.Integer(allow_none=True)
    created_at = IsoDateTime(required=True)
    expires_at = IsoDateTime(required=True)


class OpenInviteListSchema(Schema):
    items = fields.List(fields.Nested(OpenInviteSchema), required=True)


@blp.route("", methods=["GET"])
@parent_required
@blp.response(200, FamilySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
def get_family():  # type: ignore[no-untyped-def]
    """My family: its adults and babies"""
    return current_user().household


@blp.route("/invites", methods=["GET"])
@parent_required
@blp.response(200, OpenInviteListSchema)
@blp.alt_response(403, description=STAFF_REFUSED)
def list_invites():  # type: ignore[no-untyped-def]
    """My family's open invites (unused and unexpired; their codes are not shown)"""
    return {"items": invites.list_open_invites(current_user(), now=datetime.now(UTC))}


@blp.route("/invites/<int:invite_id>", methods=["DELETE"])
@parent_required
@blp.response(204)
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(404, description="not an open invite of my family")
def withdraw_invite(invite_id: int):  # type: ignore[no-untyped-def]
    """Withdraw an open invite: its code stops working at once"""
    invites.withdraw_invite(current_user(), invite_id, now=datetime.now(UTC))
    db.session.commit()
    return ""


@blp.route("/leave", methods=["POST"])
@parent_required
@blp.response(200, FamilySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(422, description="I am the family's only adult")
def leave():  # type: ignore[no-untyped-def]
    """Leave my family: I keep my account and my own money answers, the babies stay

    ---
    Returns my new family of my own. Whatever was waiting to be sent to me about the
    family's babies is cancelled, and my open invites are withdrawn.
    """
    household = membership.leave_household(current_user(), now=datetime.now(UTC))
    db.session.commit()
    return household


@blp.route("/members/<int:user_id>", methods=["DELETE"])
@parent_required
@blp.response(200, FamilySchema)
@blp.alt_response(403, description="staff, or not allowed to remove adults")
@blp.alt_response(404, description="not an adult of my family")
@blp.alt_response(422, description="that is me (use leave)")
def remove_member(user_id: int):  # type: ignore[no-untyped-def]
    """Remove another adult from my family; their access ends at once

    ---
    Only the adult who set up the family, or the birthing parent, may do this. The
    removed adult keeps their account in a family of their own; every open invite of
    this family is withdrawn, and nothing waiting for them about its babies is sent.
    """
    household = membership.remove_adult(current_user(), user_id, now=datetime.now(UTC))
    db.session.commit()
    return household


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
