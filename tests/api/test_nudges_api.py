"""Nudge rules for staff, push subscriptions, the inbox and a baby's timeline."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from parent_app.outbox.webpush import FakePushSender
from tests.factories import add_baby, assert_error, make_parent, make_staff
from tests.nudge_helpers import publish_rule, rule_data

TODAY = date.today()
P256 = (
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ"
    "tUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
)
AUTH = "tBHItJI5svbpez7KI4CCXg"


def subscription(
    endpoint="https://fcm.googleapis.com/fcm/send/abc", p256dh=P256, auth=AUTH
):
    return {
        "endpoint": endpoint,
        "expirationTime": None,
        "keys": {"p256dh": p256dh, "auth": auth},
    }


class TestStaffRules:
    def test_a_rule_goes_through_review_and_shows_in_the_preview(self, app, client):
        author = make_staff(app, client, role="author", areas=("dorset",))
        editor = make_staff(app, client, role="editor", areas=("dorset",))
        data = rule_data(
            "dorset-baby-groups", area="dorset", age_weeks=6, topic="wellbeing"
        )
        created = client.post(
            "/api/v1/staff/nudges", json=data, headers=author["headers"]
        )
        assert created.status_code == 201, created.get_json()
        item = created.get_json()
        assert item["pending_revision"]["data"]["offset_days"] == 42
        born = TODAY - timedelta(days=10)
        url = f"/api/v1/staff/nudges/preview?date_of_birth={born}&area=dorset"
        drafts = client.get(
            url + "&include_drafts=true", headers=author["headers"]
        ).get_json()
        assert [(e["slug"], e["date"], e["state"]) for e in drafts] == [
            ("dorset-baby-groups", (born + timedelta(days=42)).isoformat(), "draft")
        ]
        assert client.get(url, headers=author["headers"]).get_json() == []
        client.post(
            f"/api/v1/staff/nudges/{item['id']}/submit", headers=author["headers"]
        )
        assert_error(
            client.post(
                f"/api/v1/staff/nudges/{item['id']}/approve", headers=author["headers"]
            ),
            403,
        )
        approved = client.post(
            f"/api/v1/staff/nudges/{item['id']}/approve", headers=editor["headers"]
        )
        assert approved.get_json()["status"] == "published"
        live = client.get(url, headers=author["headers"]).get_json()
        assert [e["state"] for e in live] == ["upcoming"]

    def test_preview_for_a_pregnancy_and_a_premature_baby(self, app, client):
        publish_rule(app, "whooping-cough", anchor="due_date", pregnancy_week=16)
        publish_rule(
            app, "solids", offset_days=182, age_basis="corrected", topic="feeding"
        )
        publish_rule(app, "first-jabs", offset_days=56)
        staff = make_staff(app, client, role="editor", areas=("national",))
        due = TODAY + timedelta(weeks=10)
        preg = client.get(
            f"/api/v1/staff/nudges/preview?due_date={due}", headers=staff["headers"]
        ).get_json()
        # The whole timeline: after-birth rules are dated from the due date, as
        # estimates.
        assert [(e["slug"], e["date"], e["is_estimate"]) for e in preg] == [
            ("whooping-cough", (due - timedelta(days=280 - 112)).isoformat(), False),
            ("first-jabs", (due + timedelta(days=56)).isoformat(), True),
            ("solids", (due + timedelta(days=182)).isoformat(), True),
        ]
        born = TODAY - timedelta(days=20)
        baby = client.get(
            f"/api/v1/staff/nudges/preview?date_of_birth={born}&gestation_weeks=33",
            headers=staff["headers"],
        ).get_json()
        assert [(e["slug"], e["date"]) for e in baby] == [
            ("first-jabs", (born + timedelta(days=56)).isoformat()),
            ("solids", (born + timedelta(days=49 + 182)).isoformat()),
        ]

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            (
                {"anchor": "birth", "pregnancy_week": 12, "offset_days": None},
                "pregnancy_week",
            ),
            ({"offset_days": 10, "age_weeks": 2}, "offset_days"),
            ({"body": "x" * 121}, "body"),
            ({"urgency": "panic"}, "urgency"),
            ({"ttl_seconds": 0}, "ttl_seconds"),
            ({"born_from": "2025-01-01", "born_until": "2024-01-01"}, "born_from"),
            ({"audience": "grandparent"}, "audience"),
        ],
    )
    def test_bad_rules_are_422(self, app, client, changes, field):
        staff = make_staff(app, client, role="author", areas=("national",))
        data = {**rule_data("bad-rule"), **changes}
        data = {k: v for k, v in data.items() if v is not None}
        response = client.post(
            "/api/v1/staff/nudges", json=data, headers=staff["headers"]
        )
        assert field in assert_error(response, 422)["fields"]

    def test_preview_needs_one_anchor(self, app, client):
        staff = make_staff(app, client, role="author", areas=("national",))
        assert_error(
            client.get("/api/v1/staff/nudges/preview", headers=staff["headers"]), 422
        )

    def test_stats_count_without_naming_anyone(self, app, client):
        from parent_app.extensions import db
        from parent_app.nudges.planner import plan_due_nudges
        from parent_app.outbox.sender import send_due_pushes

        item_id = publish_rule(app, "first-jabs", offset_days=1, send_window_days=30)
        parent = make_parent(client)
        add_baby(client, parent, date_of_birth=TODAY - timedelta(days=3))
        client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=parent["headers"]
        )
        with app.app_context():
            plan_due_nudges(now=datetime.now(UTC))
            db.session.commit()
            send_due_pushes(
                FakePushSender(),
                now=datetime.now(UTC) + timedelta(days=1),
                rng=random.Random(2),
            )
        editor = make_staff(app, client, role="editor", areas=("national",))
        stats = client.get(
            f"/api/v1/staff/nudges/{item_id}/stats", headers=editor["headers"]
        ).get_json()
        assert (
            stats["planned"] == 1
            and stats["in_inbox"] == 1
            and stats["pushes"] == {"sent": 1}
        )
        assert "parent" not in str(stats)
        dorset = make_staff(app, client, role="editor", areas=("dorset",))
        assert_error(
            client.get(
                f"/api/v1/staff/nudges/{item_id}/stats", headers=dorset["headers"]
            ),
            404,
        )


class TestPushSubscriptions:
    def test_vapid_public_key_is_served(self, client, app):
        assert client.get("/api/v1/push/vapid-public-key").get_json() == {
            "public_key": app.config["VAPID_PUBLIC_KEY"]
        }

    def test_subscribe_upserts_by_endpoint_and_unsubscribe_removes(self, client):
        parent = make_parent(client)
        first = client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=parent["headers"]
        )
        again = client.post(
            "/api/v1/push/subscriptions", json=subscription(), headers=parent["headers"]
        )
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.get_json()["id"] == again.get_json()["id"]
        gone = client.delete(
            "/api/v1/push/subscriptions",
            json={"endpoint": subscription()["endpoint"]},
            headers=parent["headers"],
        )
        assert gone.status_code == 204
        assert_error(
            client.delete(
                "/api/v1/push/subscriptions",
                json={"endpoint": subscription()["endpoint"]},
                headers=parent["headers"],
            ),
            404,
        )

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            (subscription(endpoint="http://fcm.googleapis.com/fcm/send/x"), "endpoint"),
            (
                subscription(endpoint="https://169.254.169.254/latest/meta-data"),
                "endpoint",
            ),
            (subscription(endpoint="https://localhost:5432/x"), "endpoint"),
            (
                subscription(endpoint="https://fcm.googleapis.com.evil.example/x"),
                "endpoint",
            ),
            (subscription(endpoint="https://user:pw@fcm.googleapis.com/x"), "endpoint"),
            (subscription(p256dh="A" * 87), "keys.p256dh"),
            (subscription(auth="AAAAAAAAAAAAAAAAAAAAAAAAAA"), "keys.auth"),
            ({"endpoint": "https://fcm.googleapis.com/x"}, "keys"),
        ],
    )
    def test_only_allow_listed_https_push_services_and_real_keys(
        self, client, payload, field
    ):
        parent = make_parent(client)
        response = client.post(
            "/api/v1/push/subscriptions", json=payload, headers=parent["headers"]
        )
        assert field in assert_error(response, 422)["fields"]


class TestInboxAndTimeline:
    def _deliver(self, app, client):
        from parent_app.extensions import db
        from parent_app.nudges.planner import plan_due_nudges
        from parent_app.outbox.sender import send_due_pushes

        publish_rule(
            app,
            "first-week",
            offset_days=1,
            send_window_days=30,
            title="Your first week",
        )
        publish_rule(app, "first-jabs", offset_days=56, title="Jabs are due")
        parent = make_parent(client)
        baby = add_baby(
            client, parent, date_of_birth=TODAY - timedelta(days=3), name="Ada"
        )
        with app.app_context():
            plan_due_nudges(now=datetime.now(UTC))
            db.session.commit()
            send_due_pushes(
                FakePushSender(),
                now=datetime.now(UTC) + timedelta(days=1),
                rng=random.Random(3),
            )
        return parent, baby

    def test_inbox_lists_and_marks_read_only_my_notifications(self, app, client):
        parent, _ = self._deliver(app, client)
        inbox = client.get(
            "/api/v1/notifications", headers=parent["headers"]
        ).get_json()["items"]
        assert [(n["title"], n["body"]) for n in inbox] == [
            ("Your first week", "A reminder about Ada.")
        ]
        stranger = make_parent(client)
        assert (
            client.get("/api/v1/notifications", headers=stranger["headers"]).get_json()[
                "items"
            ]
            == []
        )
        assert_error(
            client.post(
                f"/api/v1/notifications/{inbox[0]['id']}/read",
                headers=stranger["headers"],
            ),
            404,
        )
        read = client.post(
            f"/api/v1/notifications/{inbox[0]['id']}/read", headers=parent["headers"]
        )
        assert read.get_json()["read_at"] is not None
        assert (
            client.get(
                "/api/v1/notifications?unread=true", headers=parent["headers"]
            ).get_json()["items"]
            == []
        )

    def test_timeline_shows_what_was_sent_and_what_is_coming(self, app, client):
        parent, baby = self._deliver(app, client)
        timeline = client.get(
            f"/api/v1/babies/{baby['id']}/timeline", headers=parent["headers"]
        ).get_json()
        assert [(e["slug"], e["state"]) for e in timeline] == [
            ("first-week", "sent"),
            ("first-jabs", "upcoming"),
        ]
        assert (
            timeline[1]["date"]
            == (TODAY - timedelta(days=3) + timedelta(days=56)).isoformat()
        )
        feed = client.get(
            f"/api/v1/feed?baby_id={baby['id']}", headers=parent["headers"]
        ).get_json()
        assert [k["rule"] for k in feed["key_dates"]] == ["first-jabs"]
        stranger = make_parent(client)
        assert_error(
            client.get(
                f"/api/v1/babies/{baby['id']}/timeline", headers=stranger["headers"]
            ),
            404,
        )


def test_my_devices_201_then_200_a_list_and_a_test_push_now(client, app):
    from parent_app.outbox.sender import send_due_pushes

    parent = make_parent(client)
    url = "/api/v1/push/subscriptions"
    assert_error(client.post("/api/v1/push/test", headers=parent["headers"]), 409)
    first = client.post(url, json=subscription(), headers=parent["headers"])
    again = client.post(url, json=subscription(), headers=parent["headers"])
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    client.post(
        url,
        json=subscription(endpoint="https://fcm.googleapis.com/fcm/send/phone2"),
        headers=parent["headers"],
    )
    devices = client.get(url, headers=parent["headers"]).get_json()
    assert [d["endpoint"].rsplit("/", 1)[1] for d in devices] == ["phone2", "abc"]
    other = make_parent(client)
    assert client.get(url, headers=other["headers"]).get_json() == []

    test = client.post("/api/v1/push/test", headers=parent["headers"])
    assert test.status_code == 202 and test.get_json()["devices"] == 2
    sender = FakePushSender()
    with app.app_context():
        report = send_due_pushes(
            sender, now=datetime.now(UTC) + timedelta(seconds=1), rng=random.Random(1)
        )
    assert report.outcomes["sent"] == 2, report
    titles = [n["title"] for n in inbox_of(client, parent)]
    assert titles == ["Notifications are working"]


def inbox_of(client, parent):
    response = client.get("/api/v1/notifications", headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]
