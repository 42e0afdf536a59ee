"""The nudge contract of issue 5, end to end through the API: push subscriptions, the
inbox, preferences (reminder time, quiet hours, time zone, muted topics), a partner, a
loss, staff rules and previews, and the plan/send/scheduler commands.

Families are made through the API; their dates are then pinned to DAY so that planning
and sending can run at fixed instants."""

from __future__ import annotations

import base64
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from parent_app.outbox.webpush import FakePushSender, topic_for
from tests.factories import add_baby, assert_error, make_parent, make_staff
from tests.nudge_helpers import publish_rule, rule_data

DAY = date(
    2026, 3, 2
)  # a Monday, a week clear of any clock change in London and New York
P256 = (
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ"
    "tUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
)
OTHER_P256 = (
    "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LF"
    "gDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U"
)
AUTH = "tBHItJI5svbpez7KI4CCXg"
FCM = "https://fcm.googleapis.com/fcm/send/"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def at(on: date, hh: int, mm: int = 0) -> datetime:
    return datetime(on.year, on.month, on.day, hh, mm, tzinfo=UTC)


def subscription(
    endpoint: str = FCM + "phone", p256dh: str = P256, auth: str = AUTH
) -> dict:
    return {
        "endpoint": endpoint,
        "expirationTime": None,
        "keys": {"p256dh": p256dh, "auth": auth},
    }


def pin_baby(
    app,
    baby_id: int,
    *,
    born_on: date | None = None,
    due_on: date | None = None,
    gestation_weeks: int = 40,
) -> None:
    """Move a baby made through the API to fixed dates (the API only takes plausible
    ones)."""
    from parent_app.extensions import db
    from parent_app.families.babies import sync_day_numbers
    from parent_app.models import Baby, BabyStatus

    with app.app_context():
        baby = db.session.get(Baby, baby_id)
        baby.due_on = due_on
        baby.born_on = born_on
        baby.gestation_weeks = gestation_weeks if born_on else None
        baby.gestation_days = 0
        baby.status = BabyStatus.BORN if born_on else BabyStatus.EXPECTED
        sync_day_numbers(baby)
        db.session.commit()


def family_with_baby(
    app,
    client,
    *,
    born_on: date | None = None,
    due_on: date | None = None,
    partner: bool = False,
    name: str | None = None,
    area: str = "dorset",
):
    """A parent (and a partner who joined with a code) and one baby pinned to the given
    dates."""
    mum = make_parent(client, area=area)
    baby = (
        add_baby(client, mum, date_of_birth=date.today() - timedelta(days=3), name=name)
        if born_on
        else add_baby(
            client, mum, due_date=date.today() + timedelta(days=100), name=name
        )
    )
    pin_baby(app, baby["id"], born_on=born_on, due_on=due_on)
    adults = [mum]
    if partner:
        code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
            "code"
        ]
        dad = make_parent(client, role="partner", area=area)
        joined = client.post(
            "/api/v1/family/join", json={"code": code}, headers=dad["headers"]
        )
        assert joined.status_code == 200, joined.get_json()
        adults.append(dad)
    return adults, baby


def plan(app, now: datetime) -> int:
    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges

    with app.app_context():
        report = plan_due_nudges(now=now)
        db.session.commit()
        return report.planned


def send(app, sender, now: datetime):
    from parent_app.outbox.sender import send_due_pushes

    with app.app_context():
        return send_due_pushes(sender, now=now, batch_size=100, rng=random.Random(5))


def inbox(client, parent) -> list[dict]:
    response = client.get("/api/v1/notifications?limit=100", headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def outbox_statuses(app) -> list[str]:
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        return sorted(s.value for s in db.session.scalars(select(NudgeOutbox.status)))


class TestVapidAndSubscriptions:
    def test_the_vapid_public_key_is_a_p256_application_server_key(self, app, client):
        from cryptography.hazmat.primitives.asymmetric import ec

        response = client.get("/api/v1/push/vapid-public-key")  # no sign-in needed
        assert response.status_code == 200
        key = response.get_json()["public_key"]
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
        assert len(raw) == 65 and "=" not in key
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        assert key == app.config["VAPID_PUBLIC_KEY"]

    @pytest.mark.parametrize(
        ("keys", "field"),
        [
            # 65 bytes starting 0x04, but not a point on P-256.
            ({"p256dh": "BA" + "A" * 85}, "keys.p256dh"),
            (
                {"p256dh": P256.replace("-", "+").replace("_", "/")},
                "keys.p256dh",
            ),  # base64, not base64url
            ({"p256dh": P256[:40] + "!!" + P256[40:]}, "keys.p256dh"),
            ({"p256dh": P256[:-2]}, "keys.p256dh"),  # 64 bytes
            ({"auth": "tBHItJI5svbpez7KI4CC"}, "keys.auth"),  # 15 bytes
            ({"auth": "tBHItJI5svbpez7KI4CCX+"}, "keys.auth"),
        ],
    )
    def test_keys_must_be_a_p256_point_and_a_16_byte_secret_in_base64url(
        self, client, keys, field
    ):
        parent = make_parent(client)
        body = subscription()
        body["keys"] = {**body["keys"], **keys}
        response = client.post(
            "/api/v1/push/subscriptions", json=body, headers=parent["headers"]
        )
        assert field in assert_error(response, 422, "validation_failed")["fields"]

    def test_padded_base64url_keys_are_accepted(self, client):
        parent = make_parent(client)
        body = subscription(p256dh=P256 + "=", auth=AUTH + "==")
        assert (
            client.post(
                "/api/v1/push/subscriptions", json=body, headers=parent["headers"]
            ).status_code
            == 201
        )

    @pytest.mark.parametrize(
        "endpoint",
        [
            FCM + "x\r\nHost: 10.0.0.1",
            FCM + "a b",
            "https://[::1/x",
            "https://fcm.googleapis.com:99999/x",
            "https://fcm.googleapis.cöm/x",
            "https://10.0.0.1/fcm/send/x",
            "ftp://fcm.googleapis.com/x",
        ],
    )
    def test_unusable_or_internal_endpoints_are_422_never_500(self, client, endpoint):
        parent = make_parent(client)
        response = client.post(
            "/api/v1/push/subscriptions",
            json=subscription(endpoint),
            headers=parent["headers"],
        )
        assert "endpoint" in assert_error(response, 422)["fields"]

    def test_the_allow_list_comes_from_configuration(self, app, client, monkeypatch):
        parent = make_parent(client)
        monkeypatch.setitem(
            app.config, "PUSH_SERVICE_ALLOWLIST", "push.example.org, *.push.example.net"
        )
        refused = client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=parent["headers"]
        )
        assert_error(refused, 422)
        for endpoint in (
            "https://push.example.org/s/1",
            "https://eu.push.example.net/s/2",
        ):
            response = client.post(
                "/api/v1/push/subscriptions",
                json=subscription(endpoint),
                headers=parent["headers"],
            )
            assert response.status_code == 201, response.get_json()

    def test_registering_again_updates_the_keys_the_push_is_encrypted_to(
        self, app, client
    ):
        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        first = client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
        )
        again = client.post(
            "/api/v1/push/subscriptions",
            json=subscription(p256dh=OTHER_P256),
            headers=mum["headers"],
        )
        assert first.get_json()["id"] == again.get_json()["id"]
        plan(app, at(DAY, 12))
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 11))
        assert [m.p256dh for m in sender.messages] == [OTHER_P256]

    def test_an_endpoint_registered_by_someone_else_takes_nothing_of_the_first_owners(
        self, app, client
    ):
        from parent_app.outbox.sender import release_due

        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
        )
        plan(app, at(DAY, 12))
        with app.app_context():
            from parent_app.extensions import db

            release_due(
                now=at(DAY + timedelta(days=1), 11), batch_size=10
            )  # a push is queued
            db.session.commit()
        stranger = make_parent(client)
        assert (
            client.post(
                "/api/v1/push/subscriptions",
                json=subscription(),
                headers=stranger["headers"],
            ).status_code
            == 201
        )
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 11))
        assert sender.messages == []
        assert_error(
            client.delete(
                "/api/v1/push/subscriptions",
                json={"endpoint": FCM + "phone"},
                headers=mum["headers"],
            ),
            404,
        )

    def test_unsubscribe_by_body_or_query_and_only_your_own(self, app, client):
        from parent_app.extensions import db
        from parent_app.models import PushSubscription

        mum = make_parent(client)
        stranger = make_parent(client)
        for name in ("phone", "laptop"):
            client.post(
                "/api/v1/push/subscriptions",
                json=subscription(FCM + name),
                headers=mum["headers"],
            )
        assert_error(
            client.delete(
                "/api/v1/push/subscriptions",
                json={"endpoint": FCM + "phone"},
                headers=stranger["headers"],
            ),
            404,
        )
        assert (
            client.delete(
                "/api/v1/push/subscriptions",
                json={"endpoint": FCM + "phone"},
                headers=mum["headers"],
            ).status_code
            == 204
        )
        assert (
            client.delete(
                f"/api/v1/push/subscriptions?endpoint={FCM}laptop",
                headers=mum["headers"],
            ).status_code
            == 204
        )
        assert (
            "endpoint"
            in assert_error(
                client.delete("/api/v1/push/subscriptions", headers=mum["headers"]), 422
            )["fields"]
        )
        with app.app_context():
            assert (
                db.session.scalar(select(func.count()).select_from(PushSubscription))
                == 0
            )

    def test_an_unsubscribed_browser_gets_no_push_but_the_inbox_still_fills(
        self, app, client
    ):
        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
        )
        client.delete(
            "/api/v1/push/subscriptions",
            json={"endpoint": FCM + "phone"},
            headers=mum["headers"],
        )
        plan(app, at(DAY, 12))
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 11))
        assert sender.messages == []
        assert [n["title"] for n in inbox(client, mum)] == ["Title first-jabs"]


class TestDelivery:
    def test_the_rules_ttl_urgency_and_a_topic_from_the_outbox_key_reach_the_push(
        self, app, client
    ):
        from parent_app.extensions import db
        from parent_app.models import NudgeOutbox

        publish_rule(
            app,
            "first-jabs",
            offset_days=56,
            ttl_seconds=7200,
            urgency="high",
            article_slug="jabs-at-8-weeks",
        )
        (mum,), _ = family_with_baby(
            app, client, born_on=DAY - timedelta(days=56), name="Ada"
        )
        client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
        )
        plan(app, at(DAY, 12))
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 11))
        (message,) = sender.messages
        with app.app_context():
            key = db.session.scalar(select(NudgeOutbox.key))
        assert (message.ttl_seconds, message.urgency, message.topic) == (
            7200,
            "high",
            topic_for(key),
        )
        payload = json.loads(message.payload)
        assert (
            payload["title"] == "Title first-jabs"
            and payload["body"] == "A reminder about Ada."
        )
        assert payload["url"] == "/articles/jabs-at-8-weeks"
        (notification,) = inbox(client, mum)
        assert payload["notification_id"] == notification["id"]

    def test_goes_out_at_the_reminder_time_in_the_parents_time_zone(self, app, client):
        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        changed = client.patch(
            "/api/v1/me",
            json={"timezone": "America/New_York", "reminder_time": "07:30"},
            headers=mum["headers"],
        )
        assert changed.status_code == 200, changed.get_json()
        client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=mum["headers"]
        )
        assert (
            plan(app, at(DAY, 14)) == 1
        )  # 09:00 in New York: today's 07:30 has passed
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 12, 29))  # 07:29 in New York
        assert sender.messages == [] and inbox(client, mum) == []
        send(app, sender, at(DAY + timedelta(days=1), 12, 31))
        assert len(sender.messages) == 1 and len(inbox(client, mum)) == 1

    def test_quiet_hours_hold_the_nudge_until_they_end(self, app, client):
        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        client.patch(
            "/api/v1/me",
            json={
                "timezone": "America/New_York",
                "reminder_time": "06:30",
                "quiet_hours": {"start": "22:00", "end": "07:15"},
            },
            headers=mum["headers"],
        )
        plan(app, at(DAY, 14))
        sender = FakePushSender()
        send(app, sender, at(DAY + timedelta(days=1), 12, 14))  # 07:14 in New York
        assert inbox(client, mum) == []
        send(app, sender, at(DAY + timedelta(days=1), 12, 16))
        assert len(inbox(client, mum)) == 1

    def test_muted_topics_are_not_planned_and_a_topic_muted_after_planning_is_not_sent(
        self, app, client
    ):
        publish_rule(app, "money-tip", offset_days=56, topic="money")
        publish_rule(app, "sleep-tip", offset_days=56, topic="sleep-and-safety")
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        client.patch(
            "/api/v1/me", json={"muted_topics": ["money"]}, headers=mum["headers"]
        )
        assert plan(app, at(DAY, 12)) == 1
        client.patch(
            "/api/v1/me",
            json={"muted_topics": ["money", "sleep-and-safety"]},
            headers=mum["headers"],
        )
        report = send(app, FakePushSender(), at(DAY + timedelta(days=1), 11))
        assert report.muted == 1 and inbox(client, mum) == []
        assert outbox_statuses(app) == ["cancelled"]


class TestInbox:
    def _three_sent(self, app, client):
        for slug in ("one", "two", "three"):
            publish_rule(app, slug, offset_days=56, title=f"Nudge {slug}")
        adults, baby = family_with_baby(
            app, client, born_on=DAY - timedelta(days=56), partner=True
        )
        plan(app, at(DAY, 12))
        send(app, FakePushSender(), at(DAY + timedelta(days=1), 11))
        return adults, baby

    def test_pages_newest_first_with_a_cursor(self, app, client):
        (mum, _), baby = self._three_sent(app, client)
        first = client.get(
            "/api/v1/notifications?limit=2", headers=mum["headers"]
        ).get_json()
        assert len(first["items"]) == 2 and first["next_cursor"]
        second = client.get(
            f"/api/v1/notifications?limit=2&cursor={first['next_cursor']}",
            headers=mum["headers"],
        ).get_json()
        assert len(second["items"]) == 1 and second["next_cursor"] is None
        ids = [n["id"] for n in first["items"] + second["items"]]
        assert ids == sorted(ids, reverse=True)
        item = first["items"][0]
        # `milestone` (issue 16): the milestone the reminder serves, or null.
        assert set(item) == {
            "id",
            "title",
            "body",
            "topic",
            "milestone",
            "baby_id",
            "article_slug",
            "delivered_at",
            "read_at",
        }
        assert item["baby_id"] == baby["id"] and item["read_at"] is None
        assert item["delivered_at"].endswith(("Z", "+00:00"))

    def test_read_is_idempotent_and_nobody_else_can_read_mine(self, app, client):
        (mum, partner), _ = self._three_sent(app, client)
        mine = inbox(client, mum)[0]
        assert_error(
            client.post(
                f"/api/v1/notifications/{mine['id']}/read", headers=partner["headers"]
            ),
            404,
        )
        first = client.post(
            f"/api/v1/notifications/{mine['id']}/read", headers=mum["headers"]
        ).get_json()
        again = client.post(
            f"/api/v1/notifications/{mine['id']}/read", headers=mum["headers"]
        ).get_json()
        assert first["read_at"] is not None and again["read_at"] == first["read_at"]
        unread = client.get(
            "/api/v1/notifications?unread=true", headers=mum["headers"]
        ).get_json()["items"]
        assert mine["id"] not in {n["id"] for n in unread} and len(unread) == 2
        assert all(n["read_at"] is None for n in inbox(client, partner))

    def test_a_nudge_not_yet_sent_is_not_in_the_inbox(self, app, client):
        from parent_app.extensions import db
        from parent_app.models import NudgeOutbox

        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        plan(app, at(DAY, 12))
        with app.app_context():
            planned_id = db.session.scalar(select(NudgeOutbox.id))
        assert inbox(client, mum) == []
        assert_error(
            client.post(
                f"/api/v1/notifications/{planned_id}/read", headers=mum["headers"]
            ),
            404,
        )


class TestPartnerAndLoss:
    def test_partner_specific_nudges_reach_only_the_partner(self, app, client):
        publish_rule(
            app,
            "for-partners",
            offset_days=56,
            audience="partner",
            title="For you, partner",
        )
        publish_rule(
            app,
            "for-mums",
            offset_days=56,
            audience="birthing_parent",
            title="For you, mum",
        )
        publish_rule(app, "for-both", offset_days=56, title="For you both")
        (mum, partner), baby = family_with_baby(
            app, client, born_on=DAY - timedelta(days=56), partner=True
        )
        plan(app, at(DAY, 12))
        send(app, FakePushSender(), at(DAY + timedelta(days=1), 11))
        assert sorted(n["title"] for n in inbox(client, mum)) == [
            "For you both",
            "For you, mum",
        ]
        assert sorted(n["title"] for n in inbox(client, partner)) == [
            "For you both",
            "For you, partner",
        ]
        timeline = client.get(
            f"/api/v1/babies/{baby['id']}/timeline", headers=partner["headers"]
        ).get_json()
        assert {e["slug"] for e in timeline} == {"for-partners", "for-both"}

    def test_a_loss_stops_every_nudge_for_both_adults_for_good(self, app, client):
        publish_rule(
            app, "week-14", anchor="due_date", pregnancy_week=14, send_window_days=14
        )
        publish_rule(
            app, "week-16", anchor="due_date", pregnancy_week=16, send_window_days=14
        )
        publish_rule(app, "newborn", anchor="birth", offset_days=0)
        adults, baby = family_with_baby(
            app, client, due_on=DAY + timedelta(weeks=26), partner=True
        )
        for n, adult in enumerate(adults):
            client.post(
                "/api/v1/push/subscriptions",
                json=subscription(FCM + str(n)),
                headers=adult["headers"],
            )
        assert plan(app, at(DAY, 12)) == 2
        lost = client.post(
            f"/api/v1/babies/{baby['id']}/loss",
            json={"date": DAY.isoformat()},
            headers=adults[1]["headers"],
        )
        assert lost.status_code == 200, lost.get_json()
        assert outbox_statuses(app) == ["cancelled", "cancelled"]
        sender = FakePushSender()
        for days in range(0, 400, 9):
            assert plan(app, at(DAY + timedelta(days=days), 12)) == 0
            send(app, sender, at(DAY + timedelta(days=days), 23))
        assert sender.messages == []
        for adult in adults:
            assert inbox(client, adult) == []
            timeline = client.get(
                f"/api/v1/babies/{baby['id']}/timeline", headers=adult["headers"]
            )
            assert timeline.status_code == 200 and timeline.get_json() == []


class TestTimeline:
    def test_a_pregnancy_timeline_dates_birth_rules_from_the_due_date_as_estimates(
        self, app, client
    ):
        publish_rule(
            app, "week-30", anchor="due_date", pregnancy_week=30, topic="pregnancy"
        )
        publish_rule(app, "first-jabs", offset_days=56)
        mum = make_parent(client)
        due = date.today() + timedelta(weeks=12)
        baby = add_baby(client, mum, due_date=due)
        timeline = client.get(
            f"/api/v1/babies/{baby['id']}/timeline", headers=mum["headers"]
        ).get_json()
        assert [
            (e["slug"], e["date"], e["state"], e["is_estimate"]) for e in timeline
        ] == [
            ("week-30", (due - timedelta(weeks=10)).isoformat(), "upcoming", False),
            ("first-jabs", (due + timedelta(days=56)).isoformat(), "upcoming", True),
        ]

    def test_a_rule_already_due_and_still_in_its_window_shows_as_coming(
        self, app, client
    ):
        publish_rule(
            app,
            "whooping-cough",
            anchor="due_date",
            pregnancy_week=16,
            send_window_days=70,
        )
        publish_rule(
            app, "booking", anchor="due_date", pregnancy_week=8, send_window_days=14
        )
        mum = make_parent(client)
        due = date.today() + timedelta(
            weeks=20
        )  # 20 weeks pregnant: booking is long past
        baby = add_baby(client, mum, due_date=due)
        timeline = client.get(
            f"/api/v1/babies/{baby['id']}/timeline", headers=mum["headers"]
        ).get_json()
        assert [(e["slug"], e["state"]) for e in timeline] == [
            ("whooping-cough", "upcoming")
        ]


class TestStaffRules:
    @pytest.mark.parametrize(
        ("timing", "anchor", "offset_days"),
        [
            ({"pregnancy_week": 16}, "due_date", -168),
            ({"pregnancy_week": 0}, "due_date", -280),
            ({"offset_days": -88}, "due_date", -88),
            ({"age_weeks": 6}, "birth", 42),
            ({"age_months": 6}, "birth", 183),
            ({"age_months": 12}, "birth", 365),
            ({"offset_days": 0}, "birth", 0),
        ],
    )
    def test_timing_is_stored_as_days_from_the_anchor(
        self, app, client, timing, anchor, offset_days
    ):
        staff = make_staff(app, client, role="author", areas=("national",))
        data = rule_data("timed", anchor=anchor, **timing)
        response = client.post(
            "/api/v1/staff/nudges", json=data, headers=staff["headers"]
        )
        assert response.status_code == 201, response.get_json()
        assert (
            response.get_json()["pending_revision"]["data"]["offset_days"]
            == offset_days
        )

    def test_staff_work_only_in_their_own_areas(self, app, client):
        dorset = make_staff(app, client, role="author", areas=("dorset",))
        hampshire = make_staff(app, client, role="editor", areas=("hampshire",))
        assert_error(
            client.post(
                "/api/v1/staff/nudges",
                json=rule_data("n1", area="national"),
                headers=dorset["headers"],
            ),
            403,
        )
        assert_error(
            client.post(
                "/api/v1/staff/nudges",
                json=rule_data("h1", area="hampshire"),
                headers=dorset["headers"],
            ),
            403,
        )
        item = client.post(
            "/api/v1/staff/nudges",
            json=rule_data("d1", area="dorset", age_weeks=3),
            headers=dorset["headers"],
        ).get_json()
        listed = client.get(
            "/api/v1/staff/nudges", headers=hampshire["headers"]
        ).get_json()
        assert (listed["items"] if isinstance(listed, dict) else listed) == []
        for path in ("", "/stats", "/revisions"):
            assert_error(
                client.get(
                    f"/api/v1/staff/nudges/{item['id']}{path}",
                    headers=hampshire["headers"],
                ),
                404,
            )
        assert_error(
            client.post(
                f"/api/v1/staff/nudges/{item['id']}/submit",
                headers=hampshire["headers"],
            ),
            404,
        )
        born = DAY - timedelta(days=3)
        preview = client.get(
            f"/api/v1/staff/nudges/preview?date_of_birth={born}&area=dorset&include_drafts=true",
            headers=hampshire["headers"],
        ).get_json()
        assert preview == []  # another area's draft is not shown

    def test_an_archived_rule_is_no_longer_planned_and_what_was_planned_is_not_sent(
        self, app, client
    ):
        item_id = publish_rule(app, "wrong-advice", offset_days=56)
        publish_rule(app, "right-advice", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=DAY - timedelta(days=56))
        assert plan(app, at(DAY, 12)) == 2
        editor = make_staff(app, client, role="editor", areas=("national",))
        archived = client.post(
            f"/api/v1/staff/nudges/{item_id}/archive", headers=editor["headers"]
        )
        assert archived.status_code == 200, archived.get_json()
        send(app, FakePushSender(), at(DAY + timedelta(days=1), 11))
        assert [n["title"] for n in inbox(client, mum)] == ["Title right-advice"]
        stats = client.get(
            f"/api/v1/staff/nudges/{item_id}/stats", headers=editor["headers"]
        ).get_json()
        assert (stats["planned"], stats["cancelled"], stats["in_inbox"]) == (1, 1, 0)

    def test_parents_and_strangers_cannot_reach_staff_nudges(self, client):
        parent = make_parent(client)
        for path in (
            "/api/v1/staff/nudges",
            "/api/v1/staff/nudges/preview?due_date=2027-01-01",
        ):
            assert_error(client.get(path, headers=parent["headers"]), 403)
            assert_error(client.get(path), 401)

    @pytest.mark.parametrize(
        "query",
        [
            "due_date=9999-12-31",
            "date_of_birth=0001-01-01",
            "due_date=2027-01-01&area=atlantis",
            "date_of_birth=2026-01-01&gestation_weeks=10",
            "date_of_birth=2026-01-01&role=admin",
        ],
    )
    def test_preview_refuses_a_family_that_cannot_be(self, app, client, query):
        publish_rule(app, "late", anchor="due_date", offset_days=42)
        publish_rule(app, "jab", offset_days=1100)
        staff = make_staff(app, client, role="editor", areas=("national",))
        assert_error(
            client.get(
                f"/api/v1/staff/nudges/preview?{query}", headers=staff["headers"]
            ),
            422,
        )

    def test_preview_of_a_partner_in_an_area_fills_the_name_fallback(self, app, client):
        publish_rule(
            app, "partner-hub", offset_days=10, audience="partner", area="dorset"
        )
        publish_rule(app, "mum-only", offset_days=10, audience="birthing_parent")
        publish_rule(app, "hampshire-only", offset_days=10, area="hampshire")
        staff = make_staff(app, client, role="editor", areas=("national",))
        born = DAY - timedelta(days=3)
        entries = client.get(
            f"/api/v1/staff/nudges/preview?date_of_birth={born}&role=partner&area=dorset",
            headers=staff["headers"],
        ).get_json()
        assert [(e["slug"], e["body"], e["date"]) for e in entries] == [
            (
                "partner-hub",
                "A reminder about your baby.",
                (born + timedelta(days=10)).isoformat(),
            )
        ]


class TestCommandsAndScheduler:
    def test_plan_with_a_date_and_send_run_one_pass_each(self, app, client, runner):
        # Planned as of two days ago, so that its reminder time has passed whenever this
        # runs.
        day = datetime.now(UTC).date() - timedelta(days=2)
        publish_rule(app, "first-jabs", offset_days=56)
        (mum,), _ = family_with_baby(app, client, born_on=day - timedelta(days=56))
        first = runner.invoke(args=["nudges", "plan", "--date", day.isoformat()])
        assert first.exit_code == 0, first.output
        assert "1 planned" in first.output
        again = runner.invoke(args=["nudges", "plan", "--date", day.isoformat()])
        assert "0 planned" in again.output
        sent = runner.invoke(
            args=["nudges", "send"]
        )  # the real Web Push sender; no subscriptions
        assert sent.exit_code == 0, sent.output
        assert "1 to inboxes" in sent.output
        assert len(inbox(client, mum)) == 1
        assert (
            runner.invoke(args=["nudges", "plan", "--date", "not-a-date"]).exit_code
            != 0
        )

    def test_scheduler_jobs_coalesce_never_overlap_and_tolerate_a_late_start(self, app):
        from parent_app.nudges.scheduler import build_scheduler

        scheduler = build_scheduler(app, FakePushSender())
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs) == {"plan", "send", "mail", "remind_unverified"}
        assert jobs["plan"].trigger.interval == timedelta(minutes=15)
        assert jobs["send"].trigger.interval == timedelta(seconds=30)
        assert jobs["mail"].trigger.interval == timedelta(seconds=30)
        assert jobs["remind_unverified"].trigger.interval == timedelta(hours=1)
        for job in jobs.values():
            assert job.coalesce is True and job.max_instances == 1
            assert job.misfire_grace_time >= job.trigger.interval.total_seconds()
        assert jobs["plan"].next_run_time <= datetime.now(UTC) + timedelta(
            seconds=1
        )  # at start
        assert type(scheduler._jobstores["default"]).__name__ == "MemoryJobStore"

    @pytest.mark.slow
    def test_the_scheduler_process_plans_at_start_and_stops_cleanly_on_sigterm(
        self, app, tmp_path
    ):
        from parent_app.extensions import db
        from parent_app.models import NudgeOutbox

        today = datetime.now(UTC).date()
        publish_rule(app, "first-jabs", offset_days=56)
        from tests.nudge_helpers import make_family

        make_family(app, born_on=today - timedelta(days=56))
        env = {
            **os.environ,
            "PARENT_APP_CONFIG": "testing",
            "TEST_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "VAPID_PRIVATE_KEY": app.config["VAPID_PRIVATE_KEY"],
            "VAPID_PUBLIC_KEY": app.config["VAPID_PUBLIC_KEY"],
        }
        process = subprocess.Popen(  # noqa: S603 - our own CLI
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                "parent_app",
                "nudges",
                "scheduler",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            planned = 0
            while (
                planned == 0 and time.monotonic() < deadline and process.poll() is None
            ):
                time.sleep(0.1)
                with app.app_context():
                    planned = db.session.scalar(
                        select(func.count()).select_from(NudgeOutbox)
                    )
                    db.session.remove()
            assert planned == 1
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert process.returncode == 0, output


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com:8443/fcm/send/x",
        "https://fcm.googleapis.com:0/fcm/send/x",
        "https://fcm.googleapis.com:/fcm/send/x",
        "https://fcm.googleapis.com:80/fcm/send/x",
        "https://.push.services.mozilla.com/wpush/v2/x",
        "https://a..push.services.mozilla.com/wpush/v2/x",
        "https://%2e.push.services.mozilla.com/wpush/v2/x",
        "https://evil%2eexample.push.services.mozilla.com/wpush/v2/x",
        "https://under_score.push.services.mozilla.com/wpush/v2/x",
        "https://-x.push.services.mozilla.com/wpush/v2/x",
        "https://fcm.googleapis.com./fcm/send/x",
    ],
)
def test_push_endpoints_only_on_port_443_with_a_valid_host_name(client, endpoint):
    parent = make_parent(client)
    response = client.post(
        "/api/v1/push/subscriptions",
        json=subscription(endpoint),
        headers=parent["headers"],
    )
    assert "endpoint" in assert_error(response, 422)["fields"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com:443/fcm/send/x",
        "https://FCM.googleapis.com/fcm/send/x",
        "https://updates.push.services.mozilla.com/wpush/v2/x",
        "https://web.push.apple.com/QGx",
    ],
)
def test_push_endpoints_on_allow_listed_hosts_are_accepted(client, endpoint):
    parent = make_parent(client)
    response = client.post(
        "/api/v1/push/subscriptions",
        json=subscription(endpoint),
        headers=parent["headers"],
    )
    assert response.status_code == 201, response.get_json()
