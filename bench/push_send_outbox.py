"""Sending benchmark through the outbox: 20,000 due nudges, each pushed over HTTPS with
real encryption to a loopback receiver in another process, with all the database
bookkeeping (release to the inbox, claiming, settling), from one sender process and from
two.

    python -m bench.push_send_outbox [--messages 20000] [--database sqlite|URL]

Targets (issue 5): >= 1,500 messages/s from one process, <= 1 ms CPU per message
including the database bookkeeping, >= 2,700/s with two processes, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime

from sqlalchemy import text

from bench.push_send_raw import ReceiverProcess
from config import TestingConfig


def _app(url: str):  # type: ignore[no-untyped-def]
    from parent_app import create_app

    return create_app({"BASE_CONFIG": TestingConfig, "SQLALCHEMY_DATABASE_URI": url})


def prepare(
    url: str, subscriptions: list[dict], messages: int, vapid: tuple[str, str]
) -> None:
    """`messages` delivered-to-be outbox rows, one per user, each user with one
    subscription."""
    from tests.conftest import _clean, reset_schema

    app = _app(url)
    reset_schema(app)
    _clean(app)
    from parent_app.extensions import db

    now = datetime.now(UTC)
    epoch = int(time.time()) - 1
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO households (id, area_id, created_at) "
                "VALUES (1, 'dorset', :now)"
            ),
            {"now": now},
        )
        db.session.execute(
            text(
                """INSERT INTO users (id, email, password_hash, role, area_id, """
                """household_id, reminder_time,
                    reminder_minute, timezone, language, discreet, created_at)
                    VALUES (:id, :email, 'x', 'partner', 'dorset', 1, '10:00', 600, """
                """'Europe/London', 'en', false, :now)"""
            ),
            [
                {"id": n, "email": f"u{n}@b.example", "now": now}
                for n in range(1, messages + 1)
            ],
        )
        db.session.execute(
            text(
                """INSERT INTO push_subscriptions (id, user_id, endpoint, """
                """p256dh, auth, is_active, created_at)
                    VALUES (:id, :id, :endpoint, :p256dh, :auth, true, :now)"""
            ),
            [
                {
                    "id": n,
                    "endpoint": subscriptions[(n - 1) % len(subscriptions)]["endpoint"]
                    + f"?u={n}",
                    "p256dh": subscriptions[(n - 1) % len(subscriptions)]["keys"][
                        "p256dh"
                    ],
                    "auth": subscriptions[(n - 1) % len(subscriptions)]["keys"]["auth"],
                    "now": now,
                }
                for n in range(1, messages + 1)
            ],
        )
        db.session.execute(
            text(
                """INSERT INTO nudge_outbox (id, key, user_id, title, body, topic, """
                """due_day, send_after_epoch,
                    expires_epoch, ttl_seconds, urgency, status, created_at)
                    VALUES (:id, :key, :id, 'Your baby is 8 weeks', """
                """'First vaccinations are due this week.',
                    'immunisations', 0, :epoch, :epoch + 86400, 86400, 'normal', """
                """'pending', :now)"""
            ),
            [
                {"id": n, "key": f"p:bench:{n}:u{n}", "epoch": epoch, "now": now}
                for n in range(1, messages + 1)
            ],
        )
        db.session.commit()


def send_in_this_process(url: str, ca: str, vapid_private: str) -> dict:
    from parent_app.outbox.jobs import wall_clock
    from parent_app.outbox.sender import send_due_pushes
    from parent_app.outbox.webpush import WebPushSender

    app = _app(url)
    sender = WebPushSender(
        vapid_private, "mailto:bench@example.org", ca_bundle=ca, concurrency=128
    )
    with app.app_context():
        from parent_app.extensions import db

        db.session.execute(text("SELECT 1"))
        cpu0, wall0 = time.process_time(), time.perf_counter()
        report = send_due_pushes(
            sender, clock=wall_clock, batch_size=1000, rng=random.Random(1)
        )
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    sender.close()
    sent = report.outcomes.get("sent", 0)
    return {
        "sent": sent,
        "wall": wall,
        "cpu": cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument(
        "--database", default="postgresql://postgres@127.0.0.1:5432/test"
    )
    # The VAPID key comes through BENCH_VAPID_KEY: as an argument, a key starting
    # with "-" would be read as an option.
    parser.add_argument("--child", nargs=2, metavar=("URL", "CA"))
    args = parser.parse_args()
    if args.child:
        result = send_in_this_process(*args.child, os.environ["BENCH_VAPID_KEY"])
        print(json.dumps(result), flush=True)
        return
    from parent_app.secrets import generate_vapid_keys

    url = (
        args.database
        if args.database != "sqlite"
        else f"sqlite:///{tempfile.mkdtemp()}/send.sqlite3"
    )
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    vapid = generate_vapid_keys()
    receiver = ReceiverProcess(1000, 1, vapid[1], pin=False)
    try:
        print(
            f"sending benchmark through the outbox on {url.split(':')[0]}: "
            f"{args.messages:,} messages"
        )
        prepare(url, receiver.subscriptions, args.messages, vapid)
        one = send_in_this_process(url, receiver.ca_path, vapid[0])
        rate = one["sent"] / one["wall"]
        cpu_ms = one["cpu"] * 1000 / max(one["sent"], 1)
        print(
            f"  one sender: {one['sent']:,} sent in {one['wall']:.2f}s = {rate:,.0f}/s "
            "(target >= 1,500); "
            f"CPU {cpu_ms:.2f} ms/message incl. database (target <= 1); "
            f"peak RSS {one['rss_mb']:.0f} MB (target < 300)"
        )
        prepare(url, receiver.subscriptions, args.messages, vapid)
        started = time.perf_counter()
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bench.push_send_outbox",
                    "--child",
                    url,  # noqa: S603
                    receiver.ca_path,
                ],
                stdout=subprocess.PIPE,
                text=True,
                env={**os.environ, "BENCH_VAPID_KEY": vapid[0]},
            )
            for _ in range(2)
        ]
        outputs = [
            json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children
        ]
        wall = time.perf_counter() - started
        sending = max(o["wall"] for o in outputs)
        sent = sum(o["sent"] for o in outputs)
        print(
            f"  two senders: {sent:,} sent in {sending:.2f}s of sending = "
            f"{sent / sending:,.0f}/s "
            f"(target >= 2,700); {wall:.1f}s with process start-up; "
            f"each {[o['sent'] for o in outputs]}"
        )
        stats = receiver.stats()["counts"]
        print(
            f"  receiver: {stats.get('decrypt_ok', 0):,} decrypted, "
            f"{stats.get('status_201', 0):,} accepted"
        )
    finally:
        receiver.stop()


if __name__ == "__main__":
    main()
