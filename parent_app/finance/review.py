"""Finance and skills reviews: answers checked against the questionnaire, a personal
action plan from the pure rules, and a nudge for each dated action."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import delete, func, select

from parent_app.domain import finance
from parent_app.errors import NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.families.lookup import BabyLost, get_baby_for
from parent_app.families.visibility import (
    finance_actions_visible_to,
    finance_reviews_visible_to,
)
from parent_app.finance.milestone_cover import milestones_not_to_remind
from parent_app.models import (
    Baby,
    BabyStatus,
    Household,
    NudgeOutbox,
    OutboxStatus,
    Role,
    User,
)
from parent_app.models.finance import FinanceAction, FinanceReview
from parent_app.outbox.personal import cancel_personal_nudges, schedule_personal_nudge
from parent_app.privacy.registry import PersonalData

REMIND_DAYS_BEFORE_DEADLINE = 14
# Copied from the plan's Action to the stored FinanceAction (all but `where`).
ACTION_FIELDS = (
    "title",
    "why",
    "for_whom",
    "status",
    "priority",
    "timing_note",
    "worth_pence",
    "worth_period",
    "worth_note",
    "tax_year",
    "opens_on",
    "deadline_on",
    "notice_on",
    "is_deadline_estimated",
    "instead",
)

PERSONAL_DATA = PersonalData(
    "finance_actions",
    lambda user: (
        select(FinanceAction)
        .join(FinanceReview, FinanceReview.id == FinanceAction.review_id)
        .where(finance_reviews_visible_to(user))
        .order_by(FinanceAction.id)
    ),
)


@cache
def load_questionnaire() -> dict[str, Any]:
    """The current questionnaire (a versioned data file, checked when first read)."""
    text = (resources.files("parent_app.finance") / "questionnaire.json").read_text(
        encoding="utf-8"
    )
    questionnaire: dict[str, Any] = json.loads(text)
    finance.check_questionnaire(questionnaire)
    return questionnaire


def _baby_for_review(user: User, baby_id: int | None) -> Baby | None:
    if baby_id is not None:
        baby = get_baby_for(user, baby_id)
        if baby.status is BabyStatus.LOST:
            # No plan of claims and deadlines for a baby the family has lost.
            raise BabyLost()
        return baby
    return db.session.scalar(
        select(Baby)
        .where(Baby.household_id == user.household_id, Baby.status != BabyStatus.LOST)
        .order_by(Baby.id.desc())
    )


def _nudge_prefix(review: FinanceReview) -> str:
    # Per adult and baby: each adult's plan is their own, and a second child's
    # reminders are new keys, not ones already used.
    return (
        f"finance:h{review.household_id}:u{review.submitted_by_id or 0}:"
        f"b{review.baby_id or 0}:"
    )


def _recipients(
    household: Household | None, owner: User | None, action: FinanceAction
) -> list[User]:
    """The plan's owner is reminded of every action for them (or both); another adult
    only of a shared action that is for them. An unshared plan stays private."""
    adults = list(household.adults) if household is not None else []
    if owner is not None and owner not in adults:
        adults.append(owner)

    def for_them(adult: User) -> bool:
        return action.for_whom == "both" or adult.role == Role(action.for_whom)

    return [
        a
        for a in adults
        if (owner is not None and a.id == owner.id and for_them(a))
        or (action.is_shared and for_them(a))
    ]


def _act_by(action: FinanceAction) -> date | None:
    """The first date the family must act by: telling an employer (`notice_on`) comes
    before the claim or leave it is for (`deadline_on`)."""
    dates = [d for d in (action.notice_on, action.deadline_on) if d is not None]
    return min(dates) if dates else None


def _remind_on(action: FinanceAction, today: date) -> date | None:
    """A set time (REMIND_DAYS_BEFORE_DEADLINE) before the action's own first deadline
    (the notice date, when there is one), a claim never before it opens; an action
    with no deadline, when it opens."""
    if action.status_on(today) in ("done", "missed"):
        return None
    act_by = _act_by(action)
    if act_by is None:
        return action.opens_on if action.opens_on and action.opens_on > today else None
    remind = act_by - timedelta(days=REMIND_DAYS_BEFORE_DEADLINE)
    # Notice is given before the leave or pay opens; a claim cannot be made earlier.
    if action.opens_on is not None and act_by != action.notice_on:
        remind = max(remind, action.opens_on)
    return max(today, remind)


def _plan(
    answers: dict[str, Any], baby: Baby | None, today: date
) -> list[finance.Action]:
    born_on = baby.born_on if baby and baby.status is BabyStatus.BORN else None
    return finance.build_action_plan(
        answers,
        due_on=baby.due_on if baby else None,
        born_on=born_on,
        today=today,
        rates=finance.default_rates(today),
    )


def _apply_plan(review: FinanceReview, plan: list[finance.Action]) -> None:
    """Make the review's actions those of `plan`, keeping the row (its id) and the done
    mark of an action the plan still has; an undone action the plan dropped goes."""
    existing = {action.key: action for action in review.actions}
    fresh = {item.key for item in plan}
    for key, action in existing.items():
        if key not in fresh and action.done_at is None:
            review.actions.remove(action)
    for item in plan:
        action = existing.get(item.key)
        if action is None:
            action = FinanceAction(key=item.key)
            review.actions.append(action)
        for name in ACTION_FIELDS:
            setattr(action, name, getattr(item, name))
        action.where_name, action.where_url = item.where.name, item.where.url


def _reschedule_reminders(review: FinanceReview, *, today: date, now: datetime) -> None:
    """Replace the household's pending reminders for this baby's plan with one per
    dated, undone action, for each adult it is for. Reminders already sent are never
    repeated (their keys stay used)."""
    prefix = _nudge_prefix(review)
    # Before 0.3.0 a plan's reminders were keyed per household, not per adult.
    household_prefix = f"finance:h{review.household_id}:b{review.baby_id or 0}:"
    for stale in (prefix, household_prefix):
        db.session.execute(
            delete(NudgeOutbox).where(
                NudgeOutbox.status == OutboxStatus.PENDING,
                NudgeOutbox.key.startswith(f"p:{stale}", autoescape=True),
            )
        )
    household = db.session.get(Household, review.household_id)
    owner = (
        db.session.get(User, review.submitted_by_id) if review.submitted_by_id else None
    )
    baby = db.session.get(Baby, review.baby_id) if review.baby_id else None
    served = {a.milestone for a in review.actions if a.milestone}
    not_to_remind: dict[int, set[str]] = {}
    for action in review.actions:
        remind_on = _remind_on(action, today)
        if remind_on is None:
            continue
        act_by = _act_by(action)
        deadline = f" by {act_by:%-d %B %Y}" if act_by else ""
        for adult in _recipients(household, owner, action):
            if adult.id not in not_to_remind:
                not_to_remind[adult.id] = milestones_not_to_remind(
                    baby, adult, served, today=today
                )
            if action.milestone in not_to_remind[adult.id]:
                # Reminded once, by the nudge rule of the same milestone (or the
                # family closed it): see finance/milestone_cover.py.
                continue
            schedule_personal_nudge(
                adult,
                source_key=f"{prefix}{action.key}",
                title=action.title[:120],
                body=f"From your money check: {action.title[:60]}{deadline}."[:120],
                topic="money",
                send_on=remind_on,
                window_days=REMIND_DAYS_BEFORE_DEADLINE,
                baby_id=review.baby_id,
                now=now,
            )


def find_latest_review(user: User) -> FinanceReview | None:
    """The user's own latest money check (another adult's is never theirs to read)."""
    return db.session.scalar(
        select(FinanceReview)
        .where(finance_reviews_visible_to(user))
        .order_by(FinanceReview.id.desc())
    )


def submit_review(
    user: User,
    *,
    answers: Any,
    version: int | None,
    baby_id: int | None,
    today: date,
    now: datetime,
) -> FinanceReview:
    """Check the answers, build and store the plan, and queue a reminder per dated
    action for the adults it is for, replacing the reminders of an earlier plan for the
    same baby. An action ticked off in that earlier plan stays ticked off. Raises
    ValidationFailed (answers), NotFound (not the family's baby), BabyLost."""
    try:
        cleaned = finance.validate_answers(
            load_questionnaire(), answers, version=version
        )
    except finance.InvalidAnswers as exc:
        raise ValidationFailed(exc.fields) from exc
    baby = _baby_for_review(user, baby_id)
    previous = find_latest_review(user)
    review = FinanceReview(
        household_id=user.household_id,
        submitted_by_id=user.id,
        baby_id=baby.id if baby else None,
        questionnaire_version=load_questionnaire()["version"],
        answers=cleaned,
        created_at=now,
    )
    _apply_plan(review, _plan(cleaned, baby, today))
    if previous is not None and previous.baby_id == review.baby_id:
        done = {a.key: a for a in previous.actions if a.done_at is not None}
        shared = {a.key for a in previous.actions if a.is_shared}
        for action in review.actions:
            action.is_shared = action.key in shared
            if action.key in done:
                action.done_at, action.done_by_id = (
                    done[action.key].done_at,
                    done[action.key].done_by_id,
                )
    db.session.add(review)
    db.session.flush()
    _reschedule_reminders(review, today=today, now=now)
    return review


def latest_review(user: User) -> FinanceReview:
    """My latest money check (never another adult's). Raises NotFound."""
    review = find_latest_review(user)
    if review is None:
        raise NotFound("No money and skills check yet.")
    return review


def get_visible_action(user: User, action_id: int) -> FinanceAction:
    """An action of my plan, or one another adult of my family shared. Raises
    NotFound (the same for another adult's private action as for none)."""
    action = db.session.scalar(
        select(FinanceAction)
        .join(FinanceReview, FinanceReview.id == FinanceAction.review_id)
        .where(FinanceAction.id == action_id, finance_actions_visible_to(user))
    )
    if action is None:
        raise NotFound("No such action in your plan.")
    return action


def mark_action_done(user: User, action_id: int, *, now: datetime) -> FinanceAction:
    """Tick an action off (mine, or a shared one); its reminder is cancelled for
    everyone it was for."""
    action = get_visible_action(user, action_id)
    if action.done_at is None:
        action.done_at, action.done_by_id = now, user.id
        cancel_personal_nudges(f"{_nudge_prefix(action.review)}{action.key}:")
    return action


def undo_action_done(
    user: User, action_id: int, *, today: date, now: datetime
) -> FinanceAction:
    """Untick an action ticked off by mistake: its reminder comes back for the adults
    it is for (a reminder already sent is not sent again). Raises NotFound."""
    action = get_visible_action(user, action_id)
    if action.done_at is not None:
        action.done_at, action.done_by_id = None, None
        review = action.review
        # Ticking it off cancelled its reminders before they were sent: free their
        # keys so they can be queued again (sent ones keep theirs and never repeat).
        prefix = f"p:{_nudge_prefix(review)}{action.key}:"
        db.session.execute(
            delete(NudgeOutbox).where(
                NudgeOutbox.status == OutboxStatus.CANCELLED,
                NudgeOutbox.key.startswith(prefix, autoescape=True),
            )
        )
        db.session.flush()
        _reschedule_reminders(review, today=today, now=now)
    return action


def share_action(
    user: User, action_id: int, *, is_shared: bool, today: date, now: datetime
) -> FinanceAction:
    """Share an action of my plan with the other adults of my family (or stop); their
    reminders follow. Raises NotFound unless the action is in my own plan."""
    action = get_visible_action(user, action_id)
    review = action.review
    if review.submitted_by_id != user.id:
        raise NotFound("No such action in your plan.")
    if action.is_shared != is_shared:
        action.is_shared = is_shared
        db.session.flush()
        _reschedule_reminders(review, today=today, now=now)
    return action


def shared_plan(user: User) -> list[FinanceAction]:
    """The household plan: the actions each adult of my family chose to share, from
    their latest money check."""
    latest = (
        select(func.max(FinanceReview.id))
        .where(FinanceReview.household_id == user.household_id)
        .group_by(FinanceReview.submitted_by_id)
    )
    return list(
        db.session.scalars(
            select(FinanceAction)
            .join(FinanceReview, FinanceReview.id == FinanceAction.review_id)
            .where(
                FinanceAction.is_shared.is_(True),
                FinanceReview.id.in_(latest),
                finance_actions_visible_to(user),
            )
            .order_by(FinanceAction.priority, FinanceAction.id)
        )
    )


def milestone_marked(
    user: User, baby: Baby, milestone: str, *, is_done: bool, today: date, now: datetime
) -> int:
    """The family closed a milestone for `baby` (done, or not for us): the money-check
    actions serving it stop being reminded, in every adult's latest plan for the baby,
    and when it is done they are ticked off by `user`. Returns how many plans
    changed."""
    changed = 0
    for adult in list(baby.household.adults):
        review = find_latest_review(adult)
        if review is None or review.baby_id != baby.id:
            continue
        serving = [a for a in review.actions if a.milestone == milestone]
        if not serving:
            continue
        for action in serving:
            if is_done and action.done_at is None:
                action.done_at, action.done_by_id = now, user.id
        db.session.flush()
        _reschedule_reminders(review, today=today, now=now)
        changed += 1
    return changed


def refresh_review_dates(
    baby: Baby, *, today: date, now: datetime
) -> FinanceReview | None:
    """Re-date each adult's latest plan that is this baby's when its dates changed (a
    moved due date, the birth): real deadlines replace estimated ones and the
    reminders move with them. Returns the last refreshed review, if any."""
    refreshed = None
    for adult in list(baby.household.adults):
        review = find_latest_review(adult)
        if (
            review is None
            or review.baby_id != baby.id
            or baby.status is BabyStatus.LOST
        ):
            continue
        _apply_plan(review, _plan(review.answers, baby, today))
        db.session.flush()
        _reschedule_reminders(review, today=today, now=now)
        refreshed = review
    return refreshed
