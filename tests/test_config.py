"""Configuration: production refuses to start incomplete; development makes its own
secrets."""

import json

import pytest

from config import (
    DevelopmentConfig,
    ProductionConfig,
    normalise_database_url,
    select_config,
)


def test_production_refuses_to_start_without_its_settings(monkeypatch):
    from parent_app import create_app

    names = (
        "DATABASE_URL",
        "SECRET_KEY",
        "VAPID_PRIVATE_KEY",
        "VAPID_PUBLIC_KEY",
        "MAIL_URL",
        "PUBLIC_BASE_URL",
    )
    for name in names:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(RuntimeError) as info:
        create_app(ProductionConfig)
    message = str(info.value)
    for name in names:
        assert name in message


def test_production_starts_with_everything_set(monkeypatch, tmp_path):
    from parent_app import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/prod.sqlite3")
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("VAPID_PRIVATE_KEY", "k")
    monkeypatch.setenv("VAPID_PUBLIC_KEY", "p")
    monkeypatch.setenv("MAIL_URL", "smtp://app:pw@mail.example:587")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://app.familyhubs.example")
    app = create_app(ProductionConfig)
    assert app.config["SECRET_KEY"] == "s" * 40


def test_development_generates_secrets_once(tmp_path, monkeypatch):
    from parent_app.secrets import ensure_development_secrets

    first: dict = {}
    ensure_development_secrets(first, str(tmp_path))
    second: dict = {}
    ensure_development_secrets(second, str(tmp_path))
    assert (
        first == second and first["SECRET_KEY"] and len(first["VAPID_PUBLIC_KEY"]) == 87
    )
    assert (
        json.loads((tmp_path / "secrets.json").read_text())["SECRET_KEY"]
        == first["SECRET_KEY"]
    )
    assert (tmp_path / "secrets.json").stat().st_mode & 0o077 == 0


def test_postgres_urls_use_psycopg_3():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_unknown_config_name_is_refused(monkeypatch):
    monkeypatch.setenv("PARENT_APP_CONFIG", "staging")
    with pytest.raises(RuntimeError):
        select_config()
    monkeypatch.setenv("PARENT_APP_CONFIG", "development")
    assert select_config() is DevelopmentConfig


@pytest.mark.parametrize(("proxies", "seen"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_rate_limits_see_the_client_behind_a_trusted_proxy(
    monkeypatch, tmp_path, proxies, seen
):
    """Behind a reverse proxy every request comes from the proxy: without
    TRUSTED_PROXY_COUNT all parents would share one login limit."""
    from flask_limiter.util import get_remote_address

    from parent_app import create_app

    monkeypatch.setenv("TRUSTED_PROXY_COUNT", str(proxies))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/proxy.sqlite3"})
    app.add_url_rule("/whoami", "whoami", lambda: get_remote_address())
    response = app.test_client().get(
        "/whoami", headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert response.get_data(as_text=True) == seen
    from parent_app.extensions import db

    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("name", ["RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION"])
def test_a_limit_for_every_request_is_refused_not_ignored(tmp_path, name):
    """Limits are checked where they are written, on the views; one meant for every
    request would never be counted, so the app refuses to start with it."""
    from parent_app import create_app

    with pytest.raises(RuntimeError, match=name):
        create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/limits.sqlite3",
                name: "100 per minute",
            }
        )
