"""What the parent app's views share: the clock at the boundary, the parent's own
today, and a service's field errors shown on a form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

from flask_wtf import FlaskForm

from parent_app.domain.reminders import local_today
from parent_app.errors import AppError
from parent_app.models import User


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_for(user: User) -> date:
    """Today where the parent lives: "born today" is the family's date."""
    return local_today(now_utc(), user.timezone)


def show_errors(
    form: FlaskForm, error: AppError, names: Mapping[str, str] | None = None
) -> None:
    """Put a service's error messages on the form's fields (`names` maps the
    service's field names to the form's); anything unmatched goes on the first
    field, so the error summary always says what went wrong."""
    names = names or {}
    first = next(iter(form._fields.values()))
    if first.name == "csrf_token":
        first = list(form._fields.values())[1]
    for name, messages in (error.fields or {"": [error.message]}).items():
        field = form._fields.get(names.get(name, name)) or first
        texts = messages if isinstance(messages, list) else [str(messages)]
        field.errors = [*field.errors, *(str(t).rstrip(".") for t in texts)]
