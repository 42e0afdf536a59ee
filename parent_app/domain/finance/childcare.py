"""Childcare help for working parents: the funded-hours code, Tax-Free Childcare.

Rules (../shared/facts/uk-facts.md TL-13, TL-14):
- both apply when each parent (or the single parent) works, expects to earn at least 16
  hours a week at the National Minimum or Living Wage for their age (£203.36 a week at
  the April 2026 National Living Wage of £12.71 an hour), and has under £100,000
  adjusted net income; parents on maternity or paternity leave still count. Someone
  who earns under the LEL (£129 a week) can never meet it;
- childcare-code: up to 30 hours a week for 38 weeks a year from the term after the
  child is 9 months old; apply from 23 weeks old; the code deadline is 31 December, 31
  March or 31 August depending on when the child reaches the age the place is wanted
  from (9 months for "before 1" or "not sure", 1 year for "1 to 2", 2 years for "after
  2"); reconfirm every 3 months;
- tax-free-childcare: the government adds £2 for every £8 paid in, up to £500 every 3
  months (£2,000 a year) per child; it can't be combined with Universal Credit childcare
  costs (tax credits ended in April 2025).
"""

from __future__ import annotations

from datetime import timedelta

from parent_app.domain.finance.action import Action, Where, make_action
from parent_app.domain.finance.context import PlanContext
from parent_app.domain.finance.dates import (
    add_months,
    childcare_code_deadline,
    long_date,
)
from parent_app.domain.finance.household import Household
from parent_app.domain.finance.rates import pounds

APPLY_FROM_AGE_WEEKS = 23
PLACE_FROM_AGE_MONTHS = {"before_1": 9, "not_sure": 9, "1_to_2": 12, "after_2": 24}
PLAN_WORDS = {
    "before_1": "before your baby is 1",
    "not_sure": "but aren't sure when",
    "1_to_2": "when your child is 1 to 2",
    "after_2": "after your child is 2",
}
TAX_FREE_CHILDCARE_QUARTERLY_PENCE = 50000
TAX_FREE_CHILDCARE_YEARLY_PENCE = 200000
BEST_START_CHILDCARE = Where(
    "Best Start in Life: childcare (GOV.UK)", "https://www.beststartinlife.gov.uk/"
)


def _passes_work_test(household: Household) -> bool:
    return household.childcare_plans != "none" and all(
        adult.meets_childcare_work_test for adult in household.adults
    )


def _work_test_words(ctx: PlanContext) -> str:
    household = ctx.household
    weekly = pounds(ctx.rates.childcare_work_test_weekly_pence)
    hourly = pounds(ctx.rates.national_living_wage_hourly_pence)
    test = (
        "at least the same as 16 hours a week at the minimum wage for your age "
        f"({weekly} a week at the National Living Wage of {hourly} an hour for people "
        f"aged 21 and over, {ctx.rates.tax_year})"
    )
    if household.has_partner:
        return (
            "You both work and each expect to earn under £100,000 a year. Each of you "
            f"must also expect to earn {test}."
        )
    return (
        "You work and expect to earn under £100,000 a year. You must also expect to "
        f"earn {test}."
    )


def childcare_code(ctx: PlanContext) -> Action | None:
    household = ctx.household
    if not _passes_work_test(household):
        return None
    plan = household.childcare_plans
    why = (
        f"{_work_test_words(ctx)} You may want childcare {PLAN_WORDS[plan]}. "
        "Working families can get up to 30 hours of funded childcare a week from the "
        "term after their child is 9 months old. You need a code from the government, "
        "and you must reconfirm it every 3 months."
    )
    birth_on = ctx.birth_on
    opens_on = deadline_on = None
    timing = (
        "Apply from when your baby is 23 weeks old, for a place from the term after "
        "they are 9 months old."
    )
    if birth_on is not None:
        opens_on = birth_on + timedelta(weeks=APPLY_FROM_AGE_WEEKS)
        eligible_on = add_months(birth_on, PLACE_FROM_AGE_MONTHS[plan])
        found = childcare_code_deadline(max(eligible_on, ctx.today), ctx.today)
        deadline_on = found.deadline_on
        timing = (
            f"Apply from {long_date(opens_on)} (23 weeks old). For a place from the "
            f"{found.term_starts} term, get your code {ctx.by_when(deadline_on)}."
        )
    return make_action(
        today=ctx.today,
        key="childcare-code",
        title="Apply for a funded childcare code",
        why=why,
        for_whom="both",
        where=BEST_START_CHILDCARE,
        timing_note=timing,
        worth_note="Up to 30 hours a week for 38 weeks a year (1,140 hours)",
        opens_on=opens_on,
        deadline_on=deadline_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.has_dates,
    )


def tax_free_childcare(ctx: PlanContext) -> Action | None:
    household = ctx.household
    if not _passes_work_test(household):
        return None
    why = (
        f"{_work_test_words(ctx)} For every £8 you pay into a childcare account, "
        "the government adds £2. You can use it with funded hours and registered "
        "childminders, nurseries, nannies and clubs."
    )
    if "universal_credit" in household.benefits:
        why += (
            " You can't use it at the same time as Universal Credit help with "
            "childcare costs, so check which is better for you."
        )
    quarterly = pounds(TAX_FREE_CHILDCARE_QUARTERLY_PENCE)
    yearly = pounds(TAX_FREE_CHILDCARE_YEARLY_PENCE)
    return make_action(
        today=ctx.today,
        key="tax-free-childcare",
        title="Open a Tax-Free Childcare account",
        why=why,
        for_whom="both",
        where=Where(
            "Best Start in Life: Tax-Free Childcare (GOV.UK)",
            "https://www.beststartinlife.gov.uk/childcare-early-years-education/"
            "tax-free-childcare/how-it-works",
        ),
        timing_note="When you start paying for childcare. Reconfirm every 3 months.",
        worth_pence=TAX_FREE_CHILDCARE_QUARTERLY_PENCE,
        worth_period="quarter",
        worth_note=f"Up to {quarterly} every 3 months ({yearly} a year) for each child",
        is_waiting=not ctx.is_born,
    )
