"""Reach of an area's nudge rules by month: planned, in inboxes, pushed, read.
Anonymous counts only: nothing here names or counts a single family's rows apart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from parent_app.domain.daynum import from_day
from parent_app.extensions import db
from parent_app.models import NudgeOutbox, PushDelivery
from parent_app.models.content import ContentItem
from parent_app.models.nudges import DeliveryStatus, NudgeRule, OutboxStatus


@dataclass
class MonthReach:
    month: date  # the first day of the month the nudges fell due in
    planned: int = 0
    in_inbox: int = 0
    pushed: int = 0
    read: int = 0


@dataclass
class RuleReach:
    rule_id: int
    title: str
    months: list[MonthReach] = field(default_factory=list)


def _month(day: int) -> date:
    return from_day(day).replace(day=1)


def rule_reach(area_ids: list[str], *, from_day_number: int) -> list[RuleReach]:
    """Per rule of these areas, per month (from `from_day_number` on), how many nudges
    were planned (not cancelled), reached an inbox, were pushed, were read."""
    in_areas = (
        select(ContentItem.id)
        .where(ContentItem.kind == "nudge_rule", ContentItem.area_id.in_(area_ids))
        .scalar_subquery()
    )
    months: dict[tuple[int, date], MonthReach] = {}

    def cell(rule_id: int, day: int) -> MonthReach:
        key = (rule_id, _month(day))
        if key not in months:
            months[key] = MonthReach(key[1])
        return months[key]

    outbox = db.session.execute(
        select(
            NudgeOutbox.rule_id,
            NudgeOutbox.due_day,
            NudgeOutbox.status,
            func.count(),
            func.count(NudgeOutbox.read_at),
        )
        .where(
            NudgeOutbox.rule_id.in_(in_areas),
            NudgeOutbox.due_day >= from_day_number,
            NudgeOutbox.status != OutboxStatus.CANCELLED,
        )
        .group_by(NudgeOutbox.rule_id, NudgeOutbox.due_day, NudgeOutbox.status)
    ).all()
    for rule_id, day, status, count, read in outbox:
        reach = cell(rule_id, day)
        reach.planned += count
        reach.read += read
        if status == OutboxStatus.DELIVERED:
            reach.in_inbox += count
    pushed = db.session.execute(
        select(NudgeOutbox.rule_id, NudgeOutbox.due_day, func.count())
        .join(PushDelivery, PushDelivery.outbox_id == NudgeOutbox.id)
        .where(
            NudgeOutbox.rule_id.in_(in_areas),
            NudgeOutbox.due_day >= from_day_number,
            PushDelivery.status == DeliveryStatus.SENT,
        )
        .group_by(NudgeOutbox.rule_id, NudgeOutbox.due_day)
    ).all()
    for rule_id, day, count in pushed:
        cell(rule_id, day).pushed += count
    titles = dict(
        db.session.execute(
            select(NudgeRule.id, NudgeRule.title).where(
                NudgeRule.id.in_({rule_id for rule_id, _ in months})
            )
        ).all()
    )
    by_rule: dict[int, RuleReach] = defaultdict(lambda: RuleReach(0, ""))
    for (rule_id, _), reach in sorted(months.items(), key=lambda kv: kv[0][1]):
        rule = by_rule[rule_id]
        rule.rule_id, rule.title = rule_id, titles.get(rule_id, "A removed rule")
        rule.months.append(reach)
    return sorted(by_rule.values(), key=lambda r: r.title.lower())
