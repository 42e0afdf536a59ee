"""Parent app forms (rendered with the NHS.UK frontend macros in the templates)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


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
