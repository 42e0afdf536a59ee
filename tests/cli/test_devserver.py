"""`make run`'s process: stopping it (SIGTERM) stops the scheduler it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(child) for child in text.split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serving(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_sigterm_to_the_dev_server_stops_its_scheduler(app):
    port = _free_port()
    env = {
        **os.environ,
        "PARENT_APP_CONFIG": "testing",
        "TEST_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "VAPID_PRIVATE_KEY": app.config["VAPID_PRIVATE_KEY"],
        "VAPID_PUBLIC_KEY": app.config["VAPID_PUBLIC_KEY"],
        "PORT": str(port),
    }
    server = subprocess.Popen(  # noqa: S603 - our own module
        [sys.executable, "-m", "parent_app.devserver"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    scheduler: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            scheduler = _children(server.pid)
            if scheduler and _serving(port):
                break
            time.sleep(0.1)
        assert scheduler and _serving(port), "the dev server did not start"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in scheduler):
            time.sleep(0.1)
        assert not any(_alive(p) for p in scheduler), "the scheduler was left running"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for pid in scheduler:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
