"""The rates and limits in parent_app/domain/leave_pay/rates.json agree with the facts
files, and next April's uprating is one more row."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest

from parent_app.domain.leave_pay import LeavePayError, default_rates
from parent_app.domain.leave_pay.rates import parse_rate_table
from parent_app.domain.leave_pay.weeks import first_sunday_of_april

FACTS = Path(__file__).resolve().parents[1] / "data" / "reference"
RULES = (FACTS / "leave-and-pay-rules.md").read_text()
UK_FACTS = (FACTS / "uk-facts.md").read_text()


def section(heading: str) -> str:
    """The text from a heading line starting with `heading` to the next heading."""
    start = RULES.index(heading)
    end = re.search(r"\n\*\*\(|\n##", RULES[start + len(heading) :])
    assert end is not None
    return RULES[start : start + len(heading) + end.start()]


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and re.match(r"\d{4}", cells[0]):
            rows.append(cells)
    return rows


FLAT_RATES = table_rows(section("### 6.2"))
BIRTH_LEL = table_rows(section("**(a)"))
ADOPTION_LEL = table_rows(section("**(b)"))


def test_the_facts_tables_were_found() -> None:
    assert len(FLAT_RATES) == 15
    assert len(BIRTH_LEL) == 14
    assert len(ADOPTION_LEL) == 13


def test_2026_27_figures_match_the_facts_files() -> None:
    row = default_rates().years[-1]
    assert row.rate_year == "2026/27"
    assert ["2026/27", "2026-04-05", "£194.32"] in FLAT_RATES
    assert (row.flat_rate_from, row.flat_rate) == (date(2026, 4, 5), Decimal("194.32"))
    assert ["2026-04-06", "2100-04-05", "129"] in BIRTH_LEL
    assert ["2026-04-06", "2100-04-05", "129"] in ADOPTION_LEL
    assert row.lower_earnings_limit == Decimal("129")
    assert (row.lel_birth_from, row.lel_adoption_from) == (
        date(2026, 4, 6),
        date(2026, 4, 6),
    )
    uk_rows = {
        line.split("|")[1].strip(): line
        for line in UK_FACTS.splitlines()
        if "|" in line
    }
    flat_rate_row = next(
        label for label in uk_rows if label.startswith("Flat rate of SMP")
    )
    assert "**£194.32**" in uk_rows[flat_rate_row]
    assert (
        "**£129**"
        in uk_rows["NI Lower Earnings Limit (earnings test for SMP/SPP/ShPP)"]
    )
    assert (
        uk_rows["Maternity Allowance lower rate"]
        .rstrip(" |")
        .endswith("£27 (not re-checked)")
    )
    assert row.ma_lower_rate == Decimal("27.00")


@pytest.mark.parametrize("row", FLAT_RATES, ids=[row[0] for row in FLAT_RATES])
def test_every_flat_rate_matches_the_facts_table(row: list[str]) -> None:
    ours = {year.rate_year: year for year in default_rates().years}[row[0]]
    assert ours.flat_rate_from == date.fromisoformat(row[1])
    assert ours.flat_rate == Decimal(row[2].lstrip("£").split()[0])


def test_rates_change_on_the_first_sunday_in_april() -> None:
    for year in default_rates().years:
        assert year.flat_rate_from == first_sunday_of_april(year.start_year)


@pytest.mark.parametrize("row", BIRTH_LEL, ids=[row[0] for row in BIRTH_LEL])
def test_birth_lower_earnings_limit_matches_gov_uk_table(row: list[str]) -> None:
    rates = default_rates()
    for boundary in (row[0], row[1]):
        day = date.fromisoformat(boundary)
        assert rates.birth_lower_earnings_limit(day) == Decimal(row[2])


@pytest.mark.parametrize("row", ADOPTION_LEL, ids=[row[0] for row in ADOPTION_LEL])
def test_adoption_lower_earnings_limit_matches_gov_uk_table(row: list[str]) -> None:
    rates = default_rates()
    for boundary in (row[0], row[1]):
        day = date.fromisoformat(boundary)
        assert rates.adoption_lower_earnings_limit(day) == Decimal(row[2])


def test_parent_tool_limit_is_the_tax_years() -> None:
    cells = re.search(r"\| LEL \| (.+) \|", section("**(c)"))
    assert cells is not None
    limits = [int(cell) for cell in cells.group(1).split(" | ")[:-1]]
    rates = default_rates()
    for year, limit in zip(range(2013, 2027), limits, strict=True):
        assert rates.tax_year_lower_earnings_limit(date(year, 4, 6)) == limit
        assert rates.tax_year_lower_earnings_limit(date(year + 1, 4, 5)) == limit


def test_before_2013_the_parent_tool_limit_is_the_real_one_not_129() -> None:
    rates = default_rates()
    assert rates.tax_year_lower_earnings_limit(date(2012, 12, 1)) == 107
    assert rates.tax_year_lower_earnings_limit(date(2009, 4, 6)) == 95


def test_next_aprils_uprating_is_one_row() -> None:
    text = (
        resources.files("parent_app.domain.leave_pay")
        .joinpath("rates.json")
        .read_text()
    )
    data = json.loads(text)
    data["rate_years"].append(
        {
            "rate_year": "2027/28",
            "flat_rate_from": "2027-04-04",
            "flat_rate": "200.00",
            "lower_earnings_limit": "132",
            "lel_birth_from": "2027-04-06",
            "lel_adoption_from": "2027-04-06",
            "ma_lower_rate": "27.00",
        }
    )
    rates = parse_rate_table(json.dumps(data))
    rate = rates.flat_rate_on(date(2027, 5, 3), week_start_weekday=1)
    assert (rate.amount, rate.rate_year, rate.is_projected) == (
        Decimal("200.00"),
        "2027/28",
        False,
    )
    assert rates.birth_lower_earnings_limit(date(2027, 4, 10)) == 132
    before = default_rates().flat_rate_on(date(2027, 5, 3), week_start_weekday=1)
    assert (before.amount, before.is_projected) == (Decimal("194.32"), True)


def test_uprating_waits_for_the_first_whole_pay_week() -> None:
    rates = default_rates()
    # Leave from a Friday: the 2013 rate starts on Friday 12 April, not on the 7th.
    assert rates.flat_rate_on(
        date(2013, 4, 11), week_start_weekday=5
    ).amount == Decimal("135.45")
    assert rates.flat_rate_on(
        date(2013, 4, 12), week_start_weekday=5
    ).amount == Decimal("136.78")
    assert rates.flat_rate_on(date(2013, 4, 7), week_start_weekday=0).amount == Decimal(
        "136.78"
    )


def test_no_rates_before_the_table() -> None:
    with pytest.raises(LeavePayError):
        default_rates().flat_rate_on(date(2009, 4, 4), week_start_weekday=0)
    with pytest.raises(LeavePayError):
        default_rates().birth_lower_earnings_limit(date(2009, 7, 16))


def test_rows_must_be_oldest_first() -> None:
    text = (
        resources.files("parent_app.domain.leave_pay")
        .joinpath("rates.json")
        .read_text()
    )
    data = json.loads(text)
    data["rate_years"].reverse()
    with pytest.raises(ValueError, match="oldest first"):
        parse_rate_table(json.dumps(data))
