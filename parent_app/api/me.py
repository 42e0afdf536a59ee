"""The signed-in user: profile, preferences, data export and erasure."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, jsonify
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.accounts import password_reset, users, verification
from parent_app.accounts.links import LinkSettings
from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    auth_required,
    current_token_id,
    current_user,
    json_body,
    json_response,
    now_utc,
    read_only,
)
from parent_app.api.read_cache import family_reads
from parent_app.content.vocab import ARTICLE_TOPICS
from parent_app.extensions import db, limiter
from parent_app.privacy.export_erase import erase_user, export_user_data

blp = Blueprint("me", __name__, url_prefix="/me", description="My account")

# Python's "$" also matches before a trailing newline ("10:00\n" is not a time), and
# the OpenAPI document needs an ECMA-262 pattern (no \A or \Z): "(?!\n)$" is both.
HHMM = validate.Regexp(
    r"^([01]\d|2[0-3]):[0-5]\d(?!\n)$", error="Use 24-hour HH:MM, e.g. 10:00."
)
# A parent mutes the topics content is filed under (one vocabulary: content.vocab).
TOPICS = tuple(ARTICLE_TOPICS)


class QuietHoursSchema(Schema):
    start = fields.String(required=True, validate=HHMM)
    end = fields.String(required=True, validate=HHMM)

    @validates_schema
    def _not_empty_span(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if data.get("start") and data.get("start") == data.get("end"):
            raise ValidationError("Quiet hours must end at a different time.", "end")


class UserSchema(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    email_verified = fields.Boolean(
        dump_only=True,
        metadata={
            "description": "false until the link in the verification mail is used; "
            "clients remind the parent (POST /me/email-verification sends a new one)"
        },
    )
    role = fields.String(dump_only=True)
    area = fields.String(attribute="area_id", dump_only=True)
    staff_areas = fields.Method("_staff_areas", dump_only=True)
    household_id = fields.Integer(dump_only=True, allow_none=True)
    display_name = fields.String(allow_none=True)
    reminder_time = fields.String()
    quiet_hours = fields.Nested(QuietHoursSchema, allow_none=True)
    timezone = fields.String()
    muted_topics = fields.List(fields.String())
    language = fields.String()
    discreet = fields.Boolean(
        metadata={
            "description": 'notifications say only "You have a new message", for a '
            "shared phone or one someone else may look at"
        }
    )
    created_at = IsoDateTime(dump_only=True)

    def _staff_areas(self, user):  # type: ignore[no-untyped-def]
        return sorted(user.staff_area_ids) if user.is_staff else []


class UserUpdateSchema(Schema):
    display_name = fields.String(allow_none=True, validate=validate.Length(max=80))
    area = fields.String(validate=validate.Length(min=1, max=64))
    reminder_time = fields.String(validate=HHMM)
    quiet_hours = fields.Nested(QuietHoursSchema, allow_none=True)
    timezone = fields.String(validate=validate.Length(min=1, max=64))
    muted_topics = fields.List(
        fields.String(validate=validate.OneOf(TOPICS)), validate=validate.Length(max=20)
    )
    language = fields.String(
        validate=validate.OneOf(["en", "cy", "pl", "ro", "ur", "ar"])
    )
    discreet = fields.Boolean()

    @validates_schema
    def _not_empty(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if not data:
            raise ValidationError("Send at least one field to change.", "_schema")


class ExportSchema(Schema):
    """Every row about me and my family, by kind; other domains add their own kinds."""

    exported_at = IsoDateTime(required=True)
    account = fields.List(
        fields.Dict(), metadata={"description": "my account (no hashes)"}
    )
    household = fields.List(fields.Dict())
    babies = fields.List(fields.Dict())
    tokens = fields.List(
        fields.Dict(), metadata={"description": "sign-ins, without hashes"}
    )
    muted_topics = fields.List(fields.Dict())
    notifications = fields.List(fields.Dict())
    family_invites = fields.List(
        fields.Dict(), metadata={"description": "without codes"}
    )
    finance_reviews = fields.List(fields.Dict())
    finance_actions = fields.List(fields.Dict())
    push_subscriptions = fields.List(fields.Dict())
    account_links = fields.List(
        fields.Dict(),
        metadata={"description": "verification and reset links sent, without tokens"},
    )
    mail = fields.List(
        fields.Dict(), metadata={"description": "mail sent to me, without its text"}
    )
    bookings = fields.List(fields.Dict())
    leave_plans = fields.List(fields.Dict())
    milestones = fields.List(
        fields.Dict(), metadata={"description": "what the family ticked per baby"}
    )


class EraseSchema(Schema):
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=256)
    )


@blp.route("")
class Me(MethodView):
    @blp.etag
    @read_only
    @auth_required()
    @blp.response(200, UserSchema)
    @blp.alt_response(304, description="not modified (If-None-Match)")
    @blp.alt_response(401, description="no valid token")
    def get(self):  # type: ignore[no-untyped-def]
        """My profile and preferences"""
        body, etag = family_reads.get(
            ("me",), lambda: json_body(UserSchema().dump(current_user()))
        )
        return json_response(blp, body, etag)

    @auth_required()
    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    @blp.alt_response(401, description="no valid token")
    @blp.alt_response(422, description="invalid fields")
    def patch(self, changes):  # type: ignore[no-untyped-def]
        """Change my profile and reminder preferences"""
        user = users.update_profile(current_user(), changes, now=now_utc())
        db.session.commit()
        return user

    @auth_required()
    @blp.arguments(EraseSchema)
    @blp.response(204)
    @blp.alt_response(401, description="no valid token, or the password is wrong")
    def delete(self, data):  # type: ignore[no-untyped-def]
        """Erase my account (and my family's data when I am its last adult)"""
        erase_user(current_user(), password=data["password"])
        db.session.commit()
        return ""


@blp.route("/export")
@auth_required()
@blp.response(200, ExportSchema)
def export():  # type: ignore[no-untyped-def]
    """All of my data as JSON

    ---
    Returned as built, not through ExportSchema: other domains register further kinds
    (bookings, plans) that the schema documents only as additional lists.
    """
    return jsonify(export_user_data(current_user(), now=datetime.now(UTC)))


class AcceptedSchema(Schema):
    message = fields.String(required=True)


class PasswordChangeSchema(Schema):
    old_password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=256)
    )
    new_password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=10, max=256, error="Use 10 to 256 characters."),
    )


class EmailChangeSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=256)
    )


def _auth_limit() -> str:
    return str(current_app.config["RATELIMIT_AUTH"])


@blp.route("/password", methods=["POST"])
@limiter.limit(_auth_limit)
@auth_required()
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(403, description="the current password is wrong (wrong_password)")
@blp.alt_response(422, description="the new password is refused")
@blp.alt_response(429, description="too many attempts")
def change_password(data):  # type: ignore[no-untyped-def]
    """Change my password; every other sign-in of mine is signed out"""
    password_reset.change_password(
        current_user(),
        old_password=data["old_password"],
        new_password=data["new_password"],
        now=now_utc(),
        keep_token_id=current_token_id(),
    )
    db.session.commit()
    return ""


@blp.route("/email", methods=["POST"])
@limiter.limit(_auth_limit)
@auth_required()
@blp.arguments(EmailChangeSchema)
@blp.response(200, UserSchema)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(403, description="the password is wrong (wrong_password)")
@blp.alt_response(409, description="another account has that email (email_taken)")
@blp.alt_response(429, description="too many attempts")
def change_email(data):  # type: ignore[no-untyped-def]
    """Change my email address; the new one must be confirmed from its mail"""
    user = verification.change_email(
        current_user(),
        new_email=data["email"],
        password=data["password"],
        now=now_utc(),
        settings=LinkSettings.from_config(current_app.config),
    )
    db.session.commit()
    return user


@blp.route("/email-verification", methods=["POST"])
@limiter.limit(_auth_limit)
@auth_required()
@blp.response(202, AcceptedSchema)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(409, description="already confirmed (already_verified)")
@blp.alt_response(429, description="too many attempts")
def resend_verification():  # type: ignore[no-untyped-def]
    """Send me a new link to confirm my email address"""
    user = current_user()
    verification.send_verification(
        user, now=now_utc(), settings=LinkSettings.from_config(current_app.config)
    )
    db.session.commit()
    return {"message": f"We have sent a new link to {user.email}."}
