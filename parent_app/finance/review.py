"""Finance and skills reviews: answers checked against the questionnaire, a personal action
plan from the pure rules, and a nudge for each dated action."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import select

from parent_app.domain import finance
from parent_app.errors import NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.families.babies import get_baby_for
from parent_app.models import Baby, BabyStatus, Role, User
from parent_app.models.finance import FinanceAction, FinanceReview
from parent_app.nudges.personal import cancel_personal_nudges, forget_personal_nudge, schedule_personal_nudge

REMIND_DAYS_BEFORE_DEADLINE = 14


@cache
def load_questionnaire() -> dict[str, Any]:
    """The current questionnaire (a versioned data file, checked when first read)."""
    text = (resources.files("parent_app.finance") / "questionnaire.json").read_text(encoding="utf-8")
    questionnaire: dict[str, Any] = json.loads(text)
    finance.check_questionnaire(questionnaire)
    return questionnaire


def _baby_for_review(user: User, baby_id: int | None) -> Baby | None:
    if baby_id is not None:
        return get_baby_for(user, baby_id)
    return db.session.scalar(
        select(Baby).where(Baby.household_id == user.household_id, Baby.status != BabyStatus.LOST)
        .order_by(Baby.id.desc())
    )


def _nudge_key(household_id: int, action_key: str) -> str:
    return f"finance:h{household_id}:{action_key}"


def _recipients(user: User, for_whom: str) -> list[User]:
    adults = list(user.household.adults) if user.household else [user]
    if for_whom == "both":
        return adults
    return [a for a in adults if a.role == Role(for_whom)]


def _remind_on(action: FinanceAction, today: date) -> date | None:
    if action.status == "missed" or action.deadline_on is None and action.opens_on is None:
        return None
    if action.opens_on and action.opens_on > today:
        return action.opens_on
    if action.deadline_on:
        return max(today, action.deadline_on - timedelta(days=REMIND_DAYS_BEFORE_DEADLINE))
    return None


def submit_review(user: User, *, answers: Any, version: int | None, baby_id: int | None,
                  today: date, now: datetime) -> FinanceReview:
    """Check the answers, build and store the plan, and queue a reminder per dated action
    for the adults it is for (replacing reminders from an earlier review)."""
    try:
        cleaned = finance.validate_answers(load_questionnaire(), answers, version=version)
    except finance.InvalidAnswers as exc:
        raise ValidationFailed(exc.fields) from exc
    baby = _baby_for_review(user, baby_id)
    born_on = baby.born_on if baby and baby.status is BabyStatus.BORN else None
    plan = finance.build_action_plan(
        cleaned, due_on=baby.due_on if baby else None, born_on=born_on, today=today,
        rates=finance.default_rates(today),
    )
    review = FinanceReview(
        household_id=user.household_id, submitted_by_id=user.id, baby_id=baby.id if baby else None,
        questionnaire_version=load_questionnaire()["version"], answers=cleaned, created_at=now,
    )
    for item in plan:
        review.actions.append(FinanceAction(
            key=item.key, title=item.title, why=item.why, for_whom=item.for_whom, status=item.status,
            priority=item.priority, timing_note=item.timing_note, worth_pence=item.worth_pence,
            worth_period=item.worth_period, worth_note=item.worth_note, tax_year=item.tax_year,
            opens_on=item.opens_on, deadline_on=item.deadline_on, notice_on=item.notice_on,
            is_deadline_estimated=item.is_deadline_estimated, where_name=item.where.name,
            where_url=item.where.url, instead=item.instead,
        ))
    db.session.add(review)
    db.session.flush()
    for action in review.actions:
        remind_on = _remind_on(action, today)
        for adult in _recipients(user, action.for_whom):
            key = _nudge_key(review.household_id, action.key)
            forget_personal_nudge(key, adult.id)
            if remind_on is None:
                continue
            deadline = f" by {action.deadline_on:%-d %B %Y}" if action.deadline_on else ""
            schedule_personal_nudge(
                adult, source_key=key, title=action.title[:120],
                body=f"From your money check: {action.title[:60]}{deadline}."[:120],
                topic="money", send_on=remind_on, window_days=REMIND_DAYS_BEFORE_DEADLINE,
                baby_id=review.baby_id, now=now,
            )
    return review


def latest_review(user: User) -> FinanceReview:
    review = db.session.scalar(
        select(FinanceReview).where(FinanceReview.household_id == user.household_id)
        .order_by(FinanceReview.id.desc())
    )
    if review is None:
        raise NotFound("No money and skills check yet.")
    return review


def mark_action_done(user: User, action_id: int, *, now: datetime) -> FinanceAction:
    """Tick an action off; its reminder is cancelled for everyone in the household."""
    action = db.session.get(FinanceAction, action_id)
    if action is None or action.review.household_id != user.household_id:
        raise NotFound("No such action in your plan.")
    if action.done_at is None:
        action.done_at, action.done_by_id = now, user.id
        cancel_personal_nudges(_nudge_key(action.review.household_id, action.key) + ":")
    return action
