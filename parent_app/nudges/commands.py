"""CLI: `flask nudges plan`, `flask nudges send`, `flask nudges scheduler`."""

from __future__ import annotations

from datetime import UTC, datetime, time

import click
from flask import current_app
from flask.cli import AppGroup

from parent_app.nudges.jobs import plan_job
from parent_app.outbox.jobs import build_sender, send_job

nudges_cli = AppGroup("nudges", help="Age-timed nudges.")


@nudges_cli.command("plan")
@click.option(
    "--date",
    "on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="plan as if it were this day (at noon UTC)",
)
def plan_command(on: datetime | None) -> None:
    """Plan the nudges due today (or on --date): one pass, safe to repeat."""
    now = datetime.combine(on.date(), time(12), tzinfo=UTC) if on else None
    report = plan_job(current_app._get_current_object(), now)  # type: ignore[attr-defined]
    click.echo(f"nudges plan: {report.planned} planned from {report.rules} rules")


@nudges_cli.command("send")
def send_command() -> None:
    """Deliver what is due to inboxes and push it: one pass."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    sender = build_sender(app)
    try:
        report = send_job(app, sender)
    finally:
        sender.close()
    click.echo(
        f"nudges send: {report.delivered_to_inbox} to inboxes, "
        f"{report.expired} expired, "
        f"{report.muted} muted, pushes {dict(report.outcomes)}"
    )


@nudges_cli.command("scheduler")
def scheduler_command() -> None:
    """Run the scheduler in this process until stopped."""
    from parent_app.nudges.scheduler import run_scheduler

    run_scheduler(current_app._get_current_object())  # type: ignore[attr-defined]
