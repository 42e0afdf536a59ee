"""The location form: a family hub or venue as staff read it on the council's page
(address lines one a line), turned into the location data the service validates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextArea, GovTextInput
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired

from parent_app.web.staff.form_helpers import (
    AreaChoices,
    DateInput,
    slug_field,
    text_answers,
)

# Where a field of the location data is asked on this form.
FIELD_OF = {"_schema": "name", "address_lines": "address"}


class LocationForm(AreaChoices):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the place's name")],
    )
    slug = slug_field("ryde-family-hub")
    description = TextAreaField(
        "About the place (optional)",
        description="A sentence or two for parents, in plain words.",
        widget=GovTextArea(),
    )
    address = TextAreaField(
        "Building and street",
        description="As the official page gives it, one line each, without the town.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Enter the building and street")],
    )
    town = StringField(
        "Town",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the town")],
    )
    postcode = StringField(
        "Postcode",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the postcode")],
    )
    opening_times = TextAreaField(
        "Opening times",
        description="For example: Monday to Friday, 9am to 5pm.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Enter the opening times")],
    )
    phone = StringField(
        "Phone number (optional)",
        description="Only a number the source page gives.",
        widget=GovTextInput(),
    )
    accessibility = TextAreaField(
        "Getting there and access (optional)",
        description="Parking, buses, step-free entrance, lifts, quiet rooms.",
        widget=GovTextArea(),
    )
    area = SelectField("Area", widget=GovSelect())
    source_name = StringField(
        "Source name",
        description="The official page the details were read on, like Isle of Wight "
        "Council.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the source's name")],
    )
    source_url = StringField(
        "Source link",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the source's web address")],
    )
    review_by = DateField(
        "Check again by",
        description="When someone should check the details again. For example, "
        "27 3 2027.",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[DataRequired(message="Enter a real date")],
    )


def new_location_form(areas: list[str], *, today: date) -> LocationForm:
    """An empty form; the details are checked again in six months."""
    form = LocationForm(areas=areas)
    if not form.is_submitted():
        form.review_by.data = today + timedelta(days=182)
    return form


def location_form_for(data: dict[str, Any], areas: list[str]) -> LocationForm:
    """A form filled from a revision's data."""
    values = dict(data)
    values["address"] = "\n".join(data.get("address_lines") or [])
    values["review_by"] = date.fromisoformat(data["review_by"])
    return LocationForm(data=values, areas=areas)


def location_data(form: LocationForm) -> dict[str, Any]:
    """The location data the service checks; empty optional fields are left unset."""
    data: dict[str, Any] = text_answers(
        form, ("slug", "name", "town", "postcode", "opening_times")
    )
    data.update(text_answers(form, ("source_name", "source_url")))
    for optional in ("description", "phone", "accessibility"):
        data[optional] = (getattr(form, optional).data or "").strip() or None
    data["address_lines"] = [
        line.strip() for line in (form.address.data or "").splitlines() if line.strip()
    ]
    data["area"] = form.area.data
    data["review_by"] = form.review_by.data.isoformat() if form.review_by.data else ""
    return data
