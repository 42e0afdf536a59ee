"""The course form and the session forms: what a family hub says about a course, and
the sessions it plans (one, or a weekly pattern) and cancels."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from parent_app.content.vocab import COURSE_TOPICS
from parent_app.courses.kind import COURSE_AUDIENCES, DELIVERIES
from parent_app.courses.locations import location_choices
from parent_app.web.staff.form_helpers import (
    AUDIENCE_LABELS,
    WHOLE_NUMBER,
    AreaChoices,
    DateInput,
    add_errors,
    choice_answers,
    choices,
    slug_field,
    text_answers,
    topic_field,
    whole_number,
)
from parent_app.web.staff.stage_fields import (
    STAGE_FIELD_OF,
    StageFields,
    stage_data,
    stage_values,
)

DELIVERY_LABELS = {"in_person": "In person", "online": "Online"}
FIELD_OF = {
    **STAGE_FIELD_OF,
    "location": "location_name",
    "cost_pence": "cost",
    "_schema": "title",
    "_body": "title",
}
SESSION_FIELD_OF = {"location": "place_name", "_schema": "first_date"}


class CourseForm(AreaChoices, StageFields):
    title = StringField(
        "Title", widget=GovTextInput(), validators=[DataRequired("Enter a title")]
    )
    slug = slug_field()
    summary = TextAreaField(
        "Summary",
        widget=GovTextArea(),
        validators=[DataRequired("Enter a summary")],
    )
    description = TextAreaField(
        "Description",
        description="Write in Markdown.",
        widget=GovTextArea(),
        validators=[DataRequired("Enter a description")],
    )
    topic = topic_field(COURSE_TOPICS)
    audience = RadioField(
        "Who is it for?",
        choices=choices((a, AUDIENCE_LABELS[a]) for a in COURSE_AUDIENCES),
        default="everyone",
        widget=GovRadioInput(),
    )
    area = SelectField("Area", widget=GovSelect())
    provider = StringField(
        "Run by", widget=GovTextInput(), validators=[DataRequired("Enter who runs it")]
    )
    cost = StringField(
        "Cost in pounds",
        description="0 for free.",
        default="0",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter the cost, 0 for free"),
            Regexp(r"^\d{1,4}(\.\d{1,2})?$", message="Enter the cost, like 5 or 2.50"),
        ],
    )
    delivery = RadioField(
        "How it is run",
        choices=choices((d, DELIVERY_LABELS[d]) for d in DELIVERIES),
        default="in_person",
        widget=GovRadioInput(),
    )
    location_slug = SelectField(
        "Family hub or venue",
        description="A published location: parents see its address and opening "
        "times. Choose another place to type one below.",
        default="",
        widget=GovSelect(),
    )
    location_name = StringField(
        "Place", description="For sessions in person.", widget=GovTextInput()
    )
    location_address = StringField("Address", widget=GovTextInput())
    location_postcode = StringField("Postcode", widget=GovTextInput())
    online_url = StringField(
        "Joining link",
        description="For online sessions; only parents with a place see it.",
        widget=GovTextInput(),
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, areas=areas, **kwargs)
        self.location_slug.choices = choices(
            [("", "Another place (type it below)"), *location_choices(areas)]
        )


def course_form_for(data: dict[str, Any], areas: list[str]) -> CourseForm:
    values = dict(data)
    values["location_slug"] = data.get("location_slug") or ""
    values.update(stage_values(data))
    location = data.get("location") or {}
    for part in ("name", "address", "postcode"):
        values[f"location_{part}"] = location.get(part)
    values["cost"] = f"{Decimal(data.get('cost_pence', 0)) / 100:.2f}"
    return CourseForm(data=values, areas=areas)


def course_data(form: CourseForm) -> dict[str, Any] | None:
    """The course data the service checks, or None after adding errors to the form."""
    data: dict[str, Any] = text_answers(form, ("slug", "title", "summary", "provider"))
    data["description"] = form.description.data or ""
    data.update(choice_answers(form, ("topic", "audience", "area", "delivery")))
    try:
        data["cost_pence"] = int(Decimal(form.cost.data or "0") * 100)
    except InvalidOperation:
        add_errors(form, {"cost": ["Enter the cost, like 5 or 2.50"]}, {})
        return None
    data["location_slug"] = None
    if data["delivery"] == "online":
        data["location"] = None
        data["online_url"] = (form.online_url.data or "").strip() or None
    elif form.location_slug.data:
        data["location_slug"] = form.location_slug.data
        data["location"] = None
        data["online_url"] = None
    else:
        location = {
            part: (getattr(form, f"location_{part}").data or "").strip() or None
            for part in ("name", "address", "postcode")
        }
        data["location"] = location if location["name"] else None
        data["online_url"] = None
    stage = stage_data(form)
    if stage is None:
        return None
    data.update(stage)
    return data


class SessionsForm(FlaskForm):
    first_date = DateField(
        "Date of the first session",
        description="For example, 27 3 2027.",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[DataRequired("Enter a real date")],
    )
    start_time = StringField(
        "Start time",
        description="24-hour clock, like 10:00.",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter the start time"),
            Regexp(
                r"^([01]\d|2[0-3]):[0-5]\d$", message="Enter a time like 10:00 or 13:30"
            ),
        ],
    )
    duration_minutes = StringField(
        "Length in minutes",
        default="90",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the length"), WHOLE_NUMBER],
    )
    capacity = StringField(
        "Places (adults)",
        default="12",
        widget=GovTextInput(),
        validators=[DataRequired("Enter the number of places"), WHOLE_NUMBER],
    )
    count = StringField(
        "How many sessions",
        description="1 for a one-off session.",
        default="1",
        widget=GovTextInput(),
        validators=[DataRequired("Enter how many sessions"), WHOLE_NUMBER],
    )
    every_days = StringField(
        "Days between sessions",
        description="7 for weekly.",
        default="7",
        widget=GovTextInput(),
        validators=[Optional(), WHOLE_NUMBER],
    )
    place_name = StringField(
        "Place, if not the course's own",
        description="Leave empty to use the course's place (or its joining link).",
        widget=GovTextInput(),
    )
    place_address = StringField("Address", widget=GovTextInput())
    place_postcode = StringField("Postcode", widget=GovTextInput())


def new_sessions_form(*, today: date) -> SessionsForm:
    form = SessionsForm()
    if not form.is_submitted():
        form.first_date.data = today + timedelta(days=7)
    return form


def sessions_spec(form: SessionsForm) -> dict[str, Any]:
    """The plan as the sessions service checks it (its rules, not a copy here)."""
    return {
        "first_date": form.first_date.data.isoformat() if form.first_date.data else "",
        "start_time": form.start_time.data or "",
        "duration_minutes": whole_number(form.duration_minutes),
        "capacity": whole_number(form.capacity),
        "count": whole_number(form.count),
        "every_days": whole_number(form.every_days) or 7,
        "location": {
            part: (getattr(form, f"place_{part}").data or "").strip() or None
            for part in ("name", "address", "postcode")
        }
        if (form.place_name.data or "").strip()
        else None,
    }


class CancelSessionForm(FlaskForm):
    reason = TextAreaField(
        "Reason (optional)",
        description="Parents with a place or on the waiting list are told in their "
        "inbox and by push.",
        widget=GovTextArea(),
        validators=[
            Optional(),
            Length(max=300, message="Write 300 characters or fewer"),
        ],
    )
