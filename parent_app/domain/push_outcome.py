"""Push outcome: what one push service answer means for the message that was sent."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

from parent_app.domain import backoff

DEAD_STATUSES = frozenset({404, 410})
RETRY_STATUSES = frozenset({429})


class OutcomeKind(StrEnum):
    """sent: accepted; dead: drop the subscription; retry: try again at retry_at;
    failed: never retry this message."""

    SENT = "sent"
    DEAD = "dead"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The verdict on one send attempt; retry_at is set only when kind is retry."""

    kind: OutcomeKind
    retry_at: datetime | None = None


def classify(
    status: int | None,
    retry_after: str | None,
    attempt: int,
    now: datetime,
    *,
    base_delay_s: float = backoff.FIRST_RETRY_SECONDS,
    max_delay_s: float = 6 * 3600,
    max_attempts: int = 8,
    rng: random.Random,
) -> Outcome:
    """Map a push service's answer to sent, dead, retry (with its instant) or failed.

    `status` is the HTTP status, or None when no answer came (network error,
    timeout). `attempt` counts the attempts made so far, this one included (1 for
    the first send). Rules (RFC 8030 §5, §7; RFC 9110 §10.2.3 for Retry-After):

    - any 2xx is sent (push services answer 201, Mozilla 202 for "stored");
    - 404 and 410 mean the subscription is expired or gone: dead, never retried;
    - 429, 5xx and no answer are retried after "full jitter" exponential backoff,
      a uniform delay in [0, min(max_delay_s, base_delay_s * 2**(attempt - 1))],
      never earlier than a valid Retry-After (delay-seconds or an HTTP-date) asks,
      even when that is beyond max_delay_s; once `attempt` reaches
      `max_attempts` the message has failed;
    - 413, every other 4xx, and anything else (1xx, 3xx: redirects are never
      followed) failed: retrying the same request cannot succeed.

    `retry_at` has the same convention as `now`: aware stays aware, naive is
    taken as UTC. Raises ValueError when attempt or max_attempts is below 1.
    """
    if attempt < 1 or max_attempts < 1:
        raise ValueError("attempt and max_attempts count from 1")
    if status is not None and 200 <= status < 300:
        return Outcome(OutcomeKind.SENT)
    if status in DEAD_STATUSES:
        return Outcome(OutcomeKind.DEAD)
    if not is_retryable(status):
        return Outcome(OutcomeKind.FAILED)
    if attempt >= max_attempts:
        return Outcome(OutcomeKind.FAILED)
    ceiling = backoff.ceiling_seconds(
        attempt, max_seconds=max_delay_s, first_seconds=base_delay_s
    )
    retry_at = now + timedelta(seconds=backoff.full_jitter_seconds(ceiling, rng))
    earliest = retry_after_instant(retry_after, now)
    if earliest is not None and earliest > retry_at:
        retry_at = earliest
    return Outcome(OutcomeKind.RETRY, retry_at)


def is_retryable(status: int | None) -> bool:
    """True for no answer, 429 and 5xx: the same request may succeed later."""
    return status is None or status in RETRY_STATUSES or 500 <= status < 600


def retry_after_instant(retry_after: str | None, now: datetime) -> datetime | None:
    """The instant a Retry-After value names, or None when absent or unparseable.

    Delay-seconds are added to `now`; an HTTP-date is returned as given (in the
    naive-UTC convention when `now` is naive), even when it is already past.
    """
    if retry_after is None:
        return None
    value = retry_after.strip()
    if value.isdigit() and value.isascii():
        try:
            return now + timedelta(seconds=int(value))
        except OverflowError:
            return datetime.max.replace(tzinfo=now.tzinfo)
    try:
        instant = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    if now.tzinfo is None:
        return instant.astimezone(UTC).replace(tzinfo=None)
    return instant
