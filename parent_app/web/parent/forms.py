"""Parent app forms (rendered with the NHS.UK frontend macros in the templates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    PasswordField,
    RadioField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    Regexp,
    StopValidation,
)

from parent_app.domain.pregnancy import MAX_GESTATION_WEEKS, MIN_GESTATION_WEEKS


def choices(pairs: list[tuple[str, str]]) -> list[SelectChoice]:
    """Radio and checkbox options as WTForms 3.3 wants them."""
    return [SelectChoice(value, label) for value, label in pairs]


ROLE_CHOICES = [
    ("birthing_parent", "I am pregnant or gave birth"),
    ("partner", "I am a partner (dad, co-parent or other parent)"),
]
ROLE_HINTS = {
    "partner": "You can join your partner's family with a code, or use the app alone.",
}


class DatePartsField(Field):
    """A date typed as day, month and year boxes (the NHS.UK date input), checked in
    the design system's words: "Enter your due date", "Due date must be a real date"."""

    PARTS = ("day", "month", "year")

    def __init__(
        self,
        label: str | None = None,
        *,
        noun: str = "",
        is_optional: bool = False,
        **kwargs: Any,
    ):
        super().__init__(label, **kwargs)
        self.noun = noun or (label or "date").lower()
        self.is_optional = is_optional
        self.id = f"{self.name}-day"  # the first box: where the summary link lands
        self.parts = dict.fromkeys(self.PARTS, "")

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None):  # type: ignore[no-untyped-def, override]
        self.process_errors = []
        self.data = data if isinstance(data, date) else None
        if isinstance(self.data, date):
            self.parts = {
                "day": str(self.data.day),
                "month": str(self.data.month),
                "year": str(self.data.year),
            }
        if formdata is not None and any(
            f"{self.name}[{p}]" in formdata for p in self.PARTS
        ):
            self.parts = {
                p: str(formdata.get(f"{self.name}[{p}]", "")).strip()[:8]
                for p in self.PARTS
            }
            self.raw_data = list(self.parts.values())
            self.data = None

    def pre_validate(self, form: Any) -> None:
        noun = self.noun
        if not any(self.parts.values()):
            if self.is_optional:
                self.data = None
                raise StopValidation()
            self.errors.append(f"Enter {noun}")
            raise StopValidation()
        missing = [p for p in self.PARTS if not self.parts[p]]
        if missing:
            self.errors.append(f"{noun.capitalize()} must include a {missing[0]}")
            raise StopValidation()
        try:
            year = int(self.parts["year"])
            if year < 1000:
                raise ValueError("two-digit year")
            self.data = date(year, int(self.parts["month"]), int(self.parts["day"]))
        except ValueError:
            self.errors.append(f"{noun.capitalize()} must be a real date")
            raise StopValidation() from None


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[
            DataRequired(message="Enter your email address"),
            Email(message="Enter an email address like name@example.com"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired(message="Enter your password"),
            Length(max=1024, message="Password must be 1024 characters or fewer"),
        ],
    )


class SignUpForm(FlaskForm):
    role = RadioField(
        "Who are you?",
        choices=choices(ROLE_CHOICES),
        validators=[InputRequired(message="Select who you are")],
    )
    area = RadioField(
        "Where do you live?",
        choices=[],
        validators=[InputRequired(message="Select where you live")],
    )
    email = EmailField(
        "Email address",
        validators=[
            DataRequired(message="Enter your email address"),
            Email(message="Enter an email address like name@example.com"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Create a password",
        description="Use at least 10 characters. A few unrelated words work well.",
        validators=[
            DataRequired(message="Enter a password"),
            Length(
                min=10, max=256, message="Password must be 10 to 256 characters long"
            ),
        ],
    )


class BabyKindForm(FlaskForm):
    kind = RadioField(
        "Are you expecting a baby, or has your baby been born?",
        choices=choices(
            [
                ("pregnancy", "We are expecting a baby"),
                ("born", "Our baby has been born"),
            ]
        ),
        validators=[InputRequired(message="Select whether your baby has been born")],
    )


class PregnancyForm(FlaskForm):
    due_date = DatePartsField("When is the baby due?", noun="your due date")


def _weeks_message() -> str:
    return (
        f"Enter the weeks of pregnancy at birth, from {MIN_GESTATION_WEEKS} "
        f"to {MAX_GESTATION_WEEKS}"
    )


class BornForm(FlaskForm):
    date_of_birth = DatePartsField(
        "What is your baby's date of birth?", noun="the date of birth"
    )
    gestation_weeks = StringField(
        "How many weeks pregnant were you at the birth?",
        description="Born on the due date is 40 weeks. Leave it at 40 if you are "
        "not sure.",
        default="40",
        validators=[DataRequired(message=_weeks_message())],
    )

    def validate_gestation_weeks(self, field: Field) -> None:
        text = str(field.data or "").strip()
        if not text.isdigit() or not (
            MIN_GESTATION_WEEKS <= int(text) <= MAX_GESTATION_WEEKS
        ):
            raise StopValidation(_weeks_message())


class BirthForm(BornForm):
    """Recording the birth of a pregnancy: the same questions."""


class LossForm(FlaskForm):
    confirm = RadioField(
        "Do you want to record that your baby has died?",
        choices=choices([("yes", "Yes, record this"), ("no", "No, go back")]),
        validators=[InputRequired(message="Select yes or no")],
    )


class JoinForm(FlaskForm):
    code = StringField(
        "Your partner's code",
        description="It looks like ABCDE-23456. Your partner can make one in the app.",
        validators=[
            DataRequired(message="Enter the code your partner gave you"),
            Length(min=4, max=32, message="Enter the code exactly as it was given"),
        ],
    )


class ButtonForm(FlaskForm):
    """A form that is only a button (CSRF-protected)."""


HHMM = r"\A([01]\d|2[0-3]):[0-5]\d\Z"


class ReminderSettingsForm(FlaskForm):
    reminder_time = StringField(
        "What time should reminders arrive?",
        description="Use the 24-hour clock, for example 10:00 or 19:30.",
        validators=[
            DataRequired(message="Enter a time for reminders, like 10:00"),
            Regexp(HHMM, message="Enter a time like 10:00 or 19:30"),
        ],
    )
    quiet_start = StringField(
        "Quiet hours start",
        validators=[
            Optional(),
            Regexp(HHMM, message="Enter the start of quiet hours like 21:00"),
        ],
    )
    quiet_end = StringField(
        "Quiet hours end",
        validators=[
            Optional(),
            Regexp(HHMM, message="Enter the end of quiet hours like 07:00"),
        ],
    )
    timezone = StringField(
        "Time zone",
        description="Most families in England use Europe/London.",
        validators=[DataRequired(message="Enter a time zone, like Europe/London")],
    )
    muted_topics = SelectMultipleField(
        "Topics you do not want reminders about", choices=[]
    )
    discreet = BooleanField(
        "Keep my notifications private",
        description='Notifications on your phone will only say "You have a new '
        'message". Every page will also have a "Leave this site" button that '
        "quickly opens a weather page instead. Pressing Escape twice does the same.",
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.quiet_start.data, self.quiet_end.data
        message = None
        if bool(start) != bool(end):
            message = "Enter both the start and the end of quiet hours"
        elif start and start == end:
            message = "Quiet hours must end at a different time"
        if message and not self.quiet_end.errors:
            self.quiet_end.errors = [*self.quiet_end.errors, message]
            return False
        return valid


class EraseForm(FlaskForm):
    password = PasswordField(
        "Enter your password to confirm",
        validators=[DataRequired(message="Enter your password to delete your account")],
    )


class QuestionForm(FlaskForm):
    """One question of a question-page journey. `question` gives the words and the
    kind: text, kind ("radios", "date", "number", "checkboxes"), choices, hint,
    error, noun, required (default true), min and max (numbers)."""

    # Choices are checked in validate(), so that "nothing chosen" gets the
    # question's own message rather than "Not a valid choice".
    answer = RadioField("", validate_choice=False)
    answer_date = DatePartsField("")
    answer_number = StringField("")
    answer_many = SelectMultipleField("", choices=[], validate_choice=False)

    KIND_FIELDS = {
        "radios": "answer",
        "date": "answer_date",
        "number": "answer_number",
        "checkboxes": "answer_many",
    }

    def __init__(self, question: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.question = question
        keep = self.KIND_FIELDS[question["kind"]]
        for name in self.KIND_FIELDS.values():
            if name != keep:
                delattr(self, name)
        self.field = getattr(self, keep)
        self.field.label.text = question["text"]
        self.field.description = question.get("hint") or ""
        if question["kind"] == "date":
            self.field.noun = question.get("noun", "the date")
        if question.get("choices"):
            self.field.choices = choices(question["choices"])

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        question, field = self.question, self.field
        if field.errors:
            return False
        required = question.get("required", True)
        message = question.get("error") or "Select an answer"
        values = {str(value) for value, _ in question.get("choices") or []}
        if question["kind"] == "radios":
            if (required and not field.data) or (
                field.data and field.data not in values
            ):
                field.errors = [message]
        elif question["kind"] == "checkboxes":
            if (required and not field.data) or not set(field.data or []) <= values:
                field.errors = [message]
        elif question["kind"] == "number":
            text = str(field.data or "").strip()
            low, high = question.get("min", 0), question.get("max", 99)
            if not text and required:
                field.errors = [message]
            elif text and (not text.isdigit() or not low <= int(text) <= high):
                field.errors = [f"Enter a whole number from {low} to {high}"]
        return valid and not field.errors

    def answer_value(self) -> Any:
        kind = self.question["kind"]
        if kind == "date":
            return self.field.data.isoformat()
        if kind == "number":
            text = str(self.field.data or "").strip()
            return int(text) if text else None
        if kind == "checkboxes":
            return list(self.field.data or [])
        return self.field.data or None

    def set_answer(self, value: Any) -> None:
        if value is None:
            return
        if self.question["kind"] == "date":
            self.field.process(None, date.fromisoformat(value))
        elif self.question["kind"] == "number":
            self.field.data = str(value)
        else:
            self.field.data = value


class BookingForm(FlaskForm):
    attendees = RadioField(
        "How many adults are coming?",
        choices=choices([("1", "Just me"), ("2", "Me and my partner")]),
        default="1",
        validators=[InputRequired(message="Select how many adults are coming")],
    )


MILESTONE_CHOICES = [
    ("booked", "It is booked"),
    ("done", "We have done it"),
    ("not_for_us", "It is not for us"),
]


class MilestoneForm(FlaskForm):
    status = RadioField(
        "Where are you with this?",
        choices=choices(MILESTONE_CHOICES),
        validators=[InputRequired(message="Select where you are with this")],
    )
    booked_for = DatePartsField(
        "If it is booked, what day is it? (optional)",
        noun="the day it is booked for",
        is_optional=True,
    )
