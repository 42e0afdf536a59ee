"""A sender process for the reliability tests: one `send_due_pushes` pass against a
database.

python -m tests.support.send_once --database URL --ca PATH --vapid-key KEY [--batch N]
    [--window N] [--lease-seconds S] [--until-empty-seconds S] [--shift-seconds S]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from config import TestingConfig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--vapid-key", required=True)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--window", type=int, default=64)
    parser.add_argument("--lease-seconds", type=int, default=30)
    parser.add_argument(
        "--until-empty-seconds",
        type=float,
        default=0,
        help="keep sending (as a scheduler would) until nothing is left or this long",
    )
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
    shift = timedelta(seconds=args.shift_seconds)
    deadline = time.monotonic() + args.until_empty_seconds
    try:
        with app.app_context():
            while True:
                report = send_due_pushes(
                    sender,
                    clock=lambda: datetime.now(UTC) + shift,
                    batch_size=args.batch,
                    window=args.window,
                    lease_seconds=args.lease_seconds,
                    rng=random.Random(),
                )
                print(dict(report.outcomes), flush=True)
                if time.monotonic() >= deadline or not _unsettled():
                    break
                time.sleep(0.2)
    finally:
        sender.close()


def _unsettled() -> int:
    """Deliveries still to push: waiting, or held by a sender (perhaps a dead one)."""
    from sqlalchemy import func, select

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


if __name__ == "__main__":
    main()
