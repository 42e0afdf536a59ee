"""The weekly rate of each statutory pay on a given day.

Sources: leave-and-pay-rules.md §6.1 (SMP: 90 % of AWE for 6 weeks, then the lower of
the flat rate and 90 %), §7 (SPP: the lower of the flat rate and 90 % rounded to the
penny, no 6-week phase), §8 (SAP: as SMP for matches from 5 April 2015, otherwise the
lower of the two throughout) and §11 (ShPP: as SPP without rounding).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from parent_app.domain.leave_pay.money import NINETY_PERCENT, floor_7dp, half_up_2dp
from parent_app.domain.leave_pay.payments import WeeklyRate
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.weeks import weekday_sun0

SAP_90_PERCENT_PHASE_FROM = date(2015, 4, 5)
HIGHER_RATE_WEEKS = 6


def earnings_related_rate(average_weekly_earnings: Decimal) -> Decimal:
    """90 % of AWE floored at 7 places (SMP, SAP and Maternity Allowance)."""
    return floor_7dp(average_weekly_earnings * NINETY_PERCENT)


def paternity_earnings_cap(average_weekly_earnings: Decimal) -> Decimal:
    """90 % of AWE rounded half-up to the penny (SPP only)."""
    return half_up_2dp(average_weekly_earnings * NINETY_PERCENT)


def smp_weekly_rate(
    average_weekly_earnings: Decimal, pay_start: date, rates: RateTable
) -> WeeklyRate:
    """SMP: 90 % for the first 6 weeks from `pay_start`, then the lower of the flat rate
    (weekday-aligned to `pay_start`) and 90 %."""
    higher = earnings_related_rate(average_weekly_earnings)
    higher_until = pay_start + timedelta(weeks=HIGHER_RATE_WEEKS)
    weekday = weekday_sun0(pay_start)

    def rate(day: date) -> Decimal:
        if day < higher_until:
            return higher
        return min(rates.flat_rate_on(day, week_start_weekday=weekday).amount, higher)

    return rate


def capped_weekly_rate(cap: Decimal, pay_start: date, rates: RateTable) -> WeeklyRate:
    """The lower of the flat rate (aligned to `pay_start`'s weekday) and `cap`."""
    weekday = weekday_sun0(pay_start)
    return lambda day: min(
        rates.flat_rate_on(day, week_start_weekday=weekday).amount, cap
    )


def spp_weekly_rate(
    average_weekly_earnings: Decimal, pay_start: date, rates: RateTable
) -> WeeklyRate:
    """SPP: the lower of the flat rate and 90 % rounded to the penny."""
    return capped_weekly_rate(
        paternity_earnings_cap(average_weekly_earnings), pay_start, rates
    )


def sap_weekly_rate(
    average_weekly_earnings: Decimal,
    pay_start: date,
    match_date: date,
    rates: RateTable,
) -> WeeklyRate:
    """SAP: as SMP for matches from 5 April 2015; before that, the lower of the flat
    rate and 90 % for every week."""
    if match_date >= SAP_90_PERCENT_PHASE_FROM:
        return smp_weekly_rate(average_weekly_earnings, pay_start, rates)
    return capped_weekly_rate(
        earnings_related_rate(average_weekly_earnings), pay_start, rates
    )
