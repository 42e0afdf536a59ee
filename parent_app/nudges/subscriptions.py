"""Push subscriptions: validated, allow-listed push services only, upserted by endpoint."""

from __future__ import annotations

import base64
import binascii
import fnmatch
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, select

from parent_app.errors import NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.models import PushSubscription, User


def _b64url(value: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def check_endpoint(endpoint: str, allowlist: list[str]) -> None:
    """Only https URLs on an allow-listed push service host: the sender can never be pointed
    at an internal address."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise ValidationFailed({"endpoint": ["The endpoint must be an https URL."]})
    if parts.username or parts.password:
        raise ValidationFailed({"endpoint": ["The endpoint must not carry credentials."]})
    if not any(fnmatch.fnmatchcase(host, pattern.strip().lower()) for pattern in allowlist if pattern.strip()):
        raise ValidationFailed({"endpoint": ["This push service is not supported."]})


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's P-256 public key (65 bytes, uncompressed) and 16-byte auth secret."""
    errors: dict[str, list[str]] = {}
    key = _b64url(p256dh)
    if key is None or len(key) != 65 or key[0] != 0x04:
        errors["keys.p256dh"] = ["Must be a base64url P-256 public key of 65 bytes."]
    secret = _b64url(auth)
    if secret is None or len(secret) != 16:
        errors["keys.auth"] = ["Must be a base64url auth secret of 16 bytes."]
    if errors:
        raise ValidationFailed(errors)


def save_subscription(user: User, *, endpoint: str, p256dh: str, auth: str,
                      allowlist: list[str], now: datetime) -> PushSubscription:
    """Add or refresh a subscription; an endpoint moves to whoever registers it last."""
    check_endpoint(endpoint, allowlist)
    check_keys(p256dh, auth)
    subscription = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if subscription is None:
        subscription = PushSubscription(endpoint=endpoint, created_at=now, user_id=user.id)
        db.session.add(subscription)
    subscription.user_id = user.id
    subscription.p256dh, subscription.auth = p256dh, auth
    subscription.is_active, subscription.deactivated_at = True, None
    db.session.flush()
    return subscription


def remove_subscription(user: User, endpoint: str) -> None:
    result = db.session.execute(
        delete(PushSubscription).where(PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id)
    )
    if not result.rowcount:
        raise NotFound("No such subscription.")
