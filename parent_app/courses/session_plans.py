"""A plan of course sessions as staff give it (one date, or a repeating pattern),
checked the same way for the staff API and the console."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from parent_app.courses.kind import (
    HHMM,
    MAX_CAPACITY,
    MAX_SESSIONS_PER_PATTERN,
    LocationSchema,
)
from parent_app.errors import ValidationFailed


class SessionsCreateSchema(Schema):
    """One session ({date, …}) or a repeating pattern ({first_date, …, count,
    every_days})."""

    first_date = fields.Date(
        required=True, metadata={"description": "London date; `date` for one session"}
    )
    start_time = fields.String(
        required=True, validate=HHMM, metadata={"description": "HH:MM Europe/London"}
    )
    duration_minutes = fields.Integer(required=True, validate=validate.Range(15, 480))
    capacity = fields.Integer(
        required=True,
        validate=validate.Range(1, MAX_CAPACITY),
        metadata={"description": "adults"},
    )
    count = fields.Integer(
        load_default=1, validate=validate.Range(1, MAX_SESSIONS_PER_PATTERN)
    )
    every_days = fields.Integer(load_default=7, validate=validate.Range(1, 28))
    location = fields.Nested(
        LocationSchema,
        load_default=None,
        allow_none=True,
        metadata={"description": "instead of the course's own"},
    )

    @pre_load
    def _one_session(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(data, dict) and "date" in data and "first_date" not in data:
            data = {**data, "first_date": data["date"]}
            data.pop("date")
        return data


def check_sessions_spec(raw: dict[str, Any]) -> dict[str, Any]:
    """A sessions plan as sent (strings from a form, or JSON) checked and loaded, or a
    ValidationFailed naming each field."""
    try:
        return dict(SessionsCreateSchema().load(raw))
    except ValidationError as exc:
        raise ValidationFailed(exc.normalized_messages()) from exc  # type: ignore[arg-type]
