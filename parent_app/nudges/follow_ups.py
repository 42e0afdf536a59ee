"""Follow-ups: a rule's second reminder, `follow_up_days` after the first one reached
an adult, unless the milestone it serves is booked, done or not for us by then.

Planned set-based, like the rule nudges: one INSERT … SELECT … ON CONFLICT DO NOTHING
per rule and time zone over the first reminders delivered in the days the sweep looks
back on (an indexed range of `nudge_outbox (rule_id, delivered_at)`); the key
"f<rule>:b<baby>:u<user>" never repeats, so running it again adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    and_,
    cast,
    exists,
    func,
    literal,
    not_,
    select,
)

from parent_app.domain import reminders
from parent_app.domain.daynum import to_day
from parent_app.domain.milestones import FOLLOW_UP_STOPPED_BY
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyStatus,
    MutedTopic,
    NudgeOutbox,
    NudgeRule,
    OutboxStatus,
    User,
)
from parent_app.nudges.cleanup import milestone_closed
from parent_app.nudges.rules import BABY_NAME_FALLBACK
from parent_app.nudges.send_time import SECONDS_PER_DAY, next_reminder_time
from parent_app.outbox.sql import insert_ignoring_duplicates

# A follow-up whose time came while planning did not run (a week's outage) is dropped
# rather than sent late; it may still be sent for this many days after its time.
LOOK_BACK_DAYS = 7

FOLLOW_UP_COLUMNS = [
    "key",
    "rule_id",
    "baby_id",
    "user_id",
    "anchor",
    "title",
    "body",
    "topic",
    "article_slug",
    "due_day",
    "send_after_epoch",
    "expires_epoch",
    "ttl_seconds",
    "urgency",
    "status",
    "created_at",
    "milestone",
    "follow_up_of_id",
]


def _follow_up_statement(  # type: ignore[no-untyped-def]
    rule: NudgeRule, *, timezone: str, now: datetime
):
    """The follow-ups of one rule for the adults of one time zone whose first reminder
    was delivered `follow_up_days` ago (up to LOOK_BACK_DAYS more)."""
    assert rule.follow_up_days is not None and rule.milestone is not None
    first = NudgeOutbox.__table__.alias("first_reminder")
    b, u = Baby.__table__.c, User.__table__.c
    send_after, _ = next_reminder_time(timezone=timezone, now=now)
    today_day = to_day(reminders.local_today(now, timezone))
    time_came = now - timedelta(days=rule.follow_up_days)
    source = (
        select(
            _follow_up_key(rule, b, u),
            literal(rule.id),
            b.id,
            u.id,
            literal(rule.anchor),
            literal(rule.follow_up_title),
            func.replace(
                literal(rule.follow_up_body),
                "{baby_name}",
                func.coalesce(b.name, BABY_NAME_FALLBACK),
            ),
            literal(rule.topic),
            literal(rule.article_slug, type_=String),
            literal(today_day),
            send_after,
            send_after + literal((LOOK_BACK_DAYS + 1) * SECONDS_PER_DAY, BigInteger),
            literal(rule.ttl_seconds),
            literal(rule.urgency),
            literal(OutboxStatus.PENDING.value),
            literal(now),
            literal(rule.milestone, type_=String),
            first.c.id,
        )
        .select_from(
            first.join(Baby.__table__, b.id == first.c.baby_id).join(
                User.__table__,
                and_(u.id == first.c.user_id, u.household_id == b.household_id),
            )
        )
        .where(*_due_and_still_wanted(rule, first, b, u, timezone, time_came))
    )
    return insert_ignoring_duplicates(NudgeOutbox.__table__, ["key"]).from_select(
        FOLLOW_UP_COLUMNS, source
    )


def _follow_up_key(rule: NudgeRule, b: Any, u: Any) -> ColumnElement[str]:
    """The outbox key "f<rule>:b<baby>:u<user>": one follow-up per rule, baby and
    adult, ever."""
    return (
        literal(f"f{rule.id}:b")
        + cast(b.id, String)
        + literal(":u")
        + cast(u.id, String)
    )


def _due_and_still_wanted(
    rule: NudgeRule,
    first: Any,
    b: Any,
    u: Any,
    timezone: str,
    time_came: datetime,
) -> list[ColumnElement[bool]]:
    """A first reminder of this rule, delivered to an adult of this time zone when the
    follow-up's time came (up to LOOK_BACK_DAYS ago), whose baby is still at the
    rule's stage, whose topic the adult has not muted and whose milestone is not
    closed."""
    # A pregnancy rule's follow-up is not sent after the birth, nor any after a loss.
    stage = BabyStatus.EXPECTED if rule.anchor == "due_date" else BabyStatus.BORN
    assert rule.milestone is not None
    return [
        first.c.rule_id == rule.id,
        first.c.delivered_at <= time_came,
        first.c.delivered_at > time_came - timedelta(days=LOOK_BACK_DAYS),
        first.c.status == OutboxStatus.DELIVERED.value,
        first.c.follow_up_of_id.is_(None),
        u.timezone == timezone,
        b.status == stage.value,
        not_(
            exists().where(MutedTopic.user_id == u.id, MutedTopic.topic == rule.topic)
        ),
        not_(milestone_closed(rule.milestone, b.id, u.id, FOLLOW_UP_STOPPED_BY)),
    ]


def plan_follow_ups(
    rules: Sequence[NudgeRule],
    *,
    timezones: list[str],
    now: datetime,
) -> Iterator[tuple[NudgeRule, int]]:
    """Plan the follow-ups whose time came, for the published `rules` that declare
    one; yields (rule, how many were planned)."""
    for rule in rules:
        if rule.follow_up_days is None or rule.milestone is None:
            continue
        for timezone in timezones:
            statement = _follow_up_statement(rule, timezone=timezone, now=now)
            yield rule, db.session.execute(statement).rowcount or 0
