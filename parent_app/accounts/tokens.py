"""Bearer tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import contains_eager, joinedload

from parent_app.extensions import db
from parent_app.models import ApiToken, Household, User
from parent_app.models.versions import remember_versions, versions_query


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(
    user: User, *, now: datetime, lifetime_days: int, device_hint: str | None = None
) -> tuple[str, ApiToken]:
    """A new token for `user`; the raw value is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
        last_used_at=now,
        device_hint=device_hint,
    )
    db.session.add(token)
    db.session.flush()
    return raw, token


@functools.cache
def _sign_in_query() -> Any:
    """One query: the token's dates, the user with their household (the areas they
    read), muted topics and staff areas, and the read versions the in-process caches
    are checked against; nothing about the user is loaded lazily afterwards. Built
    once: it runs on every signed-in request."""
    return (
        select(
            User,
            ApiToken.id,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            ApiToken.last_used_at,
            versions_query(),
        )
        .join(ApiToken, ApiToken.user_id == User.id)
        .outerjoin(Household, User.household_id == Household.id)
        .options(
            contains_eager(User.household),
            joinedload(User.muted),
            joinedload(User.staff_areas),
        )
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


@dataclass(frozen=True)
class SignIn:
    """Who a live token signs in, and which token it is (its sessions row)."""

    user: User
    token_id: int
    last_used_at: datetime | None


def authenticate(raw: str, *, now: datetime) -> SignIn | None:
    """The sign-in of a live token, or None for unknown, expired or revoked tokens
    and for switched-off accounts."""
    if len(raw) > 200:
        return None
    row = (
        db.session.execute(_sign_in_query(), {"token_hash": hash_token(raw)})
        .unique()
        .first()
    )
    if row is None:
        return None
    user, token_id, expires_at, revoked_at, last_used_at, versions = row
    remember_versions(versions)
    if revoked_at is not None or expires_at <= now or user.disabled_at is not None:
        return None
    return SignIn(user=user, token_id=token_id, last_used_at=last_used_at)


# Last use is kept to the minute: a write per request would cost more than it tells.
TOUCH_EVERY = timedelta(minutes=1)


def record_use(sign_in: SignIn, *, now: datetime) -> bool:
    """Note that the sign-in's token was used now, if its last use is more than a
    minute old. Returns whether it wrote (the caller commits)."""
    last = sign_in.last_used_at
    if last is not None and now - last < TOUCH_EVERY:
        return False
    db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == sign_in.token_id)
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    return True


def authenticate_token(raw: str, *, now: datetime) -> User | None:
    """The user a live token belongs to, or None for unknown, expired or revoked
    tokens."""
    sign_in = authenticate(raw, now=now)
    return sign_in.user if sign_in is not None else None


def revoke_token(raw: str, *, now: datetime) -> None:
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is not None and token.revoked_at is None:
        token.revoked_at = now


def revoke_all_tokens(
    user: User, *, now: datetime, except_id: int | None = None
) -> int:
    """Revoke every live token (API and web sessions) of `user`, but `except_id`;
    returns how many."""
    query = update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
    )
    if except_id is not None:
        query = query.where(ApiToken.id != except_id)
    result = db.session.execute(
        query.values(revoked_at=now).execution_options(synchronize_session=False)
    )
    return int(result.rowcount)
