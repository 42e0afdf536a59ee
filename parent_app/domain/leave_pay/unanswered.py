"""Questions the household check needed and did not get: asked, never read as "no".

A parent may leave out a yes/no answer (a partner checking alone does not know the
birthing parent's work history; an app may ask the questions one at a time). The
check first decides with what it was told. Then it decides again as if every missing
answer were "yes": an entitlement refused before but granted now was refused only for
want of answers. It is taken out of the refusals and reported as needing an answer,
naming each missing answer it cannot be granted without (all of them, where any one
would do). The check's rules are not written twice: the same decision runs each time.
Source: issue 10 item 8 (Shared Parental Leave was refused because the partner's 26
weeks were never asked).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from parent_app.domain.leave_pay.answers import ParentAnswers
from parent_app.domain.leave_pay.outcomes import Entitlement, ParentOutcome

# The yes/no answers the check may need (helps_unpaid_in_partners_business keeps
# GOV.UK's approximation when left out: see maternity_allowance).
ASKED = (
    "started_before_continuity_start",
    "still_working_on_continuity_end",
    "earned_more_than_lower_earnings_limit",
    "worked_at_least_26_weeks",
    "earned_at_least_390",
)
PARENTS = ("birthing_parent", "partner")

Answers = dict[str, ParentAnswers | None]
Decide = Callable[[Answers], dict[str, ParentOutcome | None]]


@dataclass(frozen=True)
class NeedsAnswer:
    """One parent's missing answer, and the entitlements (parent, name) it decides."""

    parent: str
    answer: str
    needed_for: tuple[tuple[str, Entitlement], ...]


def missing(answers: Answers) -> list[tuple[str, str]]:
    """(parent, answer) for every yes/no answer left out."""
    return [
        (parent, name)
        for parent in PARENTS
        if (given := answers.get(parent)) is not None
        for name in ASKED
        if getattr(given, name) is None
    ]


def _with(answers: Answers, values: Mapping[tuple[str, str], bool | None]) -> Answers:
    changed = dict(answers)
    for parent in PARENTS:
        given = answers.get(parent)
        if given is None:
            continue
        mine: dict[str, Any] = {
            name: v for (who, name), v in values.items() if who == parent
        }
        changed[parent] = replace(given, **mine) if mine else given
    return changed


def _granted(outcomes: dict[str, ParentOutcome | None]) -> set[tuple[str, Entitlement]]:
    return {
        (parent, name)
        for parent, outcome in outcomes.items()
        if outcome is not None
        for name in outcome.entitlements
    }


def needs_answers(
    answers: Answers, decided: dict[str, ParentOutcome | None], decide: Decide
) -> tuple[dict[str, ParentOutcome | None], tuple[NeedsAnswer, ...]]:
    """The outcomes without the refusals that only missing answers caused, and the
    missing answers those entitlements need."""
    gaps = missing(answers)
    if not gaps:
        return decided, ()
    all_yes: dict[tuple[str, str], bool | None] = dict.fromkeys(gaps, True)
    hoped = _granted(decide(_with(answers, all_yes))) - _granted(decided)
    if not hoped:
        return decided, ()
    needed: dict[tuple[str, str], list[tuple[str, Entitlement]]] = {}
    for gap in gaps:
        without = _granted(decide(_with(answers, {**all_yes, gap: None})))
        for open_one in sorted(hoped - without):
            needed.setdefault(gap, []).append(open_one)
    for open_one in sorted(hoped):
        if not any(open_one in found for found in needed.values()):
            # Any one of several answers would do: ask them all.
            for gap in gaps:
                needed.setdefault(gap, []).append(open_one)
    outcomes = {
        parent: (
            ParentOutcome(
                outcome.grants,
                tuple(
                    r for r in outcome.refusals if (parent, r.entitlement) not in hoped
                ),
            )
            if outcome is not None
            else None
        )
        for parent, outcome in decided.items()
    }
    asks = tuple(
        NeedsAnswer(parent, name, tuple(needed[(parent, name)]))
        for parent, name in gaps
        if (parent, name) in needed
    )
    return outcomes, asks
