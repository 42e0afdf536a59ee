"""Fixtures: one app and schema per session (built by the migrations), a clean database
per test, a client, and helpers that register real users."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import text

from config import TestingConfig


def database_url(tmp_dir: str) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        from config import normalise_database_url

        return normalise_database_url(url)
    return f"sqlite:///{tmp_dir}/test.sqlite3"


def reset_schema(app: Flask) -> None:
    """Build the schema from the migrations on an empty database."""
    from flask_migrate import upgrade

    from parent_app.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as conn:
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from parent_app import create_app

    tmp = tmp_path_factory.mktemp("db")
    app = create_app(
        {
            "BASE_CONFIG": TestingConfig,
            "SQLALCHEMY_DATABASE_URI": database_url(str(tmp)),
            "RATELIMIT_AUTH": "10000 per minute",
            "RATELIMIT_LOGIN_ACCOUNT": "10000 per minute",
            "RATELIMIT_LOGIN_ADDRESS": "10000 per minute",
            "VAPID_SUBJECT": "mailto:test@example.org",
            "MAIL_DIR": str(tmp / "mail"),
        }
    )
    from parent_app.secrets import generate_vapid_keys

    app.config["VAPID_PRIVATE_KEY"], app.config["VAPID_PUBLIC_KEY"] = (
        generate_vapid_keys()
    )
    reset_schema(app)
    yield app
    from parent_app.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _clean(app: Flask) -> None:
    from parent_app.accounts.areas import load_areas
    from parent_app.extensions import db, limiter
    from parent_app.milestones.vocabulary import load_milestones
    from parent_app.models.versions import clear_caches

    with app.app_context():
        db.session.remove()
        tables = list(reversed(db.metadata.sorted_tables))
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                names = ", ".join(f'"{t.name}"' for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
        load_areas()
        load_milestones()
        db.session.commit()
        limiter.reset()
        clear_caches()


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    _clean(app)
    yield
    from parent_app.extensions import db

    with app.app_context():
        db.session.remove()


@pytest.fixture
def client(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield


@pytest.fixture
def smtp_server(app: Flask, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A real local SMTP server the app sends to (MAIL_URL points at it)."""
    from tests.support.smtp_server import start_smtp_server

    server = start_smtp_server()
    monkeypatch.setitem(app.config, "MAIL_URL", f"smtp+plain://127.0.0.1:{server.port}")
    yield server
    server.stop()
