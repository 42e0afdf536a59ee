"""Push subscriptions: validated, allow-listed push services only, upserted by
endpoint."""

from __future__ import annotations

import base64
import binascii
import fnmatch
import re
from datetime import datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, select, update

from parent_app.errors import Conflict, NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.models import DeliveryStatus, PushDelivery, PushSubscription, User
from parent_app.outbox.personal import schedule_personal_nudge
from parent_app.outbox.sql import insert_ignoring_duplicates

# RFC 4648 §5 (what PushSubscription.toJSON() gives), padding optional.
BASE64URL = re.compile(r"[A-Za-z0-9_-]+={0,2}")
P256_POINT_BYTES = 65
# RFC 1123 host name labels; the last one (the top-level domain) is never all digits,
# which also keeps IPv4 addresses out.
DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
MAX_HOSTNAME_CHARS = 253
AUTH_SECRET_BYTES = 16


def _b64url(value: str) -> bytes | None:
    if not BASE64URL.fullmatch(value):
        return None
    try:
        return base64.urlsafe_b64decode(
            value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4)
        )
    except (binascii.Error, ValueError):
        return None


def check_endpoint(endpoint: str, allowlist: list[str]) -> None:
    """Only https URLs on an allow-listed push service host: the sender can never be
    pointed at an internal address. Raises ValidationFailed (422) otherwise."""
    invalid = ValidationFailed({"endpoint": ["The endpoint must be an https URL."]})
    if not endpoint.isascii() or any(
        ch.isspace() or not ch.isprintable() for ch in endpoint
    ):
        raise invalid
    try:
        parts = urlsplit(endpoint)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise invalid from exc
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise invalid
    if parts.username is not None or parts.password is not None:
        raise ValidationFailed(
            {"endpoint": ["The endpoint must not carry credentials."]}
        )
    # Push services listen on 443 only: any other port (or an empty one) is refused.
    if parts.netloc.lower() not in (host, f"{host}:443") or not is_dns_hostname(host):
        raise ValidationFailed(
            {"endpoint": ["The endpoint must be a push service's https address."]}
        )
    if not any(
        fnmatch.fnmatchcase(host, pattern.strip().lower())
        for pattern in allowlist
        if pattern.strip()
    ):
        raise ValidationFailed({"endpoint": ["This push service is not supported."]})


def is_dns_hostname(host: str) -> bool:
    """A lower-case DNS host name of two or more labels: no IP address, no empty label
    (".push.example.com", "a..b", a trailing dot), no percent-encoding or underscore."""
    labels = host.split(".")
    return (
        len(host) <= MAX_HOSTNAME_CHARS
        and len(labels) >= 2
        and all(DNS_LABEL.fullmatch(label) for label in labels)
        and not labels[-1].isdigit()
    )


def is_p256_public_key(raw: bytes) -> bool:
    """An uncompressed P-256 point (0x04 ‖ X ‖ Y) that lies on the curve: a key a
    message can be encrypted to (RFC 8291 §3.1)."""
    if len(raw) != P256_POINT_BYTES or raw[0] != 0x04:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


def check_keys(p256dh: str, auth: str) -> None:
    """The browser's P-256 public key (65 bytes, uncompressed, on the curve) and 16-byte
    auth secret, both base64url. Raises ValidationFailed (422) naming the bad key."""
    errors: dict[str, list[str]] = {}
    key = _b64url(p256dh)
    if key is None or not is_p256_public_key(key):
        errors["keys.p256dh"] = ["Must be a base64url P-256 public key of 65 bytes."]
    secret = _b64url(auth)
    if secret is None or len(secret) != AUTH_SECRET_BYTES:
        errors["keys.auth"] = ["Must be a base64url auth secret of 16 bytes."]
    if errors:
        raise ValidationFailed(errors)


def save_subscription(
    user: User,
    *,
    endpoint: str,
    p256dh: str,
    auth: str,
    allowlist: list[str],
    now: datetime,
) -> tuple[PushSubscription, bool]:
    """Add or refresh a subscription; an endpoint moves to whoever registers it last,
    and pushes still queued for its previous owner are dropped (never shown to the new
    one). Returns the subscription and whether it is new to this user. Raises
    ValidationFailed (422) for an endpoint or keys that cannot be used."""
    check_endpoint(endpoint, allowlist)
    check_keys(p256dh, auth)
    # Insert-or-nothing first, so that two registrations of one endpoint at once never
    # collide on its unique key.
    inserted = db.session.execute(
        insert_ignoring_duplicates(PushSubscription.__table__, ["endpoint"]).values(
            user_id=user.id,
            endpoint=endpoint,
            p256dh=p256dh,
            auth=auth,
            is_active=True,
            created_at=now,
        )
    )
    subscription = db.session.scalars(
        select(PushSubscription)
        .where(PushSubscription.endpoint == endpoint)
        .execution_options(populate_existing=True)
    ).one()
    is_new_to_user = bool(inserted.rowcount) or subscription.user_id != user.id
    if subscription.user_id != user.id:
        db.session.execute(
            update(PushDelivery)
            .where(
                PushDelivery.subscription_id == subscription.id,
                PushDelivery.status == DeliveryStatus.PENDING,
            )
            .values(status=DeliveryStatus.CANCELLED)
        )
    subscription.user_id = user.id
    subscription.p256dh, subscription.auth = p256dh, auth
    subscription.is_active, subscription.deactivated_at = True, None
    db.session.flush()
    return subscription, is_new_to_user


def list_subscriptions(user: User) -> list[PushSubscription]:
    """The user's devices (push subscriptions), newest first."""
    return list(
        db.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.user_id == user.id)
            .order_by(PushSubscription.id.desc())
        )
    )


def remove_subscription(user: User, endpoint: str) -> None:
    """Forget one of the user's subscriptions. Raises NotFound (404) when it is not
    theirs."""
    result = db.session.execute(
        delete(PushSubscription).where(
            PushSubscription.endpoint == endpoint, PushSubscription.user_id == user.id
        )
    )
    if not result.rowcount:
        raise NotFound("No such subscription.")


class NoPushSubscription(Conflict):
    code = "no_push_subscription"
    message = (
        "This account has no device set up for notifications yet: allow notifications "
        "in the app on your phone first."
    )


TEST_PUSH_TITLE = "Notifications are working"
TEST_PUSH_BODY = "This is the test you asked for. Reminders will arrive like this."


def queue_test_push(user: User, *, now: datetime) -> int:
    """Queue a test notification for all of the user's live devices, to go at once
    (the next send run, within seconds; quiet hours do not apply to a test the user
    asked for). Returns how many devices it goes to. Raises NoPushSubscription (409)
    when there are none."""
    devices = sum(1 for s in list_subscriptions(user) if s.is_active)
    if not devices:
        raise NoPushSubscription()
    schedule_personal_nudge(
        user,
        source_key=f"push-test:{int(now.timestamp() * 1000)}",
        title=TEST_PUSH_TITLE,
        body=TEST_PUSH_BODY,
        topic="push-test",
        send_at=now,
        window_days=0,
        now=now,
        ttl_seconds=3600,
    )
    return devices
