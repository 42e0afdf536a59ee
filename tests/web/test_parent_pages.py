"""The parent app's other pages: articles, reminders (inbox, settings, the push
subscription), recording a birth or a loss, my data, the manifest and service
worker."""

from __future__ import annotations

import json

from tests.factories import PASSWORD, publish_article
from tests.web.helpers import csrf_token_of, submit, text_of
from tests.web.parent_helpers import (
    add_pregnancy,
    date_fields,
    deliver_notification,
    sign_up,
    today,
    weeks_ahead,
)

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"
KEYS = {
    # A real P-256 point (uncompressed) and a 16-byte secret, base64url.
    "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1"
    "XbjhazAkj7I99e8QcYP7DkM",
    "auth": "tBHItJI5svbpez7KI4CCXg",
}


class TestArticles:
    def test_articles_by_topic_and_an_article_with_its_source(self, app, client):
        publish_article(app, "sleeping-safely", topic="sleep-and-safety")
        publish_article(app, "feeling-low", topic="wellbeing")
        listing = text_of(client.get("/articles?topic=sleep-and-safety"))
        assert "Sleeping safely" in listing and "Feeling low" not in listing
        page = client.get("/articles/sleeping-safely")
        text = text_of(page)
        assert "All about sleeping-safely." in text
        assert "Source: NHS" in text
        assert "Next review due: 1 June 2027" in text

    def test_another_areas_article_is_not_found(self, app, client):
        publish_article(app, "hampshire-groups", area="hampshire")
        sign_up(client, area="dorset")
        assert client.get("/articles/hampshire-groups").status_code == 404
        assert "Hampshire groups" not in text_of(client.get("/articles"))

    def test_a_local_article_is_shown_to_a_parent_of_that_area(self, app, client):
        publish_article(app, "dorset-groups", area="dorset")
        sign_up(client, area="dorset")
        assert client.get("/articles/dorset-groups").status_code == 200


class TestReminders:
    def test_the_inbox_lists_reminders_and_opening_one_marks_it_read(self, app, client):
        email = sign_up(client)
        first = deliver_notification(app, email, "Book your flu jab")
        deliver_notification(app, email, "Vaccines at 8 weeks", article_slug="jabs")
        inbox = client.get("/notifications")
        text = text_of(inbox)
        assert text.index("Vaccines at 8 weeks") < text.index("Book your flu jab")
        assert text.count("New") == 2
        assert 'href="/articles/jabs"' in inbox.get_data(as_text=True)
        opened = text_of(client.get(f"/notifications/{first}"))
        assert "Book your flu jab: the details." in opened
        assert text_of(client.get("/notifications")).count("New") == 1

    def test_another_parents_reminder_is_a_404(self, app, client):
        email = sign_up(client)
        mine = deliver_notification(app, email, "Book your flu jab")
        other = app.test_client()
        sign_up(other)
        assert other.get(f"/notifications/{mine}").status_code == 404

    def test_settings_are_saved_and_checked(self, client):
        sign_up(client)
        bad = submit(
            client,
            "/notifications/settings",
            {"reminder_time": "25:00", "quiet_start": "21:00", "timezone": "Mars/Base"},
        )
        text = text_of(bad)
        assert "Enter a time like 10:00 or 19:30" in text
        assert "Enter both the start and the end of quiet hours" in text
        zone = submit(
            client,
            "/notifications/settings",
            {"reminder_time": "19:30", "timezone": "Mars/Base"},
        )
        assert "Unknown time zone" in text_of(zone)
        saved = submit(
            client,
            "/notifications/settings",
            {
                "reminder_time": "19:30",
                "quiet_start": "21:00",
                "quiet_end": "07:00",
                "timezone": "Europe/London",
                "muted_topics": ["money", "feeding"],
            },
        )
        assert saved.headers["Location"] == "/notifications?saved=1"
        again = client.get("/notifications/settings").get_data(as_text=True)
        assert 'value="19:30"' in again and 'value="21:00"' in again
        assert 'value="money" checked' in again
        assert 'value="wellbeing" checked' not in again

    def test_the_push_subscription_is_saved_and_removed(self, app, client):
        sign_up(client)
        setup = client.get("/push/setup").get_json()
        assert setup["vapid_public_key"] == app.config["VAPID_PUBLIC_KEY"]
        headers = {"X-CSRFToken": setup["csrf_token"]}
        subscription = {"endpoint": ENDPOINT, "expirationTime": None, "keys": KEYS}
        assert (
            client.post("/push/subscription", json=subscription).status_code == 400
        ), "no CSRF token"
        saved = client.post("/push/subscription", json=subscription, headers=headers)
        assert saved.status_code == 201
        assert _subscriptions(app) == [ENDPOINT]
        gone = client.post(
            "/push/subscription/delete", json=subscription, headers=headers
        )
        assert gone.status_code == 200
        assert _subscriptions(app) == []

    def test_a_subscription_to_an_unknown_push_service_is_refused(self, app, client):
        sign_up(client)
        token = client.get("/push/setup").get_json()["csrf_token"]
        refused = client.post(
            "/push/subscription",
            json={"endpoint": "https://evil.example.org/push", "keys": KEYS},
            headers={"X-CSRFToken": token},
        )
        assert refused.status_code == 422
        assert _subscriptions(app) == []


def _subscriptions(app):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import PushSubscription

    with app.app_context():
        return list(db.session.scalars(select(PushSubscription.endpoint)))


class TestBirthAndLoss:
    def test_recording_the_birth_turns_the_week_to_the_babys_age(self, client):
        sign_up(client)
        add_pregnancy(client, weeks_ahead(1))
        page = submit(
            client,
            "/babies/1/birth",
            {**date_fields("date_of_birth", today()), "gestation_weeks": "39"},
        )
        assert page.headers["Location"] == "/?baby=1"
        week = text_of(client.get("/"))
        assert "Your baby is 0 days old" in week
        assert "pregnant" not in week

    def test_a_loss_needs_a_clear_yes_then_shows_support_to_both_adults(
        self, app, client
    ):
        publish_article(app, "grief", topic="loss-support", title="Coping with grief")
        publish_article(app, "your-bump", title="Your bump this week")
        sign_up(client)
        add_pregnancy(client, weeks_ahead(20))
        code = _invite(client)
        partner = app.test_client()
        sign_up(partner, role="partner")
        submit(partner, "/family/join", {"code": code})

        unanswered = submit(client, "/babies/1/loss", {})
        assert "Select yes or no" in text_of(unanswered)
        went_back = submit(client, "/babies/1/loss", {"confirm": "no"})
        assert went_back.headers["Location"] == "/account"
        assert "20 weeks pregnant" in text_of(client.get("/"))

        submit(client, "/babies/1/loss", {"confirm": "yes"})
        for adult in (client, partner):
            week = text_of(adult.get("/"))
            assert "We are so sorry" in week
            assert "Coping with grief" in week
            assert "Your bump this week" not in week
            assert "pregnant" not in week


def _invite(client):
    import re

    submit(client, "/", {}, to="/family/invite")
    return re.search(r"[2-9A-Z]{5}-[2-9A-Z]{5}", text_of(client.get("/"))).group(0)


class TestMyData:
    def test_download_my_data(self, client):
        email = sign_up(client)
        add_pregnancy(client, weeks_ahead(12))
        download = client.get("/account/my-data.json")
        assert download.headers["Content-Disposition"].startswith("attachment;")
        data = json.loads(download.get_data(as_text=True))
        assert data["account"][0]["email"] == email
        assert len(data["babies"]) == 1
        assert "password_hash" not in json.dumps(data)

    def test_delete_my_account_needs_the_password(self, client):
        email = sign_up(client)
        wrong = submit(client, "/account/delete", {"password": "not my password"})
        assert "The password is not right" in text_of(wrong)
        done = submit(client, "/account/delete", {"password": PASSWORD})
        assert done.headers["Location"] == "/account/deleted"
        assert client.get("/account").status_code == 302
        again = submit(client, "/sign-in", {"email": email, "password": PASSWORD})
        assert "The email or password is not right" in text_of(again)


class TestInstallable:
    def test_the_manifest_is_linked_and_valid(self, client):
        home = client.get("/").get_data(as_text=True)
        assert '<link rel="manifest" href="/manifest.webmanifest">' in home
        manifest = client.get("/manifest.webmanifest")
        assert manifest.mimetype == "application/manifest+json"
        body = manifest.get_json(force=True)
        assert body["display"] == "standalone" and body["start_url"] == "/"
        sizes = {icon["sizes"]: icon["src"] for icon in body["icons"]}
        assert set(sizes) == {"192x192", "512x512"}
        for size, src in sizes.items():
            response = client.get(src)
            png = response.get_data()
            response.close()
            width = int.from_bytes(png[16:20], "big")
            assert png[:8] == b"\x89PNG\r\n\x1a\n" and f"{width}x{width}" == size

    def test_the_service_worker_is_served_for_the_whole_app(self, client):
        worker = client.get("/sw.js")
        assert worker.mimetype == "text/javascript"
        assert worker.headers["Service-Worker-Allowed"] == "/"
        assert "no-cache" in worker.headers["Cache-Control"]
        assert 'addEventListener("push"' in worker.get_data(as_text=True)

    def test_the_offline_page(self, client):
        assert "You are offline" in text_of(client.get("/offline"))

    def test_pages_allow_only_our_own_scripts(self, client):
        page = client.get("/")
        policy = page.headers["Content-Security-Policy"]
        assert "script-src 'self' 'nonce-" in policy
        body = page.get_data(as_text=True)
        assert "<style" not in body and " style=" not in body
        assert csrf_token_of  # the helper stays importable for other tests
