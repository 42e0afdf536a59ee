"""The leave and pay words: one module, every date labelled, rules said the way the
articles say them, and questions asked rather than answers guessed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parent_app.domain.leave_pay import HouseholdAnswers, check_household, default_rates
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.outcomes import Entitlement
from parent_app.domain.leave_pay.words import (
    NOTICE_RULE,
    QUALIFYING_WEEK,
    date_words,
    on_or_before,
)

ARTICLES = Path(__file__).parents[2] / "parent_app/content/catalogue/articles"
EMPLOYEE = EmploymentStatus.EMPLOYEE
QUALIFIES = ParentAnswers(EMPLOYEE, True, True, True)


def test_dates_are_said_the_way_the_calculator_says_them() -> None:
    assert on_or_before(date(2025, 9, 6)) == "on or before 6 September 2025"


@pytest.mark.parametrize(
    "article",
    ["maternity-leave.md", "paternity-leave-day-one-right.md"],
)
def test_the_notice_rule_is_worded_as_the_articles_word_it(article: str) -> None:
    text = (ARTICLES / article).read_text(encoding="utf-8").replace("**", "").lower()
    assert f"the end of {QUALIFYING_WEEK}" in text
    assert NOTICE_RULE.startswith(f"The end of {QUALIFYING_WEEK}")
    assert "as soon as you reasonably can" in NOTICE_RULE


def test_the_paternity_notice_date_names_the_rule_that_gave_it() -> None:
    partner = ParentAnswers(EMPLOYEE, True, True, True)
    for due, rule in (
        (date(2023, 6, 10), "The end of the 15th week"),
        (date(2026, 9, 10), "28 days before the leave starts"),
    ):
        check = check_household(HouseholdAnswers(due, None, partner), default_rates())
        [notice] = [
            d for d in check.labelled_dates if d.key == "paternity_notice_deadline"
        ]
        assert notice.rule.startswith(rule)


def test_an_unknown_date_has_no_made_up_words() -> None:
    with pytest.raises(KeyError):
        date_words("mystery_date")


def test_an_unasked_question_is_asked_not_taken_as_no() -> None:
    """The partner is self-employed: Shared Parental Leave for the birthing parent
    hangs on the partner's 26 weeks and £390, which nobody asked."""
    partner = ParentAnswers(EmploymentStatus.SELF_EMPLOYED)
    check = check_household(
        HouseholdAnswers(date(2026, 6, 10), QUALIFIES, partner), default_rates()
    )
    assert check.birthing_parent is not None
    refused = {r.entitlement for r in check.birthing_parent.refusals}
    assert Entitlement.SHARED_PARENTAL_LEAVE not in refused
    asked = {(a.parent, a.answer) for a in check.needs_answers}
    assert asked == {
        ("partner", "worked_at_least_26_weeks"),
        ("partner", "earned_at_least_390"),
    }
    told_no = check_household(
        HouseholdAnswers(
            date(2026, 6, 10),
            QUALIFIES,
            ParentAnswers(
                EmploymentStatus.SELF_EMPLOYED,
                worked_at_least_26_weeks=False,
                earned_at_least_390=True,
            ),
        ),
        default_rates(),
    )
    assert told_no.birthing_parent is not None
    assert Entitlement.SHARED_PARENTAL_LEAVE in {
        r.entitlement for r in told_no.birthing_parent.refusals
    }
    assert told_no.needs_answers == ()


def test_every_answer_given_asks_nothing() -> None:
    check = check_household(
        HouseholdAnswers(date(2026, 6, 10), QUALIFIES, QUALIFIES), default_rates()
    )
    assert check.needs_answers == ()
