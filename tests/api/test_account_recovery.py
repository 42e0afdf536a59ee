"""Email verification, password reset and change, over the real mail path (a local SMTP
server), with the refusals: expired and reused links, wrong old password."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import PASSWORD, assert_error, bearer, make_parent
from tests.mail_helpers import deliver, link_in, mails_to, token_in

NEW_PASSWORD = "tangerine kettle mountain"


def _login(client, email, password):
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}
    )


class TestEmailVerification:
    def test_register_mails_a_link_that_verifies_once(
        self, app, client, runner, smtp_server
    ):
        mum = make_parent(client)
        me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
        assert me["email_verified"] is False  # the account works meanwhile
        deliver(runner)
        [mail] = mails_to(smtp_server, mum["email"])
        assert mail["Subject"] == "Confirm your email address"
        assert link_in(mail).startswith("http://127.0.0.1:5000/verify-email?token=")
        html = mail.get_body(("html",)).get_content()
        assert "Confirm my email address" in html

        token = token_in(mail)
        ok = client.post("/api/v1/auth/verify-email", json={"token": token})
        assert ok.status_code == 200, ok.get_json()
        assert ok.get_json() == {"email": mum["email"], "email_verified": True}
        me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
        assert me["email_verified"] is True

        again = client.post("/api/v1/auth/verify-email", json={"token": token})
        assert_error(again, 404, "invalid_link")
        resend = client.post("/api/v1/me/email-verification", headers=mum["headers"])
        assert_error(resend, 409, "already_verified")

    def test_an_expired_or_made_up_link_is_refused(
        self, app, client, runner, smtp_server
    ):
        from parent_app.accounts.verification import verify_email
        from parent_app.errors import NotFound

        mum = make_parent(client)
        deliver(runner)
        token = token_in(mails_to(smtp_server, mum["email"])[0])
        with app.app_context(), pytest.raises(NotFound):
            verify_email(token, now=datetime.now(UTC) + timedelta(hours=73))
        made_up = client.post("/api/v1/auth/verify-email", json={"token": "x" * 43})
        assert_error(made_up, 404, "invalid_link")
        missing = client.post("/api/v1/auth/verify-email", json={})
        assert_error(missing, 422)

    def test_a_new_link_replaces_the_old_one(self, app, client, runner, smtp_server):
        mum = make_parent(client)
        resend = client.post("/api/v1/me/email-verification", headers=mum["headers"])
        assert resend.status_code == 202
        deliver(runner)
        first, second = mails_to(smtp_server, mum["email"])
        old = client.post("/api/v1/auth/verify-email", json={"token": token_in(first)})
        assert_error(old, 404, "invalid_link")
        new = client.post("/api/v1/auth/verify-email", json={"token": token_in(second)})
        assert new.status_code == 200

    def test_changing_the_email_needs_the_password_and_verifies_again(
        self, app, client, runner, smtp_server
    ):
        mum = make_parent(client)
        deliver(runner)
        old_link = token_in(mails_to(smtp_server, mum["email"])[0])
        wrong = client.post(
            "/api/v1/me/email",
            json={"email": "new@example.org", "password": "not my password"},
            headers=mum["headers"],
        )
        assert_error(wrong, 403, "wrong_password")
        changed = client.post(
            "/api/v1/me/email",
            json={"email": "New@Example.org", "password": PASSWORD},
            headers=mum["headers"],
        )
        assert changed.status_code == 200, changed.get_json()
        body = changed.get_json()
        assert body["email"] == "new@example.org" and body["email_verified"] is False
        deliver(runner)
        [notice] = [
            m
            for m in mails_to(smtp_server, mum["email"])
            if m["Subject"] == "Your email address was changed"
        ]
        assert "new@example.org" not in notice.get_body(("plain",)).get_content()
        # A link sent to the old address cannot confirm the new one.
        stale = client.post("/api/v1/auth/verify-email", json={"token": old_link})
        assert_error(stale, 404, "invalid_link")
        [mail] = mails_to(smtp_server, "new@example.org")
        ok = client.post("/api/v1/auth/verify-email", json={"token": token_in(mail)})
        assert ok.get_json() == {"email": "new@example.org", "email_verified": True}

    def test_an_email_another_account_has_is_a_conflict(self, client):
        mum, dad = make_parent(client), make_parent(client, role="partner")
        taken = client.post(
            "/api/v1/me/email",
            json={"email": dad["email"], "password": PASSWORD},
            headers=mum["headers"],
        )
        assert_error(taken, 409, "email_taken")
        assert _login(client, mum["email"], PASSWORD).status_code == 200


class TestPasswordReset:
    def _request(self, client, email):
        response = client.post("/api/v1/auth/password-reset", json={"email": email})
        assert response.status_code == 202
        assert "If this address has an account" in response.get_json()["message"]
        return response

    def test_walk_through_reset_signs_out_everywhere(
        self, app, client, runner, smtp_server
    ):
        mum = make_parent(client)
        second = _login(client, mum["email"], PASSWORD).get_json()["token"]
        self._request(client, mum["email"].upper())
        deliver(runner)
        [mail] = [
            m
            for m in mails_to(smtp_server, mum["email"])
            if m["Subject"] == "Reset your password"
        ]
        assert link_in(mail).startswith("http://127.0.0.1:5000/reset-password?token=")
        token = token_in(mail)

        weak = client.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": token, "password": "password123"},
        )
        assert "password" in assert_error(weak, 422)["fields"]
        done = client.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": token, "password": NEW_PASSWORD},
        )
        assert done.status_code == 204, done.get_json()

        for old in (mum["token"], second):
            assert_error(client.get("/api/v1/me", headers=bearer(old)), 401)
        assert_error(_login(client, mum["email"], PASSWORD), 401)
        fresh = _login(client, mum["email"], NEW_PASSWORD)
        assert fresh.status_code == 200
        me = client.get("/api/v1/me", headers=bearer(fresh.get_json()["token"]))
        assert me.get_json()["email_verified"] is True  # the link proved the address

        reused = client.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": token, "password": "another fine long phrase"},
        )
        assert_error(reused, 404, "invalid_link")
        deliver(runner)
        assert any(
            m["Subject"] == "Your password was changed"
            for m in mails_to(smtp_server, mum["email"])
        )

    def test_the_answer_is_the_same_for_an_unknown_address(
        self, client, runner, smtp_server
    ):
        unknown = self._request(client, "nobody@example.org")
        mum = make_parent(client)
        known = self._request(client, mum["email"])
        assert unknown.get_data() == known.get_data()
        deliver(runner)
        assert mails_to(smtp_server, "nobody@example.org") == []

    def test_a_reset_link_expires_after_an_hour(self, app, client, runner, smtp_server):
        from parent_app.accounts.password_reset import confirm_password_reset
        from parent_app.errors import NotFound

        mum = make_parent(client)
        self._request(client, mum["email"])
        deliver(runner)
        token = token_in(mails_to(smtp_server, mum["email"])[-1])
        with app.app_context(), pytest.raises(NotFound):
            confirm_password_reset(
                token,
                password=NEW_PASSWORD,
                now=datetime.now(UTC) + timedelta(minutes=61),
            )
        # A verification token is not a reset token.
        verify_token = token_in(mails_to(smtp_server, mum["email"])[0])
        wrong_kind = client.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": verify_token, "password": NEW_PASSWORD},
        )
        assert_error(wrong_kind, 404, "invalid_link")

    def test_one_address_gets_at_most_three_reset_mails_an_hour(
        self, client, runner, smtp_server
    ):
        mum = make_parent(client)
        for _ in range(4):
            self._request(client, mum["email"])
        deliver(runner)
        resets = [
            m
            for m in mails_to(smtp_server, mum["email"])
            if m["Subject"] == "Reset your password"
        ]
        assert len(resets) == 3

    def test_one_client_may_ask_five_times_in_fifteen_minutes(self, client):
        for n in range(5):
            self._request(client, f"someone{n}@example.org")
        limited = client.post(
            "/api/v1/auth/password-reset", json={"email": "someone@example.org"}
        )
        assert_error(limited, 429)


class TestChangePassword:
    def test_old_password_required_and_other_sign_ins_end(self, client):
        mum = make_parent(client)
        other = _login(client, mum["email"], PASSWORD).get_json()["token"]
        wrong = client.post(
            "/api/v1/me/password",
            json={"old_password": "not it at all", "new_password": NEW_PASSWORD},
            headers=mum["headers"],
        )
        assert_error(wrong, 403, "wrong_password")
        weak = client.post(
            "/api/v1/me/password",
            json={"old_password": PASSWORD, "new_password": "password1234"},
            headers=mum["headers"],
        )
        assert "password" in assert_error(weak, 422)["fields"]
        ok = client.post(
            "/api/v1/me/password",
            json={"old_password": PASSWORD, "new_password": NEW_PASSWORD},
            headers=mum["headers"],
        )
        assert ok.status_code == 204
        assert client.get("/api/v1/me", headers=mum["headers"]).status_code == 200
        assert_error(client.get("/api/v1/me", headers=bearer(other)), 401)
        assert _login(client, mum["email"], NEW_PASSWORD).status_code == 200
        assert_error(_login(client, mum["email"], PASSWORD), 401)
