"""Statutory flat rates and lower earnings limits by rate year, read from `rates.json`.

Sources: leave-and-pay-rules.md §4 (three lower-earnings-limit lookups) and §6.1-6.2
(flat rates and the weekday-aligned uprating date). The figures are data: next April's
uprating is one more row in `rates.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.weeks import first_sunday_of_april


@dataclass(frozen=True)
class RateYear:
    """One rate year's figures (a tax year; rates from the first Sunday in April)."""

    rate_year: str
    flat_rate_from: date
    flat_rate: Decimal
    lower_earnings_limit: Decimal
    lel_birth_from: date
    lel_adoption_from: date
    ma_lower_rate: Decimal | None

    @property
    def start_year(self) -> int:
        return int(self.rate_year[:4])

    @property
    def tax_year_start(self) -> date:
        return date(self.start_year, 4, 6)

    def uprating_date(self, week_start_weekday: int) -> date:
        """When this year's flat rate starts for pay weeks starting on that weekday.

        The first Sunday in April shifted forward by the weekday of the leave start
        (Sunday = 0), so the new rate begins with the first whole pay week (§6.1).
        """
        return self.flat_rate_from + timedelta(days=week_start_weekday)


@dataclass(frozen=True)
class FlatRate:
    """The flat weekly rate in force on a day, and whether it is only projected."""

    amount: Decimal
    rate_year: str
    is_projected: bool


@dataclass(frozen=True)
class RateTable:
    """Every rate year, oldest first."""

    years: tuple[RateYear, ...]

    @property
    def latest(self) -> RateYear:
        return self.years[-1]

    @property
    def published_until(self) -> date:
        """The last day of the newest rate year (before next April's uprating)."""
        return first_sunday_of_april(self.latest.start_year + 1) - timedelta(days=1)

    def flat_rate_on(self, day: date, *, week_start_weekday: int) -> FlatRate:
        """The flat rate for `day` in pay weeks that start on `week_start_weekday`.

        After the newest row the newest rate is used and marked as projected (GOV.UK
        does the same without saying so). Raises LeavePayError before the first row.
        """
        found = None
        for row in self.years:
            if row.uprating_date(week_start_weekday) <= day:
                found = row
        if found is None:
            raise LeavePayError(
                "date", f"We have no statutory rates before {self._first_text}."
            )
        end = first_sunday_of_april(self.latest.start_year + 1)
        is_projected = day >= end + timedelta(days=week_start_weekday)
        return FlatRate(found.flat_rate, found.rate_year, is_projected)

    def birth_lower_earnings_limit(self, qualifying_week_end: date) -> Decimal:
        """The LEL for SMP and birth SPP, by the Saturday ending the QW (§4a)."""
        return self._lookup(qualifying_week_end, lambda row: row.lel_birth_from)

    def adoption_lower_earnings_limit(self, matching_week_end: date) -> Decimal:
        """The LEL for adoption pay, by the Saturday ending the matching week (§4b)."""
        return self._lookup(matching_week_end, lambda row: row.lel_adoption_from)

    def tax_year_lower_earnings_limit(self, day: date) -> Decimal:
        """The LEL of the tax year (6 April - 5 April) containing `day` (§4c)."""
        return self._lookup(day, lambda row: row.tax_year_start)

    def year_of(self, day: date) -> RateYear:
        """The rate year whose flat rate is in force on `day` (Sunday weeks)."""
        rate = self.flat_rate_on(day, week_start_weekday=0)
        return next(row for row in self.years if row.rate_year == rate.rate_year)

    def years_overlapping(
        self, start: date, end: date
    ) -> list[tuple[RateYear, date, date]]:
        """Rate years (with their first and last day) that overlap `start`..`end`."""
        spans = []
        for index, row in enumerate(self.years):
            if index + 1 < len(self.years):
                last = self.years[index + 1].flat_rate_from - timedelta(days=1)
            else:
                last = self.published_until
            if row.flat_rate_from <= end and start <= last:
                spans.append((row, row.flat_rate_from, last))
        return spans

    def _lookup(self, day: date, key: Any) -> Decimal:
        found = None
        for row in self.years:
            if key(row) <= day:
                found = row
        if found is None:
            raise LeavePayError(
                "date", f"We have no lower earnings limit before {self._first_text}."
            )
        return found.lower_earnings_limit

    @property
    def _first_text(self) -> str:
        return f"the {self.years[0].rate_year} tax year"


def _row(raw: dict[str, Any]) -> RateYear:
    lower = raw["ma_lower_rate"]
    return RateYear(
        rate_year=raw["rate_year"],
        flat_rate_from=date.fromisoformat(raw["flat_rate_from"]),
        flat_rate=Decimal(raw["flat_rate"]),
        lower_earnings_limit=Decimal(raw["lower_earnings_limit"]),
        lel_birth_from=date.fromisoformat(raw["lel_birth_from"]),
        lel_adoption_from=date.fromisoformat(raw["lel_adoption_from"]),
        ma_lower_rate=None if lower is None else Decimal(lower),
    )


def parse_rate_table(text: str) -> RateTable:
    """Build a table from the JSON text of `rates.json` (rows oldest first)."""
    rows = tuple(_row(raw) for raw in json.loads(text)["rate_years"])
    if [row.flat_rate_from for row in rows] != sorted(
        row.flat_rate_from for row in rows
    ):
        raise ValueError("rate years must be listed oldest first")
    return RateTable(rows)


@cache
def default_rates() -> RateTable:
    """The packaged table (read on first use, never at import time)."""
    text = (
        resources.files("parent_app.domain.leave_pay")
        .joinpath("rates.json")
        .read_text(encoding="utf-8")
    )
    return parse_rate_table(text)
