"""Bearer tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from parent_app.extensions import db
from parent_app.models import ApiToken, User


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


def authenticate_token(raw: str, *, now: datetime) -> User | None:
    """The user a live token belongs to, or None for unknown, expired or revoked
    tokens."""
    if len(raw) > 200:
        return None
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    return token.user


def revoke_token(raw: str, *, now: datetime) -> None:
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is not None and token.revoked_at is None:
        token.revoked_at = now
