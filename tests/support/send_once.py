"""A sender process for the reliability tests: one `send_due_pushes` pass against a
database.

python -m tests.support.send_once --database URL --ca PATH --vapid-key KEY [--batch N]
    [--shift-seconds S]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta

from config import TestingConfig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--vapid-key", required=True)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument(
        "--shift-seconds",
        type=int,
        default=0,
        help="act as if it were this much later (to take over lapsed claims)",
    )
    args = parser.parse_args()

    from parent_app import create_app
    from parent_app.outbox.sender import send_due_pushes
    from parent_app.outbox.webpush import WebPushSender

    app = create_app(
        {"BASE_CONFIG": TestingConfig, "SQLALCHEMY_DATABASE_URI": args.database}
    )
    sender = WebPushSender(
        args.vapid_key, "mailto:test@example.org", ca_bundle=args.ca, timeout_seconds=30
    )
    try:
        with app.app_context():
            now = datetime.now(UTC) + timedelta(seconds=args.shift_seconds)
            report = send_due_pushes(
                sender, now=now, batch_size=args.batch, rng=random.Random()
            )
            print(dict(report.outcomes), flush=True)
    finally:
        sender.close()


if __name__ == "__main__":
    main()
