"""CLI: `flask milestones load`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from parent_app.extensions import db
from parent_app.milestones.vocabulary import load_milestones

milestones_cli = AppGroup("milestones", help="Milestones families can tick.")


@milestones_cli.command("load")
def load_milestones_command() -> None:
    """Create or update the milestone vocabulary (staff-added rows are kept)."""
    created = load_milestones()
    db.session.commit()
    click.echo(f"milestones: {created} created, the rest updated")
