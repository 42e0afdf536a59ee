"""Run every benchmark: planning on SQLite and PostgreSQL, then sending."""

from __future__ import annotations

import os
import subprocess
import sys


def main() -> int:
    babies = os.environ.get("BENCH_BABIES", "1000000")
    pg = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    runs = [
        [
            sys.executable,
            "-m",
            "bench.plan_bench",
            "--babies",
            babies,
            "--database",
            pg,
        ],
        [
            sys.executable,
            "-m",
            "bench.plan_bench",
            "--babies",
            babies,
            "--database",
            "sqlite",
        ],
        [sys.executable, "bench/push_send_raw.py"],
    ]
    runs.append([sys.executable, "-m", "bench.push_send_outbox", "--database", pg])
    # Crash recovery: SIGKILL a sender mid-wave (issue 11).
    runs.append([sys.executable, "-m", "bench.sender_kill", "--database", pg])
    # Slow clients against gunicorn alone and behind the shipped nginx (issue 11).
    runs.append([sys.executable, "-m", "bench.slow_clients"])
    # Reads: a database of its own (dropped and rebuilt), never the planning one.
    runs.append([sys.executable, "-m", "bench.api_bench", "--users", "100000"])
    status = 0
    for command in runs:
        print("\n$ " + " ".join(command), flush=True)
        status |= subprocess.call(command)  # noqa: S603 - our own scripts
    return status


if __name__ == "__main__":
    raise SystemExit(main())
