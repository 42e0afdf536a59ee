"""Which money-check steps need no reminder of their own for an adult: a published nudge
rule already reminds them of the same milestone, or the family closed the milestone.

A money-check action and a nudge rule may serve the same milestone (registering the
birth, Child Benefit, Healthy Start, the Sure Start Maternity Grant). The family is
then reminded once, by the rule: it is the family hub's reviewed wording for its area,
it reaches every adult of its audience, and its reminder offers the milestone's
buttons (done, booked, not for us), which tick the action off too. A rule covers an
adult's action when it is published for the household's area (national, the area or
a wider area holding it), its audience takes the adult's role, the adult has not
muted its topic, and for this baby it was already queued or sent, or its window has
not yet closed. Otherwise the plan's own reminder is queued as before.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from parent_app.accounts.areas import area_and_wider
from parent_app.domain import nudge_calendar as calendar
from parent_app.domain.daynum import from_day
from parent_app.domain.lifecycle import ItemStatus
from parent_app.domain.milestones import CLOSING_STATUSES
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyMilestone,
    BabyStatus,
    NudgeOutbox,
    NudgeRule,
    OutboxStatus,
    User,
)

NATIONAL = "national"
REACHED = (OutboxStatus.PENDING, OutboxStatus.DELIVERED)


def _timing(rule: NudgeRule) -> calendar.RuleTiming:
    return calendar.RuleTiming(
        anchor=rule.anchor,
        offset_days=rule.offset_days,
        age_basis=rule.age_basis,
        corrected_until_days=rule.corrected_until_days,
        born_from=from_day(rule.born_from_day) if rule.born_from_day else None,
        born_until=from_day(rule.born_until_day) if rule.born_until_day else None,
        send_window_days=rule.send_window_days,
    )


def _dates(baby: Baby, anchor: str) -> calendar.BabyDates:
    dates = calendar.BabyDates(
        status=baby.status.value, due_on=baby.due_on, born_on=baby.born_on
    )
    # A rule timed from the birth reaches a pregnancy after the birth: estimated, as
    # the timeline does, as if born on the due date.
    if anchor == "birth" and baby.status is BabyStatus.EXPECTED and baby.due_on:
        return calendar.born_on_due_date(dates)
    return dates


def _still_to_come(rule: NudgeRule, baby: Baby, today: date) -> bool:
    last = calendar.last_sendable_on(_timing(rule), _dates(baby, rule.anchor))
    return last is not None and last >= today


def closed_milestones(baby: Baby, adult: User) -> set[str]:
    """The milestones the family marked done or not for us for this baby (an adult's
    own mark for a per-adult milestone)."""
    return set(
        db.session.scalars(
            select(BabyMilestone.milestone_key).where(
                BabyMilestone.baby_id == baby.id,
                BabyMilestone.status.in_(CLOSING_STATUSES),
                (BabyMilestone.scope == "") | (BabyMilestone.for_user_id == adult.id),
            )
        )
    )


def milestones_reminded_by_rules(
    baby: Baby, adult: User, milestones: set[str], *, today: date
) -> set[str]:
    """Of `milestones`, those a published nudge rule reminds `adult` of for `baby`."""
    if not milestones or baby.status is BabyStatus.LOST:
        return set()
    area = baby.household.area_id if baby.household else None
    areas = [NATIONAL, *(area_and_wider(area) if area else [])]
    rules = db.session.scalars(
        select(NudgeRule).where(
            NudgeRule.status == ItemStatus.PUBLISHED,
            NudgeRule.milestone.in_(sorted(milestones)),
            NudgeRule.area_id.in_(areas),
        )
    ).all()
    muted = set(adult.muted_topics)
    fitting = [
        rule
        for rule in rules
        if calendar.audience_fits(rule.audience, adult.role.value)
        and rule.topic not in muted
    ]
    reached = set(
        db.session.scalars(
            select(NudgeOutbox.rule_id).where(
                NudgeOutbox.baby_id == baby.id,
                NudgeOutbox.user_id == adult.id,
                NudgeOutbox.rule_id.in_([rule.id for rule in fitting]),
                NudgeOutbox.status.in_(REACHED),
            )
        )
    )
    return {
        rule.milestone
        for rule in fitting
        if rule.milestone and (rule.id in reached or _still_to_come(rule, baby, today))
    }


def milestones_not_to_remind(
    baby: Baby | None, adult: User, milestones: set[str], *, today: date
) -> set[str]:
    """Of `milestones`, those the money check must not remind `adult` of itself: closed
    by the family, or reminded by a published nudge rule."""
    if baby is None or not milestones:
        return set()
    closed = closed_milestones(baby, adult) & milestones
    return closed | milestones_reminded_by_rules(
        baby, adult, milestones - closed, today=today
    )
