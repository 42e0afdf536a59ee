"""Configuration classes; the environment is read only when a class is selected."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

DEFAULT_PUSH_SERVICE_ALLOWLIST = ",".join(
    [
        "fcm.googleapis.com",
        "*.push.services.mozilla.com",
        "updates.push.services.mozilla.com",
        "*.push.apple.com",
        "*.notify.windows.com",
    ]
)


class Config:
    """Shared defaults. No secrets live here."""

    # No ping on every checkout (a round trip per request): parent_app.database pings
    # only connections idle for a while (install_idle_ping).
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, object] = {"pool_pre_ping": False}
    MAX_CONTENT_LENGTH = 256 * 1024
    API_TITLE = "First 1001 Days parent app"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    # No ReDoc page: it only loads from a CDN. Swagger UI is the one docs page.
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    # Swagger UI's files come from the pinned swagger-ui-bundle package, served by the
    # app itself (api/docs_assets.py), so /api/v1/docs works offline.
    OPENAPI_SWAGGER_UI_URL = "/api/v1/docs/assets/"
    TOKEN_LIFETIME_DAYS = 30
    # A worker writes the last uses it noted (to the minute) together, at most this
    # often: a write per parent and minute slowed the slowest reads under load.
    LAST_USE_WRITE_SECONDS = 15
    INVITE_LIFETIME_DAYS = 7
    RETENTION_GRACE_DAYS = 90
    # argon2id at the library's RFC 9106 "low memory" profile; tests use a cheap one.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_AUTH = "10 per minute;100 per hour"
    # Sign-in: failed attempts per account, and all attempts per address (looser: a
    # family shares one home address).
    RATELIMIT_LOGIN_ACCOUNT = "10 per minute;50 per hour"
    RATELIMIT_LOGIN_ADDRESS = "60 per minute;600 per hour"
    RATELIMIT_HEADERS_ENABLED = True
    # How many reverse proxies in front of the app set X-Forwarded-For; rate limits key
    # on the client address, so behind a proxy this must be set or everyone shares one
    # limit.
    TRUSTED_PROXY_COUNT = 0
    PUSH_SERVICE_ALLOWLIST = DEFAULT_PUSH_SERVICE_ALLOWLIST
    PUSH_CA_BUNDLE: str | None = None
    PUSH_CONCURRENCY = 128
    PUSH_TIMEOUT_SECONDS = 10.0
    PUSH_MAX_ATTEMPTS = 8
    # Pushes in flight per sender, each window's outcomes written before the next.
    PUSH_SEND_WINDOW = 64
    # How long a claimed batch is a sender's own; renewed while it works.
    PUSH_CLAIM_LEASE_SECONDS = 30
    SEND_BATCH_SIZE = 1000
    # Web pages: a signed session cookie holding an accounts token (so sessions are
    # revocable like API tokens). The JSON API uses bearer tokens and needs no CSRF
    # check; the web blueprints check every POST themselves.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = None
    STAFF_IDLE_MINUTES = 30
    PARENT_IDLE_DAYS = 30
    HSTS_SECONDS = 0
    DEFAULT_REMINDER_TIME = "10:00"
    DEFAULT_TIMEZONE = "Europe/London"
    SECRET_KEY: str | None = None
    VAPID_PRIVATE_KEY: str | None = None
    VAPID_PUBLIC_KEY: str | None = None
    VAPID_SUBJECT = "mailto:digital@familyhubs.example"
    # Mail: MAIL_URL is smtp://user:pass@host:587 (STARTTLS) or smtps://…:465 (TLS).
    # Without it, development writes each message to MAIL_DIR as an .eml file.
    MAIL_URL: str | None = None
    MAIL_FROM = "First 1001 Days <no-reply@familyhubs.example>"
    MAIL_DIR: str | None = None
    MAIL_TIMEOUT_SECONDS = 20.0
    MAIL_MAX_ATTEMPTS = 8
    MAIL_BATCH_SIZE = 100
    # Links in mails start with this (never the request's Host header, which a client
    # sets: a reset link must not point at someone else's site).
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"
    VERIFY_EMAIL_HOURS = 72
    RESET_PASSWORD_MINUTES = 60
    # Reset mails one address may get in an hour (the rest are dropped silently, so
    # nobody can flood someone's inbox); per client, RATELIMIT_RESET_REQUESTS.
    RESETS_PER_ADDRESS_PER_HOUR = 3
    RATELIMIT_RESET_REQUESTS = "5 per 15 minutes;20 per day"
    # Where "Leave this site" goes: a page anyone might be reading, nothing about help.
    QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
    # The read board (parent_app/models/board.py): counters in a file every process on
    # this host maps, so cached reads need no database round trip. A deployment on
    # more than one host must turn it off (README, Reads); then every read asks the
    # database. The path defaults to instance/read-board.
    READ_BOARD = True
    READ_BOARD_PATH = ""
    READ_BOARD_SLOTS = 65_536

    @classmethod
    def from_environment(cls) -> dict[str, object]:
        """The settings the environment overrides for this class."""
        env = os.environ
        values: dict[str, object] = {}
        for name in (
            "SECRET_KEY",
            "VAPID_PRIVATE_KEY",
            "VAPID_PUBLIC_KEY",
            "VAPID_SUBJECT",
            "PUSH_SERVICE_ALLOWLIST",
            "PUSH_CA_BUNDLE",
            "RATELIMIT_STORAGE_URI",
            "MAIL_URL",
            "MAIL_FROM",
            "PUBLIC_BASE_URL",
        ):
            if env.get(name):
                values[name] = env[name]
        if env.get("READ_BOARD"):
            values["READ_BOARD"] = env["READ_BOARD"].strip().lower() not in (
                "0",
                "false",
                "no",
                "off",
            )
        if env.get("READ_BOARD_PATH"):
            values["READ_BOARD_PATH"] = env["READ_BOARD_PATH"]
        if env.get("TRUSTED_PROXY_COUNT"):
            values["TRUSTED_PROXY_COUNT"] = int(env["TRUSTED_PROXY_COUNT"])
        if env.get("RETENTION_GRACE_DAYS"):
            values["RETENTION_GRACE_DAYS"] = int(env["RETENTION_GRACE_DAYS"])
        if env.get("DATABASE_URL"):
            values["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
                env["DATABASE_URL"]
            )
        return values


class DevelopmentConfig(Config):
    """A SQLite file in instance/; missing secrets are generated there on first
    start."""

    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'parent_app.sqlite3'}"
    GENERATE_MISSING_SECRETS = True
    MAIL_DIR = str(INSTANCE_DIR / "mail")


class TestingConfig(Config):
    """TEST_DATABASE_URL or a throwaway SQLite file; a cheap KDF."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 - test-only, never used outside TESTING
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    # Tests read a last use as soon as the request that made it has ended.
    LAST_USE_WRITE_SECONDS = 0
    RATELIMIT_ENABLED = True
    GENERATE_MISSING_SECRETS = False
    MAIL_DIR = str(Path(tempfile.gettempdir()) / "parent_app_test_mail")
    # Each test process its own board, so test runs side by side do not share one.
    READ_BOARD_PATH = str(
        Path(tempfile.gettempdir()) / f"parent_app_test_board_{os.getpid()}"
    )

    @classmethod
    def from_environment(cls) -> dict[str, object]:
        values = super().from_environment()
        values.pop("SQLALCHEMY_DATABASE_URI", None)
        if os.environ.get("TEST_DATABASE_URL"):
            values["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
                os.environ["TEST_DATABASE_URL"]
            )
        return values


class ProductionConfig(Config):
    """Refuses to start without a database, a secret key, VAPID keys, a mail server
    and the public address that links in mails use."""

    GENERATE_MISSING_SECRETS = False
    SESSION_COOKIE_SECURE = True
    HSTS_SECONDS = 31536000
    PUBLIC_BASE_URL = ""
    REQUIRED = (
        "SQLALCHEMY_DATABASE_URI",
        "SECRET_KEY",
        "VAPID_PRIVATE_KEY",
        "VAPID_PUBLIC_KEY",
        "MAIL_URL",
        "PUBLIC_BASE_URL",
    )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for postgres:// and postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def select_config() -> type[Config]:
    """The class named by PARENT_APP_CONFIG (development by default)."""
    name = os.environ.get("PARENT_APP_CONFIG", "development").strip().lower()
    if name not in CONFIGS:
        raise RuntimeError(
            f"PARENT_APP_CONFIG={name!r} is not one of {', '.join(CONFIGS)}"
        )
    return CONFIGS[name]
