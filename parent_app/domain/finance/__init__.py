"""The finance and skills review: a questionnaire's answers in, an action plan out.

Public surface (import from here):
- check_questionnaire(questionnaire) -> None, raises InvalidQuestionnaire
- validate_answers(questionnaire, answers, *, version=None) -> dict, raises
  InvalidAnswers
- build_action_plan(answers, *, due_on, born_on, today, rates, family_hub=None) ->
  list[Action]
- default_rates(on) -> Rates; rates_for(tax_year) -> Rates
- milestone_of(action_key) -> the milestone key an action serves, or None
"""

from parent_app.domain.finance.action import (
    ACTION_MILESTONES,
    ACTION_ORDER,
    Action,
    Where,
    milestone_of,
    status_on,
)
from parent_app.domain.finance.plan import build_action_plan
from parent_app.domain.finance.questionnaire import (
    InvalidAnswers,
    InvalidQuestionnaire,
    check_questionnaire,
    validate_answers,
)
from parent_app.domain.finance.rates import Rates, default_rates, rates_for

__all__ = [
    "ACTION_MILESTONES",
    "ACTION_ORDER",
    "Action",
    "InvalidAnswers",
    "InvalidQuestionnaire",
    "Rates",
    "Where",
    "build_action_plan",
    "check_questionnaire",
    "default_rates",
    "milestone_of",
    "rates_for",
    "status_on",
    "validate_answers",
]
