"""The content vocabularies: topics, audiences, ages."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

# The one topic vocabulary: every topic content can have, with its name. Each kind
# offers the topics that suit it, drawn from this list, so a topic two kinds share
# has one key and one name.
TOPICS = {
    "feeding": "Feeding",
    "leave-and-pay": "Leave and pay",
    "money": "Money",
    "wellbeing": "Wellbeing",
    "relationships": "Relationships",
    "health-checks": "Health checks",
    "immunisations": "Immunisations",
    "development": "Development",
    "sleep-and-safety": "Sleep and safety",
    "pregnancy": "Pregnancy",
    "loss-support": "Support after a loss",
    "antenatal": "Antenatal",
    "play-and-development": "Play and development",
}


def _topics(*keys: str) -> dict[str, str]:
    return {key: TOPICS[key] for key in keys}


# Articles and nudge rules; also the topics a parent can mute and GET /topics.
ARTICLE_TOPICS = _topics(
    "feeding",
    "leave-and-pay",
    "money",
    "wellbeing",
    "relationships",
    "health-checks",
    "immunisations",
    "development",
    "sleep-and-safety",
    "pregnancy",
    "loss-support",
)
# Courses: classes and groups a family hub runs.
COURSE_TOPICS = _topics(
    "relationships",
    "wellbeing",
    "feeding",
    "antenatal",
    "money",
    "play-and-development",
)
AUDIENCES = ("everyone", "birthing_parent", "partner")
AGE_BASES = ("chronological", "corrected")
LANGUAGES = ("en", "cy", "pl", "ro", "ur", "ar")
# Stage days run from the start of pregnancy (-280) to the end of the 1001 days.
MIN_STAGE_DAY = -280
MAX_STAGE_DAY = 1001
# `(?!\n)$`: Python's `$` also matches before a final newline; "abc\n" is not a slug.
# (It stays a plain ECMAScript pattern, as OpenAPI documents it.)
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(?!\n)$"
# content_items.slug is VARCHAR(120): a longer slug is a 422, never a database error.
MAX_SLUG_LENGTH = 120


class StagedContentSchema(Schema):
    """The stage fields every parent-facing content kind has: the days of the 1001 it is
    for (-280 is conception, 0 birth), or `stage: preconception` with no days."""

    stage = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["preconception"])
    )
    stage_from_day = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(MIN_STAGE_DAY, MAX_STAGE_DAY),
    )
    stage_to_day = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(MIN_STAGE_DAY, MAX_STAGE_DAY),
    )

    @validates_schema
    def _stage(self, data: dict[str, Any], **kwargs: Any) -> None:
        if kwargs.get("partial"):
            return
        start, end = data.get("stage_from_day"), data.get("stage_to_day")
        if data.get("stage") == "preconception":
            if start is not None or end is not None:
                raise ValidationError(
                    "Preconception content has no stage days.", "stage"
                )
            return
        if start is None or end is None:
            raise ValidationError(
                "Give stage_from_day and stage_to_day, or stage: preconception.",
                "stage_from_day",
            )
        if start > end:
            raise ValidationError(
                "stage_from_day must not be after stage_to_day.", "stage_from_day"
            )


class SourcedContentSchema(Schema):
    """Where a nudge rule or course comes from, as articles have: the source's name and
    web address, and the date by which it must be checked again. Optional for staff
    (a hub's own course may have no outside source); the starter catalogue test
    requires them on every item."""

    source_name = fields.String(validate=validate.Length(min=2, max=200))
    source_url = fields.Url(
        schemes={"https", "http"}, validate=validate.Length(max=500)
    )
    review_by = fields.Date()


def source_json_ready(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The cleaned source fields as JSON (the review date as ISO text)."""
    if cleaned.get("review_by") is not None:
        cleaned["review_by"] = cleaned["review_by"].isoformat()
    return cleaned
