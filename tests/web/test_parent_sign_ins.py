"""Your sign-ins page: every place the account is signed in (web and apps), "this
device" marked; sign out one, or everywhere else; someone else's is a 404."""

from __future__ import annotations

import re

from tests.factories import PASSWORD, bearer, make_parent
from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import sign_up


def _app_login(client, email: str, agent: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"User-Agent": agent},
    )
    assert response.status_code == 200, response.get_json()
    return bearer(response.get_json()["token"])


FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"


def _sign_out_paths(page) -> list[str]:
    return re.findall(
        r'action="(/account/sign-ins/\d+/sign-out)"', page.get_data(as_text=True)
    )


def test_the_page_lists_every_sign_in_and_marks_this_device(app, client):
    email = sign_up(client)
    phone = _app_login(app.test_client(), email, FIREFOX_ANDROID)
    page = client.get("/account/sign-ins")
    assert page.status_code == 200
    words = text_of(page)
    assert "Your sign-ins" in words
    assert "Firefox on Android" in words
    assert words.count("This device") == 1
    assert "Signed in on " in words and "Last used on " in words
    assert len(_sign_out_paths(page)) == 1  # this device signs out from its button
    assert "Your sign-ins" in text_of(client.get("/account"))
    assert app.test_client().get("/api/v1/me", headers=phone).status_code == 200


def test_sign_out_one_ends_that_sign_in_at_once(app, client):
    email = sign_up(client)
    phone = _app_login(app.test_client(), email, FIREFOX_ANDROID)
    [path] = _sign_out_paths(client.get("/account/sign-ins"))
    done = submit(client, "/account/sign-ins", {}, to=path)
    assert done.status_code == 302
    assert app.test_client().get("/api/v1/me", headers=phone).status_code == 401
    assert "Firefox on Android" not in text_of(client.get("/account/sign-ins"))
    assert client.get("/account").status_code == 200  # this browser stays in
    again = submit(client, "/account/sign-ins", {}, to=path)
    assert again.status_code == 404


def test_someone_elses_sign_in_is_a_404(app, client):
    other = make_parent(client)
    sign_up(client)
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import ApiToken

    with app.app_context():
        other_id = db.session.scalar(
            select(ApiToken.id).where(ApiToken.user_id == other["user"]["id"])
        )
    page = submit(
        client, "/account/sign-ins", {}, to=f"/account/sign-ins/{other_id}/sign-out"
    )
    assert page.status_code == 404
    assert (
        app.test_client().get("/api/v1/me", headers=other["headers"]).status_code == 200
    )


def test_sign_out_everywhere_else_keeps_this_browser(app, client):
    email = sign_up(client)
    phone = _app_login(app.test_client(), email, FIREFOX_ANDROID)
    laptop = app.test_client()
    assert (
        submit(laptop, "/sign-in", {"email": email, "password": PASSWORD}).status_code
        == 302
    )
    done = submit(
        client, "/account/sign-ins", {}, to="/account/sign-ins/sign-out-others"
    )
    assert done.status_code == 302
    assert app.test_client().get("/api/v1/me", headers=phone).status_code == 401
    assert laptop.get("/account").status_code == 302  # sent to sign in
    page = client.get("/account/sign-ins")
    assert page.status_code == 200
    assert _sign_out_paths(page) == []
    assert "Sign out everywhere else" not in text_of(page)


def test_the_sign_ins_page_needs_a_sign_in_and_a_csrf_token(app, client):
    assert client.get("/account/sign-ins").status_code == 302
    sign_up(client)
    assert client.post("/account/sign-ins/sign-out-others").status_code == 400
