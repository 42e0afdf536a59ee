"""CLI: `flask mail send` runs one mail sending pass."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from parent_app.outbox.jobs import build_mail_transport, mail_job

mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("send")
def send_mail_command() -> None:
    """Send the mail that is due: one pass, safe to repeat."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    report = mail_job(app, build_mail_transport(app))
    click.echo(f"mail send: {report}")
