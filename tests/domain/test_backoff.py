"""The one retry backoff of the outboxes: a ceiling doubling from 30 s to a cap."""

from __future__ import annotations

import random

import pytest

from parent_app.domain.backoff import (
    ceiling_seconds,
    equal_jitter_seconds,
    full_jitter_seconds,
)


@pytest.mark.parametrize(
    ("attempts", "ceiling"),
    [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (5000, 3600)],
)
def test_the_ceiling_doubles_from_thirty_seconds_up_to_the_cap(attempts, ceiling):
    assert ceiling_seconds(attempts, max_seconds=3600) == ceiling


def test_full_jitter_may_wait_anything_up_to_the_ceiling():
    rng = random.Random(3)
    waits = [full_jitter_seconds(120, rng) for _ in range(400)]
    assert all(0 <= wait <= 120 for wait in waits)
    assert min(waits) < 12 and max(waits) > 108


def test_equal_jitter_waits_at_least_half_the_ceiling():
    assert equal_jitter_seconds(120, 0) == 60
    assert 60 < equal_jitter_seconds(120, 0.5) < 120
