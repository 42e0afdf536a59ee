"""`make run`: the development web server and the nudge scheduler, side by side.

Production runs them as separate processes (gunicorn, and `flask nudges scheduler`);
here one command starts both so that a new user sees reminders being planned and sent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys


def _exit_on_sigterm(_signum: int, _frame: object) -> None:
    # Python's default for SIGTERM ends the process without running `finally`, which
    # would leave the scheduler running on its own; exiting normally stops it.
    raise SystemExit(0)


def main() -> int:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    env = {**os.environ, "FLASK_APP": "parent_app"}
    scheduler = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        [sys.executable, "-m", "flask", "--app", "parent_app", "nudges", "scheduler"],
        env=env,
    )
    try:
        from parent_app import create_app

        app = create_app()
        host = os.environ.get("HOST", "127.0.0.1")
        port = int(os.environ.get("PORT", "5000"))
        app.run(host=host, port=port, use_reloader=False)
    finally:
        scheduler.send_signal(signal.SIGTERM)
        try:
            scheduler.wait(timeout=10)
        except subprocess.TimeoutExpired:
            scheduler.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
