"""Which new passwords we refuse: common and breached ones, the email, only spaces."""

from __future__ import annotations

from zxcvbn import zxcvbn

from parent_app.errors import ValidationFailed

# zxcvbn scores a password by the guesses an attacker needs, matching it against the
# most used passwords from public breaches (shipped with the package) and their common
# variations ("password12", "Password123!"). Below 2 means under a million guesses:
# NCSC advice is to refuse those rather than to demand symbols and digits.
MIN_SCORE = 2
# zxcvbn's own limit; the start of a longer password says enough about it.
SCORED_CHARACTERS = 72

TOO_COMMON = (
    "This password is too easy to guess: it is one of the most used passwords or "
    "close to one. Try three random words."
)
ONLY_SPACES = "Your password cannot be only spaces."
IS_EMAIL = "Your password cannot be your email address."


def check_new_password(password: str, *, email: str) -> None:
    """Refuse a new password that is all whitespace, the account's email, or among the
    commonly used and breached passwords; raises ValidationFailed on `password`."""
    problem = password_problem(password, email=email)
    if problem is not None:
        raise ValidationFailed({"password": [problem]})


def password_problem(password: str, *, email: str) -> str | None:
    """The plain-English reason to refuse `password` for `email`, or None."""
    if not password.strip():
        return ONLY_SPACES
    address = email.strip().lower()
    if password.strip().lower() == address:
        return IS_EMAIL
    local_part = address.partition("@")[0]
    result = zxcvbn(
        password[:SCORED_CHARACTERS], user_inputs=[address, local_part, "parent"]
    )
    if result["score"] < MIN_SCORE:
        return TOO_COMMON
    return None
