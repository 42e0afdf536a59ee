"""Email addresses as account keys: one normal form, and one account per address."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from parent_app.errors import Conflict
from parent_app.extensions import db


class EmailTaken(Conflict):
    code = "email_taken"
    message = "An account with this email already exists."


def normalise_email(email: str) -> str:
    """Emails compare case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def flush_unique_email() -> None:
    """Flush; a second account with the same address is EmailTaken (the unique
    constraint decides, so two requests at once cannot both win)."""
    try:
        db.session.flush()
    except IntegrityError as exc:
        db.session.rollback()
        raise EmailTaken() from exc
