"""Statutory flat rates and lower earnings limits, for a day or as the whole table."""

from __future__ import annotations

from datetime import date
from typing import Any

from parent_app.domain.leave_pay import LeavePayError, default_rates
from parent_app.domain.leave_pay.weeks import weekday_sun0
from parent_app.errors import ValidationFailed


def rates_table() -> list[dict[str, Any]]:
    """Every rate year: its flat rate (from the first Sunday in April) and the LEL."""
    return [
        {
            "rate_year": row.rate_year,
            "flat_rate_from": row.flat_rate_from,
            "flat_rate": row.flat_rate,
            "lower_earnings_limit": row.lower_earnings_limit,
            "tax_year_start": row.tax_year_start,
            "maternity_allowance_lower_rate": row.ma_lower_rate,
        }
        for row in default_rates().years
    ]


def rates_on(day: date, leave_start: date | None = None) -> dict[str, Any]:
    """The flat rate in force on `day` for pay weeks starting on `leave_start`'s weekday
    (Sunday when not given) and the LEL of that day's tax year.

    Raises ValidationFailed (field `date`) before the first rate year.
    """
    rates = default_rates()
    weekday = weekday_sun0(leave_start) if leave_start else 0
    try:
        flat = rates.flat_rate_on(day, week_start_weekday=weekday)
        limit = rates.tax_year_lower_earnings_limit(day)
    except LeavePayError as error:
        raise ValidationFailed(fields={"date": [error.message]}) from None
    return {
        "date": day,
        "leave_start": leave_start,
        "rate_year": flat.rate_year,
        "flat_rate": flat.amount,
        "lower_earnings_limit": limit,
        "is_projected": flat.is_projected,
    }
