"""The job wrapper and the sending job: a plain service call in a wrapper that owns the
app context, the commit and the log line (the scheduler and the CLI share them; the
planning job in nudges.jobs uses the same wrapper)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from flask import Flask

from parent_app.extensions import db
from parent_app.outbox.mail import MailReport, send_due_mail
from parent_app.outbox.mail_transport import (
    FileTransport,
    MailTransport,
    SmtpTransport,
    parse_mail_url,
)
from parent_app.outbox.sender import SendReport, send_due_pushes

if TYPE_CHECKING:
    from parent_app.outbox.webpush import PushSender

log = logging.getLogger(__name__)


def build_sender(app: Flask) -> PushSender:
    """The real Web Push sender, configured from the app."""
    from parent_app.outbox.webpush import WebPushSender

    config = app.config
    return WebPushSender(
        vapid_private_key=config["VAPID_PRIVATE_KEY"],
        vapid_subject=config["VAPID_SUBJECT"],
        ca_bundle=config.get("PUSH_CA_BUNDLE"),
        timeout_seconds=float(config["PUSH_TIMEOUT_SECONDS"]),
        concurrency=int(config["PUSH_CONCURRENCY"]),
    )


def run_job(app: Flask, name: str, call: Callable[[], Any]) -> Any:
    """Run `call` in an app context; commit on success, roll back and log on failure."""
    started = time.perf_counter()
    with app.app_context():
        try:
            result = call()
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("job %s failed", name)
            raise
        finally:
            db.session.remove()
    log.info("job %s done in %.3fs: %s", name, time.perf_counter() - started, result)
    return result


def wall_clock() -> datetime:
    """The one clock the jobs read: now, in UTC."""
    return datetime.now(UTC)


def send_job(app: Flask, sender: PushSender, now: datetime | None = None) -> SendReport:
    config = app.config
    return run_job(
        app,
        "send",
        lambda: send_due_pushes(  # type: ignore[no-any-return]
            sender,
            now=now,
            clock=None if now else wall_clock,
            batch_size=int(config["SEND_BATCH_SIZE"]),
            max_attempts=int(config["PUSH_MAX_ATTEMPTS"]),
            window=int(config["PUSH_SEND_WINDOW"]),
            lease_seconds=int(config["PUSH_CLAIM_LEASE_SECONDS"]),
        ),
    )


def build_mail_transport(app: Flask) -> MailTransport:
    """SMTP when MAIL_URL is set; otherwise .eml files in MAIL_DIR (development)."""
    config = app.config
    if config.get("MAIL_URL"):
        return SmtpTransport(
            parse_mail_url(config["MAIL_URL"]),
            timeout_seconds=float(config["MAIL_TIMEOUT_SECONDS"]),
        )
    if config.get("MAIL_DIR"):
        return FileTransport(config["MAIL_DIR"])
    raise RuntimeError("Set MAIL_URL (smtp://user:password@host:587) to send mail.")


def mail_job(
    app: Flask, transport: MailTransport, now: datetime | None = None
) -> MailReport:
    config = app.config
    return run_job(
        app,
        "mail",
        lambda: send_due_mail(  # type: ignore[no-any-return]
            transport,
            now=now or datetime.now(UTC),
            sender=config["MAIL_FROM"],
            batch_size=int(config["MAIL_BATCH_SIZE"]),
            max_attempts=int(config["MAIL_MAX_ATTEMPTS"]),
        ),
    )
