"""Dialect-specific database setup, kept in one place."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

# A pooled connection unused for longer than this is checked with a ping before use.
IDLE_PING_SECONDS = 10.0


def install_sqlite_pragmas(engine: Engine) -> None:
    """SQLite: enforce foreign keys (cascading erase needs them) and wait on locks."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def install_idle_ping(engine: Engine, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    """Ping a pooled connection before use only when it has been idle for a while.

    `pool_pre_ping` pings on every checkout: a database round trip on every request,
    as many as the query a cached read needs. A connection used in the last
    `idle_seconds` was alive then; one idle for longer (a quiet night, a database
    restart or failover while nobody asked) is pinged, and replaced if dead. The one
    case left: the database restarts within those seconds of a connection's last use.
    That request fails (a 500), and SQLAlchemy then drops every pooled connection made
    before the failure, so the next requests connect afresh."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError("idle connection is gone") from error
        if not alive:
            raise exc.DisconnectionError("idle connection is gone")


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
