"""The reminder job: one "confirm your email address" mail for accounts still
unconfirmed, in the shared job wrapper (outbox.jobs.run_job)."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from parent_app.accounts.links import LinkSettings
from parent_app.accounts.verification import remind_unverified
from parent_app.outbox.jobs import run_job, wall_clock


def remind_job(app: Flask, now: datetime | None = None) -> int:
    settings = LinkSettings.from_config(app.config)
    return run_job(  # type: ignore[no-any-return]
        app,
        "remind_unverified",
        lambda: remind_unverified(now=now or wall_clock(), settings=settings),
    )
