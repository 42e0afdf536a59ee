"""Pooled connections are pinged before use only after being idle, and a dead idle one
is replaced instead of failing the request."""

from sqlalchemy import create_engine, text

from parent_app.database import install_idle_ping


def _engine(tmp_path, idle_seconds):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{tmp_path}/pool.sqlite3", pool_size=1)
    install_idle_ping(engine, idle_seconds=idle_seconds)
    return engine


def _dbapi_connection(engine):  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        return conn.connection.dbapi_connection


def test_a_connection_in_steady_use_is_not_pinged(tmp_path, monkeypatch):
    engine = _engine(tmp_path, idle_seconds=3600)
    first = _dbapi_connection(engine)
    pings = []
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or True)
    assert _dbapi_connection(engine) is first
    assert pings == []


def test_an_idle_connection_that_died_is_replaced(tmp_path, monkeypatch):
    engine = _engine(tmp_path, idle_seconds=0)
    first = _dbapi_connection(engine)
    pings = []

    def dead(connection):  # type: ignore[no-untyped-def]
        pings.append(connection)
        return connection is not first

    monkeypatch.setattr(engine.dialect, "do_ping", dead)
    second = _dbapi_connection(engine)
    assert pings[0] is first
    assert second is not first
