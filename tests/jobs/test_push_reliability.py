"""Reliability against a real local HTTPS push receiver that decrypts every payload with
the subscriber's private key and auth secret (tests/support/push_receiver.py)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from parent_app.outbox.webpush import WebPushSender
from tests.nudge_helpers import make_family, publish_rule
from tests.support.push_receiver import PushReceiver, Reply

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def receiver(app):
    with PushReceiver(vapid_public_key=app.config["VAPID_PUBLIC_KEY"]) as running:
        yield running


@pytest.fixture
def sender(app, receiver):
    real = WebPushSender(
        app.config["VAPID_PRIVATE_KEY"],
        "mailto:test@example.org",
        ca_bundle=receiver.ca_path,
        timeout_seconds=10,
    )
    yield real
    real.close()


def _families_with_subscriptions(app, receiver, count, *, offset_days=0):
    """`count` families whose parent has one receiver subscription; a rule due now."""
    from parent_app.extensions import db
    from parent_app.models import PushSubscription

    publish_rule(
        app,
        "newborn",
        offset_days=offset_days,
        send_window_days=7,
        title="Welcome, little one",
    )
    today = datetime.now(UTC).date()
    ids = {}
    for n in range(count):
        family = make_family(app, born_on=today, name=f"Baby{n}")
        subscription = receiver.register(f"s{n}")
        with app.app_context():
            db.session.add(
                PushSubscription(
                    user_id=family["user_ids"][0],
                    endpoint=subscription["endpoint"],
                    p256dh=subscription["keys"]["p256dh"],
                    auth=subscription["keys"]["auth"],
                )
            )
            db.session.commit()
        ids[f"s{n}"] = family
    return ids


def _plan_and_release(app):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox
    from parent_app.nudges.planner import plan_due_nudges

    with app.app_context():
        plan_due_nudges(now=datetime.now(UTC))
        # Due now rather than at tomorrow's reminder time, so the test need not wait.
        db.session.execute(
            update(NudgeOutbox).values(send_after_epoch=int(time.time()) - 1)
        )
        db.session.commit()


def _send(app, sender, *, now=None, batch_size=100):
    from parent_app.outbox.sender import send_due_pushes

    with app.app_context():
        return send_due_pushes(
            sender,
            now=now or datetime.now(UTC),
            batch_size=batch_size,
            rng=random.Random(7),
        )


def test_a_due_nudge_arrives_decrypted_once(app, receiver, sender):
    _families_with_subscriptions(app, receiver, 1)
    _plan_and_release(app)
    report = _send(app, sender)
    assert report.outcomes["sent"] == 1
    (payload,) = receiver.payloads("s0")
    assert payload["title"] == "Welcome, little one"
    assert payload["body"] == "A reminder about Baby0."
    (request,) = receiver.received_for("s0")
    assert (
        int(request.headers["ttl"]) > 0
        and request.headers["content-encoding"] == "aes128gcm"
    )
    assert request.vapid_claims["aud"] == receiver.origin
    _plan_and_release(app)
    _send(app, sender)
    assert len(receiver.received_for("s0")) == 1


def test_faults_every_live_subscription_gets_its_message_once_and_gone_ones_nothing(
    app, receiver, sender
):
    from parent_app.extensions import db
    from parent_app.models import PushSubscription

    _families_with_subscriptions(app, receiver, 12)
    receiver.program("s1", 500, 500)
    receiver.program("s2", 503)
    receiver.program("s3", Reply(429, retry_after="1"))
    receiver.program("s4", then=410)
    receiver.program("s5", then=404)
    _plan_and_release(app)
    now = datetime.now(UTC)
    for step in range(8):
        _send(app, sender, now=now + timedelta(hours=step))
    for n in range(12):
        accepted = receiver.payloads(f"s{n}")
        assert len(accepted) == (0 if n in (4, 5) else 1), (
            n,
            receiver.received_for(f"s{n}"),
        )
    assert len(receiver.received_for("s1")) == 3
    with app.app_context():
        dead = db.session.scalars(
            select(PushSubscription.endpoint).where(
                PushSubscription.is_active.is_(False)
            )
        ).all()
    assert sorted(e.rsplit("/", 1)[1] for e in dead) == ["s4", "s5"]
    publish_rule(app, "day-one", offset_days=0, send_window_days=7, title="Another")
    _plan_and_release(app)
    _send(app, sender, now=now + timedelta(hours=9))
    assert (
        len(receiver.received_for("s4")) == 1 and len(receiver.received_for("s5")) == 1
    )


def _sender_process(app, receiver, *args):
    return subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "tests.support.send_once",
            "--database",
            app.config["SQLALCHEMY_DATABASE_URI"],
            "--ca",
            receiver.ca_path,
            # One key in 64 starts with "-": as its own word argparse reads it as
            # an option.
            f"--vapid-key={app.config['VAPID_PRIVATE_KEY']}",
            *args,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_a_sender_killed_mid_batch_loses_nothing_and_repeats_at_most_its_batch(
    app, receiver
):
    from parent_app.extensions import db
    from parent_app.models import PushDelivery

    count, batch = 60, 20
    _families_with_subscriptions(app, receiver, count)
    receiver.program(
        None,
        *[Reply(201, delay_seconds=0.3)] * count * 3,
        then=Reply(201, delay_seconds=0.3),
    )
    _plan_and_release(app)
    first = _sender_process(app, receiver, "--batch", str(batch))
    deadline = time.time() + 60
    while receiver.counts["requests"] < batch + 3 and time.time() < deadline:
        time.sleep(0.05)
    first.kill()
    first.communicate()
    receiver.program(None, then=201)
    second = _sender_process(
        app, receiver, "--batch", str(batch), "--shift-seconds", "600"
    )
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    delivered = [len(receiver.payloads(f"s{n}")) for n in range(count)]
    assert min(delivered) >= 1, "a message was lost"
    assert sum(delivered) - count <= batch, "more than one batch was sent twice"
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(PushDelivery)
                .where(PushDelivery.status != "sent")
            )
            == 0
        )


@pytest.mark.slow
def test_a_sender_killed_mid_wave_is_taken_over_when_its_short_lease_lapses(
    app, receiver
):
    """SIGKILL mid-wave: another sender finishes the wave once the dead one's lease
    lapses (seconds, with a short lease), repeats at most one in-flight window, and
    every repeat shows in `attempts`."""
    from parent_app.extensions import db
    from parent_app.models import PushDelivery, PushSubscription

    count, window, lease = 60, 8, 3
    _families_with_subscriptions(app, receiver, count)
    receiver.program(None, then=Reply(201, delay_seconds=0.2))
    _plan_and_release(app)
    args = ("--batch", "1000", "--window", str(window), "--lease-seconds", str(lease))
    first = _sender_process(app, receiver, *args)
    deadline = time.time() + 60
    while receiver.counts["requests"] < 3 * window + 3 and time.time() < deadline:
        time.sleep(0.01)
    first.kill()
    first.communicate()
    killed_at = time.monotonic()
    second = _sender_process(app, receiver, *args, "--until-empty-seconds", "30")
    out, err = second.communicate(timeout=120)
    taken_over_in = time.monotonic() - killed_at
    assert second.returncode == 0, err
    received = {f"s{n}": len(receiver.received_for(f"s{n}")) for n in range(count)}
    assert min(received.values()) >= 1, "a message was lost"
    assert sum(received.values()) - count <= window, "more than a window sent twice"
    assert taken_over_in < lease + 20, taken_over_in
    with app.app_context():
        rows = db.session.execute(
            select(
                PushSubscription.endpoint, PushDelivery.attempts, PushDelivery.status
            ).join(
                PushSubscription, PushSubscription.id == PushDelivery.subscription_id
            )
        ).all()
    attempts = {endpoint.rsplit("/", 1)[1]: n for endpoint, n, _ in rows}
    assert {status.value for _, _, status in rows} == {"sent"}
    # Every push that reached the receiver was counted; a window cut short by the kill
    # may have counted attempts whose request never left.
    assert all(attempts[s] >= received[s] for s in received), (attempts, received)
    assert sum(attempts.values()) - sum(received.values()) <= window


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="row claiming across processes needs PostgreSQL",
)
def test_two_sender_processes_at_once_send_nothing_twice(app, receiver):
    count = 200
    _families_with_subscriptions(app, receiver, count)
    receiver.program(None, then=Reply(201, delay_seconds=0.01))
    _plan_and_release(app)
    senders = [_sender_process(app, receiver, "--batch", "25") for _ in range(2)]
    for process in senders:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    delivered = [len(receiver.payloads(f"s{n}")) for n in range(count)]
    assert delivered == [1] * count
