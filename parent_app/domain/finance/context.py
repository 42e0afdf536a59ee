"""What an action plan is worked out from: household, baby dates, today, rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parent_app.domain.finance.action import Where
from parent_app.domain.finance.dates import long_date
from parent_app.domain.finance.household import Household
from parent_app.domain.finance.rates import Rates, pounds
from parent_app.domain.pregnancy import pregnancy_week_start


@dataclass(frozen=True)
class PlanContext:
    """The inputs every rule reads. No dates at all: preconception or not yet dated."""

    household: Household
    due_on: date | None
    born_on: date | None
    today: date
    rates: Rates
    hub: Where

    @property
    def is_born(self) -> bool:
        return self.born_on is not None

    @property
    def has_dates(self) -> bool:
        return self.born_on is not None or self.due_on is not None

    @property
    def birth_on(self) -> date | None:
        """The birth date, or the due date standing in for it before the birth."""
        return self.born_on or self.due_on

    def pregnancy_week_on(self, week: int) -> date | None:
        """The day pregnancy week `week` starts, when the due date is known."""
        return None if self.due_on is None else pregnancy_week_start(self.due_on, week)

    def by_when(self, deadline_on: date) -> str:
        """'by 13 October 2026', or the estimate wording while the baby is not born."""
        if self.is_born:
            return f"by {long_date(deadline_on)}"
        return f"by about {long_date(deadline_on)} if your baby comes on the due date"

    def with_year(self, text: str, *rate_names: str) -> str:
        """`text` and the rates' tax year, flagged when a figure is not confirmed."""
        confirmed = all(self.rates.is_confirmed(name) for name in rate_names)
        note = "" if confirmed else ", not yet confirmed"
        return f"{text} ({self.rates.tax_year}{note})"

    @property
    def lel(self) -> str:
        return pounds(self.rates.lower_earnings_limit_weekly_pence)

    def who(self, role: str) -> str:
        """How the plan names an adult: 'you' alone, otherwise by role."""
        if not self.household.has_partner:
            return "you"
        return (
            "the person having the baby" if role == "birthing_parent" else "the partner"
        )
