"""Web sign-in shared by the staff console and the parent app: CSRF, the session
cookie, idle timeout, sign-out, the wrong side's accounts, error pages and headers."""

from __future__ import annotations

import re
import time

from sqlalchemy import select

from tests.factories import PASSWORD, make_parent, make_staff
from tests.web.helpers import submit, text_of


def _sign_in(client, side_url, email):  # type: ignore[no-untyped-def]
    return submit(client, side_url, {"email": email, "password": PASSWORD})


def test_staff_sign_in_leads_to_the_console_and_sign_out_revokes_the_session(
    app, client
):
    staff = make_staff(app, client, role="editor")
    page = client.get("/staff/")
    assert page.status_code == 302
    assert page.headers["Location"] == "/staff/sign-in?next=/staff/"

    signed_in = _sign_in(client, "/staff/sign-in?next=/staff/", staff["email"])
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/staff/"
    assert staff["email"] in text_of(client.get("/staff/"))

    home = client.get("/staff/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', home.get_data(as_text=True))
    assert token
    out = client.post("/staff/sign-out", data={"csrf_token": token.group(1)})
    assert out.status_code == 302
    assert client.get("/staff/").status_code == 302
    from parent_app.extensions import db
    from parent_app.models import ApiToken, User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == staff["email"]))
        tokens = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id))
        web_tokens = [t for t in tokens if t.token_hash != _hash(staff["token"])]
        assert web_tokens and all(t.revoked_at is not None for t in web_tokens)


def _hash(raw: str) -> str:
    from parent_app.accounts.tokens import hash_token

    return hash_token(raw)


def test_a_post_without_the_csrf_token_is_refused_with_a_page(app, client):
    staff = make_staff(app, client)
    response = client.post(
        "/staff/sign-in", data={"email": staff["email"], "password": PASSWORD}
    )
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "There is a problem with the page you sent" in text_of(response)
    assert client.get("/staff/").status_code == 302  # not signed in


def test_wrong_password_shows_the_error_summary_and_inline_error(app, client):
    staff = make_staff(app, client)
    page = submit(
        client,
        "/staff/sign-in",
        {"email": staff["email"], "password": "nope nope nope"},
    )
    assert page.status_code == 200
    words = text_of(page)
    assert "<title>Error: Sign in" in page.get_data(as_text=True)
    assert "There is a problem" in words
    assert "The email or password is not right." in words
    assert 'href="#email"' in page.get_data(as_text=True)


def test_empty_form_names_each_missing_field(client):
    page = submit(client, "/sign-in", {"email": "", "password": ""})
    words = text_of(page)
    assert "Enter your email address" in words
    assert "Enter your password" in words


def test_a_parent_cannot_sign_in_to_the_staff_console(client):
    parent = make_parent(client)
    page = _sign_in(client, "/staff/sign-in", parent["email"])
    assert page.status_code == 200
    assert "This sign-in is for family hub staff" in text_of(page)
    assert client.get("/staff/").status_code == 302


def test_staff_cannot_sign_in_to_the_parent_app(app, client):
    staff = make_staff(app, client)
    page = _sign_in(client, "/sign-in", staff["email"])
    assert "This sign-in is for parents" in text_of(page)
    assert client.get("/account").status_code == 302


def test_sign_in_starts_a_new_session_cookie(app, client):
    staff = make_staff(app, client)
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    _sign_in(client, "/staff/sign-in", staff["email"])
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["audience"] == "staff"


def test_an_idle_staff_session_ends(app, client):
    staff = make_staff(app, client)
    _sign_in(client, "/staff/sign-in", staff["email"])
    assert client.get("/staff/").status_code == 200
    idle = app.config["STAFF_IDLE_MINUTES"] * 60 + 5
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - idle
    assert client.get("/staff/").status_code == 302


def test_a_parent_stays_signed_in_after_an_hour(client):
    parent = make_parent(client)
    _sign_in(client, "/sign-in", parent["email"])
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 3600
    assert client.get("/account").status_code == 200


def test_sign_in_never_redirects_off_the_site(app, client):
    staff = make_staff(app, client)
    for target in ("//evil.example/", "https://evil.example/", "javascript:alert(1)"):
        response = _sign_in(client, f"/staff/sign-in?next={target}", staff["email"])
        assert response.headers["Location"] == "/staff/"


def test_revoking_the_token_ends_the_web_session(app, client):
    staff = make_staff(app, client)
    _sign_in(client, "/staff/sign-in", staff["email"])
    from datetime import UTC, datetime

    from parent_app.accounts.tokens import revoke_token
    from parent_app.extensions import db

    with client.session_transaction() as session:
        raw = session["token"]
    with app.app_context():
        revoke_token(raw, now=datetime.now(UTC))
        db.session.commit()
    assert client.get("/staff/").status_code == 302


def test_pages_carry_a_strict_content_security_policy_with_a_nonce(client):
    page = client.get("/sign-in")
    csp = page.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    body = page.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", body)
    assert inline and all(f'nonce="{nonce.group(1)}"' in attrs for attrs in inline)
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        client.get("/sign-in").headers["Content-Security-Policy"] != csp
    )  # fresh nonce


def test_the_session_cookie_is_http_only_and_same_site(app, client):
    staff = make_staff(app, client)
    response = _sign_in(client, "/staff/sign-in", staff["email"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_cookies_are_secure():
    from config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True
    assert ProductionConfig.HSTS_SECONDS > 0


def test_errors_on_pages_are_pages_and_on_the_api_json(client):
    page = client.get("/staff/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Page not found" in text_of(page)
    assert client.get("/no-such-page").mimetype == "text/html"
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.get_json()["error"]["code"] == "not_found"
    assert "Content-Security-Policy" not in api.headers


def test_too_many_sign_in_attempts_get_a_page(app, client):
    limit = app.config["RATELIMIT_AUTH"]
    app.config["RATELIMIT_AUTH"] = "2 per minute"
    try:
        codes = [
            submit(
                client, "/sign-in", {"email": "a@example.org", "password": "x"}
            ).status_code
            for _ in range(3)
        ]
    finally:
        app.config["RATELIMIT_AUTH"] = limit
    assert codes[-1] == 429
