"""Timelines: what a family will be nudged about and when, from the published rules
(and, for staff previews, the drafts), computed by the pure calendar."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import joinedload

from parent_app.accounts.areas import area_and_wider
from parent_app.domain import nudge_calendar as calendar
from parent_app.domain import pregnancy
from parent_app.domain.daynum import from_day
from parent_app.domain.lifecycle import ItemStatus, RevisionState
from parent_app.errors import NotFound, ValidationFailed
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyMilestone,
    BabyStatus,
    NudgeOutbox,
    NudgeRule,
    OutboxStatus,
    Role,
    User,
)
from parent_app.models.accounts import NATIONAL_AREA, Area
from parent_app.models.content import ContentItem, ContentRevision
from parent_app.models.versions import CONTENT, VersionedCache
from parent_app.nudges.rules import render_body, timing_of


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    slug: str
    title: str
    body: str
    topic: str
    audience: str
    area: str
    state: str  # upcoming, planned, sent, expired, draft
    article_slug: str | None = None
    sent_at: datetime | None = None
    # A rule timed from birth, dated for a pregnancy as if born on the due date.
    is_estimate: bool = False
    # The last day it may still be sent (its window's end); None once sent or expired.
    last_day: date | None = None
    # "nudge" (from a published rule; `slug` is the rule's) or "reminder" (a personal
    # one: a saved leave plan, a money check action, a booking; `slug` is internal).
    kind: str = "nudge"
    # The milestone it serves, and what the family ticked (booked, done, not_for_us).
    milestone: str | None = None
    milestone_status: str | None = None
    # A rule's second reminder ("remind again unless booked or done").
    is_follow_up: bool = False


def baby_dates(baby: Baby) -> calendar.BabyDates:
    corrected = (
        from_day(baby.corrected_birth_day)
        if baby.corrected_birth_day is not None
        and baby.corrected_birth_day != baby.birth_day
        else None
    )
    return calendar.BabyDates(
        status=baby.status.value,
        due_on=baby.due_on,
        born_on=baby.born_on,
        corrected_from=corrected,
    )


@dataclass(frozen=True)
class CalendarRule:
    """A rule's data parsed once for the calendar."""

    data: dict[str, Any]
    timing: calendar.RuleTiming
    state: str

    @classmethod
    def of(cls, data: dict[str, Any], state: str) -> CalendarRule:
        return cls(data, timing_of(data), state)


def areas_of(area: str | None) -> list[str]:
    """The reader's area and the wider areas it belongs to."""
    return area_and_wider(area) if area else []


def _applies(
    rule: dict[str, Any], *, role: str, area: str | None, muted: set[str]
) -> bool:
    return (
        calendar.audience_fits(rule["audience"], role)
        and (rule["area"] == "national" or rule["area"] in areas_of(area))
        and rule["topic"] not in muted
    )


def calendar_entries(
    rules: list[tuple[dict[str, Any], str]] | list[CalendarRule],
    dates: calendar.BabyDates,
    *,
    role: str,
    area: str | None,
    muted: set[str],
    baby_name: str | None,
) -> list[TimelineEntry]:
    """Every rule's date for this baby and reader, from rule data (live or draft). For a
    pregnancy, rules timed from birth are dated from the due date and marked
    estimates."""
    estimated = calendar.born_on_due_date(dates) if dates.status == "expected" else None
    entries = []
    for rule in rules:
        if not isinstance(rule, CalendarRule):
            rule = CalendarRule.of(*rule)
        data, timing = rule.data, rule.timing
        if not _applies(data, role=role, area=area, muted=muted):
            continue
        basis = (
            estimated if timing.anchor == "birth" and estimated is not None else dates
        )
        due = calendar.due_on(timing, basis)
        if due is None:
            continue
        entries.append(
            TimelineEntry(
                date=due,
                slug=data["slug"],
                title=data["title"],
                body=render_body(data["body"], baby_name),
                topic=data["topic"],
                audience=data["audience"],
                area=data["area"],
                state=rule.state,
                article_slug=data.get("article_slug"),
                is_estimate=basis is estimated,
                last_day=calendar.last_sendable_on(timing, basis),
                milestone=data.get("milestone"),
            )
        )
    return sorted(entries, key=lambda e: (e.date, e.slug))


# The published rules as the calendar reads them, kept per content version in each
# worker (they change only when content is published or archived).
_published_rules: VersionedCache[Any] = VersionedCache(CONTENT, max_entries=64)


def published_calendar(role: str, area: str | None) -> list[CalendarRule]:
    """The published rules for this role and area, parsed (from the worker's copy)."""
    return _published_rules.get(  # type: ignore[no-any-return]
        ("calendar", role, area),
        lambda: [
            CalendarRule.of(data, state)
            for data, state in published_rule_data()
            if _applies(data, role=role, area=area, muted=set())
        ],
    )


def rule_slugs() -> dict[int, str]:
    """Every rule's slug by id (archived ones too: sent nudges name their rule)."""
    return _published_rules.get(  # type: ignore[no-any-return]
        "slugs",
        lambda: dict(db.session.execute(select(NudgeRule.id, NudgeRule.slug)).all()),
    )


def published_rule_data() -> list[tuple[dict[str, Any], str]]:
    rows = db.session.execute(
        select(ContentRevision.data)
        .join(ContentItem, ContentItem.live_revision_id == ContentRevision.id)
        .where(
            ContentItem.kind == "nudge_rule", ContentItem.status == ItemStatus.PUBLISHED
        )
    ).scalars()
    return [(data, "upcoming") for data in rows]


def draft_rule_data(staff: User) -> list[tuple[dict[str, Any], str]]:
    query = (
        select(ContentRevision.data)
        .join(ContentItem, ContentItem.pending_revision_id == ContentRevision.id)
        .where(
            ContentItem.kind == "nudge_rule",
            ContentRevision.state.in_([RevisionState.DRAFT, RevisionState.IN_REVIEW]),
        )
    )
    if staff.role is not Role.ADMIN:
        query = query.where(ContentItem.area_id.in_(staff.staff_area_ids))
    return [(data, "draft") for data in db.session.execute(query).scalars()]


def made_up_family(
    *, due_on: date | None, born_on: date | None, gestation_weeks: int
) -> calendar.BabyDates:
    """A preview family's dates: expected on `due_on`, or born on `born_on` after
    `gestation_weeks` (corrected age counts from the due date that birth implies)."""
    if born_on is None:
        assert due_on is not None
        return calendar.BabyDates("expected", due_on)
    corrected = pregnancy.corrected_birth_date(born_on, gestation_weeks)
    return calendar.BabyDates(
        "born",
        pregnancy.estimated_due_date(born_on, gestation_weeks),
        born_on,
        corrected if corrected != born_on else None,
    )


def preview_timeline(
    staff: User,
    dates: calendar.BabyDates,
    *,
    role: str,
    area: str | None,
    include_drafts: bool,
    draft: dict[str, Any] | None = None,
) -> list[TimelineEntry]:
    """The whole dated timeline a made-up family would get (drafts replace their live
    rule; `draft`, cleaned rule data not yet saved, replaces both). Raises
    ValidationFailed (422) for an unknown area."""
    if db.session.get(Area, area or NATIONAL_AREA) is None:
        raise ValidationFailed({"area": ["Unknown area."]})
    rules = published_rule_data()
    if include_drafts:
        drafts = draft_rule_data(staff)
        drafted = {data["slug"] for data, _ in drafts}
        rules = [r for r in rules if r[0]["slug"] not in drafted] + drafts
    if draft is not None:
        rules = [r for r in rules if r[0]["slug"] != draft["slug"]] + [(draft, "draft")]
    return calendar_entries(
        rules, dates, role=role, area=area, muted=set(), baby_name=None
    )


class OutboxRow(NamedTuple):
    """What a timeline shows of an outbox row (the columns of _OUTBOX_COLUMNS)."""

    due_day: int
    rule_id: int | None
    key: str
    title: str
    body: str
    topic: str
    status: OutboxStatus
    article_slug: str | None
    delivered_at: datetime | None
    milestone: str | None
    follow_up_of_id: int | None


_OUTBOX_COLUMNS = (
    NudgeOutbox.due_day,
    NudgeOutbox.rule_id,
    NudgeOutbox.key,
    NudgeOutbox.title,
    NudgeOutbox.body,
    NudgeOutbox.topic,
    NudgeOutbox.status,
    NudgeOutbox.article_slug,
    NudgeOutbox.delivered_at,
    NudgeOutbox.milestone,
    NudgeOutbox.follow_up_of_id,
)


def _outbox_of(user: User, baby_id: Any) -> Any:
    return and_(
        NudgeOutbox.baby_id == baby_id,
        NudgeOutbox.user_id == user.id,
        NudgeOutbox.status != OutboxStatus.CANCELLED,
    )


@functools.cache
def _baby_with_outbox_query() -> Any:
    """Built once (it runs on every feed and timeline read). The baby's household
    comes along: the timeline reads its area."""
    return (
        select(Baby, *_OUTBOX_COLUMNS)
        .options(joinedload(Baby.household))
        .outerjoin(
            NudgeOutbox,
            and_(
                NudgeOutbox.baby_id == Baby.id,
                NudgeOutbox.user_id == bindparam("user_id"),
                NudgeOutbox.status != OutboxStatus.CANCELLED,
            ),
        )
        .where(
            Baby.id == bindparam("baby_id"),
            Baby.household_id == bindparam("household_id"),
            Baby.household_id.is_not(None),
        )
    )


def baby_with_outbox(user: User, baby_id: int) -> tuple[Baby, list[OutboxRow]]:
    """The baby, if it is in the user's household (404 otherwise, as for one that does
    not exist), with this adult's outbox rows for it, in one query."""
    rows = db.session.execute(
        _baby_with_outbox_query(),
        {"user_id": user.id, "baby_id": baby_id, "household_id": user.household_id},
    ).all()
    if not rows:
        raise NotFound("No such baby in your family.")
    return rows[0][0], [OutboxRow(*row[1:]) for row in rows if row.due_day is not None]


def family_timeline(
    user: User, baby: Baby, *, today: date, outbox: list[Any] | None = None
) -> list[TimelineEntry]:
    """For this adult and baby: what was sent (or expired unsent), what is planned, and
    what is coming (rules not yet planned whose window has not closed). Cancelled nudges
    (a loss, a cancelled booking) are left out: they never were and never will be sent.
    After a loss nothing is coming. `outbox` is this adult's rows for the baby when the
    caller already has them (baby_with_outbox)."""
    if outbox is None:
        outbox = list(
            db.session.execute(
                select(*_OUTBOX_COLUMNS).where(_outbox_of(user, baby.id))
            ).all()
        )
    state_names = {
        OutboxStatus.DELIVERED: "sent",
        OutboxStatus.PENDING: "planned",
        OutboxStatus.EXPIRED: "expired",
    }
    slugs = rule_slugs() if outbox else {}
    area = baby.household.area_id
    entries = [
        TimelineEntry(
            date=from_day(row.due_day),
            slug=slugs.get(row.rule_id or -1, row.key),
            title=row.title,
            body=row.body,
            topic=row.topic,
            audience=user.role.value,
            area=area or "national",
            state=state_names[row.status],
            article_slug=row.article_slug,
            sent_at=row.delivered_at,
            kind="nudge" if row.rule_id is not None else "reminder",
            milestone=row.milestone,
            is_follow_up=row.follow_up_of_id is not None,
        )
        for row in outbox
    ]
    if baby.status is not BabyStatus.LOST:
        known = {e.slug for e in entries}
        upcoming = calendar_entries(
            published_calendar(user.role.value, area),
            baby_dates(baby),
            role=user.role.value,
            area=area,
            muted=set(user.muted_topics),
            baby_name=baby.name,
        )
        entries += [
            e
            for e in upcoming
            if e.slug not in known and e.last_day is not None and e.last_day >= today
        ]
    return sorted(with_milestone_status(user, baby, entries), key=_order)


def _order(entry: TimelineEntry) -> tuple[date, str]:
    return entry.date, entry.slug


def with_milestone_status(
    user: User, baby: Baby, entries: list[TimelineEntry]
) -> list[TimelineEntry]:
    """The entries, each naming what the family ticked for the milestone it serves
    (the household's mark, or this adult's own for a per-adult milestone). Reads the
    marks only when an entry names a milestone."""
    if not any(e.milestone for e in entries):
        return entries
    marks = db.session.execute(
        select(BabyMilestone.milestone_key, BabyMilestone.status).where(
            BabyMilestone.baby_id == baby.id,
            or_(BabyMilestone.scope == "", BabyMilestone.for_user_id == user.id),
        )
    ).all()
    status = {key: mark.value for key, mark in marks}
    return [
        replace(e, milestone_status=status.get(e.milestone)) if e.milestone else e
        for e in entries
    ]


def upcoming_key_dates(
    user: User,
    baby: Baby,
    *,
    today: date,
    limit: int = 5,
    horizon_days: int = 120,
    outbox: list[Any] | None = None,
) -> list[TimelineEntry]:
    """The next few dated nudges (not estimates) from today to `horizon_days` ahead."""
    until = today + timedelta(days=horizon_days)
    return [
        e
        for e in family_timeline(user, baby, today=today, outbox=outbox)
        if e.state in ("upcoming", "planned")
        and not e.is_estimate
        and today <= e.date <= until
    ][:limit]
