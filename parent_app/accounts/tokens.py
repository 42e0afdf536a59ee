"""Bearer tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import contains_eager, joinedload

from parent_app.extensions import db
from parent_app.models import ApiToken, Household, User
from parent_app.models.versions import remember_versions, versions_query


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(
    user: User, *, now: datetime, lifetime_days: int
) -> tuple[str, ApiToken]:
    """A new token for `user`; the raw value is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
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
        select(User, ApiToken.expires_at, ApiToken.revoked_at, versions_query())
        .join(ApiToken, ApiToken.user_id == User.id)
        .outerjoin(Household, User.household_id == Household.id)
        .options(
            contains_eager(User.household),
            joinedload(User.muted),
            joinedload(User.staff_areas),
        )
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


def authenticate_token(raw: str, *, now: datetime) -> User | None:
    """The user a live token belongs to, or None for unknown, expired or revoked
    tokens."""
    if len(raw) > 200:
        return None
    row = (
        db.session.execute(_sign_in_query(), {"token_hash": hash_token(raw)})
        .unique()
        .first()
    )
    if row is None:
        return None
    user, expires_at, revoked_at, versions = row
    remember_versions(versions)
    if revoked_at is not None or expires_at <= now:
        return None
    return user


def revoke_token(raw: str, *, now: datetime) -> None:
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is not None and token.revoked_at is None:
        token.revoked_at = now
