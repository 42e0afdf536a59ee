"""Users: register, sign in and out, profile preferences, staff accounts."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import select

from parent_app.accounts.addresses import (
    EmailTaken,
    flush_unique_email,
    normalise_email,
)
from parent_app.accounts.areas import get_area
from parent_app.accounts.links import LinkSettings
from parent_app.accounts.password_policy import check_new_password
from parent_app.accounts.passwords import dummy_verify, hash_password, verify_password
from parent_app.accounts.tokens import issue_token
from parent_app.accounts.verification import send_verification
from parent_app.domain.reminders import effective_reminder_minute
from parent_app.errors import Unauthorized, ValidationFailed
from parent_app.extensions import db
from parent_app.models import Household, MutedTopic, Role, StaffArea, User
from parent_app.outbox.personal import move_waiting_reminders


@cache
def known_timezones() -> frozenset[str]:
    """IANA zone names. Asking ZoneInfo directly would open any path below the zone
    directory ("Europe" is a directory: an OSError, not a ValueError)."""
    return frozenset(available_timezones())


def register_parent(
    *,
    email: str,
    password: str,
    role: str,
    area_id: str,
    now: datetime,
    token_days: int,
    links: LinkSettings,
    device_hint: str | None = None,
) -> tuple[User, str]:
    """Create a parent account in a household of its own and mail it a link to
    confirm the address; returns it and a bearer token."""
    check_new_password(password, email=email)
    area = get_area(area_id)
    household = Household(area_id=area.id, created_at=now)
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        role=Role(role),
        area_id=area.id,
        household=household,
        created_at=now,
    )
    db.session.add_all([household, user])
    flush_unique_email()
    household.created_by_id = user.id
    raw, _ = issue_token(
        user, now=now, lifetime_days=token_days, device_hint=device_hint
    )
    send_verification(user, now=now, settings=links)
    return user, raw


def create_staff(*, email: str, password: str, role: str, area_ids: list[str]) -> User:
    """A staff account (author, editor or admin) scoped to `area_ids`."""
    staff_role = Role(role)
    if staff_role.is_parent:
        raise ValidationFailed({"role": ["Staff roles are author, editor and admin."]})
    check_new_password(password, email=email)
    areas = [get_area(a, allow_national=True) for a in area_ids]
    user = User(
        email=normalise_email(email),
        password_hash=hash_password(password),
        role=staff_role,
        area_id=areas[0].id if areas else None,
    )
    user.staff_areas = [StaffArea(area_id=a.id) for a in areas]
    db.session.add(user)
    flush_unique_email()
    return user


def login(
    *,
    email: str,
    password: str,
    now: datetime,
    token_days: int,
    device_hint: str | None = None,
) -> tuple[User, str]:
    """Check the password and issue a new token; the same 401 for any wrong detail."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        dummy_verify(password)
        raise Unauthorized(
            "The email or password is not right.", code="invalid_credentials"
        )
    if not verify_password(user.password_hash, password):
        raise Unauthorized(
            "The email or password is not right.", code="invalid_credentials"
        )
    if user.disabled_at is not None:
        raise Unauthorized(
            "This account is switched off. Ask your family hub's admin.",
            code="account_disabled",
        )
    raw, _ = issue_token(
        user, now=now, lifetime_days=token_days, device_hint=device_hint
    )
    return user, raw


def update_profile(user: User, changes: dict[str, Any], *, now: datetime) -> User:
    """Apply profile and preference changes (already shape-checked by the schema).
    Reminders already planned but not yet due move to the new time."""
    was = (user.timezone, user.reminder_minute)
    if "area" in changes:
        area = get_area(changes.pop("area"))
        user.area_id = area.id
        if user.household is not None:
            user.household.area_id = area.id
    if "timezone" in changes and changes["timezone"] not in known_timezones():
        raise ValidationFailed(
            {"timezone": ["Unknown time zone. Use an IANA name such as Europe/London."]}
        )
    if "quiet_hours" in changes:
        quiet = changes.pop("quiet_hours")
        user.quiet_start = quiet["start"] if quiet else None
        user.quiet_end = quiet["end"] if quiet else None
    if "muted_topics" in changes:
        user.muted = [
            MutedTopic(topic=t) for t in sorted(set(changes.pop("muted_topics")))
        ]
    for name in ("display_name", "reminder_time", "timezone", "language", "discreet"):
        if name in changes:
            setattr(user, name, changes[name])
    user.reminder_minute = effective_reminder_minute(
        user.reminder_time, user.quiet_start, user.quiet_end
    )
    db.session.flush()
    if (user.timezone, user.reminder_minute) != was:
        move_waiting_reminders(user, old_timezone=was[0], now=now)
    return user


__all__ = ["EmailTaken", "normalise_email"]
