"""Sending: due nudges reach the inbox once and each live subscription once; outcomes
are recorded as the push services answer."""

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from parent_app.outbox.webpush import FakePushSender
from tests.nudge_helpers import make_family, noon, plan, publish_rule

DAY = date(2026, 3, 2)
P256 = (
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ"
    "tUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
)
AUTH = "tBHItJI5svbpez7KI4CCXg"


def subscribe(app, user_id, endpoint):
    from parent_app.extensions import db
    from parent_app.models import PushSubscription

    with app.app_context():
        sub = PushSubscription(
            user_id=user_id, endpoint=endpoint, p256dh=P256, auth=AUTH
        )
        db.session.add(sub)
        db.session.commit()
        return sub.id


def send(app, sender, at):
    from parent_app.outbox.sender import send_due_pushes

    with app.app_context():
        return send_due_pushes(sender, now=at, batch_size=50, rng=random.Random(1))


def count(app, model, **where):
    from parent_app.extensions import db

    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.scalar(query)


def at_ten(on):
    return (
        datetime.combine(on, datetime.min.time())
        .replace(hour=10, minute=1)
        .astimezone()
    )


def test_a_due_nudge_reaches_the_inbox_and_every_subscription_once(app):
    from parent_app.models import NudgeOutbox, PushDelivery

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    user = family["user_ids"][0]
    subscribe(app, user, "https://fcm.googleapis.com/fcm/send/phone")
    subscribe(app, user, "https://updates.push.services.mozilla.com/wpush/v2/laptop")
    plan(app, DAY - timedelta(days=1) + timedelta(days=1))
    sender = FakePushSender()
    send(
        app, sender, noon(DAY) - timedelta(hours=3)
    )  # before 10:00 London: nothing yet
    assert sender.messages == []
    report = send(app, sender, noon(DAY) + timedelta(days=1))
    assert report.delivered_to_inbox == 1 and report.outcomes["sent"] == 2
    assert sorted(m.endpoint for m in sender.messages) == [
        "https://fcm.googleapis.com/fcm/send/phone",
        "https://updates.push.services.mozilla.com/wpush/v2/laptop",
    ]
    assert all(m.ttl_seconds > 0 and m.topic for m in sender.messages)
    send(app, sender, noon(DAY) + timedelta(days=2))
    plan(app, DAY + timedelta(days=1))
    send(app, sender, noon(DAY) + timedelta(days=3))
    assert len(sender.messages) == 2
    assert count(app, NudgeOutbox, status="delivered") == 1
    assert count(app, PushDelivery, status="sent") == 2


def test_gone_subscriptions_are_deactivated_and_never_used_again(app):
    from parent_app.models import PushSubscription

    publish_rule(app, "first-jabs")
    publish_rule(app, "second-jabs", offset_days=60)
    family = make_family(app, born_on=DAY - timedelta(days=56))
    endpoint = "https://fcm.googleapis.com/fcm/send/old-phone"
    subscribe(app, family["user_ids"][0], endpoint)
    sender = FakePushSender()
    sender.program(endpoint, 410, 201)
    plan(app, DAY)
    send(app, sender, noon(DAY) + timedelta(days=1))
    assert count(app, PushSubscription, is_active=False) == 1
    plan(app, DAY + timedelta(days=4))
    report = send(app, sender, noon(DAY) + timedelta(days=5))
    assert report.delivered_to_inbox == 1  # the second nudge still reaches the inbox
    assert len(sender.messages) == 1  # but is never pushed to the dead phone


def test_server_errors_and_429_are_retried_with_backoff_honouring_retry_after(app):
    from parent_app.extensions import db
    from parent_app.models import PushDelivery

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    endpoint = "https://fcm.googleapis.com/fcm/send/busy"
    subscribe(app, family["user_ids"][0], endpoint)
    sender = FakePushSender()
    sender.program(endpoint, 500, 429, 201, retry_after="120")
    plan(app, DAY)
    start = noon(DAY) + timedelta(days=1)
    send(app, sender, start)
    with app.app_context():
        delivery = db.session.scalar(select(PushDelivery))
        assert (delivery.status.value, delivery.attempts, delivery.last_status) == (
            "pending",
            1,
            500,
        )
        first_retry = delivery.next_attempt_epoch
    assert first_retry >= int(start.timestamp()) + 120  # never earlier than Retry-After
    send(app, sender, datetime.fromtimestamp(first_retry, start.tzinfo))
    with app.app_context():
        delivery = db.session.scalar(select(PushDelivery))
        assert delivery.last_status == 429
        assert delivery.next_attempt_epoch >= first_retry + 120
        second_retry = delivery.next_attempt_epoch
    send(app, sender, datetime.fromtimestamp(second_retry, start.tzinfo))
    assert [r.status for r in sender.results] == [500, 429, 201]
    assert count(app, PushDelivery, status="sent") == 1


def test_413_and_other_4xx_fail_for_good(app):
    from parent_app.models import PushDelivery

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    endpoint = "https://fcm.googleapis.com/fcm/send/x"
    subscribe(app, family["user_ids"][0], endpoint)
    sender = FakePushSender()
    sender.program(endpoint, 400)
    plan(app, DAY)
    send(app, sender, noon(DAY) + timedelta(days=1))
    send(app, sender, noon(DAY) + timedelta(days=2))
    assert count(app, PushDelivery, status="failed") == 1 and len(sender.messages) == 1


def test_a_nudge_past_its_window_expires_instead_of_going_out(app):
    from parent_app.models import NudgeOutbox

    publish_rule(app, "first-jabs", send_window_days=2)
    family = make_family(app, born_on=DAY - timedelta(days=56))
    subscribe(app, family["user_ids"][0], "https://fcm.googleapis.com/fcm/send/x")
    plan(app, DAY)
    sender = FakePushSender()
    send(app, sender, noon(DAY) + timedelta(days=10))
    assert sender.messages == []
    assert count(app, NudgeOutbox, status="expired") == 1


def test_a_loss_stops_pushes_already_queued(app):
    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import PushDelivery, User
    from parent_app.outbox.sender import release_due

    publish_rule(
        app, "week-14", anchor="due_date", pregnancy_week=14, send_window_days=14
    )
    family = make_family(app, due_on=DAY + timedelta(weeks=26), partner=True)
    for user_id in family["user_ids"]:
        subscribe(app, user_id, f"https://fcm.googleapis.com/fcm/send/{user_id}")
    plan(app, DAY)
    with app.app_context():
        release_due(now=noon(DAY) + timedelta(days=1), batch_size=100)
        db.session.commit()
        user = db.session.get(User, family["user_ids"][0])
        babies.record_loss(
            user, family["baby_ids"][0], lost_on=DAY, today=DAY, now=noon(DAY)
        )
        db.session.commit()
    sender = FakePushSender()
    send(app, sender, noon(DAY) + timedelta(days=1))
    assert sender.messages == []
    assert count(app, PushDelivery, status="cancelled") == 2


def test_quiet_hours_move_the_reminder_time(app):
    from parent_app.accounts.users import update_profile
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, User

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    with app.app_context():
        user = db.session.get(User, family["user_ids"][0])
        update_profile(
            user,
            {
                "reminder_time": "06:30",
                "quiet_hours": {"start": "21:00", "end": "08:00"},
            },
            now=noon(DAY),
        )
        db.session.commit()
    plan(app, DAY + timedelta(days=1))
    with app.app_context():
        row = db.session.scalar(select(NudgeOutbox))
        sent_at = datetime.fromtimestamp(row.send_after_epoch).astimezone()
    from zoneinfo import ZoneInfo

    local = datetime.fromtimestamp(row.send_after_epoch, ZoneInfo("Europe/London"))
    assert (local.hour, local.minute) == (8, 0)
    assert sent_at


def test_a_sender_whose_lease_lapsed_does_not_overwrite_the_one_that_took_over(app):
    from parent_app.extensions import db
    from parent_app.models import PushDelivery
    from parent_app.outbox.sender import (
        CLAIM_LEASE_SECONDS,
        claim_deliveries,
        release_due,
        send_claimed,
    )

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    endpoint = "https://fcm.googleapis.com/fcm/send/slow"
    subscribe(app, family["user_ids"][0], endpoint)
    plan(app, DAY)
    start = noon(DAY) + timedelta(days=1)
    with app.app_context():
        release_due(now=start, batch_size=10)
        db.session.commit()
        stalled = claim_deliveries(
            now=start, batch_size=10
        )  # this sender stalls past its lease
        later = start + timedelta(seconds=CLAIM_LEASE_SECONDS + 1)
        taken_over = claim_deliveries(now=later, batch_size=10)
        assert [d.id for d in taken_over] == [d.id for d in stalled]
        send_claimed(
            taken_over,
            FakePushSender(),
            now=later,
            rng=random.Random(1),
            max_attempts=8,
        )
        failing = FakePushSender()
        failing.program(endpoint, 500)
        send_claimed(stalled, failing, now=later, rng=random.Random(1), max_attempts=8)
        delivery = db.session.scalar(select(PushDelivery))
        assert (delivery.status.value, delivery.last_status, delivery.attempts) == (
            "sent",
            201,
            1,
        )


def test_a_pregnancy_push_waiting_for_a_retry_is_dropped_when_the_birth_is_recorded(
    app,
):
    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import PushDelivery, User

    publish_rule(
        app, "pack-your-bag", anchor="due_date", offset_days=-14, send_window_days=14
    )
    family = make_family(app, due_on=DAY + timedelta(days=14))
    endpoint = "https://fcm.googleapis.com/fcm/send/busy"
    subscribe(app, family["user_ids"][0], endpoint)
    plan(app, DAY)
    sender = FakePushSender()
    sender.program(endpoint, 503, 201)
    send(app, sender, noon(DAY) + timedelta(days=1))
    assert count(app, PushDelivery, status="pending") == 1  # waiting to retry
    with app.app_context():
        user = db.session.get(User, family["user_ids"][0])
        babies.record_birth(
            user,
            family["baby_ids"][0],
            born_on=DAY + timedelta(days=1),
            gestation_weeks=38,
            gestation_days=0,
            today=DAY + timedelta(days=1),
            now=noon(DAY + timedelta(days=1)),
        )
        db.session.commit()
    send(app, sender, noon(DAY) + timedelta(days=3))
    assert [r.status for r in sender.results] == [503]
    assert count(app, PushDelivery, status="cancelled") == 1


def test_a_new_reminder_time_moves_nudges_already_planned(app):
    """A parent who moves their reminders to the evening gets today's nudge in the
    evening, not at the old morning time."""
    from datetime import UTC, time
    from zoneinfo import ZoneInfo

    from parent_app.accounts.users import update_profile
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, User
    from parent_app.nudges.planner import plan_due_nudges

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    early = datetime.combine(DAY, time(6), tzinfo=UTC)
    with app.app_context():
        assert plan_due_nudges(now=early).planned == 1  # waiting for 10:00 today
        user = db.session.get(User, family["user_ids"][0])
        update_profile(user, {"reminder_time": "19:15"}, now=early)
        db.session.commit()
        row = db.session.scalar(select(NudgeOutbox))
    local = datetime.fromtimestamp(row.send_after_epoch, ZoneInfo("Europe/London"))
    assert (local.date(), local.hour, local.minute) == (DAY, 19, 15)


def _three_due_deliveries(app):
    from parent_app.extensions import db
    from parent_app.outbox.sender import release_due

    publish_rule(app, "first-jabs")
    for n in range(3):
        family = make_family(app, born_on=DAY - timedelta(days=56))
        subscribe(
            app, family["user_ids"][0], f"https://fcm.googleapis.com/fcm/send/{n}"
        )
    plan(app, DAY)
    start = noon(DAY) + timedelta(days=1)
    with app.app_context():
        release_due(now=start, batch_size=10)
        db.session.commit()
    return start


class Crash(Exception):
    """A sender process dying mid-push, as far as the database can tell."""


class CrashingSender(FakePushSender):
    def send_batch(self, messages):
        super().send_batch(messages)
        raise Crash


def test_an_attempt_is_counted_before_the_push_so_a_crash_leaves_it_recorded(app):
    from parent_app.extensions import db
    from parent_app.models import PushDelivery
    from parent_app.outbox.sender import claim_deliveries, send_claimed

    start = _three_due_deliveries(app)
    with app.app_context():
        claimed = claim_deliveries(now=start, batch_size=10, lease_seconds=30)
        crashing = CrashingSender()
        try:
            send_claimed(
                claimed,
                crashing,
                now=start,
                rng=random.Random(1),
                max_attempts=8,
                window=2,
            )
        except Crash:
            db.session.rollback()
        assert len(crashing.messages) == 2  # the first window went out, unrecorded
        rows = db.session.scalars(select(PushDelivery).order_by(PushDelivery.id)).all()
        assert [(r.status.value, r.attempts) for r in rows] == [
            ("sending", 1),
            ("sending", 1),
            ("sending", 0),
        ]
        later = start + timedelta(seconds=31)
        retaken = claim_deliveries(now=later, batch_size=10, lease_seconds=30)
        send_claimed(
            retaken, FakePushSender(), now=later, rng=random.Random(1), max_attempts=8
        )
        db.session.expire_all()
        rows = db.session.scalars(select(PushDelivery).order_by(PushDelivery.id)).all()
    # The two pushed twice say so; nothing is lost.
    assert [(r.status.value, r.attempts) for r in rows] == [
        ("sent", 2),
        ("sent", 2),
        ("sent", 1),
    ]


def test_a_working_sender_renews_its_lease_so_nobody_takes_its_batch(app):
    from parent_app.extensions import db
    from parent_app.models import PushDelivery
    from parent_app.outbox.sender import claim_deliveries, send_claimed

    start = _three_due_deliveries(app)
    taken_by_another = []

    class SlowSender(FakePushSender):
        """Each window takes 20 s; another sender looks for work during the second."""

        def send_batch(self, messages):
            if len(self.batches) == 1:
                taken_by_another.extend(
                    claim_deliveries(now=start + timedelta(seconds=35), batch_size=10)
                )
            return super().send_batch(messages)

    moments = iter(start + timedelta(seconds=20 * n) for n in range(100))
    with app.app_context():
        claimed = claim_deliveries(now=start, batch_size=10, lease_seconds=30)
        send_claimed(
            claimed,
            SlowSender(),
            now=start,
            clock=lambda: next(moments),
            rng=random.Random(1),
            max_attempts=8,
            window=1,
            lease_seconds=30,
        )
        db.session.expire_all()
        rows = db.session.scalars(select(PushDelivery)).all()
    assert taken_by_another == []
    assert [(r.status.value, r.attempts) for r in rows] == [("sent", 1)] * 3
