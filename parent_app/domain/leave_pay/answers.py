"""A parent's answers to the household check (GOV.UK's parent tool questions).

Source: leave-and-pay-rules.md §2 (continuity questions), §3.7 (earnings question),
§9 (who counts) and §10 (Maternity Allowance test). An answer left out (None) is not a
"no": nothing it would decide is granted, and the household check asks for it
(`unanswered.py`) instead of refusing on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EmploymentStatus(StrEnum):
    EMPLOYEE = "employee"
    WORKER = "worker"
    SELF_EMPLOYED = "self_employed"
    UNEMPLOYED = "unemployed"


@dataclass(frozen=True)
class ParentAnswers:
    """One parent's current (or most recent) job and the yes/no answers about it."""

    employment_status: EmploymentStatus
    started_before_continuity_start: bool | None = None
    still_working_on_continuity_end: bool | None = None
    earned_more_than_lower_earnings_limit: bool | None = None
    worked_at_least_26_weeks: bool | None = None
    earned_at_least_390: bool | None = None
    # Takes part, unpaid, in the self-employed business of a spouse or civil partner
    # (Maternity Allowance for 14 weeks, GOV.UK "Maternity Allowance: eligibility").
    # None: not asked, as in GOV.UK's own tool (see maternity_allowance).
    helps_unpaid_in_partners_business: bool | None = None

    @property
    def is_employee(self) -> bool:
        return self.employment_status is EmploymentStatus.EMPLOYEE

    @property
    def is_paid_by_employer(self) -> bool:
        """Employees and workers can get statutory pay; self-employed people cannot."""
        return self.employment_status in (
            EmploymentStatus.EMPLOYEE,
            EmploymentStatus.WORKER,
        )

    @property
    def passes_continuity(self) -> bool:
        """Started before the continuity start and still there on its end (§2)."""
        return bool(
            self.started_before_continuity_start
            and self.still_working_on_continuity_end
        )

    @property
    def qualifies_for_statutory_pay(self) -> bool:
        """Employee or worker, 26 weeks' service and earnings over the LEL (§9)."""
        return bool(
            self.is_paid_by_employer
            and self.passes_continuity
            and self.earned_more_than_lower_earnings_limit
        )

    @property
    def passes_maternity_allowance_test(self) -> bool:
        """26 weeks' work in the 66-week test period and £390 in any 13 of them; the
        self-employed are not asked about the £390 (§10)."""
        if self.employment_status is EmploymentStatus.SELF_EMPLOYED:
            return bool(self.worked_at_least_26_weeks)
        return bool(self.worked_at_least_26_weeks and self.earned_at_least_390)

    @property
    def passes_employment_and_earnings_test(self) -> bool:
        """The other parent's test for Shared Parental Leave and Pay: 26 weeks' work
        and £390 in 13 of the 66 weeks; qualifying for statutory pay counts (§11)."""
        return self.qualifies_for_statutory_pay or bool(
            self.worked_at_least_26_weeks and self.earned_at_least_390
        )
