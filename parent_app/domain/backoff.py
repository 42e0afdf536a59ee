"""Retry backoff, one rule for every outbox (push deliveries and mail): the wait
before the next attempt is drawn below a ceiling that doubles with each attempt made,
from `FIRST_RETRY_SECONDS` up to a cap, so that messages that failed together do not
all come back at once (exponential backoff with jitter, as in the AWS Architecture
Blog's "Exponential Backoff And Jitter").
"""

from __future__ import annotations

import random

FIRST_RETRY_SECONDS = 30
# 2**62 seconds is far beyond any cap; a larger exponent only makes a huger integer.
_LONGEST_EXPONENT = 62


def ceiling_seconds(
    attempts: int, *, max_seconds: float, first_seconds: float = FIRST_RETRY_SECONDS
) -> float:
    """The longest wait after `attempts` attempts (counted from 1): `first_seconds`,
    doubled for each attempt after the first, never above `max_seconds`."""
    exponent = min(max(attempts - 1, 0), _LONGEST_EXPONENT)
    return min(max_seconds, first_seconds * float(2**exponent))


def full_jitter_seconds(ceiling: float, rng: random.Random) -> float:
    """Any wait from none up to the ceiling, uniformly: spreads retries the most."""
    return rng.uniform(0, ceiling)


def equal_jitter_seconds(ceiling: float, jitter: float) -> float:
    """At least half the ceiling, the other half spread by `jitter` in [0, 1): never
    retries at once, for a server that is down rather than busy."""
    return ceiling / 2 + ceiling / 2 * jitter
