"""Courses as content: validation, publishing into the live `courses` table, archiving.

The catalogue hook gives a loaded course its dated sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.content.articles import render_markdown
from parent_app.content.kinds import ContentKind, live_row, load_revision_data
from parent_app.content.sync import mark_changed
from parent_app.content.vocab import (
    COURSE_TOPICS,
    SLUG_PATTERN,
    SourcedContentSchema,
    StagedContentSchema,
    source_json_ready,
)
from parent_app.courses.location_kind import place_for_course
from parent_app.courses.sessions import generate_pattern_sessions
from parent_app.domain.lifecycle import ItemStatus
from parent_app.extensions import db
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.content import ContentItem, ContentRevision
from parent_app.models.courses import Course

COURSE_AUDIENCES = ("everyone", "birthing_parent", "partner", "couples")
COURSE_KINDS = ("course", "finance-review")
DELIVERIES = ("in_person", "online")
HHMM = validate.Regexp(
    r"^([01]\d|2[0-3]):[0-5]\d$", error="Use 24-hour HH:MM, e.g. 10:00."
)
MAX_CAPACITY = 200
MAX_SESSIONS_PER_PATTERN = 52


class LocationSchema(Schema):
    name = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=2, max=200)
    )
    address = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=2, max=300)
    )
    postcode = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=2, max=10)
    )


class SessionPatternSchema(Schema):
    """Sessions generated relative to the day the catalogue is loaded."""

    first_in_days = fields.Integer(required=True, validate=validate.Range(0, 365))
    every_days = fields.Integer(load_default=7, validate=validate.Range(1, 28))
    count = fields.Integer(
        required=True, validate=validate.Range(1, MAX_SESSIONS_PER_PATTERN)
    )
    start_time = fields.String(
        required=True, validate=HHMM, metadata={"description": "Europe/London"}
    )
    duration_minutes = fields.Integer(required=True, validate=validate.Range(15, 480))
    capacity = fields.Integer(required=True, validate=validate.Range(1, MAX_CAPACITY))


class CourseDataSchema(StagedContentSchema, SourcedContentSchema):
    """The fields of one course revision (the staff API and the catalogue share it)."""

    slug = fields.String(
        required=True,
        validate=validate.Regexp(
            SLUG_PATTERN, error="Use lowercase letters, digits and hyphens."
        ),
    )
    title = fields.String(required=True, validate=validate.Length(min=3, max=120))
    summary = fields.String(required=True, validate=validate.Length(min=3, max=240))
    description = fields.String(
        required=True,
        validate=validate.Length(min=1, max=20_000),
        metadata={"description": "Markdown"},
    )
    kind = fields.String(load_default="course", validate=validate.OneOf(COURSE_KINDS))
    topic = fields.String(required=True, validate=validate.OneOf(list(COURSE_TOPICS)))
    audience = fields.String(
        load_default="everyone", validate=validate.OneOf(COURSE_AUDIENCES)
    )
    area = fields.String(
        load_default=NATIONAL_AREA, validate=validate.Length(min=1, max=64)
    )
    delivery = fields.String(
        load_default="in_person", validate=validate.OneOf(DELIVERIES)
    )
    location = fields.Nested(LocationSchema, load_default=None, allow_none=True)
    location_slug = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(
            SLUG_PATTERN, error="Use lowercase letters, digits and hyphens."
        ),
        metadata={
            "description": "a published location (family hub or venue): the course "
            "takes its name, address and postcode"
        },
    )
    online_url = fields.Url(
        load_default=None,
        allow_none=True,
        schemes={"https"},
        validate=validate.Length(max=500),
    )
    provider = fields.String(required=True, validate=validate.Length(min=2, max=200))
    cost_pence = fields.Integer(load_default=0, validate=validate.Range(0, 100_000))
    sessions = fields.Nested(SessionPatternSchema, load_default=None, allow_none=True)

    @validates_schema
    def _rules(self, data: dict[str, Any], **kwargs: Any) -> None:
        if kwargs.get("partial"):
            return
        if data.get("delivery") == "online" and not data.get("online_url"):
            raise ValidationError(
                "An online course needs its joining link.", "online_url"
            )
        if (
            data.get("delivery") == "in_person"
            and not data.get("location_slug")
            and not (data.get("location") or {}).get("name")
        ):
            raise ValidationError(
                "An in-person course needs a location with a name.",
                "location",
            )


def validate_course(data: dict[str, Any]) -> dict[str, Any]:
    """Clean course data (JSON-ready) or raise a 422 naming each field."""
    cleaned = load_revision_data(CourseDataSchema(), data)
    if cleaned["delivery"] == "online":
        cleaned["location"] = None
        cleaned["location_slug"] = None
    elif cleaned["location_slug"]:
        cleaned["location"] = place_for_course(
            cleaned["location_slug"], cleaned["area"]
        )
    return source_json_ready(cleaned)


def _publish(item: ContentItem, revision: ContentRevision, now: datetime) -> None:
    data = revision.data
    course = live_row(
        Course,
        item,
        revision,
        copy=(
            "kind",
            "title",
            "summary",
            "topic",
            "audience",
            "delivery",
            "provider",
            "cost_pence",
            "online_url",
            "stage_from_day",
            "stage_to_day",
        ),
        published_at=now,
    )
    course.description_markdown = data["description"]
    course.description_html = render_markdown(data["description"])
    course.is_preconception = data.get("stage") == "preconception"
    location = data.get("location") or {}
    course.location_name = location.get("name")
    course.location_address = location.get("address")
    course.location_postcode = location.get("postcode")
    course.location_slug = data.get("location_slug")
    course.source_name = data.get("source_name")
    course.source_url = data.get("source_url")
    course.review_by = (
        date.fromisoformat(data["review_by"]) if data.get("review_by") else None
    )
    mark_changed(course, now)
    db.session.add(course)


def _archive(item: ContentItem, now: datetime) -> None:
    course = db.session.get(Course, item.id)
    if course is not None:
        course.status = ItemStatus.ARCHIVED
        mark_changed(course, now)


def _after_catalogue_load(
    item: ContentItem, _data: dict[str, Any], now: datetime
) -> None:
    generate_pattern_sessions(item, now=now)


COURSE_KIND = ContentKind(
    "course",
    validate_course,
    _publish,
    _archive,
    after_catalogue_load=_after_catalogue_load,
)
