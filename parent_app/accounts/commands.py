"""CLI: `flask areas load`, `flask accounts remind-unverified` and `flask staff
create|list|disable|enable|reset-password|set-role|set-areas` (every staff change is
written to the audit log)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import click
from flask.cli import AppGroup

from parent_app.accounts import staff_admin
from parent_app.accounts.areas import load_areas
from parent_app.errors import AppError
from parent_app.extensions import db

areas_cli = AppGroup("areas", help="Family hub areas.")
accounts_cli = AppGroup("accounts", help="Parent accounts.")
staff_cli = AppGroup("staff", help="Family hub staff accounts.")


@areas_cli.command("load")
def load_areas_command() -> None:
    """Create or update the pilot areas and the national pseudo-area."""
    created = load_areas()
    db.session.commit()
    click.echo(f"areas: {created} created, the rest updated")


@accounts_cli.command("remind-unverified")
@click.option(
    "--now",
    "now",
    type=click.DateTime(["%Y-%m-%dT%H:%M"]),
    help="as if it were this UTC time (tests, catching up)",
)
def remind_unverified_command(now: datetime | None) -> None:
    """Remind, once, each parent whose email address is still unconfirmed."""
    from flask import current_app

    from parent_app.accounts.jobs import remind_job

    when = now.replace(tzinfo=UTC) if now else None
    count = remind_job(current_app._get_current_object(), when)  # type: ignore[attr-defined]
    click.echo(f"remind-unverified: {count} reminded")


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
        user = staff_admin.add_staff(
            None,
            email=email,
            password=password,
            role=role,
            area_ids=list(areas),
            now=datetime.now(UTC),
        )
        db.session.commit()
    except AppError as exc:
        db.session.rollback()
        detail = f" {exc.fields}" if exc.fields else ""
        raise click.ClickException(f"{exc.message}{detail}") from exc
    click.echo(f"staff {user.email} ({role}) created for {', '.join(areas)}")


def _change(email: str, change: Callable[[Any, datetime], Any], done: str) -> None:
    """Find the staff account, apply `change`, commit, say what was done."""
    try:
        user = staff_admin.find_staff_by_email(email)
        change(user, datetime.now(UTC))
        db.session.commit()
    except AppError as exc:
        db.session.rollback()
        detail = f" {exc.fields}" if exc.fields else ""
        raise click.ClickException(f"{exc.message}{detail}") from exc
    click.echo(f"staff {user.email}: {done}")


@staff_cli.command("list")
def list_staff_command() -> None:
    """Every staff account: email, role, areas, and whether it is switched off."""
    for user in db.session.scalars(staff_admin.list_staff()):
        state = "disabled" if user.disabled_at else "active"
        areas = ",".join(sorted(user.staff_area_ids)) or "-"
        click.echo(f"{user.email}\t{user.role}\t{areas}\t{state}")


@staff_cli.command("disable")
@click.option("--email", required=True)
def disable_staff_command(email: str) -> None:
    """Switch an account off: it cannot sign in and its sessions end at once."""
    _change(
        email,
        lambda user, now: staff_admin.set_disabled(None, user, disabled=True, now=now),
        "disabled, every session ended",
    )


@staff_cli.command("enable")
@click.option("--email", required=True)
def enable_staff_command(email: str) -> None:
    """Switch an account on again."""
    _change(
        email,
        lambda user, now: staff_admin.set_disabled(None, user, disabled=False, now=now),
        "enabled",
    )


@staff_cli.command("set-role")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["author", "editor", "admin"]))
def set_role_command(email: str, role: str) -> None:
    """Make an account an author, editor or admin."""
    _change(
        email,
        lambda user, now: staff_admin.set_role(None, user, role=role, now=now),
        f"now {role}",
    )


@staff_cli.command("set-areas")
@click.option("--email", required=True)
@click.option("--area", "areas", multiple=True, required=True, help="repeat")
def set_areas_command(email: str, areas: tuple[str, ...]) -> None:
    """Replace the areas an account works for."""
    _change(
        email,
        lambda user, now: staff_admin.set_areas(
            None, user, area_ids=list(areas), now=now
        ),
        f"areas {', '.join(areas)}",
    )


@staff_cli.command("reset-password")
@click.option("--email", required=True)
@click.option(
    "--password-stdin", is_flag=True, help="read the new password from standard input"
)
def reset_password_command(email: str, password_stdin: bool) -> None:
    """Set a new password (read from standard input); every session ends."""
    if not password_stdin:
        raise click.UsageError(
            "give the new password on standard input with --password-stdin"
        )
    password = sys.stdin.readline().rstrip("\n")
    _change(
        email,
        lambda user, now: staff_admin.reset_password(
            None, user, password=password, now=now
        ),
        "new password set, every session ended",
    )
