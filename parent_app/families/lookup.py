"""Finding a family's baby, for every service that acts on one: another household's
baby is a 404, the same as one that does not exist. Below the family services, so the
services that follow a baby's timeline (finance, leave plans) can use it."""

from __future__ import annotations

from parent_app.errors import Conflict, NotFound
from parent_app.extensions import db
from parent_app.models import Baby, BabyStatus, User


class BabyLost(Conflict):
    code = "baby_lost"
    message = "A loss has been recorded for this baby."


def get_baby_for(user: User, baby_id: int) -> Baby:
    """The baby if it is in the user's household; 404 otherwise (the same as not
    existing)."""
    baby = db.session.get(Baby, baby_id)
    if (
        baby is None
        or user.household_id is None
        or baby.household_id != user.household_id
    ):
        raise NotFound("No such baby in your family.")
    return baby


def refuse_if_lost(baby: Baby) -> None:
    if baby.status is BabyStatus.LOST:
        raise BabyLost()
