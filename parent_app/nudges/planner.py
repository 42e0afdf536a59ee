"""Planning: one set-based INSERT … SELECT per published rule writes the outbox rows due
today.

The cost of a day's planning follows the nudges that became due that day, not the babies
held: each rule asks an indexed range of anchor day numbers
(see domain.nudge_calendar.anchor_day_range), and a mark per rule and time zone
(NudgePlanMark) narrows that range to the anchor days whose window opened since the last
run. Families whose facts changed since then (FamilyToReplan, queued by the family
timeline and, as a safety net, on every flush: nudges.replans) have their whole windows
planned again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    String,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
)

from parent_app.accounts.areas import area_and_within
from parent_app.domain import nudge_calendar as calendar
from parent_app.domain import reminders
from parent_app.domain.lifecycle import ItemStatus
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyStatus,
    FamilyToReplan,
    Household,
    MutedTopic,
    NudgeOutbox,
    NudgePlanMark,
    NudgeRule,
    OutboxStatus,
    User,
)
from parent_app.models.board_writes import Touches
from parent_app.models.figures import ReachMeasure
from parent_app.nudges.cleanup import milestone_closed
from parent_app.nudges.follow_ups import plan_follow_ups
from parent_app.nudges.rules import BABY_NAME_FALLBACK, timing_of
from parent_app.nudges.send_time import next_reminder_time
from parent_app.outbox.reach import add_to_reach
from parent_app.outbox.sql import insert_ignoring_duplicates

log = logging.getLogger(__name__)
SECONDS_PER_DAY = reminders.SECONDS_PER_DAY
DEFAULT_TIMEZONE = "Europe/London"


@dataclass
class PlanReport:
    rules: int = 0
    planned: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AnchorTerms:
    """How one rule reads a baby's anchor in SQL: the babies it applies to (`status`),
    the day the nudge falls due (`due_day`), whether the anchor day is in the range
    being planned (`in_range`), and the column a born_from/born_until cohort reads."""

    status: BabyStatus
    due_day: Any
    in_range: Any
    cohort_column: Any


PLANNED = Touches(all_households=True)


def _due_date_anchor(rule: NudgeRule, low: int, high: int) -> AnchorTerms:
    """A pregnancy rule: due `offset_days` after (usually before) the due date."""
    b = Baby.__table__.c
    return AnchorTerms(
        status=BabyStatus.EXPECTED,
        due_day=b.due_day + rule.offset_days,
        in_range=b.due_day.between(low, high),
        cohort_column=b.due_day,
    )


def _birth_anchor(rule: NudgeRule, low: int, high: int) -> AnchorTerms:
    """A rule on the baby's age from the birth."""
    b = Baby.__table__.c
    return AnchorTerms(
        status=BabyStatus.BORN,
        due_day=b.birth_day + rule.offset_days,
        in_range=b.birth_day.between(low, high),
        cohort_column=b.birth_day,
    )


def _corrected_birth_anchor(rule: NudgeRule, low: int, high: int) -> AnchorTerms:
    """A rule on the corrected age (from the due date of a baby born early) while the
    corrected due day is within `corrected_until_days` of the birth; on the age from
    the birth after that."""
    b = Baby.__table__.c
    uses_corrected = (
        b.corrected_birth_day + rule.offset_days - b.birth_day
        <= rule.corrected_until_days
    )
    return AnchorTerms(
        status=BabyStatus.BORN,
        due_day=case((uses_corrected, b.corrected_birth_day), else_=b.birth_day)
        + rule.offset_days,
        in_range=or_(
            and_(uses_corrected, b.corrected_birth_day.between(low, high)),
            and_(not_(uses_corrected), b.birth_day.between(low, high)),
        ),
        cohort_column=b.birth_day,
    )


def _anchor_terms(rule: NudgeRule, anchor_days: tuple[int, int]) -> AnchorTerms:
    low, high = anchor_days
    if rule.anchor == "due_date":
        return _due_date_anchor(rule, low, high)
    if rule.age_basis == "corrected":
        return _corrected_birth_anchor(rule, low, high)
    return _birth_anchor(rule, low, high)


def _send_window(  # type: ignore[no-untyped-def]
    rule: NudgeRule, due_day: Any, *, timezone: str, now: datetime
):
    """When the nudge may be sent: the recipient's next reminder time, and until the
    end of the local day after its window closes."""
    send_after, offset_s = next_reminder_time(timezone=timezone, now=now)
    expires = (due_day + rule.send_window_days + 2) * literal(
        SECONDS_PER_DAY, BigInteger
    ) - offset_s
    return send_after, expires


def _recipients(  # type: ignore[no-untyped-def]
    rule: NudgeRule, terms: AnchorTerms, *, timezone: str, families: Any
):
    """The (baby, adult) pairs the rule is for: the baby's status and anchor range,
    the adult's time zone and role, the rule's cohort and area, and no muted topic."""
    b, u, h = Baby.__table__.c, User.__table__.c, Household.__table__.c
    conditions = [
        b.status == terms.status.value,
        terms.in_range,
        u.timezone == timezone,
    ]
    if rule.born_from_day is not None:
        conditions.append(terms.cohort_column >= rule.born_from_day)
    if rule.born_until_day is not None:
        conditions.append(terms.cohort_column <= rule.born_until_day)
    if rule.audience != "everyone":
        conditions.append(u.role == rule.audience)
    if families is not None:
        conditions.append(b.household_id.in_(families))
    babies_and_adults = Baby.__table__.join(
        User.__table__, u.household_id == b.household_id
    )
    # Every rule reads the household: the reminder carries the family's area for the
    # reach figures.
    babies_and_adults = babies_and_adults.join(
        Household.__table__, h.id == b.household_id
    )
    if rule.area_id != "national":
        # A rule for a wider area reaches the families of every area inside it.
        conditions.append(h.area_id.in_(area_and_within(rule.area_id)))
    conditions.append(
        not_(exists().where(MutedTopic.user_id == u.id, MutedTopic.topic == rule.topic))
    )
    if rule.milestone is not None:
        # A milestone the family already did (or said is not for them) is not nudged.
        conditions.append(not_(milestone_closed(rule.milestone, b.id, u.id)))
    return babies_and_adults, conditions


OUTBOX_COLUMNS = [
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
    "area_id",
]


def _rule_statement(  # type: ignore[no-untyped-def]
    rule: NudgeRule,
    *,
    timezone: str,
    now: datetime,
    anchor_days: tuple[int, int],
    families: Any = None,
):
    """INSERT … SELECT … ON CONFLICT DO NOTHING for one rule and one time zone, for the
    babies whose anchor day is in `anchor_days` (and, given `families`, a selectable of
    household ids, only theirs)."""
    b, u = Baby.__table__.c, User.__table__.c
    terms = _anchor_terms(rule, anchor_days)
    send_after, expires = _send_window(rule, terms.due_day, timezone=timezone, now=now)
    babies_and_adults, conditions = _recipients(
        rule, terms, timezone=timezone, families=families
    )
    key = (
        literal(f"r{rule.id}:b")
        + cast(b.id, String)
        + literal(":u")
        + cast(u.id, String)
    )
    source = (
        select(
            key,
            literal(rule.id),
            b.id,
            u.id,
            literal(rule.anchor),
            literal(rule.title),
            func.replace(
                literal(rule.body),
                "{baby_name}",
                func.coalesce(b.name, BABY_NAME_FALLBACK),
            ),
            literal(rule.topic),
            literal(rule.article_slug, type_=String),
            terms.due_day,
            send_after,
            expires,
            literal(rule.ttl_seconds),
            literal(rule.urgency),
            literal(OutboxStatus.PENDING.value),
            literal(now),
            literal(rule.milestone, type_=String),
            Household.__table__.c.area_id,
        )
        .select_from(babies_and_adults)
        .where(*conditions)
    )
    # RETURNING gives the rows actually written (a duplicate key returns nothing), which
    # the anonymous reach figures count in the same transaction, with no second read.
    o = NudgeOutbox.__table__.c
    return (
        insert_ignoring_duplicates(NudgeOutbox.__table__, ["key"])
        .from_select(OUTBOX_COLUMNS, source)
        .returning(o.area_id, o.due_day, o.rule_id, literal(1))
    )


def plan_due_nudges(*, now: datetime, whole_windows: bool = False) -> PlanReport:
    """Write one outbox row per (published rule, baby, recipient) that is due now and
    still inside its window. Safe to run again at any time: existing keys are left
    alone. `whole_windows` ignores the marks and reads every open window (a
    backfill)."""
    report = PlanReport()
    rules = db.session.scalars(
        select(NudgeRule).where(NudgeRule.status == ItemStatus.PUBLISHED)
    ).all()
    timezones = _parents_timezones()
    queued = list(db.session.scalars(select(FamilyToReplan.household_id)))
    marks = {
        (mark.rule_id, mark.timezone): mark
        for mark in db.session.scalars(select(NudgePlanMark))
    }
    for rule in rules:
        report.rules += 1
        timing = timing_of(rule)
        for timezone in timezones:
            low, high = calendar.anchor_day_range(
                timing, reminders.local_today(now, timezone)
            )
            mark = marks.get((rule.id, timezone))
            start = (
                low if whole_windows else _first_unplanned_day(rule, mark, low, high)
            )
            for statement in _statements(
                rule, timezone, now, (low, start, high), replan=bool(queued)
            ):
                # A family's timeline shows what is planned: every household's
                # cached reads are rebuilt once after a sweep that planned anything.
                written = db.session.execute(
                    statement, execution_options={"read_board": PLANNED}
                ).all()
                _count(report, rule, len(written))
                add_to_reach(ReachMeasure.PLANNED, written)
            _advance_mark(rule, timezone, mark, high)
    for rule, planned in plan_follow_ups(rules, timezones=timezones, now=now):
        _count(report, rule, planned)
    _dequeue(queued)
    return report


def _parents_timezones() -> list[str]:
    """The default time zone and every other one a parent lives in."""
    return [
        DEFAULT_TIMEZONE,
        *db.session.scalars(
            # Two index ranges, so finding the few parents outside the default zone
            # never scans every user.
            select(User.timezone)
            .where(
                or_(User.timezone < DEFAULT_TIMEZONE, User.timezone > DEFAULT_TIMEZONE)
            )
            .distinct()
        ),
    ]


def _first_unplanned_day(
    rule: NudgeRule, mark: NudgePlanMark | None, low: int, high: int
) -> int:
    """The first anchor day of the open window not planned yet for this rule revision
    (the whole window when the mark is missing, stale or outside it)."""
    if (
        mark is not None
        and mark.revision == rule.revision
        and low - 1 <= mark.planned_through_day <= high
    ):
        return mark.planned_through_day + 1
    return low


def _statements(  # type: ignore[no-untyped-def]
    rule: NudgeRule,
    timezone: str,
    now: datetime,
    days: tuple[int, int, int],
    *,
    replan: bool,
):
    """The window's days not planned yet, for everyone; and, when families are queued
    for a re-plan, the days already planned, for those families only."""
    low, start, high = days
    if start <= high:
        yield _rule_statement(
            rule, timezone=timezone, now=now, anchor_days=(start, high)
        )
    if replan and start > low:
        yield _rule_statement(
            rule,
            timezone=timezone,
            now=now,
            anchor_days=(low, start - 1),
            families=select(FamilyToReplan.household_id).scalar_subquery(),
        )


def _count(report: PlanReport, rule: NudgeRule, rowcount: int | None) -> None:
    if rowcount and rowcount > 0:
        report.planned += rowcount
        report.by_rule[rule.slug] = report.by_rule.get(rule.slug, 0) + rowcount


def _dequeue(queued: list[int]) -> None:
    """Only the families read at the start: one queued meanwhile waits for the next
    run."""
    for chunk in range(0, len(queued), 500):
        db.session.execute(
            delete(FamilyToReplan).where(
                FamilyToReplan.household_id.in_(queued[chunk : chunk + 500])
            )
        )


def _advance_mark(
    rule: NudgeRule, timezone: str, mark: NudgePlanMark | None, high: int
) -> None:
    """Marks only move forward: planning an earlier day (a backfill) leaves them."""
    if mark is None:
        db.session.execute(
            insert_ignoring_duplicates(
                NudgePlanMark.__table__, ["rule_id", "timezone"]
            ).values(
                rule_id=rule.id,
                timezone=timezone,
                revision=rule.revision,
                planned_through_day=high,
            )
        )
    elif mark.revision != rule.revision or mark.planned_through_day < high:
        mark.revision = rule.revision
        mark.planned_through_day = high
