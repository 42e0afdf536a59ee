"""New passwords: common and breached ones, the email itself and only spaces are
refused with a 422 on `password`; a long uncommon phrase is accepted."""

import pytest

from parent_app.accounts.password_policy import password_problem
from tests.factories import PASSWORD, assert_error


def _register(client, email, password):
    return client.post(
        "/api/v1/auth/register",
        json={
            "email": email,
            "password": password,
            "role": "partner",
            "area": "dorset",
        },
    )


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("password12", "most used"),
        ("1q2w3e4r5t", "most used"),
        ("qwertyuiop", "most used"),
        ("Password123!", "most used"),
        ("sunshine2024", "most used"),
        ("          ", "only spaces"),
        ("\t\t\t\t\t     ", "only spaces"),
        ("dad@example.org", "email"),
        (" DAD@example.ORG ", "email"),
    ],
)
def test_weak_passwords_are_refused_and_nothing_is_created(client, password, why):
    response = _register(client, "dad@example.org", password)
    body = assert_error(response, 422, "validation_failed")
    (message,) = body["fields"]["password"]
    assert why in message.replace("email address", "email")
    login = client.post(
        "/api/v1/auth/login", json={"email": "dad@example.org", "password": password}
    )
    assert login.status_code == 401


def test_a_long_uncommon_phrase_is_accepted(client):
    assert _register(client, "mum@example.org", PASSWORD).status_code == 201
    assert _register(
        client, "gran@example.org", "kettle orbit lantern"
    ).status_code == (201)


def test_a_password_longer_than_the_scored_part_is_judged_by_its_start():
    assert password_problem("password" * 20, email="a@example.org") is not None
    assert password_problem("kettle orbit lantern " * 10, email="a@example.org") is None


def test_staff_accounts_follow_the_same_rules(app):
    from parent_app.accounts.users import create_staff
    from parent_app.errors import ValidationFailed

    with app.app_context(), pytest.raises(ValidationFailed) as refused:
        create_staff(
            email="ed@hub.example",
            password="letmein12345",
            role="editor",
            area_ids=["dorset"],
        )
    assert "password" in refused.value.fields
