"""Flask CLI: attaches each domain's command group to the app."""

from __future__ import annotations

from flask import Flask

from parent_app.accounts.commands import accounts_cli, areas_cli, staff_cli
from parent_app.content.commands import content_cli
from parent_app.milestones.commands import milestones_cli
from parent_app.nudges.commands import nudges_cli
from parent_app.outbox.commands import mail_cli
from parent_app.privacy.commands import privacy_cli

COMMAND_GROUPS = [
    areas_cli,
    accounts_cli,
    staff_cli,
    privacy_cli,
    content_cli,
    nudges_cli,
    milestones_cli,
    mail_cli,
]


def register_commands(app: Flask) -> None:
    for group in COMMAND_GROUPS:
        app.cli.add_command(group)
