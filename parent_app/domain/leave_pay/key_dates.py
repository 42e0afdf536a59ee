"""Key dates around a birth, from the due date: the expected week, the qualifying week
and the windows GOV.UK's employer and parent tools ask about.

Sources: leave-and-pay-rules.md §1 (expected and qualifying week), §2 (continuous
employment), §3.7 (lower-earnings window), §5 (earliest start, notice), §7 (partner's
due-date notice) and §10 (Maternity Allowance test period).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from parent_app.domain.leave_pay.weeks import (
    saturday_before,
    sunday_on_or_before,
    weeks,
)

DAY = timedelta(days=1)


@dataclass(frozen=True)
class BirthWeeks:
    """The statutory weeks fixed by a due date (Sunday-to-Saturday weeks)."""

    due_date: date
    expected_week_start: date
    expected_week_end: date
    qualifying_week_start: date
    qualifying_week_end: date
    employment_start_latest: date
    earliest_leave_start: date
    pay_start_if_pregnancy_illness: date

    @property
    def notice_deadline(self) -> date:
        """Latest day to give notice of maternity leave: the end of the QW (§5)."""
        return self.qualifying_week_end


def birth_weeks(due_date: date) -> BirthWeeks:
    """The expected week of childbirth (EWC), the qualifying week (15th week before it)
    and the dates derived from them.

    `employment_start_latest` is the Saturday 25 weeks before the end of the QW: working
    for the employer on or before it gives 26 weeks by the end of the QW (§2).
    `earliest_leave_start` is the start of the 11th week before the EWC; pay can start
    from the 4th week before the EWC after a pregnancy-related absence (§5).
    """
    expected_start = sunday_on_or_before(due_date)
    qualifying_start = expected_start - weeks(15)
    qualifying_end = qualifying_start + timedelta(days=6)
    return BirthWeeks(
        due_date=due_date,
        expected_week_start=expected_start,
        expected_week_end=expected_start + timedelta(days=6),
        qualifying_week_start=qualifying_start,
        qualifying_week_end=qualifying_end,
        employment_start_latest=qualifying_end - weeks(25),
        earliest_leave_start=expected_start - weeks(11),
        pay_start_if_pregnancy_illness=expected_start - weeks(4),
    )


@dataclass(frozen=True)
class ParentToolDates:
    """The dates a parent is asked about in GOV.UK's parent tool (§2, §3.7, §10)."""

    continuity_start: date
    continuity_end: date
    lower_earnings_start: date
    lower_earnings_end: date
    ma_test_start: date
    ma_test_end: date
    ma_earliest_start: date
    ma_claim_from: date
    earliest_leave_start: date
    maternity_notice_deadline: date
    partner_due_date_notice: date


def parent_tool_dates(due_date: date) -> ParentToolDates:
    """Dates for the household check, as the parent tool words its questions.

    A parent passes continuity by starting the job *before* `continuity_start` (the same
    Saturday as the employer tool's latest start) and still working on `continuity_end`
    (the Sunday starting the QW). Earnings are tested over the 8 weeks
    `lower_earnings_start`..`lower_earnings_end`; the Maternity Allowance test looks at
    the 66 weeks `ma_test_start`..`ma_test_end`. MA can be claimed once 26 weeks
    pregnant (due date - 14 weeks) and paid from the start of the 11th week before the
    EWC. A partner tells their employer the due date 105 days before it (§7).
    """
    expected_start = sunday_on_or_before(due_date)
    return ParentToolDates(
        continuity_start=saturday_before(due_date - weeks(39)),
        continuity_end=sunday_on_or_before(due_date - weeks(15)),
        lower_earnings_start=saturday_before(due_date - weeks(22)),
        lower_earnings_end=saturday_before(due_date - weeks(14)),
        ma_test_start=sunday_on_or_before(due_date - weeks(66)),
        ma_test_end=saturday_before(due_date),
        ma_earliest_start=expected_start - weeks(11),
        ma_claim_from=due_date - weeks(14),
        earliest_leave_start=expected_start - weeks(11),
        maternity_notice_deadline=saturday_before(due_date - weeks(14)),
        partner_due_date_notice=due_date - timedelta(days=105),
    )
