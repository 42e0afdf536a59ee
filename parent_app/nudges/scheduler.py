"""The scheduler process: plan every 15 minutes (and at start), send pushes and mail
every 30 seconds, remind unconfirmed email addresses every hour.

It runs in its own process (`flask nudges scheduler`), never inside a web worker. The
job store is in memory: correctness comes from the outbox's unique keys and row
claiming, never from the scheduler running a job exactly once, so several schedulers may
run at once. APScheduler 3.x: `coalesce` runs a job once after a pause rather than once
per missed run, `max_instances=1` never overlaps a job with itself, and a misfire grace
time of at least the interval keeps a run that is late by a few seconds from being
skipped silently (the default is one second).
"""

from __future__ import annotations

import logging
import signal
from datetime import UTC, datetime
from types import FrameType
from typing import TYPE_CHECKING

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from parent_app.accounts.jobs import remind_job
from parent_app.nudges.jobs import plan_job
from parent_app.outbox.jobs import (
    build_mail_transport,
    build_sender,
    mail_job,
    send_job,
)

if TYPE_CHECKING:
    from parent_app.outbox.mail_transport import MailTransport
    from parent_app.outbox.webpush import PushSender

log = logging.getLogger(__name__)
PLAN_EVERY_MINUTES = 15
SEND_EVERY_SECONDS = 30
MAIL_EVERY_SECONDS = 30
REMIND_EVERY_MINUTES = 60


def build_scheduler(
    app: Flask, sender: PushSender, mail_transport: MailTransport | None = None
) -> BlockingScheduler:
    """The plan job (every 15 min, first run now), the send job and the mail job (every
    30 s), the email reminder job (hourly)."""
    # In memory: a SQLAlchemyJobStore shared by two schedulers ran jobs twice as often.
    scheduler = BlockingScheduler(
        jobstores={"default": MemoryJobStore()}, timezone="UTC"
    )
    once = {"coalesce": True, "max_instances": 1}
    scheduler.add_job(
        plan_job,
        "interval",
        minutes=PLAN_EVERY_MINUTES,
        args=[app],
        id="plan",
        next_run_time=datetime.now(UTC),
        misfire_grace_time=PLAN_EVERY_MINUTES * 60,
        **once,
    )
    scheduler.add_job(
        send_job,
        "interval",
        seconds=SEND_EVERY_SECONDS,
        args=[app, sender],
        id="send",
        misfire_grace_time=SEND_EVERY_SECONDS * 4,
        **once,
    )
    scheduler.add_job(
        mail_job,
        "interval",
        seconds=MAIL_EVERY_SECONDS,
        args=[app, mail_transport or build_mail_transport(app)],
        id="mail",
        misfire_grace_time=MAIL_EVERY_SECONDS * 4,
        **once,
    )
    scheduler.add_job(
        remind_job,
        "interval",
        minutes=REMIND_EVERY_MINUTES,
        args=[app],
        id="remind_unverified",
        misfire_grace_time=REMIND_EVERY_MINUTES * 60,
        **once,
    )
    return scheduler


def run_scheduler(app: Flask) -> None:
    """Run until SIGINT or SIGTERM; a running job finishes first, then the sender
    closes."""
    sender = build_sender(app)
    scheduler = build_scheduler(app, sender)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    log.info(
        "nudge scheduler: plan every %s min, send every %s s",
        PLAN_EVERY_MINUTES,
        SEND_EVERY_SECONDS,
    )
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("nudge scheduler stopping")
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)
        sender.close()
