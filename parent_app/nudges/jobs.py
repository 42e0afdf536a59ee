"""The planning job: plan_due_nudges in the shared job wrapper (outbox.jobs.run_job)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from parent_app.milestones.equity import snapshot_households
from parent_app.milestones.figures import snapshot_windows
from parent_app.nudges.planner import PlanReport, plan_due_nudges
from parent_app.outbox.jobs import run_job


def plan_and_count(now: datetime) -> PlanReport:
    """Plan the nudges due, and count the milestone windows that opened (the anonymous
    figures' denominators) and, once a month, the households, in one transaction."""
    report = plan_due_nudges(now=now)
    today = now.astimezone(UTC).date()
    snapshot_windows(today=today)
    snapshot_households(today=today)
    return report


def plan_job(app: Flask, now: datetime | None = None) -> PlanReport:
    return run_job(app, "plan", lambda: plan_and_count(now or datetime.now(UTC)))  # type: ignore[no-any-return]
