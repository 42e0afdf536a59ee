"""Registration, sign-in, tokens and sign-out."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.factories import PASSWORD, assert_error, bearer, make_parent


def test_register_returns_the_user_and_a_working_token(client):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "  Sam@Example.ORG ",
            "password": PASSWORD,
            "role": "partner",
            "area": "hampshire",
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["user"]["email"] == "sam@example.org"
    assert body["user"]["role"] == "partner"
    me = client.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.get_json()["area"] == "hampshire"


def test_duplicate_email_is_a_409_whatever_its_case(client):
    make_parent(client, email="dup@example.org")
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "DUP@example.org",
            "password": PASSWORD,
            "role": "partner",
            "area": "dorset",
        },
    )
    assert_error(response, 409, "email_taken")


def test_unknown_area_is_a_422_on_area(client):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "a@example.org",
            "password": PASSWORD,
            "role": "partner",
            "area": "mars",
        },
    )
    assert "area" in assert_error(response, 422)["fields"]


def test_staff_roles_cannot_be_self_registered(client):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "a@example.org",
            "password": PASSWORD,
            "role": "editor",
            "area": "dorset",
        },
    )
    assert "role" in assert_error(response, 422)["fields"]


def test_login_with_wrong_password_or_unknown_email_is_the_same_401(client):
    make_parent(client, email="who@example.org")
    wrong = client.post(
        "/api/v1/auth/login", json={"email": "who@example.org", "password": "nope"}
    )
    unknown = client.post(
        "/api/v1/auth/login", json={"email": "x@example.org", "password": "nope"}
    )
    assert assert_error(wrong, 401) == assert_error(unknown, 401)


def test_login_gives_a_new_token(client):
    parent = make_parent(client, email="in@example.org")
    response = client.post(
        "/api/v1/auth/login", json={"email": "IN@example.org", "password": PASSWORD}
    )
    token = response.get_json()["token"]
    assert token != parent["token"]
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 200


def test_logout_revokes_the_token(client):
    parent = make_parent(client)
    assert (
        client.post("/api/v1/auth/logout", headers=parent["headers"]).status_code == 204
    )
    assert_error(client.get("/api/v1/me", headers=parent["headers"]), 401)


def test_expired_token_is_a_401(client, app):
    parent = make_parent(client)
    from parent_app.accounts.tokens import hash_token
    from parent_app.extensions import db
    from parent_app.models import ApiToken

    with app.app_context():
        token = db.session.scalar(
            select(ApiToken).where(ApiToken.token_hash == hash_token(parent["token"]))
        )
        token.expires_at = datetime.now(UTC) - timedelta(seconds=1)
        db.session.commit()
    assert_error(client.get("/api/v1/me", headers=parent["headers"]), 401)


def test_tokens_and_passwords_are_not_stored_in_clear(client, app):
    parent = make_parent(client)
    from parent_app.extensions import db
    from parent_app.models import ApiToken, User

    with app.app_context():
        user = db.session.get(User, parent["user"]["id"])
        assert PASSWORD not in user.password_hash and user.password_hash.startswith(
            "$argon2id$"
        )
        hashes = db.session.scalars(select(ApiToken.token_hash)).all()
        assert parent["token"] not in hashes


def test_tokens_expire_after_the_configured_lifetime(client, app):
    before = datetime.now(UTC)
    response = client.post(
        "/api/v1/auth/login",
        json={"email": make_parent(client)["email"], "password": PASSWORD},
    )
    expires_at = datetime.fromisoformat(
        response.get_json()["expires_at"].replace("Z", "+00:00")
    )
    lifetime = timedelta(days=app.config["TOKEN_LIFETIME_DAYS"])
    assert before + lifetime <= expires_at <= datetime.now(UTC) + lifetime
    from parent_app.accounts.tokens import authenticate_token

    with app.app_context():
        token = response.get_json()["token"]
        assert (
            authenticate_token(token, now=expires_at - timedelta(seconds=1)) is not None
        )
        assert authenticate_token(token, now=expires_at) is None


def test_logout_revokes_only_that_token(client):
    parent = make_parent(client)
    other = client.post(
        "/api/v1/auth/login", json={"email": parent["email"], "password": PASSWORD}
    )
    second = bearer(other.get_json()["token"])
    assert client.post("/api/v1/auth/logout", headers=second).status_code == 204
    assert_error(client.get("/api/v1/me", headers=second), 401)
    assert_error(client.post("/api/v1/auth/logout", headers=second), 401)
    assert client.get("/api/v1/me", headers=parent["headers"]).status_code == 200


def test_register_is_rate_limited_in_the_one_shape(client, app):
    app.config["RATELIMIT_AUTH"] = "2 per minute"
    try:
        for n in range(2):
            make_parent(client, email=f"limit{n}@example.org")
        response = client.post(
            "/api/v1/auth/register",
            json={
                "email": "limit9@example.org",
                "password": PASSWORD,
                "role": "partner",
                "area": "dorset",
            },
        )
        assert_error(response, 429, "rate_limited")
        assert "Retry-After" in response.headers
    finally:
        app.config["RATELIMIT_AUTH"] = "10000 per minute"


def test_an_email_with_spaces_or_a_new_case_is_the_same_account_at_login(client):
    make_parent(client, email="case@example.org")
    response = client.post(
        "/api/v1/auth/login",
        json={"email": "  CASE@Example.org ", "password": PASSWORD},
    )
    assert response.status_code == 200


def test_login_returns_the_user_as_register_does(client):
    parent = make_parent(client, email="same@example.org")
    response = client.post(
        "/api/v1/auth/login", json={"email": "same@example.org", "password": PASSWORD}
    )
    body = response.get_json()
    assert set(body) == {"user", "token", "expires_at"}
    assert body["user"] == parent["user"]


def test_role_messages_use_the_right_article(client, app):
    from tests.factories import make_staff

    parent = make_parent(client)
    staff = make_staff(app, client, role="author")
    refused = client.get("/api/v1/staff/articles", headers=parent["headers"])
    message = assert_error(refused, 403)["message"]
    assert "an author" in message and "a author" not in message
    assert "an editor" in message
    parent_only = client.get("/api/v1/babies", headers=staff["headers"])
    assert "a birthing parent or a partner" in assert_error(parent_only, 403)["message"]


def test_one_parents_mistyped_passwords_never_lock_out_the_other(client, app):
    make_parent(client, email="mum@example.org")
    make_parent(client, email="dad@example.org", role="partner")
    limits = {
        "RATELIMIT_AUTH": "3 per minute",
        "RATELIMIT_LOGIN_ACCOUNT": "3 per minute",
        "RATELIMIT_LOGIN_ADDRESS": "100 per minute",
    }
    saved = {key: app.config[key] for key in limits}
    app.config.update(limits)
    try:
        for _ in range(3):
            wrong = client.post(
                "/api/v1/auth/login",
                json={"email": "mum@example.org", "password": "not it"},
            )
            assert wrong.status_code == 401
        # The same home address: the other parent signs in, more than once.
        for _ in range(4):
            dad = client.post(
                "/api/v1/auth/login",
                json={"email": "dad@example.org", "password": PASSWORD},
            )
            assert dad.status_code == 200, dad.get_json()
        # The account that was guessed at waits, even with the right password.
        mum = client.post(
            "/api/v1/auth/login",
            json={"email": "MUM@example.org", "password": PASSWORD},
        )
        assert_error(mum, 429, "rate_limited")
    finally:
        app.config.update(saved)
