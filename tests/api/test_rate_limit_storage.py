"""Rate limits hold across web workers when their counters live in Redis, as the
README's production configuration sets (RATELIMIT_STORAGE_URI=redis://...)."""

import json
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

REDIS = ("127.0.0.1", 6379)
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _worker(storage: str, prefix: str, attempts: int) -> list[int]:
    """A separate process, as each gunicorn worker is, with its own storage client."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.support.limit_worker",
            "--storage",
            storage,
            "--prefix",
            prefix,
            "--limit",
            "3 per minute",
            str(attempts),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis at 127.0.0.1:6379")
def test_two_workers_share_one_sign_in_limit_in_redis():
    prefix = f"test-{uuid.uuid4().hex}"
    storage = "redis://127.0.0.1:6379"
    first = _worker(storage, prefix, 2)
    second = _worker(storage, prefix, 2)
    assert first == [401, 401]
    # Three tries a minute across both workers: the fourth is refused by the second.
    assert second == [401, 429]
