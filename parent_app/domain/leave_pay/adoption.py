"""Adoption (UK and overseas): the matching week, leave dates, Statutory Adoption Leave
and Pay, and paternity leave and pay for the adopter's partner.

Source: leave-and-pay-rules.md §2 (matching week, overseas threshold), §4(b) (the
adoption LEL table), §7 (paternity for adoption) and §8 (SAL and SAP). The API does not
offer adoption yet; these rules are tested against GOV.UK's cases directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.calculation import (
    Earnings,
    LeaveDecision,
    PayDecision,
    decide_pay,
    paid,
    resolve_earnings,
)
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.paternity_rules import (
    adoption_take_by,
    adoption_weeks_must_be_consecutive,
    has_adoption_day_one_leave_right,
)
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.schedule import PaySchedule
from parent_app.domain.leave_pay.weekly_rates import (
    earnings_related_rate,
    paternity_earnings_cap,
    sap_weekly_rate,
    spp_weekly_rate,
)
from parent_app.domain.leave_pay.weeks import sunday_on_or_before, weeks

ONE_DAY = timedelta(days=1)
PARTNER_NOTICE_DAYS = 7


@dataclass(frozen=True)
class MatchingWeek:
    """The Sunday-to-Saturday week of the match, and the latest start of employment
    that gives 26 weeks by its end (§2)."""

    start: date
    end: date
    employment_start_latest: date


def matching_week(match_date: date) -> MatchingWeek:
    start = sunday_on_or_before(match_date)
    end = start + timedelta(days=6)
    return MatchingWeek(start, end, end - weeks(25))


def overseas_employment_threshold(leave_start: date) -> date:
    """Overseas adoption: employed by this date (26 weeks before leave starts)."""
    return leave_start - weeks(26)


@dataclass(frozen=True)
class AdoptionRequest:
    """An adopter's (or their partner's) answers about one adoption and one job."""

    match_date: date
    placement_date: date
    leave_start: date | None = None
    is_overseas: bool = False
    location: Location = Location.ENGLAND
    employed_by_employment_start: bool = True
    has_contract: bool = True
    on_payroll: bool = True
    paternity_leave_weeks: int = 2
    earnings: Earnings | None = None
    pay_schedule: PaySchedule = field(default_factory=PaySchedule)


@dataclass(frozen=True)
class AdoptionCalculation:
    """Dates, AWE, LEL, leave and pay for adoption leave or the partner's paternity."""

    matching_week: MatchingWeek
    leave_start: date
    leave_end: date
    pay_end: date
    notice_deadline: date | None
    take_by: date | None
    ordinary_leave_end: date | None
    additional_leave_start: date | None
    relevant_period: tuple[date, date] | None
    average_weekly_earnings: Decimal | None
    lower_earnings_limit: Decimal
    leave: LeaveDecision
    pay: PayDecision


def _common(request: AdoptionRequest, rates: RateTable) -> tuple[MatchingWeek, Decimal]:
    if request.placement_date < request.match_date:
        raise LeavePayError(
            "placement_date", "The placement cannot be before the match."
        )
    week = matching_week(request.match_date)
    try:
        return week, rates.adoption_lower_earnings_limit(week.end)
    except LeavePayError as error:
        raise LeavePayError("match_date", error.message) from None


def _refusals(
    request: AdoptionRequest, week: MatchingWeek, pay: str
) -> list[reasons.Reason]:
    found = []
    if not request.employed_by_employment_start:
        found.append(
            reasons.not_worked_long_enough(pay, week.employment_start_latest, week.end)
        )
    if not request.on_payroll:
        found.append(reasons.not_on_payroll(pay, week.start, week.end))
    return found


def calculate_adoption(
    request: AdoptionRequest, rates: RateTable
) -> AdoptionCalculation:
    """Statutory Adoption Leave (52 weeks, for employees) and Pay (39 weeks).

    Leave starts within 14 days before the placement and 1 day after it (UK), or
    within 28 days of the child's arrival (overseas: `placement_date` is the arrival).
    Raises LeavePayError naming the field at fault.
    """
    week, lower_limit = _common(request, rates)
    placement = request.placement_date
    if request.is_overseas:
        earliest, latest = placement, placement + timedelta(days=27)
    else:
        earliest, latest = placement - timedelta(days=14), placement + ONE_DAY
    leave_start = request.leave_start or placement
    if not earliest <= leave_start <= latest:
        raise LeavePayError(
            "leave_start",
            f"Adoption leave must start between {earliest:%-d %B %Y} and "
            f"{latest:%-d %B %Y}.",
        )
    average, period = resolve_earnings(request.earnings, week.end)
    pay_end = leave_start + weeks(39) - ONE_DAY
    leave = LeaveDecision(
        eligible=request.has_contract,
        reasons=()
        if request.has_contract
        else (reasons.no_contract("Adoption leave"),),
        blocks=((leave_start, leave_start + weeks(52) - ONE_DAY),),
    )
    eligible, why = decide_pay(
        "adoption pay", _refusals(request, week, "adoption pay"), average, lower_limit
    )
    pay = PayDecision(eligible, why)
    if eligible and average is not None:
        rate = sap_weekly_rate(average, leave_start, request.match_date, rates)
        spans = ((leave_start, pay_end),)
        payments, projected = paid(request.pay_schedule, spans, rate, rates)
        pay = PayDecision(True, (), payments, earnings_related_rate(average), projected)
    return AdoptionCalculation(
        matching_week=week,
        leave_start=leave_start,
        leave_end=leave.blocks[0][1],
        pay_end=pay_end,
        notice_deadline=None,
        take_by=None,
        ordinary_leave_end=leave_start + weeks(26) - ONE_DAY,
        additional_leave_start=leave_start + weeks(26),
        relevant_period=(period.start, period.end) if period else None,
        average_weekly_earnings=average,
        lower_earnings_limit=lower_limit,
        leave=leave,
        pay=pay,
    )


def calculate_adoption_paternity(
    request: AdoptionRequest, rates: RateTable
) -> AdoptionCalculation:
    """Paternity leave and SPP for the adopter's partner: 1 or 2 weeks from the
    placement, taken by the adoption take-by date; notice within 7 days of the match.

    The LEL comes from the adoption table (GOV.UK uses the birth table here; the two
    differ only in some weeks before 2014). Raises LeavePayError naming the field.
    """
    week, lower_limit = _common(request, rates)
    take_by = adoption_take_by(request.placement_date, request.location)
    leave_start, leave_end = _paternity_leave_block(request, take_by)
    average, period = resolve_earnings(request.earnings, week.end)
    leave = _paternity_leave(request, week, leave_start, leave_end)
    eligible, why = decide_pay(
        "paternity pay", _refusals(request, week, "paternity pay"), average, lower_limit
    )
    pay = PayDecision(eligible, why)
    if eligible and average is not None:
        rate = spp_weekly_rate(average, leave_start, rates)
        payments, projected = paid(request.pay_schedule, leave.blocks, rate, rates)
        pay = PayDecision(
            True, (), payments, paternity_earnings_cap(average), projected
        )
    return AdoptionCalculation(
        matching_week=week,
        leave_start=leave_start,
        leave_end=leave_end,
        pay_end=leave_end,
        notice_deadline=request.match_date + timedelta(days=PARTNER_NOTICE_DAYS),
        take_by=take_by,
        ordinary_leave_end=None,
        additional_leave_start=None,
        relevant_period=(period.start, period.end) if period else None,
        average_weekly_earnings=average,
        lower_earnings_limit=lower_limit,
        leave=leave,
        pay=pay,
    )


def _paternity_leave_block(
    request: AdoptionRequest, take_by: date
) -> tuple[date, date]:
    """The first and last day of the partner's 1 or 2 weeks: from the placement at the
    earliest, over by the take-by date. Raises LeavePayError naming the field."""
    placement = request.placement_date
    leave_start = request.leave_start or placement
    if leave_start < placement:
        raise LeavePayError(
            "leave_start", "Paternity leave cannot start before the placement."
        )
    if request.paternity_leave_weeks not in (1, 2):
        raise LeavePayError("paternity_leave_weeks", "Paternity leave is 1 or 2 weeks.")
    leave_end = leave_start + weeks(request.paternity_leave_weeks) - ONE_DAY
    if leave_end > take_by:
        raise LeavePayError(
            "leave_start", f"Paternity leave must be taken by {take_by:%-d %B %Y}."
        )
    return leave_start, leave_end


def _paternity_leave(
    request: AdoptionRequest, week: MatchingWeek, leave_start: date, leave_end: date
) -> LeaveDecision:
    """Paternity leave needs a contract and 26 weeks in the job by the matching week,
    unless the match falls where it is a right from day one."""
    day_one = has_adoption_day_one_leave_right(request.match_date, request.location)
    leave_reasons = []
    if not request.has_contract:
        leave_reasons.append(reasons.no_contract("Paternity leave"))
    if not request.employed_by_employment_start and not day_one:
        leave_reasons.append(reasons.leave_needs_26_weeks(week.employment_start_latest))
    return LeaveDecision(
        eligible=not leave_reasons,
        reasons=tuple(leave_reasons),
        blocks=((leave_start, leave_end),),
        is_day_one_right=not leave_reasons and not request.employed_by_employment_start,
        weeks_must_be_consecutive=adoption_weeks_must_be_consecutive(
            request.placement_date, request.location
        ),
    )
