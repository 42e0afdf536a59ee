"""Locations as content: family hubs and venues, validated, published into the live
`locations` table and archived like any kind; courses refer to them by slug."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from marshmallow import Schema, fields, validate
from sqlalchemy import select

from parent_app.content.articles import plain_text
from parent_app.content.kinds import ContentKind, live_row, load_revision_data
from parent_app.content.sync import mark_changed
from parent_app.content.vocab import MAX_SLUG_LENGTH, SLUG_PATTERN
from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.models.accounts import NATIONAL_AREA, Area
from parent_app.models.content import ContentItem, ContentRevision
from parent_app.models.courses import Course, CourseSession, Location, SessionStatus

# A UK postcode: outward code, an optional space, inward code (Royal Mail's format).
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
PHONE = r"^\+?[0-9][0-9 ]{5,18}[0-9]$"


def normal_postcode(value: str) -> str | None:
    """The postcode in capitals with one space before the inward code, or None if it
    is not a UK postcode."""
    match = POSTCODE.match(value.strip().upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def _postcode(value: str) -> None:
    if normal_postcode(value) is None:
        raise validate.ValidationError("Enter a UK postcode, like PO30 2AX.")


class LocationDataSchema(Schema):
    """The fields of one location revision (the staff API and the catalogue share it).
    Every location names the official page its details were read from."""

    slug = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_SLUG_LENGTH),
            validate.Regexp(
                SLUG_PATTERN, error="Use lowercase letters, digits and hyphens."
            ),
        ],
    )
    name = fields.String(
        required=True, validate=[validate.Length(min=2, max=200), plain_text]
    )
    address_lines = fields.List(
        fields.String(validate=[validate.Length(min=1, max=120), plain_text]),
        required=True,
        validate=validate.Length(min=1, max=4),
        metadata={"description": "building and street, before the town"},
    )
    town = fields.String(
        required=True, validate=[validate.Length(min=2, max=100), plain_text]
    )
    postcode = fields.String(required=True, validate=_postcode)
    description = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(max=1000), plain_text],
        metadata={"description": "a few plain words for parents about the place"},
    )
    opening_times = fields.String(
        required=True, validate=[validate.Length(min=3, max=500), plain_text]
    )
    phone = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(
            PHONE, error="Use digits and spaces, e.g. 01983 123456."
        ),
    )
    accessibility = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(min=3, max=2000), plain_text],
    )
    area = fields.String(
        load_default=NATIONAL_AREA, validate=validate.Length(min=1, max=64)
    )
    source_name = fields.String(
        required=True, validate=[validate.Length(min=2, max=200), plain_text]
    )
    source_url = fields.Url(
        required=True, schemes={"https", "http"}, validate=validate.Length(max=500)
    )
    review_by = fields.Date(required=True)


def validate_location(data: dict[str, Any]) -> dict[str, Any]:
    """Clean location data (JSON-ready) or raise a 422 naming each field."""
    cleaned = load_revision_data(LocationDataSchema(), data)
    cleaned["postcode"] = normal_postcode(cleaned["postcode"])
    cleaned["review_by"] = cleaned["review_by"].isoformat()
    return cleaned


def _areas_meet(one: str, other: str) -> bool:
    """Whether a course for area `one` may be held at a place of area `other`: the same
    area, either national, or one the wider area of the other."""
    if one == other or NATIONAL_AREA in (one, other):
        return True
    parents = dict(db.session.execute(select(Area.id, Area.parent_code)).all())
    return parents.get(one) == other or parents.get(other) == one


def place_for_course(slug: str, course_area: str) -> dict[str, str]:
    """The course's `location` (name, address, postcode) read from the published
    location `slug`; a 422 on `location_slug` when there is none, or it is in an area
    the course's area neither holds nor belongs to."""
    location = db.session.scalar(
        select(Location).where(
            Location.slug == slug, Location.status == ItemStatus.PUBLISHED
        )
    )
    if location is None:
        raise ValidationFailed(
            {"location_slug": ["No published location has this slug."]}
        )
    if not _areas_meet(course_area, location.area_id):
        raise ValidationFailed(
            {"location_slug": ["This location is not in the course's area."]}
        )
    return {
        "name": location.name,
        "address": location.address,
        "postcode": location.postcode,
    }


def _follow_new_place(location: Location, now: datetime) -> None:
    """Courses held at the location, and their sessions still to come at its old
    place, take its new name, address and postcode."""
    for course in db.session.scalars(
        select(Course).where(Course.location_slug == location.slug)
    ):
        old = (course.location_name, course.location_address, course.location_postcode)
        new = (location.name, location.address, location.postcode)
        if old == new:
            continue
        for session in db.session.scalars(
            select(CourseSession).where(
                CourseSession.course_id == course.id,
                CourseSession.starts_at > now,
                CourseSession.status == SessionStatus.SCHEDULED,
                CourseSession.location_name == old[0],
            )
        ):
            if (
                session.location_address,
                session.location_postcode,
            ) == old[1:]:
                (
                    session.location_name,
                    session.location_address,
                    session.location_postcode,
                ) = new
        course.location_name, course.location_address, course.location_postcode = new
        mark_changed(course, now)


def _publish(item: ContentItem, revision: ContentRevision, now: datetime) -> None:
    data = revision.data
    location = live_row(
        Location,
        item,
        revision,
        copy=(
            "name",
            "description",
            "town",
            "postcode",
            "opening_times",
            "phone",
            "accessibility",
            "source_name",
            "source_url",
        ),
        published_at=now,
    )
    location.address_lines = list(data["address_lines"])
    location.review_by = date.fromisoformat(data["review_by"])
    mark_changed(location, now)
    db.session.add(location)
    db.session.flush()
    _follow_new_place(location, now)


def _archive(item: ContentItem, now: datetime) -> None:
    location = db.session.get(Location, item.id)
    if location is not None:
        location.status = ItemStatus.ARCHIVED
        mark_changed(location, now)


LOCATION_KIND = ContentKind("location", validate_location, _publish, _archive)
