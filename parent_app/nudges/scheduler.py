"""The scheduler process: plan every 15 minutes (and at start), send every 30 seconds.

It runs in its own process (`flask nudges scheduler`), never inside a web worker. The job
store is in memory: correctness comes from the outbox's unique keys and row claiming, never
from the scheduler running a job exactly once, so several schedulers may run at once.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from parent_app.nudges.jobs import build_sender, plan_job, send_job

log = logging.getLogger(__name__)
PLAN_EVERY_MINUTES = 15
SEND_EVERY_SECONDS = 30


def build_scheduler(app: Flask) -> BlockingScheduler:
    sender = build_sender(app)
    scheduler = BlockingScheduler(
        timezone="UTC",
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 15 * 60},
    )
    scheduler.add_job(plan_job, "interval", minutes=PLAN_EVERY_MINUTES, args=[app], id="plan",
                      next_run_time=datetime.now(UTC))
    scheduler.add_job(send_job, "interval", seconds=SEND_EVERY_SECONDS, args=[app, sender], id="send",
                      misfire_grace_time=SEND_EVERY_SECONDS * 4)
    return scheduler


def run_scheduler(app: Flask) -> None:
    scheduler = build_scheduler(app)
    log.info("nudge scheduler: plan every %s min, send every %s s", PLAN_EVERY_MINUTES, SEND_EVERY_SECONDS)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("nudge scheduler stopping")
