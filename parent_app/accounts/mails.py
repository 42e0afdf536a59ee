"""The account mails (verify, reset, changed password or address), rendered as plain
text and HTML from the templates beside this module and queued in the mail outbox."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from parent_app.models import User
from parent_app.outbox.mail import queue_mail

SUBJECTS = {
    "verify_email": "Confirm your email address",
    "verify_email_reminder": "Please confirm your email address",
    "reset_password": "Reset your password",
    "password_changed": "Your password was changed",
    "email_changed": "Your email address was changed",
}


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("parent_app.accounts", "mail_templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def local_when(user: User, now: datetime) -> str:
    """ "4 December 2026 at 14:05", in the person's own time zone."""
    local = now.astimezone(ZoneInfo(user.timezone or "Europe/London"))
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def send_account_mail(
    user: User,
    kind: str,
    *,
    now: datetime,
    to_address: str | None = None,
    **values: Any,
) -> None:
    """Queue the `kind` mail for `user` (at `to_address`, default their email)."""
    env = _templates()
    context = {"subject": SUBJECTS[kind], **values}
    queue_mail(
        to_address=to_address or user.email,
        subject=SUBJECTS[kind],
        text_body=env.get_template(f"{kind}.txt").render(context),
        html_body=env.get_template(f"{kind}.html").render(context),
        kind=kind,
        user_id=user.id,
        now=now,
    )
