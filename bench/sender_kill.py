"""Crash recovery probe: SIGKILL a real sender process mid-wave and measure how long
until every push is delivered by another sender, how many were sent twice, and whether
the repeats show in `attempts`.

    python -m bench.sender_kill [--messages 5000] [--database URL]

Targets (issue 11): every push delivered within 60 s of the kill, duplicates no more
than the in-flight window (64), every attempt recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from bench.push_send_outbox import _app, prepare
from bench.push_send_raw import ReceiverProcess

TARGET_SECONDS = 60
TARGET_DUPLICATES = 64


def sender_child(url: str, ca: str, vapid_private: str, keep_going: float) -> None:
    """A sender as the scheduler runs it (wall clock, configured window and lease);
    with `keep_going`, passes again every half second until nothing is left."""
    from parent_app.outbox.jobs import wall_clock
    from parent_app.outbox.sender import send_due_pushes
    from parent_app.outbox.webpush import WebPushSender

    app = _app(url)
    sender = WebPushSender(vapid_private, "mailto:bench@example.org", ca_bundle=ca)
    deadline = time.monotonic() + keep_going
    with app.app_context():
        while True:
            send_due_pushes(
                sender,
                clock=wall_clock,
                batch_size=int(app.config["SEND_BATCH_SIZE"]),
                window=int(app.config["PUSH_SEND_WINDOW"]),
                lease_seconds=int(app.config["PUSH_CLAIM_LEASE_SECONDS"]),
                rng=random.Random(),
            )
            if time.monotonic() >= deadline or not unsettled():
                break
            time.sleep(0.5)
    sender.close()


def unsettled() -> int:
    from parent_app.extensions import db
    from parent_app.models import DeliveryStatus, PushDelivery

    return int(
        db.session.scalar(
            select(func.count())
            .select_from(PushDelivery)
            .where(
                PushDelivery.status.in_(
                    [DeliveryStatus.PENDING, DeliveryStatus.SENDING]
                )
            )
        )
        or 0
    )


def _spawn(url: str, ca: str, vapid: str, keep_going: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.sender_kill",
            "--child",
            url,
            ca,
            str(keep_going),
        ],
        text=True,
        env={**os.environ, "BENCH_VAPID_KEY": vapid},
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument(
        "--database", default="postgresql://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--kill-after", type=int, default=0, help="requests seen")
    parser.add_argument("--child", nargs=3, metavar=("URL", "CA", "KEEP_GOING"))
    args = parser.parse_args()
    if args.child:
        url, ca, keep_going = args.child
        sender_child(url, ca, os.environ["BENCH_VAPID_KEY"], float(keep_going))
        return
    from parent_app.extensions import db
    from parent_app.models import PushDelivery
    from parent_app.secrets import generate_vapid_keys

    url = args.database
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    kill_after = args.kill_after or args.messages // 3
    vapid = generate_vapid_keys()
    receiver = ReceiverProcess(1000, 1, vapid[1], pin=False)
    try:
        prepare(url, receiver.subscriptions, args.messages, vapid)
        first = _spawn(url, receiver.ca_path, vapid[0], 0)
        while receiver.stats()["counts"].get("requests", 0) < kill_after:
            if first.poll() is not None:
                raise SystemExit("the first sender finished before it could be killed")
            time.sleep(0.005)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
        at_kill = receiver.stats()["counts"].get("requests", 0)
        second = _spawn(url, receiver.ca_path, vapid[0], 180)
        second.wait(timeout=300)
        app = _app(url)
        with app.app_context():
            rows = db.session.execute(
                select(PushDelivery.status, PushDelivery.attempts, PushDelivery.sent_at)
            ).all()
        last_sent = max(r.sent_at for r in rows if r.sent_at is not None)
        counts = receiver.stats()["counts"]
        accepted = counts.get("status_201", 0)
        attempts = sum(r.attempts for r in rows)
        result = {
            "messages": args.messages,
            "requests_when_killed": at_kill,
            "all_sent": all(r.status.value == "sent" for r in rows),
            "all_delivered_after_kill_s": round(
                last_sent.timestamp() - (time.time() - (time.monotonic() - killed_at)),
                1,
            ),
            "duplicates": accepted - args.messages,
            "attempts_recorded": attempts,
            "deliveries_with_2_attempts": sum(1 for r in rows if r.attempts >= 2),
            "targets": {"seconds": TARGET_SECONDS, "duplicates": TARGET_DUPLICATES},
        }
        result["target_met"] = (
            result["all_sent"]
            and result["all_delivered_after_kill_s"] <= TARGET_SECONDS
            and 0 <= result["duplicates"] <= TARGET_DUPLICATES
            and attempts >= accepted
        )
        print(json.dumps(result, indent=2))
    finally:
        receiver.stop()


if __name__ == "__main__":
    main()
