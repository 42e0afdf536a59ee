"""The article form: fields as staff think of them (a stage window in pregnancy weeks or
baby age), turned into the article data the content service validates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired

from parent_app.content.vocab import ARTICLE_TOPICS, AUDIENCES, LANGUAGES
from parent_app.web.staff.form_helpers import (
    AUDIENCE_LABELS,
    AreaChoices,
    DateInput,
    choice_answers,
    choices,
    slug_field,
    text_answers,
    topic_field,
)
from parent_app.web.staff.stage_fields import (
    STAGE_FIELD_OF,
    StageFields,
    stage_data,
    stage_values,
)

LANGUAGE_LABELS = {
    "en": "English",
    "cy": "Welsh",
    "pl": "Polish",
    "ro": "Romanian",
    "ur": "Urdu",
    "ar": "Arabic",
}
# Where a field of the article data is asked on this form.
FIELD_OF = {
    **STAGE_FIELD_OF,
    "_schema": "title",
    "_body": "title",
}


class ArticleForm(AreaChoices, StageFields):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter a title")],
    )
    slug = slug_field("dorset-baby-groups")
    summary = TextAreaField(
        "Summary",
        description="One or two sentences shown in lists.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Enter a summary")],
    )
    body = TextAreaField(
        "Article",
        description="Write in Markdown: ## for a heading, - for a list item, "
        "[words](https://link) for a link.",
        widget=GovTextArea(),
        validators=[DataRequired(message="Enter the article")],
    )
    topic = topic_field(ARTICLE_TOPICS)
    audience = RadioField(
        "Who is it for?",
        choices=choices((a, AUDIENCE_LABELS[a]) for a in AUDIENCES),
        default="everyone",
        widget=GovRadioInput(),
    )
    age_basis = RadioField(
        "Age used for a baby born early",
        choices=choices(
            [
                ("chronological", "Real age (from the date of birth)"),
                ("corrected", "Corrected age (from the due date)"),
            ]
        ),
        default="chronological",
        widget=GovRadioInput(),
    )
    area = SelectField("Area", widget=GovSelect())
    language = SelectField(
        "Language",
        choices=choices((code, LANGUAGE_LABELS[code]) for code in LANGUAGES),
        widget=GovSelect(),
    )
    source_name = StringField(
        "Source name",
        description="Who the advice comes from, like NHS or Dorset Council.",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the source's name")],
    )
    source_url = StringField(
        "Source link",
        widget=GovTextInput(),
        validators=[DataRequired(message="Enter the source's web address")],
    )
    review_by = DateField(
        "Review by",
        description="When someone should check it is still right. For example, "
        "27 3 2027.",
        format="%d %m %Y",
        widget=DateInput(),
        validators=[DataRequired(message="Enter a real review-by date")],
    )


def new_article_form(areas: list[str], *, today: date) -> ArticleForm:
    """An empty form with sensible starting values (review in a year)."""
    form = ArticleForm(areas=areas)
    if not form.is_submitted():
        form.review_by.data = today + timedelta(days=365)
        form.stage_from_unit.data = "pregnancy_week"
        form.stage_to_unit.data = "age_weeks"
    return form


def article_form_for(data: dict[str, Any], areas: list[str]) -> ArticleForm:
    """A form filled from a revision's data (GET), or from the posted form (POST)."""
    values = dict(data)
    values["review_by"] = date.fromisoformat(data["review_by"])
    values.update(stage_values(data))
    return ArticleForm(data=values, areas=areas)


def article_data(form: ArticleForm) -> dict[str, Any] | None:
    """The article data the service checks, or None after adding the stage's errors to
    the form."""
    data: dict[str, Any] = text_answers(
        form, ("slug", "title", "summary", "source_name", "source_url")
    )
    data["body"] = form.body.data or ""
    data.update(
        choice_answers(form, ("topic", "audience", "age_basis", "area", "language"))
    )
    data["review_by"] = form.review_by.data.isoformat() if form.review_by.data else ""
    stage = stage_data(form)
    if stage is None:
        return None
    data.update(stage)
    return data
