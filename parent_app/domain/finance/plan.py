"""The personal action plan: every rule applied to one family's answers and dates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from parent_app.domain.finance import birth_claims, childcare, leave_pay, signposts
from parent_app.domain.finance.action import Action, Where
from parent_app.domain.finance.context import PlanContext
from parent_app.domain.finance.household import household_from_answers
from parent_app.domain.finance.rates import Rates

Rule = Callable[[PlanContext], Action | None]

RULES: tuple[Rule, ...] = (
    birth_claims.register_birth,
    birth_claims.child_benefit,
    birth_claims.healthy_start,
    birth_claims.sure_start_maternity_grant,
    leave_pay.maternity_allowance,
    leave_pay.statutory_maternity_pay,
    leave_pay.paternity_leave_and_pay,
    leave_pay.shared_parental_leave,
    childcare.childcare_code,
    childcare.tax_free_childcare,
    signposts.universal_credit_check,
    signposts.high_income_child_benefit_charge,
    signposts.debt_advice,
    signposts.housing_help,
    signposts.family_hub_skills,
)

# The facts file gives a web address for Hampshire's family information service only
# (LOCAL-05); the service layer can pass each area's own hub as `family_hub`.
FAMILY_HUBS = {
    "hampshire": Where("Hampshire family hubs", "https://fish.hants.gov.uk/"),
    "southampton": Where("Southampton family hubs"),
    "portsmouth": Where("Portsmouth family hubs"),
    "isle-of-wight": Where("Isle of Wight family hubs"),
    "dorset": Where("Dorset family hubs"),
    "bournemouth-christchurch-poole": Where(
        "Bournemouth, Christchurch and Poole family hubs"
    ),
}
ANY_FAMILY_HUB = Where("Your local family hub")


def build_action_plan(
    answers: Mapping[str, Any],
    *,
    due_on: date | None,
    born_on: date | None,
    today: date,
    rates: Rates,
    family_hub: Where | None = None,
) -> list[Action]:
    """The family's actions, most pressing first (by priority, then deadline, then key).

    `answers` must be the result of `validate_answers`. With neither date
    (preconception, or a pregnancy not yet dated) the general actions come without
    dates, as "not_yet" where they wait for a pregnancy or a birth. Before the birth,
    deadlines that run from the birth are estimated from the due date
    (`is_deadline_estimated`). What happens to passed deadlines is described in
    `parent_app.domain.finance.action`. Raises ValueError when `born_on` is after
    `today`.
    """
    if born_on is not None and born_on > today:
        raise ValueError("a birth date cannot be after today")
    household = household_from_answers(answers)
    ctx = PlanContext(
        household=household,
        due_on=due_on,
        born_on=born_on,
        today=today,
        rates=rates,
        hub=family_hub or FAMILY_HUBS.get(household.area, ANY_FAMILY_HUB),
    )
    actions = [action for rule in RULES if (action := rule(ctx)) is not None]
    return sorted(actions, key=lambda a: (a.priority, a.deadline_on or date.max, a.key))
