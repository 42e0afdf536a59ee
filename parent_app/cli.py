"""Flask CLI: attaches each domain's command group to the app."""

from __future__ import annotations

import importlib

from flask import Flask

COMMAND_GROUPS = [
    "parent_app.accounts.commands:areas_cli",
    "parent_app.accounts.commands:staff_cli",
    "parent_app.privacy.commands:privacy_cli",
    "parent_app.content.commands:content_cli",
    "parent_app.nudges.commands:nudges_cli",
]


def register_commands(app: Flask) -> None:
    for target in COMMAND_GROUPS:
        module_name, _, attr = target.partition(":")
        app.cli.add_command(getattr(importlib.import_module(module_name), attr))
