"""Sign-in costs the same argon2 work whether or not the email has an account."""

from collections import Counter

import pytest
from argon2 import PasswordHasher

from tests.factories import make_parent


@pytest.fixture
def argon2_calls(monkeypatch):
    calls: Counter[str] = Counter()
    real_hash, real_verify = PasswordHasher.hash, PasswordHasher.verify

    def counting_hash(self, *args, **kwargs):
        calls["hash"] += 1
        return real_hash(self, *args, **kwargs)

    def counting_verify(self, *args, **kwargs):
        calls["verify"] += 1
        return real_verify(self, *args, **kwargs)

    monkeypatch.setattr(PasswordHasher, "hash", counting_hash)
    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    return calls


def _login(client, email):
    response = client.post(
        "/api/v1/auth/login", json={"email": email, "password": "wrong password 1"}
    )
    assert response.status_code == 401
    return response


def test_unknown_email_and_wrong_password_each_cost_one_verification(
    client, argon2_calls
):
    make_parent(client, email="known@example.org")
    _login(client, "warm-up@example.org")  # the dummy hash is made once per process
    for path, email in [
        ("unknown", "nobody@example.org"),
        ("known", "known@example.org"),
        ("unknown", "someone-else@example.org"),
    ]:
        argon2_calls.clear()
        _login(client, email)
        assert argon2_calls == {"verify": 1}, path
