"""Nudge rules as content: validation, publishing into planner-ready columns,
archiving."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema
from sqlalchemy import select, update

from parent_app.content.kinds import ContentKind, live_row, load_revision_data
from parent_app.content.sync import next_change_seq
from parent_app.content.vocab import (
    ARTICLE_TOPICS,
    SLUG_PATTERN,
    SourcedContentSchema,
    source_json_ready,
)
from parent_app.domain import nudge_calendar as calendar
from parent_app.domain.daynum import to_day
from parent_app.domain.lifecycle import ItemStatus
from parent_app.domain.milestones import STANDARD_FOLLOW_UP_BODY, follow_up_title
from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.content import ContentItem, ContentRevision
from parent_app.models.milestones import Milestone
from parent_app.models.nudges import (
    DeliveryStatus,
    NudgeOutbox,
    NudgeRule,
    OutboxStatus,
    PushDelivery,
)

URGENCIES = ("very-low", "low", "normal", "high")
MAX_TTL_SECONDS = 28 * 86_400
# A follow-up goes this many days after the first reminder, at the least and the most.
FOLLOW_UP_DAYS = (1, 90)
BABY_NAME_FALLBACK = "your baby"


class NudgeRuleDataSchema(SourcedContentSchema):
    """One nudge rule revision (the staff API and the catalogue share it)."""

    slug = fields.String(
        required=True,
        validate=validate.Regexp(
            SLUG_PATTERN, error="Use lowercase letters, digits and hyphens."
        ),
    )
    title = fields.String(required=True, validate=validate.Length(min=3, max=120))
    body = fields.String(required=True, validate=validate.Length(min=3, max=120))
    anchor = fields.String(required=True, validate=validate.OneOf(calendar.ANCHORS))
    offset_days = fields.Integer(load_default=None, allow_none=True)
    pregnancy_week = fields.Integer(load_default=None, allow_none=True)
    age_weeks = fields.Integer(load_default=None, allow_none=True)
    age_months = fields.Integer(load_default=None, allow_none=True)
    age_basis = fields.String(
        load_default="chronological", validate=validate.OneOf(calendar.AGE_BASES)
    )
    corrected_until_days = fields.Integer(
        load_default=calendar.DEFAULT_CORRECTED_UNTIL_DAYS,
        validate=validate.Range(0, 1100),
    )
    born_from = fields.Date(load_default=None, allow_none=True)
    born_until = fields.Date(load_default=None, allow_none=True)
    audience = fields.String(
        load_default="everyone", validate=validate.OneOf(calendar.AUDIENCES)
    )
    area = fields.String(
        load_default=NATIONAL_AREA, validate=validate.Length(min=1, max=64)
    )
    topic = fields.String(required=True, validate=validate.OneOf(list(ARTICLE_TOPICS)))
    send_window_days = fields.Integer(load_default=7, validate=validate.Range(0, 120))
    ttl_seconds = fields.Integer(
        load_default=3 * 86_400, validate=validate.Range(60, MAX_TTL_SECONDS)
    )
    urgency = fields.String(load_default="normal", validate=validate.OneOf(URGENCIES))
    article_slug = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(SLUG_PATTERN)
    )
    milestone = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "the milestone the rule serves (a known key)"},
    )
    follow_up_days = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(*FOLLOW_UP_DAYS),
        metadata={
            "description": "remind again this many days after the first reminder "
            "reached the adult, unless the milestone is booked, done or not for us "
            "(needs `milestone`)"
        },
    )
    follow_up_title = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=3, max=120),
        metadata={"description": "the follow-up's own title (else a standard one)"},
    )
    follow_up_body = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=3, max=120),
        metadata={"description": "the follow-up's own text (else a standard one)"},
    )

    @validates_schema
    def _cohort(self, data: dict[str, Any], **kwargs: Any) -> None:
        start, end = data.get("born_from"), data.get("born_until")
        if start and end and start > end:
            raise ValidationError(
                "born_from must not be after born_until.", "born_from"
            )

    @validates_schema
    def _follow_up(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("follow_up_days") is None:
            for name in ("follow_up_title", "follow_up_body"):
                if data.get(name) is not None:
                    raise ValidationError("Give follow_up_days too.", name)
        elif data.get("milestone") is None:
            raise ValidationError(
                "A follow-up waits for a milestone: name the rule's milestone.",
                "follow_up_days",
            )


def validate_rule(data: dict[str, Any]) -> dict[str, Any]:
    """Clean rule data (JSON-ready, timing turned into offset_days) or raise a 422."""
    cleaned = load_revision_data(NudgeRuleDataSchema(), data)
    try:
        cleaned["offset_days"] = calendar.offset_from_timing(
            cleaned["anchor"],
            offset_days=cleaned.pop("offset_days"),
            pregnancy_week=cleaned.pop("pregnancy_week"),
            age_weeks=cleaned.pop("age_weeks"),
            age_months=cleaned.pop("age_months"),
        )
    except calendar.InvalidTiming as exc:
        raise ValidationFailed({exc.field: [exc.message]}) from exc
    if cleaned["milestone"] is not None and (
        db.session.get(Milestone, cleaned["milestone"]) is None
    ):
        raise ValidationFailed(
            {"milestone": ["Not a known milestone: see `flask milestones load`."]}
        )
    for name in ("born_from", "born_until"):
        if cleaned[name] is not None:
            cleaned[name] = cleaned[name].isoformat()
    return source_json_ready(cleaned)


def timing_of(data: dict[str, Any] | NudgeRule) -> calendar.RuleTiming:
    """The calendar's view of a rule, from revision data or the live row."""
    if isinstance(data, NudgeRule):
        from parent_app.domain.daynum import from_day

        return calendar.RuleTiming(
            anchor=data.anchor,
            offset_days=data.offset_days,
            age_basis=data.age_basis,
            corrected_until_days=data.corrected_until_days,
            born_from=from_day(data.born_from_day)
            if data.born_from_day is not None
            else None,
            born_until=from_day(data.born_until_day)
            if data.born_until_day is not None
            else None,
            send_window_days=data.send_window_days,
        )
    return calendar.RuleTiming(
        anchor=data["anchor"],
        offset_days=data["offset_days"],
        age_basis=data["age_basis"],
        corrected_until_days=data["corrected_until_days"],
        born_from=date.fromisoformat(data["born_from"])
        if data.get("born_from")
        else None,
        born_until=date.fromisoformat(data["born_until"])
        if data.get("born_until")
        else None,
        send_window_days=data["send_window_days"],
    )


def render_body(body: str, baby_name: str | None) -> str:
    return body.replace("{baby_name}", baby_name or BABY_NAME_FALLBACK)


def _publish(item: ContentItem, revision: ContentRevision, now: datetime) -> None:
    data = revision.data
    rule = live_row(
        NudgeRule,
        item,
        revision,
        copy=(
            "anchor",
            "offset_days",
            "age_basis",
            "corrected_until_days",
            "audience",
            "topic",
            "send_window_days",
            "ttl_seconds",
            "urgency",
            "title",
            "body",
            "article_slug",
        ),
    )
    rule.source_name = data.get("source_name")
    rule.source_url = data.get("source_url")
    rule.review_by = (
        date.fromisoformat(data["review_by"]) if data.get("review_by") else None
    )
    rule.milestone = data.get("milestone")
    rule.follow_up_days = data.get("follow_up_days")
    has_follow_up = rule.follow_up_days is not None
    rule.follow_up_title = (
        data.get("follow_up_title") or follow_up_title(rule.title)
        if has_follow_up
        else None
    )
    rule.follow_up_body = (
        data.get("follow_up_body") or STANDARD_FOLLOW_UP_BODY if has_follow_up else None
    )
    rule.born_from_day = (
        to_day(date.fromisoformat(data["born_from"])) if data.get("born_from") else None
    )
    rule.born_until_day = (
        to_day(date.fromisoformat(data["born_until"]))
        if data.get("born_until")
        else None
    )
    rule.updated_at = now
    db.session.add(rule)
    # Rules are not a synced list, but timelines and feeds keep the published rules
    # per content change number (models/versions.py): take one so they are re-read.
    next_change_seq()


def _archive(item: ContentItem, now: datetime) -> None:
    """Stop the rule: no more planning, and what is planned but not yet sent is
    cancelled (a rule is archived because it is wrong or out of date)."""
    rule = db.session.get(NudgeRule, item.id)
    if rule is not None:
        rule.status = ItemStatus.ARCHIVED
        rule.updated_at = now
        next_change_seq()
    of_rule = (
        select(NudgeOutbox.id).where(NudgeOutbox.rule_id == item.id).scalar_subquery()
    )
    db.session.execute(
        update(NudgeOutbox)
        .where(
            NudgeOutbox.rule_id == item.id, NudgeOutbox.status == OutboxStatus.PENDING
        )
        .values(status=OutboxStatus.CANCELLED)
    )
    db.session.execute(
        update(PushDelivery)
        .where(
            PushDelivery.outbox_id.in_(of_rule),
            PushDelivery.status == DeliveryStatus.PENDING,
        )
        .values(status=DeliveryStatus.CANCELLED)
    )


TIMING_FIELDS = ("offset_days", "pregnancy_week", "age_weeks", "age_months")


def _merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """An edit that gives the timing another way replaces the stored offset_days."""
    if any(changes.get(name) is not None for name in TIMING_FIELDS):
        base = {k: v for k, v in base.items() if k not in TIMING_FIELDS}
    return {**base, **changes}


NUDGE_RULE_KIND = ContentKind(
    "nudge_rule", validate_rule, _publish, _archive, merge=_merge
)
