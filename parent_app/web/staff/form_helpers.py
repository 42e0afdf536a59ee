"""What the staff console's forms share: service errors shown on the form, whole
numbers, the audience words, and the fields every content form asks the same way
(web address name, topic, area)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSelect, GovTextInput
from wtforms import Field, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Regexp

from parent_app.errors import AppError, ValidationFailed
from parent_app.web.staff.area_names import area_name

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


def slug_field(example: str | None = None) -> StringField:
    """The content item's web address name (its slug), fixed once saved."""
    like = f", like {example}" if example else ""
    return StringField(
        "Web address name",
        description=f"Lowercase letters, digits and hyphens{like}. It cannot change "
        "once saved.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter a web address name")],
    )


def topic_field(topics: dict[str, str]) -> SelectField:
    """The topic, from the kind's topics of the one vocabulary."""
    return SelectField("Topic", choices=choices(topics.items()), widget=GovSelect())


class AreaChoices(FlaskForm):
    """A content form's `area` field offers the areas the writer may write for."""

    area: SelectField

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.area.choices = choices((a, area_name(a)) for a in areas)


def text_answers(form: FlaskForm, names: Iterable[str]) -> dict[str, str]:
    """The named text fields' answers, trimmed; a field the form does not have (the
    slug on an edit page) is left out."""
    return {
        name: (field.data or "").strip()
        for name in names
        if (field := getattr(form, name, None)) is not None
    }


def choice_answers(form: FlaskForm, names: Iterable[str]) -> dict[str, Any]:
    """The named choice fields' answers, as chosen."""
    return {name: getattr(form, name).data for name in names}


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
