"""CLI: `flask privacy purge`."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from parent_app.extensions import db
from parent_app.privacy.export_erase import purge_expired_households

privacy_cli = AppGroup("privacy", help="Retention and erasure.")


@privacy_cli.command("purge")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), default=None)
def purge_command(on: object) -> None:
    """Delete households past the 1001 days plus RETENTION_GRACE_DAYS."""
    today = on.date() if on else date.today()  # type: ignore[attr-defined]
    count = purge_expired_households(
        today=today, grace_days=current_app.config["RETENTION_GRACE_DAYS"]
    )
    db.session.commit()
    click.echo(f"privacy purge: {count} households erased")
