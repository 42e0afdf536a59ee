"""What each adult in a household can see of the others: the one list (served by
`GET /family` and the README), and the conditions every read path uses.

A household is shared, but not everything in it: each adult's own answers about
income, work and money worries are theirs, and so is their plan, except the actions
they chose to share. A test walks every endpoint as the partner to prove it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_

from parent_app.models import FinanceAction, FinanceReview, User

SHARED_WITH_EVERY_ADULT = (
    "the family's babies: names, due dates, births and a recorded loss",
    "the other adults' roles and display names (never their email address)",
    "course places booked for two (a place booked for one stays its maker's)",
    "the family's open invites: when each was made and by whom (never the code)",
    "money check actions an adult chose to share with the family",
)
PRIVATE_TO_EACH_ADULT = (
    "your email address, password, sign-ins and reminder settings",
    "your money check answers: income, work, benefits, housing and money worries",
    "the actions of your money check plan that you have not shared",
    "your leave and pay plans",
    "your reminders inbox and the devices that get your notifications",
)


def household_visibility() -> dict[str, Any]:
    """The list as `GET /family` returns it."""
    return {
        "shared_with_every_adult": list(SHARED_WITH_EVERY_ADULT),
        "private_to_each_adult": list(PRIVATE_TO_EACH_ADULT),
    }


def finance_reviews_visible_to(user: User) -> Any:
    """A money check (its answers and whole plan) is seen by the adult who answered
    it, nobody else."""
    return FinanceReview.submitted_by_id == user.id


def finance_actions_visible_to(user: User) -> Any:
    """An action is seen by the adult whose plan it is in, and by the other adults of
    that household once it is shared. Join FinanceReview to use it."""
    return or_(
        FinanceReview.submitted_by_id == user.id,
        and_(
            FinanceAction.is_shared.is_(True),
            FinanceReview.household_id == user.household_id,
        ),
    )
