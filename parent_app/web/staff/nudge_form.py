"""The nudge rule form: timing as staff say it ("baby age 8 weeks"), the push's words,
the milestone it serves and its follow-up, and a made-up family for the timeline
preview; turned into the rule data the nudge service validates."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from parent_app.content.vocab import ARTICLE_TOPICS
from parent_app.domain import nudge_calendar
from parent_app.domain.pregnancy import MAX_GESTATION_WEEKS, MIN_GESTATION_WEEKS
from parent_app.domain.stage_input import describe_start
from parent_app.milestones.vocabulary import all_milestones
from parent_app.nudges.rules import FOLLOW_UP_DAYS, URGENCIES
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

TIMING_UNITS = {
    "pregnancy_week": "Pregnancy week (from the due date only)",
    "age_weeks": "Baby's age in weeks",
    "age_months": "Baby's age in months",
    "offset_days": "Days from the anchor (negative before it)",
}
SECONDS_PER_DAY = 86_400
FOLLOW_UP_TEXTS = ("follow_up_title", "follow_up_body")
# Where a field of the rule data is asked on this form.
FIELD_OF = {
    "offset_days": "timing_number",
    "pregnancy_week": "timing_number",
    "age_weeks": "timing_number",
    "age_months": "timing_number",
    "ttl_seconds": "ttl_days",
    "_schema": "title",
    "_body": "title",
}


class NudgeForm(AreaChoices):
    title = StringField(
        "Push title",
        description="Shown in bold. Phones cut long titles: put what matters first.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the push title")],
    )
    slug = slug_field("dorset-8-week-jabs")
    body = TextAreaField(
        "Push text",
        description="Up to 120 characters. {baby_name} becomes the baby's name, or "
        "'your baby'.",
        widget=GovCharacterCount(),
        validators=[DataRequired(message="Enter the push text")],
    )
    anchor = RadioField(
        "Timed from",
        choices=choices([("due_date", "The due date"), ("birth", "The birth")]),
        default="birth",
        widget=GovRadioInput(),
    )
    timing_unit = SelectField(
        "When", choices=choices(TIMING_UNITS.items()), widget=GovSelect()
    )
    timing_number = StringField(
        "Number",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter when to send it"), WHOLE_NUMBER],
    )
    age_basis = RadioField(
        "Age used for a baby born early",
        choices=choices(
            [
                ("chronological", "Real age (always for immunisations)"),
                ("corrected", "Corrected age (development)"),
            ]
        ),
        default="chronological",
        widget=GovRadioInput(),
    )
    born_from = DateField(
        "Only for babies born on or after",
        description="Leave empty for any date. For example, 1 7 2024.",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[Optional()],
    )
    born_until = DateField(
        "Only for babies born on or before",
        description="Leave empty for any date.",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[Optional()],
    )
    audience = RadioField(
        "Who gets it",
        choices=choices((a, AUDIENCE_LABELS[a]) for a in nudge_calendar.AUDIENCES),
        default="everyone",
        widget=GovRadioInput(),
    )
    topic = topic_field(ARTICLE_TOPICS)
    area = SelectField("Area", widget=GovSelect())
    send_window_days = StringField(
        "May still be sent for this many days after it is due",
        description="A family who joins later than that does not get it.",
        default="7",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter a number of days"), WHOLE_NUMBER],
    )
    ttl_days = StringField(
        "Keep the push waiting for a phone that is off for this many days",
        default="3",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter a number of days"), WHOLE_NUMBER],
    )
    urgency = SelectField(
        "Urgency",
        choices=choices((u, u.replace("-", " ").capitalize()) for u in URGENCIES),
        default="normal",
        widget=GovSelect(),
    )
    article_slug = StringField(
        "Linked article (its web address name)",
        description="Optional.",
        widget=GovTextInput(),
        validators=[Optional()],
    )
    milestone = SelectField(
        "Milestone this reminder serves",
        description="When the family ticks it booked, done or not for us, reminders "
        "for it stop.",
        default="",
        widget=GovSelect(),
    )
    follow_up_days = StringField(
        "Remind again after (days)",
        description="Optional, 1 to 90. Counted from when the first reminder reached "
        "the parent; not sent if the milestone is booked or done by then. Needs a "
        "milestone.",
        widget=GovTextInput(),
        validators=[Optional(), WHOLE_NUMBER],
    )
    follow_up_title = StringField(
        "Follow-up title",
        description='Optional. Leave empty for "Reminder: " and the push title.',
        widget=GovTextInput(),
        validators=[Optional()],
    )
    follow_up_body = TextAreaField(
        "Follow-up text",
        description="Optional, up to 120 characters. Leave empty for the standard "
        'words: "Just checking in about this for {baby_name}…"',
        widget=GovCharacterCount(),
        validators=[Optional()],
    )
    # The made-up family of the timeline preview.
    family = RadioField(
        "The family",
        choices=choices(
            [("expected", "Expecting a baby"), ("born", "The baby is born")]
        ),
        default="born",
        widget=GovRadioInput(),
    )
    family_due = DateField(
        "Due date",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[Optional()],
    )
    family_born = DateField(
        "Date of birth",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[Optional()],
    )
    family_gestation = StringField(
        "Weeks of pregnancy at birth",
        description="40 for a baby born on time; 32 for one born 8 weeks early.",
        default="40",
        widget=GovTextInput(),
        validators=[Optional(), WHOLE_NUMBER],
    )
    family_role = RadioField(
        "Reader",
        choices=choices(
            [("birthing_parent", "Birthing parent"), ("partner", "Partner")]
        ),
        default="birthing_parent",
        widget=GovRadioInput(),
    )

    def __init__(self, *args: Any, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, areas=areas, **kwargs)
        self.milestone.choices = choices(
            [("", "None"), *((m.key, m.title) for m in all_milestones())]
        )


def nudge_form_for(data: dict[str, Any], areas: list[str]) -> NudgeForm:
    """A form filled from a revision's data (GET)."""
    values = dict(data)
    point = describe_start(data["offset_days"])
    unit = "offset_days" if point.unit == "day" else point.unit
    if unit == "pregnancy_week" and data["anchor"] != "due_date":
        unit, point_number = "offset_days", data["offset_days"]
    else:
        point_number = point.number
    values["timing_unit"], values["timing_number"] = unit, str(point_number)
    for name in ("born_from", "born_until"):
        values[name] = date.fromisoformat(data[name]) if data.get(name) else None
    values["send_window_days"] = str(data["send_window_days"])
    values["ttl_days"] = str(shown_ttl_days(data["ttl_seconds"]))
    values["milestone"] = data.get("milestone") or ""
    days = data.get("follow_up_days")
    values["follow_up_days"] = "" if days is None else str(days)
    return NudgeForm(data=values, areas=areas)


def shown_ttl_days(ttl_seconds: int) -> int:
    return max(1, ttl_seconds // SECONDS_PER_DAY)


def rule_data(
    form: NudgeForm, *, original_ttl_seconds: int | None = None
) -> dict[str, Any] | None:
    """The rule data the service checks, or None after adding errors to the form. A
    push lifetime the API set in seconds is kept while the form's days are left as
    shown (days cannot say 36 hours)."""
    number = whole_number(form.timing_number)
    window, ttl = whole_number(form.send_window_days), whole_number(form.ttl_days)
    if number is None or window is None or ttl is None:
        return None
    data: dict[str, Any] = text_answers(form, ("slug", "title", "body"))
    data.update(
        choice_answers(
            form, ("anchor", "age_basis", "audience", "topic", "area", "urgency")
        )
    )
    data[form.timing_unit.data or "offset_days"] = number
    data["send_window_days"] = window
    data["ttl_seconds"] = min(ttl * SECONDS_PER_DAY, 10**9)
    if original_ttl_seconds is not None and ttl == shown_ttl_days(original_ttl_seconds):
        data["ttl_seconds"] = original_ttl_seconds
    for name in ("born_from", "born_until"):
        value = getattr(form, name).data
        data[name] = value.isoformat() if value else None
    data["article_slug"] = (form.article_slug.data or "").strip() or None
    follow_up = follow_up_answers(form)
    if not _follow_up_fits(form, follow_up):
        return None
    return data | follow_up


def follow_up_answers(form: NudgeForm) -> dict[str, Any]:
    """The milestone and follow-up as written (empty answers are None), unchecked."""
    answers: dict[str, Any] = {
        name: value or None
        for name, value in text_answers(form, FOLLOW_UP_TEXTS).items()
    }
    answers["milestone"] = form.milestone.data or None
    answers["follow_up_days"] = whole_number(form.follow_up_days)
    return answers


def _follow_up_fits(form: NudgeForm, answers: dict[str, Any]) -> bool:
    """Days in the rule service's range, and words only with days, in the console's
    words; else errors on the form. (A follow-up without a milestone is the rule
    service's to refuse, on `follow_up_days`.)"""
    days, (low, high) = answers["follow_up_days"], FOLLOW_UP_DAYS
    errors = {}
    if days is not None and not low <= days <= high:
        errors["follow_up_days"] = [f"Enter a number of days from {low} to {high}"]
    elif days is None and any(answers[name] for name in FOLLOW_UP_TEXTS):
        errors["follow_up_days"] = [
            "Enter after how many days to remind again, or leave the follow-up's "
            "title and text empty"
        ]
    if errors:
        add_errors(form, errors, {})
    return not errors


def family_of(form: NudgeForm) -> dict[str, Any] | None:
    """The preview family's dates, or None after adding errors to the form."""
    if form.family.data == "expected":
        if form.family_due.data is None:
            add_errors(form, {"family_due": ["Enter the due date"]}, {})
            return None
        return {"due_on": form.family_due.data, "born_on": None, "gestation_weeks": 40}
    weeks = whole_number(form.family_gestation)
    errors = {}
    if form.family_born.data is None:
        errors["family_born"] = ["Enter the date of birth"]
    if weeks is None or not MIN_GESTATION_WEEKS <= weeks <= MAX_GESTATION_WEEKS:
        errors["family_gestation"] = [
            f"Enter weeks of pregnancy from {MIN_GESTATION_WEEKS} to "
            f"{MAX_GESTATION_WEEKS}"
        ]
    if errors:
        add_errors(form, errors, {})
        return None
    return {"due_on": None, "born_on": form.family_born.data, "gestation_weeks": weeks}
