"""Claims around the birth: registration, Child Benefit, Healthy Start, the SSMG.

Rules (../shared/facts/uk-facts.md):
- register-birth (TL-11): every birth in England is registered within 42 days;
- child-benefit (TL-12, MONEY-01): claim after registering; a claim is backdated 3
  months at most, so claim within 3 months of the birth; claiming gives the non-earning
  parent National Insurance credits, so claim even when the High Income Child Benefit
  Charge applies;
- healthy-start (FEED-22/23, TL-08): from 10 weeks pregnant to the child's 4th birthday,
  on Universal Credit (take-home pay from work £408 a month or less), Income Support,
  income-based JSA, Pension Credit (with child addition), or income-related ESA while
  pregnant; anyone pregnant and under 18, whatever their benefits. Tax credits ended on
  5 April 2025 (their holders moved to Universal Credit), so they are no route any more;
- sure-start-maternity-grant (MONEY-11, TL-09): £500 a baby, from 11 weeks before the
  due week to 6 months after the birth, when the claimant or partner gets Universal
  Credit, Income Support, income-based JSA, income-related ESA or Pension Credit. With
  no other children under 16 it is paid for every baby expected; with other children
  under 16 only for a multiple birth, for each baby after the first (twins: one grant,
  triplets: two; GOV.UK rules since 13 August 2023).
"""

from __future__ import annotations

from datetime import timedelta

from parent_app.domain.finance.action import Action, Where, WorthPeriod, make_action
from parent_app.domain.finance.context import PlanContext
from parent_app.domain.finance.dates import add_months, long_date, weeks_before_due_week
from parent_app.domain.finance.household import Household
from parent_app.domain.finance.rates import pounds

REGISTER_WITHIN_DAYS = 42
CHILD_BENEFIT_BACKDATE_MONTHS = 3
SSMG_CLAIM_MONTHS_AFTER_BIRTH = 6
SSMG_WEEKS_BEFORE_DUE_WEEK = 11
HEALTHY_START_FROM_WEEK = 10

HEALTHY_START_BENEFITS = {
    "universal_credit": "Universal Credit counts if your family's take-home pay from "
    "work is £408 a month or less.",
    "income_support": "Income Support counts.",
    "jsa_income": "Income-based Jobseeker's Allowance counts.",
    "pension_credit": "Pension Credit counts if it includes the child addition.",
}
ESA_IN_PREGNANCY = "Income-related ESA counts while you are pregnant."
SSMG_BENEFITS = {
    "universal_credit": "Universal Credit",
    "income_support": "Income Support",
    "jsa_income": "income-based Jobseeker's Allowance",
    "esa_income": "income-related Employment and Support Allowance",
    "pension_credit": "Pension Credit",
}


def register_birth(ctx: PlanContext) -> Action | None:
    birth_on = ctx.birth_on
    deadline_on = (
        None if birth_on is None else birth_on + timedelta(REGISTER_WITHIN_DAYS)
    )
    timing = "Within 42 days of the birth"
    if deadline_on is not None:
        timing += f": {ctx.by_when(deadline_on)}"
    return make_action(
        today=ctx.today,
        key="register-birth",
        title="Register the birth",
        why="Every birth in England must be registered within 42 days, at the "
        "register office for the area where the baby was born (some hospitals can do "
        "it). Take ID and the red book. If the parents are not married or in a civil "
        "partnership, both go, or the one who can't go signs a form, so both names "
        "are on the certificate.",
        for_whom="both",
        where=Where("GOV.UK: Register a birth", "https://www.gov.uk/register-birth"),
        timing_note=timing + ".",
        opens_on=birth_on,
        deadline_on=deadline_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.is_born,
        if_missed="The 42 days have passed. Contact the register office now: the birth "
        "still has to be registered.",
    )


def _child_benefit_why(ctx: PlanContext) -> str:
    household = ctx.household
    parts = [
        "Child Benefit is paid for each child under 16, with no limit on how many."
    ]
    if "child_benefit" in household.benefits:
        parts.append(
            "You already get it for your other children: claim for the new baby too."
        )
    not_earning = [a for a in household.adults if a.income == "none"]
    if household.has_partner and len(not_earning) == 1:
        parts.append(
            f"Let {ctx.who(not_earning[0].role)} claim: it gives them National "
            "Insurance credits towards their State Pension."
        )
    if any(a.is_over_60k for a in household.adults):
        parts.append(
            "Claim even though the High Income Child Benefit Charge may apply: you can "
            "choose not to be paid and still get the National Insurance credits."
        )
    return " ".join(parts)


def child_benefit(ctx: PlanContext) -> Action | None:
    is_first = ctx.household.other_children_under_16 == 0
    weekly_pence = (
        ctx.rates.child_benefit_first_child_weekly_pence
        if is_first
        else ctx.rates.child_benefit_other_child_weekly_pence
    )
    for_which = "for your first child" if is_first else "for each child after the first"
    birth_on = ctx.birth_on
    deadline_on = (
        None
        if birth_on is None
        else add_months(birth_on, CHILD_BENEFIT_BACKDATE_MONTHS)
    )
    timing = "After you register the birth. Claim within 3 months of the birth"
    if deadline_on is not None:
        timing += f" ({ctx.by_when(deadline_on)})"
    return make_action(
        today=ctx.today,
        key="child-benefit",
        title="Claim Child Benefit",
        why=_child_benefit_why(ctx),
        for_whom="both",
        where=Where("GOV.UK: Child Benefit", "https://www.gov.uk/child-benefit"),
        timing_note=timing + ": it can only be backdated 3 months.",
        worth_pence=weekly_pence,
        worth_period="week",
        worth_note=ctx.with_year(f"{pounds(weekly_pence)} a week {for_which}"),
        tax_year=ctx.rates.tax_year,
        opens_on=birth_on,
        deadline_on=deadline_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.is_born,
        if_missed="More than 3 months have passed since the birth. Claim now: it can "
        "be backdated 3 months, so every week you wait loses a week's money.",
    )


def _healthy_start_worth(ctx: PlanContext) -> tuple[int | None, WorthPeriod, str]:
    """(pence per period, period, note) for the stage the family is at."""
    rates = ctx.rates
    under_one = (
        f"{pounds(rates.healthy_start_under_one_weekly_pence)} a week"
        if rates.healthy_start_under_one_weekly_pence is not None
        else f"about {pounds(rates.healthy_start_under_one_yearly_pence or 0)} a year"
    )
    one_to_four = f"{pounds(rates.healthy_start_one_to_four_weekly_pence)} a week"
    if ctx.born_on is not None and add_months(ctx.born_on, 12) <= ctx.today:
        note = f"{one_to_four} until your child is 4"
        return rates.healthy_start_one_to_four_weekly_pence, "week", note
    if ctx.born_on is not None:
        note = f"{under_one} while your baby is under 1, then {one_to_four} until 4"
        if rates.healthy_start_under_one_weekly_pence is None:
            return rates.healthy_start_under_one_yearly_pence, "year", note
        return rates.healthy_start_under_one_weekly_pence, "week", note
    pregnancy = f"{pounds(rates.healthy_start_pregnancy_weekly_pence)} a week"
    note = f"{pregnancy} while pregnant, then {under_one} while your baby is under 1"
    return rates.healthy_start_pregnancy_weekly_pence, "week", note


def healthy_start(ctx: PlanContext) -> Action | None:
    household = ctx.household
    reasons = [
        HEALTHY_START_BENEFITS[b]
        for b in HEALTHY_START_BENEFITS
        if b in household.benefits
    ]
    if "esa_income" in household.benefits and not ctx.is_born:
        reasons.append(ESA_IN_PREGNANCY)
    if household.is_birthing_parent_under_18 and not ctx.is_born:
        reasons.append(
            "Anyone pregnant and under 18 can get it, whatever benefits they get "
            "(after the birth the benefit rules apply)."
        )
    if not reasons:
        return None
    pence, period, note = _healthy_start_worth(ctx)
    opens_on = ctx.pregnancy_week_on(HEALTHY_START_FROM_WEEK)
    if ctx.is_born:
        timing = "Apply now: it can be paid until your child is 4."
    elif opens_on is None:
        timing = "Apply once you are 10 weeks pregnant."
    else:
        timing = f"Apply from 10 weeks pregnant ({long_date(opens_on)})."
    return make_action(
        today=ctx.today,
        key="healthy-start",
        title="Get Healthy Start money for food and free vitamins",
        why="Healthy Start puts money on a card for milk, fruit, vegetables, pulses "
        "and infant formula, and gets you free vitamins. " + " ".join(reasons),
        for_whom="both" if ctx.is_born else "birthing_parent",
        where=Where("NHS Healthy Start", "https://www.healthystart.nhs.uk/"),
        timing_note=timing,
        worth_pence=pence,
        worth_period=period,
        worth_note=ctx.with_year(note, "healthy_start"),
        tax_year=ctx.rates.tax_year,
        opens_on=opens_on,
        is_waiting=not ctx.has_dates,
    )


def ssmg_grants(babies_expected: int, other_children_under_16: int) -> int:
    """How many £500 grants: one a baby, or one for each baby after the first when
    there are other children under 16 (MONEY-11)."""
    if other_children_under_16 == 0:
        return babies_expected
    return max(0, babies_expected - 1)


def _ssmg_family_words(household: Household, grants: int) -> str:
    babies = household.babies_expected
    if household.other_children_under_16 == 0:
        if babies == 1:
            return "there are no other children under 16 in your family"
        return (
            f"there are no other children under 16 in your family, and you are "
            f"expecting {babies} babies, so you can get one grant for each baby"
        )
    return (
        f"you are expecting {babies} babies, so even with other children under 16 "
        f"you can get {grants} {'grant' if grants == 1 else 'grants'}: one for each "
        "baby after the first"
    )


def sure_start_maternity_grant(ctx: PlanContext) -> Action | None:
    household = ctx.household
    benefits = [label for b, label in SSMG_BENEFITS.items() if b in household.benefits]
    grants = ssmg_grants(household.babies_expected, household.other_children_under_16)
    if not benefits or grants == 0:
        return None
    opens_on = None
    if ctx.due_on is not None:
        opens_on = weeks_before_due_week(ctx.due_on, SSMG_WEEKS_BEFORE_DUE_WEEK)
    if ctx.born_on is not None and (opens_on is None or ctx.born_on < opens_on):
        opens_on = ctx.born_on
    birth_on = ctx.birth_on
    deadline_on = (
        None
        if birth_on is None
        else add_months(birth_on, SSMG_CLAIM_MONTHS_AFTER_BIRTH)
    )
    timing = (
        "From 11 weeks before the week your baby is due until 6 months after the birth"
    )
    if opens_on is not None and deadline_on is not None:
        timing = f"From {long_date(opens_on)} until 6 months after the birth"
        timing += f" ({ctx.by_when(deadline_on)})"
    grant = pounds(ctx.rates.sure_start_maternity_grant_pence)
    total_pence = ctx.rates.sure_start_maternity_grant_pence * grants
    total = pounds(total_pence)
    return make_action(
        today=ctx.today,
        key="sure-start-maternity-grant",
        title="Claim the Sure Start Maternity Grant",
        why=f"You get {' or '.join(benefits)}, and "
        f"{_ssmg_family_words(household, grants)}. It is {grant} for each grant, for "
        "things for the baby. You don't pay it back and it doesn't change your other "
        "benefits. Use form SF100: a midwife, health visitor or doctor signs part of "
        "it.",
        for_whom="both",
        where=Where(
            "GOV.UK: Sure Start Maternity Grant",
            "https://www.gov.uk/sure-start-maternity-grant",
        ),
        timing_note=timing + ".",
        worth_pence=total_pence,
        worth_period="one_off",
        worth_note=ctx.with_year(
            f"{grant} once, tax-free"
            if grants == 1
            else f"{total} once ({grants} × {grant}), tax-free"
        ),
        tax_year=ctx.rates.tax_year,
        opens_on=opens_on,
        deadline_on=deadline_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.has_dates,
    )
