"""CLI: `flask content load-catalogue`."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from flask.cli import AppGroup

from parent_app.content.catalogue.loader import load_catalogue
from parent_app.extensions import db

content_cli = AppGroup("content", help="Articles, nudge rules and courses.")


@content_cli.command("load-catalogue")
def load_catalogue_command() -> None:
    """Load the starter catalogue: create what is missing, update only what staff never
    touched (safe to run again)."""
    report = load_catalogue(now=datetime.now(UTC))
    if report.errors:
        db.session.rollback()
        for error in report.errors:
            click.echo(error, err=True)
        raise click.ClickException(
            f"{len(report.errors)} catalogue files are not valid"
        )
    db.session.commit()
    changed = (
        ", ".join(f"{n} {k}" for k, n in sorted(report.created_or_changed.items()))
        or "nothing"
    )
    same = sum(report.unchanged.values())
    for line in report.skipped:
        click.echo(f"skipped {line}")
    click.echo(
        f"catalogue: {changed} loaded, {same} unchanged, "
        f"{len(report.skipped)} skipped (staff have changed them)"
    )
