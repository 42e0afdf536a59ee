"""A household as the review's answers describe it; the answer values the rules read.

`RULE_QUESTIONS` is the contract between the questionnaire file (data staff may edit
through review) and the rules (code): the question ids, types and option values the
rules depend on. `check_questionnaire` refuses a questionnaire that drifts from it, so a
label can be reworded freely but a value the rules test for cannot be renamed or dropped
by accident.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

WORK = ("employed", "self_employed", "not_working", "student")
INCOME_BANDS = (
    "none",
    "under_lel",
    "lel_to_16_hours_min_wage",
    "lel_to_30k",
    "30k_to_60k",
    "60k_to_100k",
    "over_100k",
    "not_sure",
)
BENEFITS = (
    "universal_credit",
    "child_benefit",
    "pension_credit",
    "income_support",
    "jsa_income",
    "esa_income",
    "none",
)
HOUSING = (
    "own",
    "rent_private",
    "rent_social",
    "living_with_family",
    "temporary_or_homeless",
)
CHILDCARE_PLANS = ("none", "before_1", "1_to_2", "after_2", "not_sure")
MONEY_WORRIES = ("debts", "bills", "rent_or_mortgage", "food", "none")
SKILLS = (
    "budgeting",
    "cooking_on_a_budget",
    "back_to_work",
    "english",
    "digital",
    "none",
)
AREAS = (
    "hampshire",
    "southampton",
    "portsmouth",
    "isle-of-wight",
    "dorset",
    "bournemouth-christchurch-poole",
    "other",
)

# question id -> (type, option values or None, about)
RULE_QUESTIONS: dict[str, tuple[str, tuple[str, ...] | None, str]] = {
    "household_adults": ("single", ("one", "two"), "household"),
    "other_children_under_16": ("integer", None, "household"),
    "babies_expected": ("integer", None, "household"),
    "birthing_parent_under_18": ("boolean", None, "birthing_parent"),
    "birthing_parent_work": ("single", WORK, "birthing_parent"),
    "birthing_parent_income": ("single", INCOME_BANDS, "birthing_parent"),
    "partner_work": ("single", WORK, "partner"),
    "partner_income": ("single", INCOME_BANDS, "partner"),
    "benefits": ("multi", BENEFITS, "household"),
    "housing": ("single", HOUSING, "household"),
    "childcare_plans": ("single", CHILDCARE_PLANS, "household"),
    "money_worries": ("multi", MONEY_WORRIES, "household"),
    "skills": ("multi", SKILLS, "household"),
    "area": ("single", AREAS, "household"),
}

# Earnings at or above the weekly Lower Earnings Limit (SMP, SPP and ShPP need it).
AT_LEAST_LEL = frozenset(
    {"lel_to_16_hours_min_wage", "lel_to_30k", "30k_to_60k", "60k_to_100k", "over_100k"}
)
# At least 16 hours a week at the minimum wage (funded childcare, Tax-Free Childcare):
# "lel_to_30k" starts at that figure since questionnaire version 2 (in version 1 it
# started at the LEL, and those answers are read as they were given).
AT_LEAST_16_HOURS_MIN_WAGE = frozenset(
    {"lel_to_30k", "30k_to_60k", "60k_to_100k", "over_100k"}
)
# The High Income Child Benefit Charge starts when adjusted net income passes £60,000.
OVER_60K = frozenset({"60k_to_100k", "over_100k"})
# Funded hours and Tax-Free Childcare stop at £100,000 adjusted net income each.
OVER_100K = frozenset({"over_100k"})
WORKING = frozenset({"employed", "self_employed"})


@dataclass(frozen=True)
class Adult:
    """One adult bringing up the baby: their work and their yearly earnings band."""

    role: Literal["birthing_parent", "partner"]
    work: str
    income: str

    @property
    def is_working(self) -> bool:
        return self.work in WORKING

    @property
    def is_employee(self) -> bool:
        return self.work == "employed"

    @property
    def is_at_least_lel(self) -> bool:
        return self.income in AT_LEAST_LEL

    @property
    def may_be_at_least_lel(self) -> bool:
        """At or above the LEL, or not sure: worth checking with the employer."""
        return self.income in AT_LEAST_LEL or self.income == "not_sure"

    @property
    def meets_childcare_work_test(self) -> bool:
        """Works, and earns at least 16 hours a week at the minimum wage but under
        £100,000 a year (TL-13, TL-14); "not sure" is given the benefit of the doubt,
        the plan says what the test is."""
        return (
            self.is_working
            and self.income in AT_LEAST_16_HOURS_MIN_WAGE | {"not_sure"}
            and not self.is_over_100k
        )

    @property
    def is_over_60k(self) -> bool:
        return self.income in OVER_60K

    @property
    def is_over_100k(self) -> bool:
        return self.income in OVER_100K


@dataclass(frozen=True)
class Household:
    """The answers the rules read, typed. Build it from validated answers only."""

    birthing_parent: Adult
    partner: Adult | None
    other_children_under_16: int
    is_birthing_parent_under_18: bool
    benefits: frozenset[str]
    housing: str
    childcare_plans: str
    money_worries: frozenset[str]
    skills: frozenset[str]
    area: str
    babies_expected: int = 1

    @property
    def adults(self) -> tuple[Adult, ...]:
        if self.partner is None:
            return (self.birthing_parent,)
        return (self.birthing_parent, self.partner)

    @property
    def has_partner(self) -> bool:
        return self.partner is not None


def household_from_answers(answers: Mapping[str, Any]) -> Household:
    """The typed household of answers that `validate_answers` accepted (KeyError
    otherwise).
    """
    partner = None
    if answers["household_adults"] == "two":
        partner = Adult("partner", answers["partner_work"], answers["partner_income"])
    return Household(
        birthing_parent=Adult(
            "birthing_parent",
            answers["birthing_parent_work"],
            answers["birthing_parent_income"],
        ),
        partner=partner,
        other_children_under_16=answers["other_children_under_16"],
        is_birthing_parent_under_18=bool(
            answers.get("birthing_parent_under_18", False)
        ),
        benefits=frozenset(answers["benefits"]) - {"none"},
        housing=answers["housing"],
        childcare_plans=answers["childcare_plans"],
        money_worries=frozenset(answers["money_worries"]) - {"none"},
        skills=frozenset(answers["skills"]) - {"none"},
        area=answers["area"],
        babies_expected=answers.get("babies_expected", 1),
    )
