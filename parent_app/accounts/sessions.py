"""My sign-ins: every live token (apps and web sessions alike), listed and revoked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select

from parent_app.accounts.tokens import revoke_all_tokens
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models import ApiToken, User


def list_sessions(user: User, *, now: datetime) -> Select[tuple[ApiToken]]:
    """The user's live sign-ins, most recently used first."""
    return (
        select(ApiToken)
        .where(
            ApiToken.user_id == user.id,
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
        )
        .order_by(ApiToken.last_used_at.desc(), ApiToken.id.desc())
    )


def revoke_session(user: User, session_id: int, *, now: datetime) -> ApiToken:
    """Sign out one of the user's sign-ins at once. Raises NotFound for someone else's,
    an unknown one, or one already ended."""
    token = db.session.get(ApiToken, session_id)
    if (
        token is None
        or token.user_id != user.id
        or token.revoked_at is not None
        or token.expires_at <= now
    ):
        raise NotFound("No such sign-in.")
    token.revoked_at = now
    db.session.flush()
    return token


def revoke_other_sessions(user: User, *, keep_id: int, now: datetime) -> int:
    """Sign out every sign-in of the user but `keep_id`; returns how many ended."""
    return revoke_all_tokens(user, now=now, except_id=keep_id)
