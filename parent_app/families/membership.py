"""Who is in a household: an adult leaves, or the household's creator or birthing
parent removes another adult. Either way that adult's access to the family ends at
once, and nothing more is planned or pushed to them about its babies."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update

from parent_app.errors import Forbidden, NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.models import FamilyInvite, FinanceReview, Household, Role, User
from parent_app.outbox.withdraw import withdraw_waiting_for


def can_remove_adults(user: User) -> bool:
    """The household's creator and a birthing parent may remove another adult."""
    household = user.household
    if household is None:
        return False
    return user.id == household.created_by_id or user.role == Role.BIRTHING_PARENT


def leave_household(user: User, *, now: datetime) -> Household:
    """Take `user` out of their household into a new one of their own; the babies stay.
    Raises ValidationFailed when they are its only adult (there is nobody to leave)."""
    old = user.household
    if old is None or len(old.adults) < 2:
        raise ValidationFailed(
            {"household": ["You are the only adult in your family."]},
            message="There is nobody else in your family to leave.",
        )
    return _separate(user, old, now=now, withdraw_all_invites=False)


def remove_adult(manager: User, adult_id: int, *, now: datetime) -> Household:
    """Remove another adult from the manager's household. Raises NotFound (not an adult
    of this household), Forbidden (not allowed to remove) or ValidationFailed (self).
    Returns the manager's household."""
    household = manager.household
    adult = db.session.get(User, adult_id)
    if household is None or adult is None or adult.household_id != household.id:
        raise NotFound("No such adult in your family.")
    if adult.id == manager.id:
        raise ValidationFailed(
            {"user_id": ["To leave your family yourself, use leave instead."]}
        )
    if not can_remove_adults(manager):
        raise Forbidden(
            "Only the person who set up the family, or the birthing parent, can remove "
            "someone from it.",
            code="cannot_remove_adults",
        )
    _separate(adult, household, now=now, withdraw_all_invites=True)
    db.session.refresh(household)
    return household


def _separate(
    user: User, old: Household, *, now: datetime, withdraw_all_invites: bool
) -> Household:
    """Move `user` into a new household of their own, with their own money answers
    (theirs, not the family's); cancel what waits for them; withdraw invites."""
    own = Household(area_id=user.area_id or old.area_id, created_at=now)
    db.session.add(own)
    db.session.flush()
    own.created_by_id = user.id
    invites = delete(FamilyInvite).where(
        FamilyInvite.household_id == old.id, FamilyInvite.used_at.is_(None)
    )
    if not withdraw_all_invites:
        invites = invites.where(FamilyInvite.created_by_id == user.id)
    # A removed adult must not come back with a code made before the removal.
    db.session.execute(invites.execution_options(synchronize_session=False))
    db.session.execute(
        update(FinanceReview)
        .where(
            FinanceReview.household_id == old.id,
            FinanceReview.submitted_by_id == user.id,
        )
        .values(household_id=own.id, baby_id=None)
        .execution_options(synchronize_session=False)
    )
    user.household_id = own.id
    if old.created_by_id == user.id:
        old.created_by_id = db.session.scalar(
            select(User.id)
            .where(User.household_id == old.id, User.id != user.id)
            .order_by(User.id)
        )
    withdraw_waiting_for(user.id)
    db.session.flush()
    db.session.expire_all()
    return own
