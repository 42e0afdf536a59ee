"""Push outcome rules: status and Retry-After to sent, dead, retry or failed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from parent_app.domain.push_outcome import (
    Outcome,
    OutcomeKind,
    classify,
    is_retryable,
    retry_after_instant,
)

NOW = datetime(2025, 3, 30, 0, 30, tzinfo=UTC)  # the night the UK clocks go forward


def _classify(
    status: int | None,
    retry_after: str | None = None,
    attempt: int = 1,
    now: datetime = NOW,
    **options: float,
) -> Outcome:
    return classify(status, retry_after, attempt, now, rng=random.Random(7), **options)


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (201, "sent"),
        (200, "sent"),
        (202, "sent"),  # Mozilla: stored for later delivery
        (204, "sent"),
        (404, "dead"),
        (410, "dead"),
        (413, "failed"),
        (400, "failed"),
        (401, "failed"),
        (403, "failed"),  # Apple BadJwtToken: retrying the same JWT cannot help
        (406, "failed"),
        (301, "failed"),  # redirects are never followed
        (101, "failed"),
        (429, "retry"),
        (500, "retry"),
        (502, "retry"),
        (503, "retry"),
        (599, "retry"),
        (None, "retry"),  # timeout or network error
    ],
)
def test_status_maps_to_kind(status: int | None, kind: str) -> None:
    outcome = _classify(status)
    assert outcome.kind == kind
    assert (outcome.retry_at is not None) == (kind == "retry")


@pytest.mark.parametrize(
    ("attempt", "ceiling_s"),
    [
        (1, 30),
        (2, 60),
        (3, 120),
        (7, 1920),
    ],
)
def test_backoff_is_full_jitter_below_an_exponential_ceiling(
    attempt: int, ceiling_s: float
) -> None:
    rng = random.Random(1)
    delays = [
        (classify(500, None, attempt, NOW, max_attempts=100, rng=rng).retry_at - NOW)
        for _ in range(400)
    ]
    assert all(timedelta(0) <= d <= timedelta(seconds=ceiling_s) for d in delays)
    assert max(delays) > timedelta(seconds=ceiling_s * 0.9)
    assert min(delays) < timedelta(seconds=ceiling_s * 0.1)


def test_backoff_ceiling_stops_at_max_delay() -> None:
    rng = random.Random(2)
    delays = [
        classify(503, None, 30, NOW, max_attempts=100, rng=rng).retry_at - NOW
        for _ in range(200)
    ]
    assert max(delays) <= timedelta(hours=6)
    assert max(delays) > timedelta(hours=5)


def test_huge_attempt_numbers_do_not_overflow() -> None:
    outcome = _classify(500, attempt=5000, max_attempts=10_000)
    assert outcome.retry_at <= NOW + timedelta(hours=6)


def test_same_seed_gives_the_same_delay() -> None:
    first = classify(500, None, 3, NOW, rng=random.Random(42))
    second = classify(500, None, 3, NOW, rng=random.Random(42))
    assert first == second


@pytest.mark.parametrize(
    ("status", "attempt", "max_attempts", "kind"),
    [
        (500, 7, 8, "retry"),
        (500, 8, 8, "failed"),
        (429, 8, 8, "failed"),
        (None, 8, 8, "failed"),
        (None, 9, 8, "failed"),
        (500, 1, 1, "failed"),  # one attempt allowed: no retry at all
        (201, 8, 8, "sent"),  # the last attempt can still succeed
        (410, 8, 8, "dead"),
    ],
)
def test_attempts_run_out(
    status: int | None, attempt: int, max_attempts: int, kind: str
) -> None:
    assert _classify(status, attempt=attempt, max_attempts=max_attempts).kind == kind


@pytest.mark.parametrize(
    ("retry_after", "earliest"),
    [
        ("120", NOW + timedelta(seconds=120)),
        (" 3600 ", NOW + timedelta(hours=1)),
        ("Sun, 30 Mar 2025 02:00:00 GMT", datetime(2025, 3, 30, 2, 0, tzinfo=UTC)),
        # RFC 850 and asctime forms are also HTTP-dates (RFC 9110 §5.6.7)
        ("Sunday, 30-Mar-25 02:00:00 GMT", datetime(2025, 3, 30, 2, 0, tzinfo=UTC)),
        ("Sun Mar 30 02:00:00 2025", datetime(2025, 3, 30, 2, 0, tzinfo=UTC)),
        # a Retry-After beyond max_delay_s is still honoured: never retry earlier
        ("86400", NOW + timedelta(days=1)),
    ],
)
def test_retry_after_is_never_undercut(retry_after: str, earliest: datetime) -> None:
    for seed in range(50):
        outcome = classify(429, retry_after, 1, NOW, rng=random.Random(seed))
        assert outcome.kind == OutcomeKind.RETRY
        assert outcome.retry_at >= earliest


def test_short_retry_after_leaves_a_longer_backoff_alone() -> None:
    outcomes = [
        classify(503, "1", 6, NOW, rng=random.Random(seed)) for seed in range(50)
    ]
    assert max(o.retry_at for o in outcomes) > NOW + timedelta(seconds=60)
    assert min(o.retry_at for o in outcomes) >= NOW + timedelta(seconds=1)


@pytest.mark.parametrize(
    "retry_after",
    [
        "",
        "soon",
        "-5",
        "1.5",
        "٣",
        "Sun, 99 Foo 2025 02:00:00 GMT",
        "Sat, 01 Jan 2000 00:00:00 GMT",
    ],
)
def test_unusable_or_past_retry_after_falls_back_to_backoff(retry_after: str) -> None:
    expected = classify(429, None, 2, NOW, rng=random.Random(3))
    assert classify(429, retry_after, 2, NOW, rng=random.Random(3)) == expected


def test_absurd_retry_after_means_not_in_this_lifetime() -> None:
    outcome = _classify(429, "9" * 30)
    assert outcome.retry_at == datetime.max.replace(tzinfo=UTC)


def test_naive_now_gives_naive_utc_retry_at() -> None:
    naive_now = NOW.replace(tzinfo=None)
    outcome = classify(
        429, "Sun, 30 Mar 2025 02:00:00 GMT", 1, naive_now, rng=random.Random(0)
    )
    assert outcome.retry_at == datetime(2025, 3, 30, 2, 0)
    assert _classify(500, now=naive_now).retry_at.tzinfo is None


def test_http_date_is_converted_to_the_zone_of_now() -> None:
    instant = retry_after_instant("Sun, 30 Mar 2025 02:00:00 GMT", NOW)
    assert instant == datetime(2025, 3, 30, 2, 0, tzinfo=UTC)
    assert retry_after_instant(None, NOW) is None


@pytest.mark.parametrize(("attempt", "max_attempts"), [(0, 8), (1, 0), (-1, 8)])
def test_attempts_count_from_one(attempt: int, max_attempts: int) -> None:
    with pytest.raises(ValueError, match="count from 1"):
        _classify(500, attempt=attempt, max_attempts=max_attempts)


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (None, True),
        (429, True),
        (500, True),
        (503, True),
        (413, False),
        (410, False),
        (201, False),
        (408, False),
    ],
)
def test_is_retryable(status: int | None, retryable: bool) -> None:
    assert is_retryable(status) is retryable


def test_outcome_kind_compares_as_its_string() -> None:
    assert OutcomeKind.RETRY == "retry"
    assert str(OutcomeKind.DEAD) == "dead"
