"""The stage window fields articles and courses share: "from pregnancy week 12 to baby
age 8 weeks", or before pregnancy; turned into stage days and back."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextInput
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import Optional

from parent_app.domain.stage_input import (
    UNIT_LABELS,
    InvalidStage,
    StagePoint,
    describe_end,
    describe_start,
    window_days,
)
from parent_app.web.staff.form_helpers import (
    WHOLE_NUMBER,
    add_errors,
    choices,
    whole_number,
)

# Where the stage's errors from the content services show on the form.
STAGE_FIELD_OF = {
    "stage_from_day": "stage_from_number",
    "stage_to_day": "stage_to_number",
    "stage_from": "stage_from_number",
    "stage_to": "stage_to_number",
}


class StageFields(FlaskForm):
    stage = RadioField(
        "When in the 1001 days is it for?",
        choices=choices(
            [
                ("window", "From one point to another"),
                ("preconception", "Before pregnancy"),
            ]
        ),
        default="window",
        widget=GovRadioInput(),
    )
    stage_from_unit = SelectField(
        "From", choices=choices(UNIT_LABELS.items()), widget=GovSelect()
    )
    stage_from_number = StringField(
        "From number",
        widget=GovTextInput(),
        validators=[Optional(), WHOLE_NUMBER],
    )
    stage_to_unit = SelectField(
        "To", choices=choices(UNIT_LABELS.items()), widget=GovSelect()
    )
    stage_to_number = StringField(
        "To number",
        widget=GovTextInput(),
        validators=[Optional(), WHOLE_NUMBER],
    )


def stage_values(data: dict[str, Any]) -> dict[str, Any]:
    """The stage fields' values for a revision's data."""
    if data.get("stage") == "preconception":
        return {"stage": "preconception"}
    start = describe_start(data["stage_from_day"])
    end = describe_end(data["stage_to_day"])
    return {
        "stage": "window",
        "stage_from_unit": start.unit,
        "stage_from_number": start.number,
        "stage_to_unit": end.unit,
        "stage_to_number": end.number,
    }


def stage_data(form: StageFields) -> dict[str, Any] | None:
    """The stage part of the content data, or None after adding errors to the form."""
    if form.stage.data == "preconception":
        # Each key given, so an edit from a window to preconception (or back) drops
        # what the other way left in the revision.
        return {"stage": "preconception", "stage_from_day": None, "stage_to_day": None}
    start, end = (
        whole_number(form.stage_from_number),
        whole_number(form.stage_to_number),
    )
    if start is None or end is None:
        missing = {}
        if start is None:
            missing["stage_from_number"] = ["Enter where the window starts"]
        if end is None:
            missing["stage_to_number"] = ["Enter where the window ends"]
        add_errors(form, missing, {})
        return None
    try:
        first, last = window_days(
            StagePoint(form.stage_from_unit.data or "", start),
            StagePoint(form.stage_to_unit.data or "", end),
        )
    except InvalidStage as error:
        add_errors(form, {error.field: [error.message]}, STAGE_FIELD_OF)
        return None
    return {"stage": None, "stage_from_day": first, "stage_to_day": last}
