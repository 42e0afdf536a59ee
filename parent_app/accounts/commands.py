"""CLI: `flask areas load` and `flask staff create`."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from parent_app.accounts.areas import load_areas
from parent_app.accounts.users import create_staff
from parent_app.errors import AppError
from parent_app.extensions import db

areas_cli = AppGroup("areas", help="Family hub areas.")
staff_cli = AppGroup("staff", help="Family hub staff accounts.")


@areas_cli.command("load")
def load_areas_command() -> None:
    """Create or update the pilot areas and the national pseudo-area."""
    created = load_areas()
    db.session.commit()
    click.echo(f"areas: {created} created, the rest updated")


@staff_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["author", "editor", "admin"]))
@click.option(
    "--area", "areas", multiple=True, required=True, help="repeat for several"
)
@click.option(
    "--password-stdin", is_flag=True, help="read the password from standard input"
)
def create_staff_command(
    email: str, role: str, areas: tuple[str, ...], password_stdin: bool
) -> None:
    """Create a staff account scoped to one or more areas."""
    if not password_stdin:
        raise click.UsageError(
            "give the password on standard input with --password-stdin"
        )
    password = sys.stdin.readline().rstrip("\n")
    if len(password) < 10:
        raise click.ClickException("the password must be at least 10 characters")
    try:
        user = create_staff(
            email=email, password=password, role=role, area_ids=list(areas)
        )
        db.session.commit()
    except AppError as exc:
        db.session.rollback()
        detail = f" {exc.fields}" if exc.fields else ""
        raise click.ClickException(f"{exc.message}{detail}") from exc
    click.echo(f"staff {user.email} ({role}) created for {', '.join(areas)}")
