"""One parent's leave and pay calculation: what is asked, what comes back, and the
steps maternity and paternity share (earnings, eligibility on earnings, payments).

Sources: leave-and-pay-rules.md §3 (earnings), §5-6 (maternity dates and pay) and §7
(paternity); the flow of GOV.UK's employer calculator, answered for oneself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.earnings import (
    PayPattern,
    RelevantPeriod,
    average_weekly_earnings,
    checked_average_weekly,
    relevant_period,
)
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.payments import (
    Payment,
    WeeklyRate,
    payments_for,
    total_of,
)
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.reasons import Reason
from parent_app.domain.leave_pay.schedule import PaySchedule, candidate_pay_dates
from parent_app.domain.leave_pay.weeks import weekday_sun0

Span = tuple[date, date]


class LeaveType(StrEnum):
    MATERNITY = "maternity"
    PATERNITY = "paternity"


@dataclass(frozen=True)
class AverageWeeklyEarnings:
    """Average weekly earnings already worked out (e.g. by payroll)."""

    amount: Decimal


@dataclass(frozen=True)
class RelevantPeriodEarnings:
    """Gross pay in the relevant period; the paydays are optional, checked if given."""

    total: Decimal
    pay_pattern: PayPattern
    number_of_payments: int | None = None
    last_normal_payday: date | None = None
    payday_before_relevant_period: date | None = None


Earnings = AverageWeeklyEarnings | RelevantPeriodEarnings


@dataclass(frozen=True)
class LeaveRequest:
    """What a parent tells us about one baby and one job (defaults as the API's)."""

    leave_type: LeaveType
    due_date: date
    date_of_birth: date | None = None
    leave_start: date | None = None
    location: Location = Location.ENGLAND
    employed_by_continuity_start: bool = True
    has_contract: bool = True
    on_payroll: bool = True
    still_employed_on_birth_date: bool = True
    is_responsible_for_upbringing: bool = True
    paternity_leave_weeks: int = 2
    second_week_start: date | None = None
    earnings: Earnings | None = None
    pay_schedule: PaySchedule = field(default_factory=PaySchedule)


@dataclass(frozen=True)
class LeaveKeyDates:
    """Every date the calculation fixes; None where it does not apply."""

    expected_week_start: date
    expected_week_end: date
    qualifying_week_start: date
    qualifying_week_end: date
    employment_start_latest: date
    earliest_leave_start: date
    pay_start_if_pregnancy_illness: date | None
    notice_deadline: date
    leave_start: date
    leave_end: date
    pay_start: date
    pay_end: date
    claim_pay_by: date
    relevant_period_start: date | None
    relevant_period_end: date | None
    paternity_take_by: date | None
    ordinary_leave_end: date | None = None
    additional_leave_start: date | None = None
    ma_claim_from: date | None = None


@dataclass(frozen=True)
class LeaveDecision:
    """Whether the leave is due, why not, and how it may be taken."""

    eligible: bool
    reasons: tuple[Reason, ...]
    blocks: tuple[Span, ...]
    is_day_one_right: bool = False
    weeks_must_be_consecutive: bool | None = None


@dataclass(frozen=True)
class PayDecision:
    """Whether pay is due (None: unknown without earnings), why not, the payments."""

    eligible: bool | None
    reasons: tuple[Reason, ...]
    payments: tuple[Payment, ...] = ()
    earnings_related_rate: Decimal | None = None
    uses_projected_rates: bool = False

    @property
    def total(self) -> Decimal:
        return total_of(self.payments)


@dataclass(frozen=True)
class LeaveCalculation:
    """The whole answer for one parent's leave and pay."""

    leave_type: LeaveType
    key_dates: LeaveKeyDates
    average_weekly_earnings: Decimal | None
    lower_earnings_limit: Decimal
    leave: LeaveDecision
    pay: PayDecision

    @property
    def date_variants(self) -> dict[str, str]:
        """Which rule gave a date that more than one rule can give (the words for
        each are in words.py): paternity notice 28 days before the leave (the 2026
        grace) rather than by the end of the qualifying week; paternity leave within
        56 days of the birth (the old rule) rather than 52 weeks."""
        variants: dict[str, str] = {}
        dates = self.key_dates
        if (
            self.leave_type is LeaveType.PATERNITY
            and dates.notice_deadline != dates.qualifying_week_end
        ):
            variants["notice_deadline"] = "28_days_before_leave"
        if self.leave.weeks_must_be_consecutive:
            variants["paternity_take_by"] = "within_56_days"
        return variants


def resolve_earnings(
    earnings: Earnings | None, latest_last_payday: date
) -> tuple[Decimal | None, RelevantPeriod | None]:
    """AWE (floored at 7 places) and the relevant period when paydays were given.

    Raises LeavePayError for impossible paydays or absurd amounts.
    """
    if earnings is None:
        return None, None
    if isinstance(earnings, AverageWeeklyEarnings):
        return checked_average_weekly(earnings.amount), None
    period = None
    if (
        earnings.last_normal_payday is not None
        or earnings.payday_before_relevant_period
    ):
        if earnings.last_normal_payday is None:
            raise LeavePayError(
                "earnings.last_normal_payday", "Give the last normal payday."
            )
        if earnings.payday_before_relevant_period is None:
            raise LeavePayError(
                "earnings.payday_before_relevant_period",
                "Give the last normal payday at least 8 weeks before it.",
            )
        period = relevant_period(
            earnings.last_normal_payday,
            earnings.payday_before_relevant_period,
            latest_last_payday=latest_last_payday,
        )
    average = average_weekly_earnings(
        earnings.total, earnings.pay_pattern, earnings.number_of_payments
    )
    return average, period


def decide_pay(
    pay_name: str,
    refusals: Sequence[Reason],
    average: Decimal | None,
    lower_earnings_limit: Decimal,
) -> tuple[bool | None, tuple[Reason, ...]]:
    """Eligibility for pay: refused for any reason given or earnings below the LEL
    (AWE equal to the LEL qualifies, §3.7); unknown (None) without earnings."""
    found = list(refusals)
    if average is not None and average < lower_earnings_limit:
        found.append(
            reasons.below_lower_earnings_limit(pay_name, average, lower_earnings_limit)
        )
    if found:
        return False, tuple(found)
    if average is None:
        return None, (reasons.earnings_needed(pay_name),)
    return True, ()


def paid(
    schedule: PaySchedule,
    spans: Sequence[Span],
    weekly_rate: WeeklyRate,
    rates: RateTable,
) -> tuple[tuple[Payment, ...], bool]:
    """The payments on the schedule's paydays for the paid `spans`, and whether any
    paid day uses a rate that is only projected (after the newest published year)."""
    paydays = candidate_pay_dates(schedule, spans)
    payments = tuple(payments_for(paydays, spans, weekly_rate))
    last_day = spans[-1][1]
    is_projected = rates.flat_rate_on(
        last_day, week_start_weekday=weekday_sun0(spans[0][0])
    ).is_projected
    return payments, is_projected


def check_birth_date(due_date: date, date_of_birth: date | None) -> None:
    """A birth counts from 24 weeks of pregnancy (16 weeks before the due date); more
    than 8 weeks after the due date is taken to be a typing slip."""
    if date_of_birth is None:
        return
    if date_of_birth < due_date - timedelta(weeks=16):
        raise LeavePayError(
            "date_of_birth",
            "A birth more than 16 weeks before the due date is not covered by "
            "these rules.",
        )
    if date_of_birth > due_date + timedelta(weeks=8):
        raise LeavePayError(
            "date_of_birth",
            "That is more than 8 weeks after the due date: check the dates.",
        )


def check_rates_known(rates: RateTable, qualifying_week_end: date) -> Decimal:
    """The birth-table LEL for the qualifying week; LeavePayError on `due_date` if the
    table starts later."""
    try:
        return rates.birth_lower_earnings_limit(qualifying_week_end)
    except LeavePayError as error:
        raise LeavePayError("due_date", error.message) from None
