"""Staff account administration: list, switch off and on, change role or areas, set a
new password. Every change is written to the audit log; a switched-off account's
tokens and sessions end at once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from parent_app.accounts.areas import get_area
from parent_app.accounts.audit import record_audit
from parent_app.accounts.links import LinkSettings
from parent_app.accounts.password_policy import check_new_password
from parent_app.accounts.password_reset import mail_reset_link
from parent_app.accounts.passwords import hash_password
from parent_app.accounts.tokens import revoke_all_tokens
from parent_app.accounts.users import create_staff
from parent_app.errors import NotFound, RateLimited, ValidationFailed
from parent_app.extensions import db
from parent_app.models import Role, StaffArea, User

STAFF = (Role.AUTHOR, Role.EDITOR, Role.ADMIN)


def list_staff() -> Select[tuple[User]]:
    """Every staff account, by email."""
    return (
        select(User)
        .where(User.role.in_(STAFF))
        .options(selectinload(User.staff_areas))
        .order_by(User.email)
    )


def get_staff(user_id: int) -> User:
    """A staff account. Raises NotFound (also for a parent's account)."""
    user = db.session.get(User, user_id)
    if user is None or not user.is_staff:
        raise NotFound("No such staff account.")
    return user


def find_staff_by_email(email: str) -> User:
    user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_staff:
        raise NotFound(f"No staff account for {email}.")
    return user


def _audit(
    actor: User | None, action: str, user: User, detail: dict[str, Any], now: datetime
) -> None:
    record_audit(
        actor,
        f"staff.{action}",
        object_type="user",
        object_id=user.id,
        detail={"email": user.email, **detail, "via": "api" if actor else "cli"},
        now=now,
    )


def _not_myself(actor: User | None, user: User, what: str) -> None:
    if actor is not None and actor.id == user.id:
        raise ValidationFailed(
            {"user": [f"You cannot {what} your own account; ask another admin."]}
        )


def add_staff(
    actor: User | None,
    *,
    email: str,
    password: str,
    role: str,
    area_ids: list[str],
    now: datetime,
) -> User:
    """Create a staff account (see users.create_staff) and audit it."""
    user = create_staff(email=email, password=password, role=role, area_ids=area_ids)
    _audit(actor, "create", user, {"role": role, "areas": sorted(area_ids)}, now)
    return user


def set_disabled(
    actor: User | None, user: User, *, disabled: bool, now: datetime
) -> User:
    """Switch an account off (its tokens and sessions end at once) or on again."""
    if disabled == (user.disabled_at is not None):
        return user
    if disabled:
        _not_myself(actor, user, "switch off")
        user.disabled_at = now
        revoke_all_tokens(user, now=now)
    else:
        user.disabled_at = None
    _audit(actor, "disable" if disabled else "enable", user, {}, now)
    db.session.flush()
    return user


def set_role(actor: User | None, user: User, *, role: str, now: datetime) -> User:
    new = Role(role)
    if new not in STAFF:
        raise ValidationFailed({"role": ["Staff roles are author, editor and admin."]})
    if new == user.role:
        return user
    if new != Role.ADMIN:
        _not_myself(actor, user, "change the role of")
    old = user.role
    user.role = new
    _audit(actor, "set_role", user, {"from": str(old), "to": str(new)}, now)
    db.session.flush()
    return user


def set_areas(
    actor: User | None, user: User, *, area_ids: list[str], now: datetime
) -> User:
    if not area_ids:
        raise ValidationFailed({"areas": ["Give at least one area."]})
    areas = [get_area(a, field="areas", allow_national=True) for a in area_ids]
    old = sorted(user.staff_area_ids)
    user.staff_areas = [StaffArea(area_id=a.id) for a in areas]
    user.area_id = areas[0].id
    new = sorted({a.id for a in areas})
    if new != old:
        _audit(actor, "set_areas", user, {"from": old, "to": new}, now)
    db.session.flush()
    return user


def reset_password(
    actor: User | None, user: User, *, password: str, now: datetime
) -> User:
    """A new password set by an admin; every sign-in of the account ends."""
    check_new_password(password, email=user.email)
    user.password_hash = hash_password(password)
    revoke_all_tokens(user, now=now)
    _audit(actor, "reset_password", user, {}, now)
    return user


def send_password_reset(
    actor: User | None, user: User, *, now: datetime, settings: LinkSettings
) -> User:
    """Mail a staff member a single-use link (valid `settings.reset_password_minutes`)
    to choose a new password in the staff console; nothing changes until they use it.
    Raises ValidationFailed for a switched-off account, RateLimited after
    `settings.resets_per_hour` links in an hour."""
    if user.disabled_at is not None:
        raise ValidationFailed(
            {"user": ["This account is switched off. Switch it on first."]}
        )
    if not mail_reset_link(user, now=now, settings=settings):
        raise RateLimited(
            "This account has had too many reset links in the last hour. "
            "Try again later."
        )
    _audit(actor, "send_password_reset", user, {}, now)
    db.session.flush()
    return user


def update_staff(
    actor: User, user_id: int, changes: dict[str, Any], *, now: datetime
) -> User:
    """Apply an admin's changes (role, areas, disabled) to a staff account."""
    user = get_staff(user_id)
    if "role" in changes:
        set_role(actor, user, role=changes["role"], now=now)
    if "areas" in changes:
        set_areas(actor, user, area_ids=changes["areas"], now=now)
    if "disabled" in changes:
        set_disabled(actor, user, disabled=changes["disabled"], now=now)
    return user
