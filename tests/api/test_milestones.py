"""Milestones a family ticks for a baby: shared by the household, and marking one done
stops its reminders for both adults."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, add_baby, assert_error, make_parent
from tests.nudge_helpers import outbox, plan, publish_rule

TODAY = datetime.now(UTC).date()


def _couple(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code == 200
    return mum, partner


def _mark(client, parent, baby_id, key, status):
    return client.put(
        f"/api/v1/babies/{baby_id}/milestones/{key}",
        json={"status": status},
        headers=parent["headers"],
    )


def _milestones(client, parent, baby_id):
    response = client.get(
        f"/api/v1/babies/{baby_id}/milestones", headers=parent["headers"]
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _by_key(items, key, for_user_id=None):
    [item] = [i for i in items if i["key"] == key and i["for_user_id"] == for_user_id]
    return item


def test_both_adults_see_a_mark_and_its_window(client):
    mum, partner = _couple(client)
    born = TODAY - timedelta(days=20)
    baby = add_baby(client, mum, date_of_birth=born)
    assert (
        _mark(client, partner, baby["id"], "review-new-birth", "done").status_code
        == 200
    )
    seen = _by_key(_milestones(client, mum, baby["id"]), "review-new-birth")
    assert seen["status"] == "done"
    assert seen["marked_by_id"] == partner["user"]["id"]
    assert seen["window_from"] == (born + timedelta(days=10)).isoformat()
    assert seen["window_until"] == (born + timedelta(days=14)).isoformat()
    # Every milestone of the vocabulary is listed, unmarked ones with no status.
    keys = {i["key"] for i in _milestones(client, mum, baby["id"])}
    assert {"asq-9-12-months", "imms-8-weeks", "leave-checked"} <= keys
    assert (
        _by_key(_milestones(client, mum, baby["id"]), "asq-2-years")["status"] is None
    )


def test_leave_checked_is_per_adult(client):
    mum, partner = _couple(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=20))
    assert (
        _mark(client, partner, baby["id"], "leave-checked", "done").status_code == 200
    )
    items = _milestones(client, mum, baby["id"])
    assert _by_key(items, "leave-checked", partner["user"]["id"])["status"] == "done"
    assert _by_key(items, "leave-checked", mum["user"]["id"])["status"] is None


def test_clearing_a_mark_and_changing_it(client):
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=50))
    _mark(client, mum, baby["id"], "imms-8-weeks", "booked")
    assert _mark(client, partner, baby["id"], "imms-8-weeks", "done").status_code == 200
    assert _by_key(_milestones(client, mum, baby["id"]), "imms-8-weeks")["status"] == (
        "done"
    )
    url = f"/api/v1/babies/{baby['id']}/milestones/imms-8-weeks"
    assert client.delete(url, headers=partner["headers"]).status_code == 204
    assert (
        _by_key(_milestones(client, mum, baby["id"]), "imms-8-weeks")["status"] is None
    )
    assert_error(client.delete(url, headers=partner["headers"]), 404)


def test_another_familys_milestone_is_a_404(client):
    mum = make_parent(client)
    stranger = make_parent(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=50))
    _mark(client, mum, baby["id"], "imms-8-weeks", "done")
    assert_error(
        client.get(
            f"/api/v1/babies/{baby['id']}/milestones", headers=stranger["headers"]
        ),
        404,
    )
    assert_error(_mark(client, stranger, baby["id"], "imms-8-weeks", "not_for_us"), 404)
    assert_error(
        client.delete(
            f"/api/v1/babies/{baby['id']}/milestones/imms-8-weeks",
            headers=stranger["headers"],
        ),
        404,
    )
    assert _by_key(_milestones(client, mum, baby["id"]), "imms-8-weeks")["status"] == (
        "done"
    )


def test_bad_input_is_a_clear_4xx(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=50))
    error = assert_error(_mark(client, mum, baby["id"], "imms-8-weeks", "maybe"), 422)
    assert "status" in error["fields"]
    assert_error(_mark(client, mum, baby["id"], "no-such-thing", "done"), 404)
    assert_error(
        client.put(
            f"/api/v1/babies/{baby['id']}/milestones/imms-8-weeks",
            headers=mum["headers"],
        ),
        422,
    )


def _rule_nudges(app, slug):
    return [row for row in outbox(app) if row[0] == slug]


def _push_everything_to(app, user_id):
    """A subscription for the adult and a push waiting for each of their nudges."""
    from parent_app.extensions import db
    from parent_app.models import (
        DeliveryStatus,
        NudgeOutbox,
        PushDelivery,
        PushSubscription,
    )

    with app.app_context():
        sub = PushSubscription(
            user_id=user_id, endpoint="https://push.example/1", p256dh="k", auth="a"
        )
        db.session.add(sub)
        db.session.flush()
        for nudge_id in db.session.scalars(
            select(NudgeOutbox.id).where(NudgeOutbox.user_id == user_id)
        ):
            db.session.add(
                PushDelivery(
                    outbox_id=nudge_id,
                    subscription_id=sub.id,
                    status=DeliveryStatus.PENDING,
                    next_attempt_epoch=0,
                )
            )
        db.session.commit()


def _push_status_by_rule(app):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, NudgeRule, PushDelivery

    with app.app_context():
        rows = db.session.execute(
            select(NudgeRule.slug, PushDelivery.status)
            .join(NudgeOutbox, NudgeOutbox.id == PushDelivery.outbox_id)
            .join(NudgeRule, NudgeRule.id == NudgeOutbox.rule_id)
        ).all()
    return {slug: status.value for slug, status in rows}


@pytest.mark.parametrize("status", ["done", "not_for_us"])
def test_done_cancels_pending_nudges_and_pushes_for_both_adults(client, app, status):
    publish_rule(app, "imms-8", offset_days=56, milestone="imms-8-weeks")
    publish_rule(app, "other", offset_days=56, topic="feeding")
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    assert plan(app, TODAY) == 4
    _push_everything_to(app, mum["user"]["id"])

    assert _mark(client, partner, baby["id"], "imms-8-weeks", status).status_code == 200

    assert {(r[2], r[3]) for r in _rule_nudges(app, "imms-8")} == {
        (mum["user"]["id"], "cancelled"),
        (partner["user"]["id"], "cancelled"),
    }
    # A reminder for another milestone (or none) is left alone.
    assert {r[3] for r in _rule_nudges(app, "other")} == {"pending"}
    assert _push_status_by_rule(app) == {"imms-8": "cancelled", "other": "pending"}
    # Planning again brings nothing back.
    assert plan(app, TODAY + timedelta(days=1)) == 0
    assert {r[3] for r in _rule_nudges(app, "imms-8")} == {"cancelled"}


def test_booked_keeps_the_reminders(client, app):
    publish_rule(app, "imms-8", offset_days=56, milestone="imms-8-weeks")
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    assert plan(app, TODAY) == 2
    assert _mark(client, mum, baby["id"], "imms-8-weeks", "booked").status_code == 200
    assert {r[3] for r in _rule_nudges(app, "imms-8")} == {"pending"}


def test_a_milestone_already_done_is_not_nudged(client, app):
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    _mark(client, mum, baby["id"], "imms-8-weeks", "done")
    publish_rule(app, "imms-8", offset_days=56, milestone="imms-8-weeks")
    assert plan(app, TODAY) == 0


def test_a_per_adult_mark_stops_only_that_adults_reminder(client, app):
    publish_rule(
        app,
        "leave",
        anchor="due_date",
        offset_days=-120,
        topic="money",
        milestone="leave-checked",
    )
    mum, partner = _couple(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(days=120))
    assert plan(app, TODAY) == 2
    _mark(client, partner, baby["id"], "leave-checked", "done")
    assert {(r[2], r[3]) for r in _rule_nudges(app, "leave")} == {
        (mum["user"]["id"], "pending"),
        (partner["user"]["id"], "cancelled"),
    }


def test_a_rule_must_name_a_known_milestone(app):
    from parent_app.errors import ValidationFailed
    from parent_app.nudges.rules import validate_rule
    from tests.nudge_helpers import rule_data

    with app.app_context():
        with pytest.raises(ValidationFailed) as raised:
            validate_rule(rule_data("x", milestone="not-a-milestone"))
        assert "milestone" in raised.value.fields
        assert validate_rule(rule_data("x", milestone="asq-2-years"))["milestone"] == (
            "asq-2-years"
        )


def test_marks_are_exported_and_erased_with_the_family(client, app):
    from parent_app.extensions import db
    from parent_app.models import BabyMilestone

    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=50))
    _mark(client, mum, baby["id"], "imms-8-weeks", "done")
    _mark(client, partner, baby["id"], "leave-checked", "not_for_us")
    data = client.get("/api/v1/me/export", headers=partner["headers"]).get_json()
    assert {(m["milestone_key"], m["status"]) for m in data["milestones"]} == {
        ("imms-8-weeks", "done"),
        ("leave-checked", "not_for_us"),
    }
    client.delete("/api/v1/me", json={"password": PASSWORD}, headers=partner["headers"])
    with app.app_context():
        left = db.session.execute(
            select(BabyMilestone.milestone_key, BabyMilestone.marked_by_id)
        ).all()
    # The partner's own mark went with them; the household's stays, without their id.
    assert left == [("imms-8-weeks", mum["user"]["id"])]
    client.delete("/api/v1/me", json={"password": PASSWORD}, headers=mum["headers"])
    with app.app_context():
        assert db.session.scalars(select(BabyMilestone)).all() == []


def _deliver_with_pushes(app, client):
    """A rule for the 8-week vaccinations planned and delivered to both adults, each
    with a push subscription; returns the couple, the baby and the pushes sent."""
    import random

    from parent_app.outbox.sender import send_due_pushes
    from parent_app.outbox.webpush import FakePushSender
    from tests.api.test_nudges_api import subscription

    publish_rule(app, "imms-8", offset_days=56, milestone="imms-8-weeks")
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    assert plan(app, TODAY) == 2
    for n, adult in enumerate((mum, partner)):
        response = client.post(
            "/api/v1/push/subscriptions",
            json=subscription(endpoint=f"https://fcm.googleapis.com/fcm/send/{n}"),
            headers=adult["headers"],
        )
        assert response.status_code in (200, 201), response.get_json()
    with app.app_context():
        sender = FakePushSender()
        send_due_pushes(
            sender, now=datetime.now(UTC) + timedelta(days=2), rng=random.Random(1)
        )
    return mum, partner, baby, sender


def test_a_push_carries_the_milestone_actions(client, app):
    import json

    *_, sender = _deliver_with_pushes(app, client)
    payloads = [json.loads(message.payload) for message in sender.messages]
    assert len(payloads) == 2
    for payload in payloads:
        assert payload["milestone"] == "imms-8-weeks"
        assert payload["actions"] == [
            {"action": "done", "title": "Done"},
            {"action": "booked", "title": "Booked"},
            {"action": "not_for_us", "title": "Not for us"},
        ]


def test_an_inbox_action_marks_the_milestone_for_the_household(client, app):
    mum, partner, baby, _ = _deliver_with_pushes(app, client)
    [entry] = client.get("/api/v1/notifications", headers=mum["headers"]).get_json()[
        "items"
    ]
    assert entry["milestone"] == "imms-8-weeks"
    url = f"/api/v1/notifications/{entry['id']}/actions"
    assert_error(client.post(f"{url}/maybe", headers=mum["headers"]), 422)
    # The partner cannot act on the birthing parent's own inbox entry.
    assert_error(client.post(f"{url}/done", headers=partner["headers"]), 404)
    response = client.post(f"{url}/done", headers=mum["headers"])
    assert response.status_code == 200, response.get_json()
    seen = _by_key(_milestones(client, partner, baby["id"]), "imms-8-weeks")
    assert (seen["status"], seen["marked_by_id"]) == ("done", mum["user"]["id"])
    inbox = client.get("/api/v1/notifications", headers=mum["headers"]).get_json()
    assert inbox["items"][0]["read_at"] is not None
