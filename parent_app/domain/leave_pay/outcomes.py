"""What the household check gives each parent: the entitlements granted and refused.

Names follow the API contract (issue 3): maternity_leave, maternity_pay,
maternity_allowance, maternity_allowance_14_weeks, paternity_leave, paternity_pay,
shared_parental_leave, shared_parental_pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from parent_app.domain.leave_pay.reasons import Reason


class Entitlement(StrEnum):
    MATERNITY_LEAVE = "maternity_leave"
    MATERNITY_PAY = "maternity_pay"
    MATERNITY_ALLOWANCE = "maternity_allowance"
    MATERNITY_ALLOWANCE_14_WEEKS = "maternity_allowance_14_weeks"
    PATERNITY_LEAVE = "paternity_leave"
    PATERNITY_PAY = "paternity_pay"
    SHARED_PARENTAL_LEAVE = "shared_parental_leave"
    SHARED_PARENTAL_PAY = "shared_parental_pay"


ORDER = tuple(Entitlement)


@dataclass(frozen=True)
class Grant:
    """An entitlement a parent can get, with how long it lasts and when to act."""

    entitlement: Entitlement
    weeks: int
    starts_from: date | None = None
    notice_by: date | None = None
    claim_from: date | None = None
    take_by: date | None = None
    weekly_amount: Decimal | None = None
    total: Decimal | None = None
    is_day_one_right: bool = False
    weeks_must_be_consecutive: bool | None = None


@dataclass(frozen=True)
class Refusal:
    """An entitlement a parent cannot get, and why."""

    entitlement: Entitlement
    reason: Reason


@dataclass(frozen=True)
class ParentOutcome:
    """Everything granted to and refused for one parent."""

    grants: tuple[Grant, ...]
    refusals: tuple[Refusal, ...]

    @property
    def entitlements(self) -> tuple[Entitlement, ...]:
        granted = {grant.entitlement for grant in self.grants}
        return tuple(name for name in ORDER if name in granted)

    def with_(self, grants: list[Grant], refusals: list[Refusal]) -> ParentOutcome:
        """This outcome with more grants and refusals added."""
        return ParentOutcome(
            self.grants + tuple(grants), self.refusals + tuple(refusals)
        )
