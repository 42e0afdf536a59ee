"""Partner invites: a one-time code that brings a second adult into the household."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from parent_app.domain.reminders import local_today
from parent_app.errors import Conflict, NotFound
from parent_app.extensions import db
from parent_app.families.timeline import TimelineEvent, timeline_changed
from parent_app.models import (
    Baby,
    Booking,
    FamilyInvite,
    FinanceReview,
    Household,
    User,
)
from parent_app.privacy.registry import PersonalData

PERSONAL_DATA = PersonalData(
    "family_invites",
    lambda user: (
        select(FamilyInvite)
        .where(FamilyInvite.household_id == user.household_id)
        .order_by(FamilyInvite.id)
    ),
)

# No 0/O/1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash_code(code: str) -> str:
    return hashlib.sha256(_normalise_code(code).encode()).hexdigest()


def create_invite(
    user: User, *, now: datetime, lifetime_days: int
) -> tuple[str, FamilyInvite]:
    """A new one-time code for the user's household; the raw code is returned once."""
    if user.household_id is None:
        raise NotFound("You have no family to invite someone to.")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite = FamilyInvite(
        household_id=user.household_id,
        created_by_id=user.id,
        code_hash=_hash_code(code),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
    )
    db.session.add(invite)
    db.session.flush()
    return f"{code[:5]}-{code[5:]}", invite


class AlreadyInFamily(Conflict):
    code = "already_in_family"
    message = "You are already in this family."


def join_household(user: User, code: str, *, now: datetime) -> Household:
    """Move `user` into the inviting household; their own babies and finance reviews
    come along and their old, now empty, household is deleted.

    Raises NotFound (code unknown, used or expired), AlreadyInFamily, or Conflict when
    the user shares their current household with another adult.
    """
    invite = _open_invite(code, now=now)
    if invite.household_id == user.household_id:
        raise AlreadyInFamily()
    _claim_invite(invite, user, now=now)
    target = db.session.get(Household, invite.household_id)
    if target is None:
        raise NotFound("This family no longer exists.", code="invalid_invite")
    old_household_id = user.household_id
    if old_household_id is not None:
        _check_not_shared(old_household_id, user.id)
        _bring_own_along(old_household_id, target.id, user.id)
    user.household_id = target.id
    db.session.flush()
    if old_household_id is not None:
        _delete_household(old_household_id)
    db.session.flush()
    db.session.expire_all()
    timeline_changed(
        TimelineEvent.HOUSEHOLD_JOINED,
        household_id=target.id,
        today=local_today(now, user.timezone),
        now=now,
    )
    return target


def _open_invite(code: str, *, now: datetime) -> FamilyInvite:
    """The invite of this code, if it is neither used nor expired."""
    invite = db.session.scalar(
        select(FamilyInvite).where(FamilyInvite.code_hash == _hash_code(code))
    )
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        raise NotFound(
            "This code is not valid: it may have expired or been used already.",
            code="invalid_invite",
        )
    return invite


def _claim_invite(invite: FamilyInvite, user: User, *, now: datetime) -> None:
    """Use the code up, with a conditional update so two people cannot both use it."""
    claimed = db.session.execute(
        update(FamilyInvite)
        .where(FamilyInvite.id == invite.id, FamilyInvite.used_at.is_(None))
        .values(used_at=now, used_by_id=user.id)
    )
    if claimed.rowcount != 1:
        raise NotFound("This code has just been used.", code="invalid_invite")


def _check_not_shared(household_id: int, user_id: int) -> None:
    """Only an adult alone in their household may leave it by joining another."""
    others = db.session.scalar(
        select(db.func.count())
        .select_from(User)
        .where(User.household_id == household_id, User.id != user_id)
    )
    if others:
        raise Conflict(
            "You share your current family with someone else. Leave it first.",
            code="household_shared",
        )


def _bring_own_along(
    old_household_id: int, new_household_id: int, user_id: int
) -> None:
    """What the joining adult had of their own (babies, finance reviews, course
    bookings) comes along to the new family."""
    for model in (Baby, FinanceReview):
        db.session.execute(
            update(model)
            .where(model.household_id == old_household_id)
            .values(household_id=new_household_id)
        )
    _move_bookings(old_household_id, new_household_id, user_id)


def _delete_household(household_id: int) -> None:
    """The old, now empty, household goes; its unused codes go with it, so none of
    them can open the new family."""
    old = db.session.get(Household, household_id)
    if old is not None:
        db.session.delete(old)


def _move_bookings(old_household_id: int, new_household_id: int, user_id: int) -> None:
    """The joining adult's course bookings become the family's. Where the family already
    holds a place at the same session, the joiner's is held as their own for now (a
    household otherwise holds one booking per session); the family timeline then
    merges the duplicates (`courses.household_bookings`)."""
    old_holder, new_holder = f"h{old_household_id}", f"h{new_household_id}"
    taken = select(Booking.session_id).where(Booking.active_holder == new_holder)
    db.session.execute(
        update(Booking)
        .where(Booking.active_holder == old_holder, Booking.session_id.not_in(taken))
        .values(household_id=new_household_id, active_holder=new_holder)
    )
    db.session.execute(
        update(Booking)
        .where(Booking.active_holder == old_holder)
        .values(household_id=new_household_id, active_holder=f"u{user_id}")
    )
    db.session.execute(
        update(Booking)
        .where(Booking.household_id == old_household_id)
        .values(household_id=new_household_id)
    )


def list_open_invites(user: User, *, now: datetime) -> list[FamilyInvite]:
    """The household's unused, unexpired invites, newest first (their codes are not
    kept, so they cannot be shown again)."""
    if user.household_id is None:
        return []
    return list(
        db.session.scalars(
            select(FamilyInvite)
            .where(
                FamilyInvite.household_id == user.household_id,
                FamilyInvite.used_at.is_(None),
                FamilyInvite.expires_at > now,
            )
            .order_by(FamilyInvite.id.desc())
        )
    )


def withdraw_invite(user: User, invite_id: int, *, now: datetime) -> None:
    """Withdraw an open invite of the user's household: its code stops working at once.
    Raises NotFound for another household's invite, a used or an expired one."""
    invite = db.session.get(FamilyInvite, invite_id)
    if (
        invite is None
        or user.household_id is None
        or invite.household_id != user.household_id
        or invite.used_at is not None
        or invite.expires_at <= now
    ):
        raise NotFound("No such open invite in your family.")
    db.session.delete(invite)
    db.session.flush()
