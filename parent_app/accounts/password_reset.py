"""Forgotten and changed passwords: a reset link by mail (the answer never says
whether the address has an account), and a change with the old password."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from parent_app.accounts.addresses import normalise_email
from parent_app.accounts.links import (
    INVALID_LINK,
    LinkSettings,
    find_live_link,
    issue_link,
    links_issued_since,
    retire_links,
    use_link,
)
from parent_app.accounts.mails import local_when, send_account_mail
from parent_app.accounts.password_policy import check_new_password
from parent_app.accounts.passwords import hash_password, verify_password
from parent_app.accounts.tokens import revoke_all_tokens
from parent_app.errors import Forbidden, NotFound
from parent_app.extensions import db
from parent_app.models import LinkPurpose, User


def request_password_reset(
    email: str, *, now: datetime, settings: LinkSettings
) -> None:
    """Mail a reset link when `email` has an account, at most
    `settings.resets_per_hour` an hour; otherwise do nothing. Never raises for an
    unknown address: the caller answers the same either way."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        return
    mail_reset_link(user, now=now, settings=settings)


def mail_reset_link(user: User, *, now: datetime, settings: LinkSettings) -> bool:
    """Mail `user` a reset link, unless they already had `settings.resets_per_hour`
    in the last hour (so nobody can flood an inbox). Returns whether it was sent."""
    recent = links_issued_since(
        user, LinkPurpose.RESET_PASSWORD, now - timedelta(hours=1)
    )
    if recent >= settings.resets_per_hour:
        return False
    link = issue_link(user, LinkPurpose.RESET_PASSWORD, now=now, settings=settings)
    send_account_mail(
        user,
        "reset_password",
        now=now,
        link=link,
        minutes=settings.reset_password_minutes,
    )
    return True


def check_reset_link(raw_token: str, *, now: datetime) -> None:
    """Raise NotFound (invalid_link) unless the reset link can still be used."""
    if find_live_link(raw_token, LinkPurpose.RESET_PASSWORD, now=now) is None:
        raise NotFound(INVALID_LINK, code="invalid_link")


def confirm_password_reset(raw_token: str, *, password: str, now: datetime) -> User:
    """Set a new password with a reset link: the link and any other reset links stop
    working, and every token and web session of the account is revoked. A refused
    password leaves the link usable. Raises NotFound (invalid_link) or
    ValidationFailed (password)."""
    link = find_live_link(raw_token, LinkPurpose.RESET_PASSWORD, now=now)
    user = db.session.get(User, link.user_id) if link is not None else None
    if link is None or user is None:
        raise NotFound(INVALID_LINK, code="invalid_link")
    check_new_password(password, email=user.email)
    use_link(raw_token, LinkPurpose.RESET_PASSWORD, now=now)
    _set_password(user, password, now=now)
    revoke_all_tokens(user, now=now)
    if user.email_verified_at is None and link.email == user.email:
        user.email_verified_at = now  # the link proved the address
    return user


def change_password(
    user: User,
    *,
    old_password: str,
    new_password: str,
    now: datetime,
    keep_token_id: int | None,
) -> User:
    """Change the password when signed in; every other sign-in is revoked (this one,
    `keep_token_id`, stays). Raises Forbidden (wrong_password) or ValidationFailed."""
    if not verify_password(user.password_hash, old_password):
        raise Forbidden("Your current password is not right.", code="wrong_password")
    check_new_password(new_password, email=user.email)
    _set_password(user, new_password, now=now)
    revoke_all_tokens(user, now=now, except_id=keep_token_id)
    return user


def _set_password(user: User, password: str, *, now: datetime) -> None:
    user.password_hash = hash_password(password)
    retire_links(user, LinkPurpose.RESET_PASSWORD, now=now)
    send_account_mail(user, "password_changed", now=now, when=local_when(user, now))
