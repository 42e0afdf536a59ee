"""The mail outbox: services queue a message; a sending pass claims due messages, hands
them to the transport, and retries with backoff (the request never waits on SMTP)."""

from __future__ import annotations

import logging
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from sqlalchemy import select

from parent_app.domain import backoff
from parent_app.extensions import db
from parent_app.models.mail import MailMessage, MailStatus
from parent_app.outbox.claims import LeasedRows, claim_rows
from parent_app.outbox.mail_transport import MailDeferred, MailRefused, MailTransport

log = logging.getLogger(__name__)
CLAIM_LEASE = timedelta(minutes=5)
LONGEST_RETRY_SECONDS = 3600


def queue_mail(
    *,
    to_address: str,
    subject: str,
    text_body: str,
    html_body: str,
    kind: str,
    user_id: int | None,
    now: datetime,
) -> MailMessage:
    """Queue one message to go on the next sending pass."""
    message = MailMessage(
        user_id=user_id,
        kind=kind,
        to_address=to_address,
        subject=subject[:200],
        text_body=text_body,
        html_body=html_body,
        status=MailStatus.PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(message)
    db.session.flush()
    return message


def retry_delay_seconds(attempts: int, *, jitter: float) -> float:
    """The outboxes' backoff (`domain/backoff.py`) capped at an hour; `jitter` in
    [0, 1) spreads retries of many messages over the second half of each delay."""
    ceiling = backoff.ceiling_seconds(attempts, max_seconds=LONGEST_RETRY_SECONDS)
    return backoff.equal_jitter_seconds(ceiling, jitter)


@dataclass
class MailReport:
    outcomes: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())) or "none"


def build_email(row: MailMessage, *, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = row.to_address
    message["Subject"] = row.subject
    message["Message-ID"] = make_msgid(idstring=f"mail{row.id}")
    message.set_content(row.text_body)
    message.add_alternative(row.html_body, subtype="html")
    return message


MAIL_LEASES = LeasedRows(
    model=MailMessage,
    status=MailMessage.status,
    due=MailMessage.next_attempt_at,
    claim_token=MailMessage.claim_token,
    claimed_until=MailMessage.claimed_until,
    pending=MailStatus.PENDING,
    sending=MailStatus.SENDING,
)


def claim_due_mail(*, now: datetime, batch_size: int) -> list[MailMessage]:
    """Claim up to `batch_size` messages that are due, or whose claim lapsed (a sender
    that died); commits, so that no transaction is held open while talking SMTP."""
    token = secrets.token_hex(16)
    claimed = claim_rows(
        MAIL_LEASES,
        now=now,
        until=now + CLAIM_LEASE,
        batch_size=batch_size,
        token=token,
    )
    db.session.commit()
    if not claimed:
        return []
    return list(
        db.session.scalars(
            select(MailMessage)
            .where(MailMessage.claim_token == token)
            .order_by(MailMessage.id)
        )
    )


def send_due_mail(
    transport: MailTransport,
    *,
    now: datetime,
    sender: str,
    batch_size: int,
    max_attempts: int,
) -> MailReport:
    """One sending pass: claim what is due and send it; each outcome is recorded and
    committed. A message that cannot go now is retried with backoff until
    `max_attempts`, then fails (logged). Safe to run in several processes at once."""
    report = MailReport()
    claimed = claim_due_mail(now=now, batch_size=batch_size)
    if not claimed:
        return report
    try:
        transport.open()
    except MailDeferred as exc:
        for row in claimed:
            _settle(row, "deferred", str(exc), now=now, max_attempts=max_attempts)
            report.outcomes[row.status.value] += 1
        db.session.commit()
        return report
    try:
        for row in claimed:
            try:
                transport.send(build_email(row, sender=sender))
            except MailRefused as exc:
                _settle(row, "refused", str(exc), now=now, max_attempts=max_attempts)
            except MailDeferred as exc:
                _settle(row, "deferred", str(exc), now=now, max_attempts=max_attempts)
            else:
                _settle(row, "sent", None, now=now, max_attempts=max_attempts)
            report.outcomes[row.status.value] += 1
            db.session.commit()
    finally:
        transport.close()
    return report


def _settle(
    row: MailMessage,
    outcome: str,
    error: str | None,
    *,
    now: datetime,
    max_attempts: int,
) -> None:
    row.attempts += 1
    row.claim_token = None
    row.claimed_until = None
    row.last_error = error[:300] if error else None
    if outcome == "sent":
        row.status = MailStatus.SENT
        row.sent_at = now
        row.text_body = ""
        row.html_body = ""
    elif outcome == "refused" or row.attempts >= max_attempts:
        row.status = MailStatus.FAILED
        log.warning("mail %s (%s) failed for good: %s", row.id, row.kind, error)
    else:
        row.status = MailStatus.PENDING
        delay = retry_delay_seconds(row.attempts, jitter=random.random())
        row.next_attempt_at = now + timedelta(seconds=delay)
