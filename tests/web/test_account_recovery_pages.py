"""The pages the account mails link to: confirm an email address, ask for a reset link,
choose a new password (which signs out every session, web ones included)."""

from __future__ import annotations

from tests.factories import PASSWORD, make_parent
from tests.mail_helpers import deliver, link_in, mails_to, token_in
from tests.web.helpers import submit, text_of

NEW_PASSWORD = "tangerine kettle mountain"


def _path(link: str) -> str:
    return link.removeprefix("http://127.0.0.1:5000")


def test_the_verification_link_opens_a_page_whose_button_confirms(
    app, client, runner, smtp_server
):
    mum = make_parent(client)
    deliver(runner)
    path = _path(link_in(mails_to(smtp_server, mum["email"])[0]))
    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm your email address" in text_of(page)
    # Opening the link alone (as a mail scanner does) confirms nothing.
    me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
    assert me["email_verified"] is False
    done = submit(client, path, {})
    assert done.status_code == 200
    assert "Your email address is confirmed" in text_of(done)
    me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
    assert me["email_verified"] is True
    again = submit(client, path, {})
    assert again.status_code == 404
    assert "expired or been used already" in text_of(again)


def test_forgotten_password_pages_reset_and_sign_out_the_web_session(
    app, client, runner, smtp_server
):
    mum = make_parent(client)
    signed_in = submit(
        client, "/sign-in", {"email": mum["email"], "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get("/account").status_code == 200

    other = app.test_client()
    sent = submit(other, "/forgot-password", {"email": mum["email"]})
    assert "If " + mum["email"] + " has an account" in text_of(sent)
    unknown = submit(other, "/forgot-password", {"email": "nobody@example.org"})
    assert text_of(unknown).replace("nobody@example.org", mum["email"]) == text_of(sent)
    deliver(runner)
    [mail] = [
        m
        for m in mails_to(smtp_server, mum["email"])
        if m["Subject"] == "Reset your password"
    ]
    path = _path(link_in(mail))
    assert "Choose a new password" in text_of(other.get(path))

    mismatch = submit(
        other, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert "The two passwords are not the same" in text_of(mismatch)
    weak = submit(other, path, {"password": "password123", "confirm": "password123"})
    assert "too easy to guess" in text_of(weak)
    done = submit(other, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert "Your password is changed" in text_of(done)

    # The browser that was signed in is signed out, and so is the API token.
    assert client.get("/account").status_code == 302
    assert client.get("/api/v1/me", headers=mum["headers"]).status_code == 401
    assert other.get(path).status_code == 404
    assert token_in(mail) not in other.get(path).get_data(as_text=True)


def test_a_made_up_reset_link_shows_a_page_not_a_form(client):
    page = client.get("/reset-password?token=made-up")
    assert page.status_code == 404
    assert "This link does not work" in text_of(page)
    assert 'name="password"' not in page.get_data(as_text=True)
    assert client.get("/verify-email").status_code == 404


def test_an_unconfirmed_parent_sees_a_banner_that_sends_the_link_again(
    app, client, runner, smtp_server
):
    from tests.web.parent_helpers import sign_up

    email = sign_up(client)
    home = text_of(client.get("/"))
    assert "Confirm your email address" in home
    assert "We sent a link to " + email in home
    assert "Confirm your email address" in text_of(client.get("/account"))

    again = submit(client, "/", {}, to="/account/email-verification?next=/")
    assert again.status_code == 302
    assert again.headers["Location"] == "/"
    assert "We have sent a new link to " + email in text_of(client.get("/"))
    deliver(runner)
    first, second = mails_to(smtp_server, email)
    assert second["Subject"] == "Confirm your email address"
    # Only the newest link works; it confirms the address and the banner goes.
    assert submit(client, _path(link_in(first)), {}).status_code == 404
    done = submit(client, _path(link_in(second)), {})
    assert "Your email address is confirmed" in text_of(done)
    assert "Confirm your email address" not in text_of(client.get("/"))
    confirmed = submit(client, "/account", {}, to="/account/email-verification")
    assert confirmed.headers["Location"] == "/account"
    assert "already confirmed" in text_of(client.get("/account"))


def test_sending_the_link_again_is_rate_limited_and_needs_a_sign_in(app, client):
    from tests.web.parent_helpers import sign_up

    signed_out = app.test_client()
    assert (
        signed_out.post("/account/email-verification", data={}).status_code == 400
    )  # no CSRF token: refused before anything else
    sign_up(client)
    limit = app.config["RATELIMIT_RESET_REQUESTS"]
    app.config["RATELIMIT_RESET_REQUESTS"] = "2 per minute"
    try:
        codes = [
            submit(client, "/", {}, to="/account/email-verification").status_code
            for _ in range(3)
        ]
    finally:
        app.config["RATELIMIT_RESET_REQUESTS"] = limit
    assert codes == [302, 302, 429]
