"""The First 1001 Days parent app: create_app builds a configured Flask app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(config: Any = None) -> Flask:
    """Build the app from a config class, an instance or a mapping (default:
    environment)."""
    app = Flask(__name__, instance_path=_instance_path())
    _load_config(app, config)
    _validate_config(app)
    _trust_proxies(app)
    _init_extensions(app)
    _register_content_kinds()
    _register_personal_data()
    _register_api(app)
    _register_web(app)
    _register_commands(app)
    _configure_logging(app)
    return app


def _trust_proxies(app: Flask) -> None:
    count = int(app.config.get("TRUSTED_PROXY_COUNT") or 0)
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]


def _instance_path() -> str:
    from config import INSTANCE_DIR

    return str(INSTANCE_DIR)


def _load_config(app: Flask, config: Any) -> None:
    from config import select_config

    if config is None:
        config = select_config()
    if isinstance(config, Mapping):
        from config import TestingConfig

        base = config.get("BASE_CONFIG", TestingConfig)
        app.config.from_object(base)
        app.config.update(base.from_environment())
        app.config.update(config)
        return
    app.config.from_object(config)
    if hasattr(config, "from_environment"):
        app.config.update(config.from_environment())


def _validate_config(app: Flask) -> None:
    from parent_app.secrets import ensure_development_secrets

    if app.config.get("GENERATE_MISSING_SECRETS"):
        ensure_development_secrets(app.config, app.instance_path)
    required = app.config.get("REQUIRED", ())
    missing = [name for name in required if not app.config.get(name)]
    if missing:
        env_names = [
            "DATABASE_URL" if m == "SQLALCHEMY_DATABASE_URI" else m for m in missing
        ]
        raise RuntimeError(
            "Production configuration is incomplete: set "
            + ", ".join(env_names)
            + " in the environment (see README, Configuration)."
        )
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        import tempfile

        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{tempfile.gettempdir()}/parent_app_test.sqlite3"
        )
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")


def _init_extensions(app: Flask) -> None:
    from parent_app import models  # noqa: F401 - every table registered before use
    from parent_app.database import install_idle_ping, install_sqlite_pragmas
    from parent_app.extensions import db, limiter, migrate

    db.init_app(app)
    from parent_app.models.versions import forget_versions

    app.before_request(forget_versions)
    _init_read_board(app)
    with app.app_context():
        install_sqlite_pragmas(db.engine)
        if not app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("pool_pre_ping"):
            install_idle_ping(db.engine)
    migrate.init_app(app, db, directory=_migrations_dir())
    limiter.init_app(app)
    # The safety net behind the family timeline: every flush that changes what planning
    # reads about a family queues it for a whole re-plan.
    from parent_app.nudges.replans import install_replan_queue

    install_replan_queue()


def _init_read_board(app: Flask) -> None:
    """Map this host's read board (unless READ_BOARD is off) and let every write move
    it; readers find it in app.extensions["read_board"]."""
    if not app.config.get("READ_BOARD", True):
        return
    import os

    from parent_app.extensions import db
    from parent_app.models.board import DEFAULT_SLOTS, ReadBoard
    from parent_app.models.board_writes import install_board

    path = app.config.get("READ_BOARD_PATH") or os.path.join(
        app.instance_path, "read-board"
    )
    board = ReadBoard(path, int(app.config.get("READ_BOARD_SLOTS") or DEFAULT_SLOTS))
    app.extensions["read_board"] = board
    with app.app_context():
        install_board(db.engine, board)


def _migrations_dir() -> str:
    from config import BASE_DIR

    return str(BASE_DIR / "migrations")


def _register_content_kinds() -> None:
    """The content lifecycle serves these kinds (each defined beside its live table)."""
    from parent_app.content.articles import ARTICLE_KIND
    from parent_app.content.kinds import register_kind
    from parent_app.courses.kind import COURSE_KIND
    from parent_app.courses.location_kind import LOCATION_KIND
    from parent_app.nudges.rules import NUDGE_RULE_KIND

    for kind in (ARTICLE_KIND, NUDGE_RULE_KIND, LOCATION_KIND, COURSE_KIND):
        register_kind(kind)


def _register_personal_data() -> None:
    """The tables export and erase walk, each declared beside its model."""
    from parent_app.courses.bookings import PERSONAL_DATA as bookings
    from parent_app.families.invites import PERSONAL_DATA as family_invites
    from parent_app.finance.review import PERSONAL_DATA as finance_actions
    from parent_app.milestones.marks import PERSONAL_DATA as milestones
    from parent_app.privacy.export_erase import CORE_PERSONAL_DATA
    from parent_app.privacy.registry import register

    register(*CORE_PERSONAL_DATA, finance_actions, family_invites, bookings, milestones)


def _register_api(app: Flask) -> None:
    from parent_app.api import init_api

    init_api(app)


def _register_web(app: Flask) -> None:
    from parent_app.api import api
    from parent_app.web import init_web, render_error_page

    init_web(app)
    api.page_error_renderer = render_error_page


def _register_commands(app: Flask) -> None:
    from parent_app.cli import register_commands

    register_commands(app)


def _configure_logging(app: Flask) -> None:
    import logging

    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
