"""What the staff console's forms share: service errors shown on the form, whole
numbers, the audience words."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field, SelectChoice
from wtforms.validators import Regexp

from parent_app.errors import AppError, ValidationFailed

AUDIENCE_LABELS = {
    "everyone": "Everyone",
    "birthing_parent": "Birthing parents",
    "partner": "Partners (dads, co-parents, non-birthing partners)",
    "couples": "Couples",
}


class DateInput(GovDateInput):
    """GOV.UK's day, month and year boxes; a post without the three boxes shows them
    empty (the widget would otherwise fail to unpack them)."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        if field.raw_data is not None and len(field.raw_data) != 3:
            field.raw_data = None
        return dict(super().map_gov_params(field, **kwargs))


def choices(pairs: Any) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


WHOLE_NUMBER = Regexp(r"^-?\d{1,5}$", message="Enter a whole number, like 12")


def whole_number(field: Field) -> int | None:
    value = (field.data or "").strip() if isinstance(field.data, str) else field.data
    if value in ("", None):
        return None
    try:
        return int(value)
    except ValueError:
        return None


def add_errors(form: FlaskForm, errors: dict[str, Any], rename: dict[str, str]) -> None:
    """Show a service's field errors on the form's fields (a field the form does not
    ask about shows on `rename["_schema"]`, else on the first field)."""
    fallback = rename.get("_schema") or next(iter(form._fields))
    for name, messages in errors.items():
        target = rename.get(name, name)
        if target not in form._fields or target == "csrf_token":
            target = fallback
        field = form._fields[target]
        if isinstance(messages, dict):
            messages = [m for sub in messages.values() for m in _flat(sub)]
        field.errors = [*field.errors, *_flat(messages)]
    form._errors = None  # the error summary reads form.errors afresh


def _flat(messages: Any) -> list[str]:
    if isinstance(messages, str):
        return [messages]
    if isinstance(messages, dict):
        return [m for sub in messages.values() for m in _flat(sub)]
    return [m for sub in messages for m in _flat(sub)]


def show_error(form: FlaskForm, error: AppError, rename: dict[str, str]) -> None:
    """A refused save: field errors on their fields, anything else on the first."""
    if isinstance(error, ValidationFailed) and getattr(error, "fields", None):
        add_errors(form, dict(error.fields), rename)
    else:
        add_errors(form, {"_schema": [error.message]}, rename)
