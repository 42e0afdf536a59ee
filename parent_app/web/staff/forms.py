"""Staff console forms, rendered with govuk-frontend-wtf's widgets."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, HiddenField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter your email address"),
            Email(
                message="Enter an email address in the correct format, like "
                "name@example.com"
            ),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter your password"),
            Length(max=1024, message="Password must be 1024 characters or fewer"),
        ],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ForgottenPasswordForm(FlaskForm):
    email = EmailField(
        "Email address",
        description="The address you sign in with.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    submit = SubmitField("Send the link", widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=200)])
    password = PasswordField(
        "New password",
        description="At least 10 characters. Three random words work well.",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Enter a new password"),
            Length(min=10, max=256, message="Use 10 to 256 characters"),
        ],
    )
    confirm = PasswordField(
        "Type the new password again",
        widget=GovPasswordInput(),
        validators=[
            DataRequired(message="Type the new password again"),
            EqualTo("password", message="The two passwords are not the same"),
        ],
    )
    submit = SubmitField("Save my new password", widget=GovSubmitInput())
