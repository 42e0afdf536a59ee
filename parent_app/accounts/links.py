"""Single-use, expiring links sent by mail: a random token, only its hash stored."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select, update

from parent_app.accounts.tokens import hash_token
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models import AccountLink, LinkPurpose, User

INVALID_LINK = (
    "This link is not valid: it may have expired or been used already. "
    "You can ask for a new one."
)


@dataclass(frozen=True)
class LinkSettings:
    """Where links point and how long they live (from the app's configuration)."""

    base_url: str
    verify_email_hours: int
    reset_password_minutes: int
    resets_per_hour: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LinkSettings:
        """The settings from the app's configuration (the boundary passes them)."""
        return cls(
            base_url=str(config["PUBLIC_BASE_URL"]).rstrip("/"),
            verify_email_hours=int(config["VERIFY_EMAIL_HOURS"]),
            reset_password_minutes=int(config["RESET_PASSWORD_MINUTES"]),
            resets_per_hour=int(config["RESETS_PER_ADDRESS_PER_HOUR"]),
        )

    def lifetime(self, purpose: LinkPurpose) -> timedelta:
        if purpose is LinkPurpose.VERIFY_EMAIL:
            return timedelta(hours=self.verify_email_hours)
        return timedelta(minutes=self.reset_password_minutes)


PAGES = {
    LinkPurpose.VERIFY_EMAIL: "/verify-email",
    LinkPurpose.RESET_PASSWORD: "/reset-password",
}
# Staff choose a new password in the staff console (GOV.UK pages), not the parent app.
STAFF_PAGES = {LinkPurpose.RESET_PASSWORD: "/staff/reset-password"}


def link_page(user: User, purpose: LinkPurpose) -> str:
    """The page a link of this purpose opens for this person."""
    if user.is_staff and purpose in STAFF_PAGES:
        return STAFF_PAGES[purpose]
    return PAGES[purpose]


def issue_link(
    user: User, purpose: LinkPurpose, *, now: datetime, settings: LinkSettings
) -> str:
    """A new link for `user` (to their current email); returns the full URL, which is
    never stored."""
    raw = secrets.token_urlsafe(32)
    db.session.add(
        AccountLink(
            user_id=user.id,
            purpose=purpose,
            token_hash=hash_token(raw),
            email=user.email,
            created_at=now,
            expires_at=now + settings.lifetime(purpose),
        )
    )
    db.session.flush()
    page = link_page(user, purpose)
    return f"{settings.base_url}{page}?{urlencode({'token': raw})}"


def links_issued_since(user: User, purpose: LinkPurpose, since: datetime) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(AccountLink)
            .where(
                AccountLink.user_id == user.id,
                AccountLink.purpose == purpose,
                AccountLink.created_at > since,
            )
        )
        or 0
    )


def find_live_link(
    raw: str, purpose: LinkPurpose, *, now: datetime
) -> AccountLink | None:
    """The unused, unexpired link of this purpose with this token, or None."""
    if not raw or len(raw) > 200:
        return None
    link = db.session.scalar(
        select(AccountLink).where(AccountLink.token_hash == hash_token(raw))
    )
    if (
        link is None
        or link.purpose is not purpose
        or link.used_at is not None
        or link.expires_at <= now
    ):
        return None
    return link


def use_link(raw: str, purpose: LinkPurpose, *, now: datetime) -> AccountLink:
    """Mark the link used (a conditional update, so two clicks cannot both use it) and
    return it. Raises NotFound (code invalid_link) when it is unknown, of another
    purpose, used or expired."""
    link = find_live_link(raw, purpose, now=now)
    if link is None:
        raise NotFound(INVALID_LINK, code="invalid_link")
    claimed = db.session.execute(
        update(AccountLink)
        .where(AccountLink.id == link.id, AccountLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise NotFound(INVALID_LINK, code="invalid_link")
    db.session.refresh(link)
    return link


def retire_links(user: User, purpose: LinkPurpose, *, now: datetime) -> None:
    """Make every unused link of this purpose for `user` unusable (a newer password or
    address replaces what they were for)."""
    db.session.execute(
        update(AccountLink)
        .where(
            AccountLink.user_id == user.id,
            AccountLink.purpose == purpose,
            AccountLink.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
