"""Benefit and statutory pay rates by tax year, as the finance review quotes them.

Figures are from ../shared/facts/uk-facts.md §5a (rates table), FEED-23 (Healthy Start)
and MONEY-11 (Sure Start Maternity Grant), money in pence. A tax year runs 6 April - 5
April. The statutory flat rate, the Lower Earnings Limit and the Maternity Allowance
lower rate are not repeated here: they are read from the one leave-and-pay rate table
(`parent_app/domain/leave_pay/rates.json`), so the check and the calculator can never
quote different figures. Status in the facts file:
- 2025/26: all VERIFIED on GOV.UK, except Healthy Start (council pages quoting
  healthystart.nhs.uk), whose values applied "until March 2026";
- 2026/27: Child Benefit VERIFIED (Treasury statement, 26 Nov 2025); the statutory flat
  rate (£194.32) and the Lower Earnings Limit (£129) are in force (issue 17, item 3);
  the Maternity Allowance lower rate (£27) was not re-checked; Healthy Start is only
  partly verified: a local food partnership gives £241.80 a year (= £4.65 a week) for
  pregnancy and children aged 1 to 4, and £483.00 a year for babies under 1, which is
  no whole number of pence a week, so no weekly figure is given for under-1s. The
  fields that are not fully verified are named in `Rates.unconfirmed`, and the action
  plan says so next to the amount.
- The National Living Wage (21 and over): £12.21 an hour from April 2025, £12.71 from
  April 2026; the childcare work test needs 16 hours a week at it (£203.36 in 2026/27).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from parent_app.domain.leave_pay.rates import default_rates as leave_pay_rates

RATES_BY_TAX_YEAR: dict[str, dict[str, Any]] = {
    "2025/26": {
        "starts_on": date(2025, 4, 6),
        "child_benefit_first_child_weekly_pence": 2605,
        "child_benefit_other_child_weekly_pence": 1725,
        "sure_start_maternity_grant_pence": 50000,
        "healthy_start_pregnancy_weekly_pence": 425,
        "healthy_start_under_one_weekly_pence": 850,
        "healthy_start_under_one_yearly_pence": None,
        "healthy_start_one_to_four_weekly_pence": 425,
        "maternity_allowance_threshold_weekly_pence": 3000,
        "national_living_wage_hourly_pence": 1221,
        "unconfirmed": frozenset(),
    },
    "2026/27": {
        "starts_on": date(2026, 4, 6),
        "child_benefit_first_child_weekly_pence": 2705,
        "child_benefit_other_child_weekly_pence": 1790,
        "sure_start_maternity_grant_pence": 50000,
        "healthy_start_pregnancy_weekly_pence": 465,
        "healthy_start_under_one_weekly_pence": None,
        "healthy_start_under_one_yearly_pence": 48300,
        "healthy_start_one_to_four_weekly_pence": 465,
        "maternity_allowance_threshold_weekly_pence": 3000,
        "national_living_wage_hourly_pence": 1271,
        "unconfirmed": frozenset({"healthy_start", "maternity_allowance_lower"}),
    },
}


@dataclass(frozen=True)
class Rates:
    """The amounts for one tax year, in pence.

    `statutory_pay_weekly_pence` is the one flat rate shared by Statutory Maternity Pay
    (weeks 7-39), Statutory Paternity Pay, Shared Parental Pay and the full Maternity
    Allowance (each is that rate or 90% of average weekly earnings, whichever is lower).
    """

    tax_year: str
    starts_on: date
    child_benefit_first_child_weekly_pence: int
    child_benefit_other_child_weekly_pence: int
    sure_start_maternity_grant_pence: int
    healthy_start_pregnancy_weekly_pence: int
    healthy_start_under_one_weekly_pence: int | None
    healthy_start_under_one_yearly_pence: int | None
    healthy_start_one_to_four_weekly_pence: int
    statutory_pay_weekly_pence: int
    maternity_allowance_lower_weekly_pence: int
    maternity_allowance_threshold_weekly_pence: int
    lower_earnings_limit_weekly_pence: int
    national_living_wage_hourly_pence: int
    unconfirmed: frozenset[str] = frozenset()

    def is_confirmed(self, name: str) -> bool:
        return name not in self.unconfirmed

    @property
    def childcare_work_test_weekly_pence(self) -> int:
        """16 hours a week at the National Living Wage (TL-13, TL-14)."""
        return CHILDCARE_WORK_TEST_HOURS * self.national_living_wage_hourly_pence


CHILDCARE_WORK_TEST_HOURS = 16


def _pence(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def _statutory(tax_year: str) -> dict[str, int]:
    """The flat rate, LEL and MA lower rate of that year in the leave-and-pay table."""
    row = next(r for r in leave_pay_rates().years if r.rate_year == tax_year)
    return {
        "statutory_pay_weekly_pence": _pence(row.flat_rate),
        "lower_earnings_limit_weekly_pence": _pence(row.lower_earnings_limit),
        "maternity_allowance_lower_weekly_pence": _pence(
            row.ma_lower_rate or Decimal(0)
        ),
    }


def rates_for(tax_year: str) -> Rates:
    """The rates of a tax year such as "2026/27"; KeyError if unknown."""
    return Rates(
        tax_year=tax_year, **RATES_BY_TAX_YEAR[tax_year], **_statutory(tax_year)
    )


def default_rates(on: date) -> Rates:
    """The rates of the tax year containing `on`.

    After the last tax year in the table, that year's rates are returned (no later
    figures were published when the facts were compiled); every amount shown carries its
    tax year, so the parent can see which year it is from. Raises ValueError before the
    first tax year.
    """
    known = sorted(RATES_BY_TAX_YEAR.items(), key=lambda item: item[1]["starts_on"])
    if on < known[0][1]["starts_on"]:
        raise ValueError(f"no rates before the {known[0][0]} tax year")
    tax_year = [name for name, values in known if values["starts_on"] <= on][-1]
    return rates_for(tax_year)


def pounds(pence: int) -> str:
    """An amount as people write it: £500, £2,000, £27.05."""
    whole, part = divmod(pence, 100)
    return f"£{whole:,}" if part == 0 else f"£{whole:,}.{part:02d}"
