"""Discreet notifications: a parent who shares a phone, or fears someone reading it,
gets pushes that say only that there is a message."""

from __future__ import annotations

import json
from datetime import timedelta

from parent_app.outbox.webpush import FakePushSender
from tests.api.test_nudges_contract import (
    DAY,
    at,
    family_with_baby,
    plan,
    send,
    subscription,
)
from tests.nudge_helpers import publish_rule


def _pushes(app, client, *, discreet: bool):
    publish_rule(app, "first-jabs", offset_days=56, title="Your baby's first jabs")
    (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
    if discreet:
        changed = client.patch(
            "/api/v1/me", json={"discreet": True}, headers=mum["headers"]
        )
        assert changed.status_code == 200 and changed.get_json()["discreet"] is True
    client.post(
        "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
    )
    plan(app, at(DAY, 12))
    sender = FakePushSender()
    send(app, sender, at(DAY + timedelta(days=1), 11))
    return mum, [json.loads(m.payload) for m in sender.messages]


def test_a_discreet_parent_gets_a_generic_push(app, client):
    mum, [payload] = _pushes(app, client, discreet=True)
    assert payload["title"] == "You have a new message"
    assert payload["body"] == "Open the app to read it."
    assert payload["url"] == "/notifications"
    assert "jabs" not in json.dumps(payload).lower()
    assert "first-jabs" not in payload["tag"]
    # The inbox, behind the parent's sign-in, still has the real message.
    inbox = client.get("/api/v1/notifications", headers=mum["headers"]).get_json()
    assert "first jabs" in json.dumps(inbox).lower()


def test_other_parents_get_the_message_itself(app, client):
    mum, [payload] = _pushes(app, client, discreet=False)
    assert payload["title"] == "Your baby's first jabs"
    me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
    assert me["discreet"] is False
