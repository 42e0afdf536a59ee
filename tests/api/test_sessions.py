"""My sign-ins: listed with when and on what, revoked one by one or all but this one,
web sessions included; a revoked token stops working on its very next request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from parent_app.models.versions import clear_caches
from tests.factories import PASSWORD, assert_error, bearer, make_parent
from tests.web.helpers import submit

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Mobile Safari/537.36"
)
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _login(client, email, agent):
    response = client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"User-Agent": agent},
    )
    assert response.status_code == 200
    return bearer(response.get_json()["token"])


def _sessions(client, headers):
    response = client.get("/api/v1/me/sessions", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def test_sessions_list_each_sign_in_with_its_device_and_which_is_this_one(app, client):
    mum = make_parent(client)
    phone = _login(client, mum["email"], PHONE)
    _login(client, mum["email"], LAPTOP)
    web = app.test_client()
    web.environ_base["HTTP_USER_AGENT"] = LAPTOP
    assert (
        submit(web, "/sign-in", {"email": mum["email"], "password": PASSWORD})
    ).status_code == 302

    items = _sessions(client, phone)
    assert len(items) == 4
    hints = sorted(i["device_hint"] for i in items)
    assert "Chrome on Android" in hints and "Firefox on Linux (web)" in hints
    assert [i["device_hint"] for i in items if i["current"]] == ["Chrome on Android"]
    for item in items:
        assert item["created_at"].endswith("Z") and item["last_used_at"]
        assert "token" not in item and "token_hash" not in item
    other = make_parent(client)
    assert len(_sessions(client, other["headers"])) == 1


def test_revoking_one_sign_in_ends_it_at_once_and_others_cannot_touch_it(app, client):
    mum = make_parent(client)
    phone = _login(client, mum["email"], PHONE)
    assert client.get("/api/v1/me", headers=phone).status_code == 200
    [phone_id] = [i["id"] for i in _sessions(client, phone) if i["current"]]

    stranger = make_parent(client)
    theirs = client.delete(
        f"/api/v1/me/sessions/{phone_id}", headers=stranger["headers"]
    )
    assert_error(theirs, 404)
    assert client.get("/api/v1/me", headers=phone).status_code == 200

    gone = client.delete(f"/api/v1/me/sessions/{phone_id}", headers=mum["headers"])
    assert gone.status_code == 204
    # The very next request with the revoked token is refused: no cache may keep it.
    assert_error(client.get("/api/v1/me", headers=phone), 401)
    again = client.delete(f"/api/v1/me/sessions/{phone_id}", headers=mum["headers"])
    assert_error(again, 404)
    assert client.get("/api/v1/me", headers=mum["headers"]).status_code == 200


def test_sign_out_everywhere_else_keeps_only_this_sign_in(app, client):
    mum = make_parent(client)
    phone = _login(client, mum["email"], PHONE)
    web = app.test_client()
    submit(web, "/sign-in", {"email": mum["email"], "password": PASSWORD})
    assert web.get("/account").status_code == 200

    response = client.delete("/api/v1/me/sessions", headers=mum["headers"])
    assert response.get_json() == {"revoked": 2}
    assert_error(client.get("/api/v1/me", headers=phone), 401)
    assert web.get("/account").status_code == 302  # the web session ended too
    items = _sessions(client, mum["headers"])
    assert len(items) == 1 and items[0]["current"]


def test_last_use_is_kept_to_the_minute(app, client):
    from parent_app.accounts.tokens import authenticate, record_use
    from parent_app.extensions import db
    from parent_app.models import ApiToken

    mum = make_parent(client)
    with app.app_context():
        sign_in = authenticate(mum["token"], now=datetime.now(UTC))
        assert sign_in is not None and sign_in.last_used_at is not None
        now = sign_in.last_used_at
        assert record_use(sign_in, now=now + timedelta(seconds=30)) is False
        assert record_use(sign_in, now=now + timedelta(seconds=90)) is True
        db.session.commit()
        token = db.session.get(ApiToken, sign_in.token_id)
        assert token.last_used_at == now + timedelta(seconds=90)


def test_a_worker_writes_its_last_uses_together(app, client):
    """Under load a worker writes the last uses it noted in one go, at most every
    `write_every`, each with its own time; a later time already written stays."""
    from parent_app.accounts.tokens import authenticate, record_use, write_last_uses
    from parent_app.extensions import db
    from parent_app.models import ApiToken

    every = timedelta(seconds=15)
    mum, dad = make_parent(client), make_parent(client, role="partner")
    with app.app_context():
        first, second = (
            authenticate(parent["token"], now=datetime.now(UTC))
            for parent in (mum, dad)
        )
        assert first is not None and second is not None
        used = first.last_used_at + timedelta(minutes=5)

        def last_use(sign_in):
            db.session.expire_all()
            return db.session.get(ApiToken, sign_in.token_id).last_used_at

        assert record_use(first, now=used, write_every=every) is False
        assert (
            record_use(second, now=used + timedelta(seconds=10), write_every=every)
            is False
        )
        db.session.commit()
        assert last_use(first) == first.last_used_at  # noted, not written yet
        # Meanwhile another worker wrote a later use of dad's token.
        later = used + timedelta(minutes=3)
        db.session.get(ApiToken, second.token_id).last_used_at = later
        db.session.commit()
        # The next signed-in request this worker serves, 16 s after the first note.
        assert write_last_uses(now=used + timedelta(seconds=16), write_every=every)
        db.session.commit()
        assert last_use(first) == used
        assert last_use(second) == later


def test_the_sign_ins_list_shows_a_use_this_worker_has_not_written_yet(app, client):
    from parent_app.extensions import db
    from parent_app.models import ApiToken

    mum = make_parent(client)
    phone = _login(client, mum["email"], PHONE)
    app.config["LAST_USE_WRITE_SECONDS"] = 3600
    with app.app_context():
        token = db.session.scalars(
            select(ApiToken).where(ApiToken.device_hint.contains("Android"))
        ).one()
        token.last_used_at = datetime.now(UTC) - timedelta(hours=2)
        db.session.commit()
        clear_caches()
    assert client.get("/api/v1/me", headers=phone).status_code == 200
    for headers in (mum["headers"], phone):
        (item,) = [
            i for i in _sessions(client, headers) if "Android" in i["device_hint"]
        ]
        shown = datetime.fromisoformat(item["last_used_at"].replace("Z", "+00:00"))
        assert datetime.now(UTC) - shown < timedelta(minutes=2)
