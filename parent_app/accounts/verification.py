"""Email verification: a link sent at registration and on a change of address; an
unverified account works, and is reminded until it is verified."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, select, update

from parent_app.accounts.addresses import flush_unique_email, normalise_email
from parent_app.accounts.links import (
    INVALID_LINK,
    LinkSettings,
    issue_link,
    retire_links,
    use_link,
)
from parent_app.accounts.mails import local_when, send_account_mail
from parent_app.accounts.passwords import verify_password
from parent_app.errors import Conflict, Forbidden, NotFound
from parent_app.extensions import db
from parent_app.models import AccountLink, LinkPurpose, Role, User

# One reminder, once the registration link has run out (it lasts 72 hours); an account
# still unconfirmed two weeks on is left alone (it was probably made by mistake).
REMIND_AFTER = timedelta(days=3)
REMIND_UNTIL = timedelta(days=14)


class AlreadyVerified(Conflict):
    code = "already_verified"
    message = "Your email address is already confirmed."


def send_verification(user: User, *, now: datetime, settings: LinkSettings) -> None:
    """Mail a new verification link to the user's address; earlier links stop working.
    Raises AlreadyVerified."""
    if user.email_verified_at is not None:
        raise AlreadyVerified()
    _mail_new_link(user, "verify_email", now=now, settings=settings)


def _mail_new_link(
    user: User, kind: str, *, now: datetime, settings: LinkSettings
) -> None:
    retire_links(user, LinkPurpose.VERIFY_EMAIL, now=now)
    link = issue_link(user, LinkPurpose.VERIFY_EMAIL, now=now, settings=settings)
    send_account_mail(user, kind, now=now, link=link, hours=settings.verify_email_hours)


def remind_unverified(
    *, now: datetime, settings: LinkSettings, batch_size: int = 200
) -> int:
    """Mail one reminder, with a fresh link, to each parent whose address is still
    unconfirmed 3 days (up to 14) after registering. Never twice (each account is
    claimed with a conditional UPDATE, so two schedulers cannot both send), and not
    for an account whose address changed since (the change mailed its own link).
    Returns how many were reminded."""
    changed_address = exists().where(
        AccountLink.user_id == User.id,
        AccountLink.purpose == LinkPurpose.VERIFY_EMAIL,
        AccountLink.email != User.email,
    )
    due = list(
        db.session.scalars(
            select(User)
            .where(
                User.email_verified_at.is_(None),
                User.verification_reminded_at.is_(None),
                User.disabled_at.is_(None),
                User.role.in_([Role.BIRTHING_PARENT, Role.PARTNER]),
                User.created_at <= now - REMIND_AFTER,
                User.created_at > now - REMIND_UNTIL,
                ~changed_address,
            )
            .order_by(User.id)
            .limit(batch_size)
        )
    )
    reminded = 0
    for user in due:
        claimed = db.session.execute(
            update(User)
            .where(User.id == user.id, User.verification_reminded_at.is_(None))
            .values(verification_reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            continue
        _mail_new_link(user, "verify_email_reminder", now=now, settings=settings)
        reminded += 1
    return reminded


def verify_email(raw_token: str, *, now: datetime) -> User:
    """Use a verification link: the address it was sent to is confirmed, if it is still
    the account's address. Raises NotFound (invalid_link)."""
    link = use_link(raw_token, LinkPurpose.VERIFY_EMAIL, now=now)
    user = db.session.get(User, link.user_id)
    if user is None or user.email != link.email:
        raise NotFound(INVALID_LINK, code="invalid_link")
    if user.email_verified_at is None:
        user.email_verified_at = now
    return user


def change_email(
    user: User,
    *,
    new_email: str,
    password: str,
    now: datetime,
    settings: LinkSettings,
) -> User:
    """Move the account to a new address (password required): it must be verified
    again, and the old address is told, without naming the new one. Raises Forbidden
    (wrong_password) or EmailTaken."""
    if not verify_password(user.password_hash, password):
        raise Forbidden("The password is not right.", code="wrong_password")
    new_email = normalise_email(new_email)
    if new_email == user.email:
        return user
    old_email = user.email
    user.email = new_email
    user.email_verified_at = None
    flush_unique_email()
    send_account_mail(
        user,
        "email_changed",
        now=now,
        to_address=old_email,
        when=local_when(user, now),
    )
    send_verification(user, now=now, settings=settings)
    return user
