"""Web Push: the VAPID public key and the browser's PushSubscription."""

from __future__ import annotations

from flask import current_app
from marshmallow import Schema, fields, validate

from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    current_user,
    now_utc,
    parent_required,
)
from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.outbox import subscriptions

blp = Blueprint(
    "push", __name__, url_prefix="/push", description="Web Push subscriptions"
)


class VapidKeySchema(Schema):
    public_key = fields.String(
        metadata={"description": "base64url, for applicationServerKey"}
    )


class SubscriptionKeysSchema(Schema):
    p256dh = fields.String(required=True, validate=validate.Length(min=80, max=100))
    auth = fields.String(required=True, validate=validate.Length(min=16, max=30))


class PushSubscriptionSchema(Schema):
    """The browser's PushSubscription.toJSON()."""

    endpoint = fields.String(required=True, validate=validate.Length(min=10, max=1024))
    expirationTime = fields.Raw(load_default=None, allow_none=True)  # noqa: N815 - the standard's name
    keys = fields.Nested(SubscriptionKeysSchema, required=True)


class SavedSubscriptionSchema(Schema):
    id = fields.Integer()
    endpoint = fields.String()
    is_active = fields.Boolean()
    created_at = IsoDateTime()


class EndpointSchema(Schema):
    """DELETE takes the endpoint in a JSON body or, for clients that cannot send a body
    with DELETE, as `?endpoint=`."""

    endpoint = fields.String(validate=validate.Length(min=10, max=1024))


def _allowlist() -> list[str]:
    return str(current_app.config["PUSH_SERVICE_ALLOWLIST"]).split(",")


@blp.route("/vapid-public-key")
@blp.response(200, VapidKeySchema)
def vapid_public_key():  # type: ignore[no-untyped-def]
    """The server's VAPID public key"""
    return {"public_key": current_app.config["VAPID_PUBLIC_KEY"]}


@blp.route("/subscriptions", methods=["GET"])
@parent_required
@blp.response(200, SavedSubscriptionSchema(many=True))
def list_subscriptions():  # type: ignore[no-untyped-def]
    """My devices: the push subscriptions saved for my account, newest first"""
    return subscriptions.list_subscriptions(current_user())


@blp.route("/subscriptions", methods=["POST"])
@parent_required
@blp.arguments(PushSubscriptionSchema)
@blp.response(201, SavedSubscriptionSchema)
@blp.alt_response(200, schema=SavedSubscriptionSchema, description="updated")
@blp.alt_response(422, description="not a valid subscription or push service")
def subscribe(data):  # type: ignore[no-untyped-def]
    """Save this browser's push subscription: 201 when new, 200 when it updates one"""
    saved, created = subscriptions.save_subscription(
        current_user(),
        endpoint=data["endpoint"],
        p256dh=data["keys"]["p256dh"],
        auth=data["keys"]["auth"],
        allowlist=_allowlist(),
        now=now_utc(),
    )
    db.session.commit()
    return saved, 201 if created else 200


@blp.route("/subscriptions", methods=["DELETE"])
@parent_required
@blp.arguments(EndpointSchema, location="query")
@blp.arguments(EndpointSchema, required=False)
@blp.response(204)
@blp.alt_response(404, description="not your subscription")
@blp.alt_response(422, description="no endpoint given")
def unsubscribe(query, data):  # type: ignore[no-untyped-def]
    """Remove a push subscription by its endpoint"""
    endpoint = data.get("endpoint") or query.get("endpoint")
    if endpoint is None:
        raise ValidationFailed({"endpoint": ["Missing data for required field."]})
    subscriptions.remove_subscription(current_user(), endpoint)
    db.session.commit()
    return ""


class TestPushSchema(Schema):
    devices = fields.Integer(metadata={"description": "how many devices it goes to"})
    message = fields.String()


@blp.route("/test", methods=["POST"])
@parent_required
@blp.response(202, TestPushSchema)
@blp.alt_response(409, description="no device set up for notifications")
def send_test_push():  # type: ignore[no-untyped-def]
    """Send me a test notification now, on every device I set up"""
    devices = subscriptions.queue_test_push(current_user(), now=now_utc())
    db.session.commit()
    return {
        "devices": devices,
        "message": "A test notification is on its way; it should arrive within a "
        "minute.",
    }
