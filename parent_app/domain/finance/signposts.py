"""Signposts: a benefits check, the child benefit tax charge, local family hub help.

Rules (../shared/facts/uk-facts.md):
- universal-credit-check: nobody gets Universal Credit or a legacy income benefit, and
  the adults earn under £30,000 each, or there are money or housing worries, or the
  family says it gets tax credits (which ended in April 2025, Flags 3); Universal Credit
  is the gateway to Healthy Start and the Sure Start Maternity Grant (FEED-22,
  MONEY-11);
- high-income-child-benefit-charge (MONEY-01, TL-12): an adult's income passes £60,000;
  the charge claws back all Child Benefit at £80,000; claim anyway for the National
  Insurance credits;
- debt-advice: money worries go to Citizens Advice, which the issue names as a place to
  go (free, confidential advice on debt and bills), with the local family hub named in
  the reason for help near home;
- housing-help, family-hub-skills: temporary housing or wanted skills go to the local
  family hub (the issue's "standardised offer of a finance and skills review").
"""

from __future__ import annotations

from parent_app.domain.finance.action import Action, ForWhom, Where, make_action
from parent_app.domain.finance.context import PlanContext

CITIZENS_ADVICE = Where(
    "Citizens Advice: debt and money",
    "https://www.citizensadvice.org.uk/debt-and-money/",
)

INCOME_BENEFITS = frozenset(
    {"universal_credit", "income_support", "jsa_income", "esa_income", "pension_credit"}
)
UNDER_30K = frozenset({"none", "under_lel", "lel_to_30k"})
WORRY_WORDS = {
    "debts": "debts",
    "bills": "paying bills",
    "rent_or_mortgage": "paying the rent or mortgage",
    "food": "having enough food",
}
SKILL_WORDS = {
    "budgeting": "budgeting",
    "cooking_on_a_budget": "cooking on a budget",
    "back_to_work": "getting back to work",
    "english": "English",
    "digital": "using a phone or computer",
}


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def universal_credit_check(ctx: PlanContext) -> Action | None:
    household = ctx.household
    if household.benefits & INCOME_BENEFITS:
        return None
    reasons = []
    if "tax_credits" in household.benefits:
        reasons.append(
            "Tax credits ended in April 2025, and Universal Credit replaced them."
        )
    if all(adult.income in UNDER_30K for adult in household.adults):
        each = "each of you earns" if household.has_partner else "you earn"
        reasons.append(
            f"Nobody in your home gets Universal Credit, and {each} under £30,000 a "
            "year."
        )
    if household.money_worries or household.housing == "temporary_or_homeless":
        reasons.append("You told us money or housing is a worry.")
    if not reasons:
        return None
    return make_action(
        today=ctx.today,
        key="universal-credit-check",
        title="Check which benefits you can get",
        why=" ".join(reasons)
        + " A baby can change what you can get. Universal Credit can also mean Healthy "
        "Start money and the Sure Start Maternity Grant.",
        for_whom="both",
        where=Where(
            "GOV.UK: Benefits calculators", "https://www.gov.uk/benefits-calculators"
        ),
        timing_note="Now.",
    )


def high_income_child_benefit_charge(ctx: PlanContext) -> Action | None:
    high = [adult for adult in ctx.household.adults if adult.is_over_60k]
    if not high:
        return None
    for_whom: ForWhom = "both" if len(high) == 2 else high[0].role
    earner = (
        "You earn" if ctx.who(high[0].role) == "you" else "Someone in your home earns"
    )
    return make_action(
        today=ctx.today,
        key="high-income-child-benefit-charge",
        title="Know about the High Income Child Benefit Charge",
        why=f"{earner} over £60,000 a year. When the higher earner's adjusted net "
        "income is over £60,000, they pay back some Child Benefit as tax, and all of "
        "it at £80,000. Still claim Child Benefit: it gives National Insurance "
        "credits, and you can choose not to be paid.",
        for_whom=for_whom,
        where=Where(
            "GOV.UK: High Income Child Benefit Charge",
            "https://www.gov.uk/child-benefit-tax-charge",
        ),
        timing_note="When you claim Child Benefit.",
    )


def debt_advice(ctx: PlanContext) -> Action | None:
    worries = [
        w for key, w in WORRY_WORDS.items() if key in ctx.household.money_worries
    ]
    if not worries:
        return None
    why = (
        f"You told us you're worried about {_listed(worries)}. Citizens Advice gives "
        "free, private advice about money, bills and debt. Your family hub can also "
        "help you find advice and other help near you."
    )
    if "food" in ctx.household.money_worries:
        why += " Ask them about food help nearby too."
    return make_action(
        today=ctx.today,
        key="debt-advice",
        title="Get free help with money worries",
        why=why,
        for_whom="both",
        where=CITIZENS_ADVICE,
        timing_note="Now: the sooner you ask, the more can be done.",
    )


def housing_help(ctx: PlanContext) -> Action | None:
    if ctx.household.housing != "temporary_or_homeless":
        return None
    return make_action(
        today=ctx.today,
        key="housing-help",
        title="Get help with where you live",
        why="You told us you're in temporary housing or have nowhere settled to live. "
        "Tell your family hub, and your midwife or health visitor, so they can help "
        "you find support.",
        for_whom="both",
        where=ctx.hub,
        timing_note="Now.",
    )


def family_hub_skills(ctx: PlanContext) -> Action | None:
    skills = [w for key, w in SKILL_WORDS.items() if key in ctx.household.skills]
    if not skills:
        return None
    return make_action(
        today=ctx.today,
        key="family-hub-skills",
        title="Join free sessions at your family hub",
        why=f"You'd like help with {_listed(skills)}. Your family hub offers a finance "
        "and skills review and can point you to free sessions near you.",
        for_whom="both",
        where=ctx.hub,
        timing_note="Whenever suits you.",
    )
